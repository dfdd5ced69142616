//! What a formatter never edits (SPEC §7, issue 15 item 4): front matter,
//! code, raw HTML and comments, Liquid tags (`{% … %}`, `{{ … }}`), math
//! (`$…$`, `$$…$$`) and the targets of reference and footnote
//! definitions.
//!
//! Two views of the same promise:
//! - [`Protected::spans`] and [`Protected::blocks`]: where an edit needs a
//!   closer look (it overlaps one, or inserts strictly inside one). Such an
//!   edit is allowed only if the literals below stay the same: a paragraph
//!   rewrapped around a code span keeps the span, a list re-indented moves
//!   its code block's lines without changing the code;
//! - [`Protected::literals`]: the content of every protected thing as the
//!   renderer reads it (a code block's literal without its container's
//!   indentation), in page order. Two pages whose literals differ did not
//!   keep their code, HTML, Liquid or math.
//!
//! Liquid and math are found by a scan of the text, not by the Markdown
//! parser (neither is Markdown): a false match protects a little more
//! than needed, which costs a formatting change and never a page.

use std::ops::Range;

use comrak::nodes::NodeValue;
use comrak::{Arena, parse_document};

use super::Document;
use super::front_matter;
use super::parse::comrak_options;

/// Longest Liquid tag or display math span looked for, in bytes.
const MAX_SPAN: usize = 4096;

/// The protected parts of one page.
#[derive(Debug, Default, Clone)]
pub struct Protected {
    /// Sorted by start; may overlap.
    pub spans: Vec<Range<usize>>,
    /// Code block contents and HTML blocks: an edit here must leave their
    /// [`literals`] as they were (re-indenting a list moves their lines).
    pub blocks: Vec<Range<usize>>,
}

impl Protected {
    pub fn of(doc: &Document<'_>) -> Protected {
        let text = doc.text;
        let mut spans: Vec<Range<usize>> = Vec::new();
        if let Some(fm) = &doc.front_matter {
            spans.push(fm.range.clone());
        }
        for c in doc.code.iter().filter(|c| !c.block) {
            spans.push(c.content.clone());
        }
        for h in doc.html.iter().filter(|h| !h.block) {
            spans.push(h.range.clone());
        }
        for d in &doc.definitions {
            spans.push(d.dest.clone());
            if let Some(t) = &d.title {
                spans.push(t.clone());
            }
        }
        // Liquid and math outside code blocks (inside them the code is
        // the code's, kept by the literals).
        for r in liquid(text).into_iter().chain(math(text)) {
            if !doc.in_code_block(r.start) {
                spans.push(r);
            }
        }
        spans.sort_by_key(|r| (r.start, r.end));
        let mut blocks: Vec<Range<usize>> = doc
            .code
            .iter()
            .filter(|c| c.block)
            .map(|c| c.content.clone())
            .chain(doc.html.iter().filter(|h| h.block).map(|h| h.range.clone()))
            .collect();
        blocks.sort_by_key(|r| (r.start, r.end));
        Protected { spans, blocks }
    }

    /// Does the edit of `range` touch a code or HTML block's content?
    pub fn in_block(&self, range: &Range<usize>) -> bool {
        self.blocks.iter().any(|s| overlaps(s, range))
    }

    /// The first protected span that `edit` (replacing `range`) would
    /// change: an overlap, or an insertion strictly inside.
    pub fn hit(&self, range: &Range<usize>) -> Option<&Range<usize>> {
        self.spans.iter().find(|s| overlaps(s, range))
    }
}

/// An overlap, or an insertion strictly inside `span`.
fn overlaps(span: &Range<usize>, range: &Range<usize>) -> bool {
    if range.is_empty() {
        span.start < range.start && range.start < span.end
    } else {
        range.start < span.end && span.start < range.end
    }
}

/// One protected thing's content, for [`literals`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    pub what: &'static str,
    pub text: String,
}

/// The content of everything protected, in page order: front matter
/// bytes, code (blocks and spans) and raw HTML as comrak reads them, Liquid
/// tags and math as written, definitions' destinations and titles.
pub fn literals(text: &str) -> Vec<Literal> {
    let mut out = Vec::new();
    if let Some((_, r)) = front_matter::detect(text) {
        // Its last line ending is where it ends (a page of front matter
        // alone may have none; MD047 adds it).
        out.push(Literal {
            what: "front matter",
            text: block_text(&text[r]),
        });
    }
    out.extend(block_literals(text));
    let doc = Document::parse(text);
    for d in &doc.definitions {
        out.push(Literal {
            what: "definition target",
            text: text[d.dest.clone()].to_string(),
        });
        if let Some(t) = &d.title {
            out.push(Literal {
                what: "definition title",
                text: text[t.clone()].to_string(),
            });
        }
    }
    for r in liquid(text) {
        out.push(Literal {
            what: "Liquid tag",
            text: text[r].to_string(),
        });
    }
    for r in math(text) {
        out.push(Literal {
            what: "math",
            text: text[r].to_string(),
        });
    }
    out
}

fn block_text(literal: &str) -> String {
    literal
        .strip_suffix('\n')
        .map_or(literal, |l| l.strip_suffix('\r').unwrap_or(l))
        .to_string()
}

