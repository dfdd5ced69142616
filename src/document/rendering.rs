//! The formatter's proof (SPEC §7, issue 15 item 5): a page rendered to
//! HTML by comrak, with the options pagelint parses with, and compared
//! before and after beyond insignificant whitespace.
//!
//! Insignificant whitespace: outside `<pre>`, `<code>`, `<textarea>`,
//! `<script>` and `<style>`, a run of whitespace is one space and
//! whitespace between two tags is none (a browser shows `a⏎b` and `a b`
//! alike; a wrapped line is the same paragraph). Inside those elements
//! every byte counts. Front matter is not rendered; the formatter keeps it
//! byte for byte ([`super::protected`]).

use comrak::nodes::AstNode;
use comrak::{Arena, format_html, parse_document};

use super::front_matter;
use super::parse::comrak_options;

/// Where two renderings first differ: the first top-level block (of the
/// page before) whose HTML is not the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// 1-based line of the block in the page before.
    pub line: usize,
    /// The block's first line, shortened.
    pub excerpt: String,
}

/// The page's HTML, whitespace normalized.
pub fn page_html(text: &str) -> String {
    let masked = front_matter::mask(text);
    let arena = Arena::new();
    let root = parse_document(&arena, &masked, &comrak_options());
    normalize(&html(root))
}

fn html<'a>(node: &'a AstNode<'a>) -> String {
    let mut s = String::new();
    let _ = format_html(node, &comrak_options(), &mut s);
    s
}

/// Do `old` and `new` render the same? If not, the first block that
/// differs.
pub fn compare(old: &str, new: &str) -> Result<(), Difference> {
    if page_html(old) == page_html(new) {
        return Ok(());
    }
    Err(first_difference(old, new))
}

fn first_difference(old: &str, new: &str) -> Difference {
    let (mo, mn) = (front_matter::mask(old), front_matter::mask(new));
    let (ao, an) = (Arena::new(), Arena::new());
    let ro = parse_document(&ao, &mo, &comrak_options());
    let rn = parse_document(&an, &mn, &comrak_options());
    let bo: Vec<_> = ro.children().collect();
    let bn: Vec<_> = rn.children().collect();
    let line_of = |n: &AstNode<'_>| n.data.borrow().sourcepos.start.line;
    let at = bo
        .iter()
        .zip(&bn)
        .position(|(a, b)| normalize(&html(a)) != normalize(&html(b)))
        .unwrap_or(bo.len().min(bn.len()));
    let line = match bo.get(at) {
        Some(n) => line_of(n),
        None => old.lines().count().max(1),
    };
    let first = old.lines().nth(line.saturating_sub(1)).unwrap_or("").trim();
    let mut excerpt: String = first.chars().take(60).collect();
    if first.chars().count() > 60 {
        excerpt.push('…');
    }
    Difference { line, excerpt }
}

/// Elements whose whitespace a reader sees.
const VERBATIM: &[&str] = &["pre", "code", "textarea", "script", "style"];

/// Elements around which whitespace is never shown (block elements and
/// line breaks).
const BLOCK: &[&str] = &[
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Collapse insignificant whitespace (see the module comment).
pub fn normalize(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut space = false;
    // The last thing written was a block tag: whitespace after it is none.
    let mut after_block = true;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' && (depth == 0 || rest.starts_with("</")) {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[..end];
            let name = tag_name(tag);
            let block = BLOCK.contains(&name.as_str());
            if space && !block && !after_block {
                out.push(' ');
            }
            space = false;
            if VERBATIM.contains(&name.as_str()) {
                if tag.starts_with("</") {
                    depth = depth.saturating_sub(1);
                } else if !tag.ends_with("/>") {
                    depth += 1;
                }
            }
            after_block = block;
            out.push_str(tag);
            rest = &rest[end..];
            continue;
        }
        if depth == 0 && c.is_whitespace() {
            space = true;
        } else {
            if space && !after_block {
                out.push(' ');
            }
            space = false;
            after_block = false;
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_and_markers_are_insignificant() {
        assert!(compare("* a\n* b\n", "- a\n- b\n").is_ok());
        assert!(compare("one two\nthree\n", "one\ntwo three\n").is_ok());
        assert!(compare("Title\n=====\n", "# Title\n").is_ok());
        assert!(compare("*a* and __b__\n", "_a_ and **b**\n").is_ok());
    }

    #[test]
    fn code_whitespace_and_structure_count() {
        let d = compare("# T\n\n```\na  b\n```\n", "# T\n\n```\na b\n```\n").unwrap_err();
        assert_eq!(d.line, 3);
        assert_eq!(d.excerpt, "```");
        assert!(compare("a `x  y` b\n", "a `x y` b\n").is_err());
        // Two lists that would merge into one: the page changed.
        let d = compare("text\n\n* a\n\n+ b\n", "text\n\n- a\n\n- b\n").unwrap_err();
        assert_eq!(d.line, 3);
        assert!(compare("a  \nb\n", "a\nb\n").is_err(), "a hard break");
        assert!(
            compare("a *b*\n", "a*b*\n").is_err(),
            "a space between words"
        );
        assert!(compare("a  \nb\n", "a\\\nb\n").is_ok(), "two hard breaks");
    }

    #[test]
    fn front_matter_is_not_rendered() {
        assert!(compare("---\na: 1\n---\n\n# T\n", "---\na: 1\n---\n# T\n").is_ok());
    }
}