/// Code (blocks and spans) and raw HTML (blocks and inline) as comrak
/// reads them, in page order: what an edit inside a block must keep.
pub fn block_literals(text: &str) -> Vec<Literal> {
    let mut out = Vec::new();
    let masked = front_matter::mask(text);
    let arena = Arena::new();
    let root = parse_document(&arena, &masked, &comrak_options());
    for node in root.descendants() {
        let lit = match &node.data.borrow().value {
            // A block's last line ending is where the block ends, not
            // content (a page's last block may have none).
            NodeValue::CodeBlock(c) => Some(("code block", block_text(&c.literal))),
            NodeValue::HtmlBlock(h) => Some(("HTML block", block_text(&h.literal))),
            NodeValue::Code(c) => Some(("code span", c.literal.clone())),
            NodeValue::HtmlInline(h) => Some(("inline HTML", h.clone())),
            _ => None,
        };
        if let Some((what, text)) = lit {
            out.push(Literal { what, text });
        }
    }
    out
}

/// Liquid tags and outputs: `{% … %}` and `{{ … }}`, each up to its first
/// closer (within [`MAX_SPAN`] bytes).
pub fn liquid(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'{' && (b[i + 1] == b'%' || b[i + 1] == b'{') {
            let close: &[u8] = if b[i + 1] == b'%' { b"%}" } else { b"}}" };
            let end = (i + MAX_SPAN).min(b.len());
            if let Some(k) = b[i + 2..end].windows(2).position(|w| w == close) {
                let stop = i + 2 + k + 2;
                out.push(i..stop);
                i = stop;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Math: `$$ … $$` (may span lines) and inline `$…$` on one line, by
/// pandoc's rule (the opening `$` has a non-space right after it, the
/// closing one a non-space right before it and no digit after it). `\$` is
/// a dollar sign.
pub fn math(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let escaped = |k: usize| {
        let mut n = 0;
        while k > n && b[k - n - 1] == b'\\' {
            n += 1;
        }
        n % 2 == 1
    };
    while i < b.len() {
        if b[i] != b'$' || escaped(i) {
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&b'$') {
            let end = (i + MAX_SPAN).min(b.len());
            if let Some(k) = b[i + 2..end].windows(2).position(|w| w == b"$$") {
                let stop = i + 2 + k + 2;
                out.push(i..stop);
                i = stop;
                continue;
            }
            i += 2;
            continue;
        }
        let opens = b.get(i + 1).is_some_and(|c| !c.is_ascii_whitespace());
        if opens {
            let line_end = b[i + 1..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |p| i + 1 + p);
            let mut k = i + 1;
            let mut found = None;
            while k < line_end {
                if b[k] == b'$'
                    && !escaped(k)
                    && !b[k - 1].is_ascii_whitespace()
                    && !b.get(k + 1).is_some_and(u8::is_ascii_digit)
                    && k > i + 1
                {
                    found = Some(k);
                    break;
                }
                k += 1;
            }
            if let Some(k) = found {
                out.push(i..k + 1);
                i = k + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, f: fn(&str) -> Vec<Range<usize>>) -> Vec<&str> {
        f(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn liquid_tags_and_outputs() {
        let t = "a {% include x.html a=\"*b*\" %} and {{ page.title | upcase }} {% unclosed\n";
        assert_eq!(
            found(t, liquid),
            vec![
                "{% include x.html a=\"*b*\" %}",
                "{{ page.title | upcase }}"
            ]
        );
    }

    #[test]
    fn math_inline_and_display_by_pandocs_rule() {
        let t = "$a*b*c$ costs $5 and $10, \\$x no.\n\n$$\nx_1 * y_2\n$$\n\nand $ a $\n";
        assert_eq!(found(t, math), vec!["$a*b*c$", "$$\nx_1 * y_2\n$$"]);
    }

    #[test]
    fn spans_cover_front_matter_code_spans_html_and_definition_targets() {
        let t = "---\ntitle: *x*\n---\n\nSee `a_b_` and <span>*x*</span>.\n\n[l]: http://e.org/_a_ \"t\"\n";
        let doc = Document::parse(t);
        let p = Protected::of(&doc);
        let at = |s: &str| t.find(s).unwrap();
        assert!(p.hit(&(at("*x*")..at("*x*") + 1)).is_some());
        assert!(p.hit(&(at("a_b_")..at("a_b_") + 1)).is_some());
        assert!(p.hit(&(at("<span>")..at("<span>") + 1)).is_some());
        assert!(p.hit(&(at("_a_")..at("_a_") + 1)).is_some());
        // Prose is free; an insertion at a span's edge is outside it.
        assert!(p.hit(&(at("See")..at("See") + 3)).is_none());
        assert!(p.hit(&(at("<span>")..at("<span>"))).is_none());
    }

    #[test]
    fn literals_ignore_the_containers_indentation() {
        let a = "- item\n\n      code\n";
        let b = "* item\n\n  ```\n  code\n  ```\n";
        assert_eq!(literals(a), literals(b));
        assert_ne!(literals(a), literals("- item\n\n      code \n"));
    }
}
