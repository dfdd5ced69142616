//! MD013 `line-length`: lines longer than `line_length` characters (80),
//! with markdownlint's exceptions: by default the last word may cross the
//! limit, and lines that are only a link, reference definitions and lines
//! without a space to wrap at (with `stern`) are left alone.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::NodeKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD013",
    name: "line-length",
    group: Group::Md,
    summary: "Line length",
    fixable: Fixable::Never,
    default_enabled: false,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD013"),
};

crate::rule_options! {
    /// Options of MD013 (markdownlint's names and defaults).
    pub struct Md013Options {
        /// Characters allowed on a line (0 or less: the rule checks nothing).
        pub line_length: i64 = 80;
        /// Characters allowed on a heading line (0: `line_length`).
        pub heading_line_length: i64 = 0;
        /// Characters allowed on a line of a code block (0: `line_length`).
        pub code_block_line_length: i64 = 0;
        /// Check lines of code blocks.
        pub code_blocks: bool = true;
        /// Check lines of tables.
        pub tables: bool = true;
        /// Check heading lines.
        pub headings: bool = true;
        /// Report every long line, the last word and link-only lines too.
        pub strict: bool = false;
        /// Like `strict`, except lines without a space to wrap at.
        pub stern: bool = false;
    }
}

pub struct LineLength;

const HEADING: u8 = 1;
const CODE: u8 = 2;
const TABLE: u8 = 4;
const LINK: u8 = 8;

impl Rule for LineLength {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md013Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md013Options>(META.code);
        // markdownlint's `Number(x || line_length)`: 0 means "as lines";
        // a limit of 0 or less checks nothing.
        let or_line = |n: i64| if n == 0 { o.line_length } else { n };
        let limit = |n: i64| usize::try_from(n).unwrap_or(0);
        let line_max = limit(o.line_length);
        let (heading_max, code_max) = (
            limit(or_line(o.heading_line_length)),
            limit(or_line(o.code_block_line_length)),
        );
        let min_max = [line_max, heading_max, code_max]
            .into_iter()
            .filter(|&m| m > 0)
            .min()
            .unwrap_or(usize::MAX);
        let count = doc.lines.line_count();
        // Only lines longer (in bytes) than the smallest limit can be long.
        let long: Vec<usize> = (1..=count)
            .filter(|&l| doc.lines.line_range(doc.text, l).len() > min_max)
            .collect();
        if long.is_empty() {
            return;
        }
        let mut flags = vec![0u8; count + 2];
        let mut mark = |first: usize, last: usize, f: u8| {
            for x in flags.iter_mut().take(last.min(count) + 1).skip(first) {
                *x |= f;
            }
        };
        for n in &doc.outline {
            match n.kind {
                NodeKind::Heading { .. } => mark(n.first_line, n.last_line, HEADING),
                NodeKind::CodeBlock { .. } => mark(n.first_line, n.last_line, CODE),
                NodeKind::Table => mark(n.first_line, n.last_line, TABLE),
                _ => {}
            }
        }
        for l in &doc.links {
            if !doc.in_front_matter(l.range.start) {
                mark(
                    doc.lines.line_of(l.range.start),
                    doc.lines
                        .line_of(l.range.end.saturating_sub(1).max(l.range.start)),
                    LINK,
                );
            }
        }
        for line_no in long {
            let r = doc.lines.line_range(doc.text, line_no);
            if doc.in_front_matter(r.start) {
                continue;
            }
            let line = &doc.text[r.clone()];
            let f = flags[line_no];
            let max = if f & CODE != 0 {
                code_max
            } else if f & HEADING != 0 {
                heading_max
            } else {
                line_max
            };
            if max == 0
                || (!o.code_blocks && f & CODE != 0)
                || (!o.tables && f & TABLE != 0)
                || (!o.headings && f & HEADING != 0)
                || doc.definitions.iter().any(|d| {
                    let end = d.range.end.max(d.dest.end).max(d.range.start + 1);
                    d.range.start < r.end.max(r.start + 1) && r.start < end
                })
            {
                continue;
            }
            if !o.strict {
                if o.stern && not_wrappable(line) {
                    continue;
                }
                if f & LINK != 0 && f & HEADING == 0 && link_only(doc, r.clone()) {
                    continue;
                }
            }
            let len = line.chars().count();
            let measured = if o.strict || o.stern {
                len
            } else {
                // The last word may cross the limit if it starts within it.
                let kept = line.trim_end_matches(|c: char| !c.is_whitespace());
                kept.chars().count() + 1
            };
            // A line of exactly `max` characters whose last character is a
            // space is not reported (markdownlint reports only when the
            // length differs from the limit).
            if measured <= max || len == max {
                continue;
            }
            let start = r.start + line.char_indices().nth(max).map_or(line.len(), |(i, _)| i);
            out.push(Diagnostic::new(
                &META,
                start..r.end,
                format!("line is {len} characters long (at most {max})"),
            ));
        }
    }
}

/// markdownlint's `notWrappableRe`: `^(?:[#>\s]*\s)?\S*$`.
fn not_wrappable(line: &str) -> bool {
    let last_ws = line.rfind(char::is_whitespace);
    match last_ws {
        None => true,
        Some(i) => line[..i]
            .chars()
            .all(|c| c == '#' || c == '>' || c.is_whitespace()),
    }
}

/// Is the text of the line, outside its links, only container markers and
/// whitespace (a line that is one link, or links with nothing between)?
fn link_only(doc: &crate::document::Document<'_>, r: std::ops::Range<usize>) -> bool {
    let mut rest = String::new();
    let mut at = r.start;
    // Links, and inline HTML (a comment after a link), are not text.
    let mut links: Vec<&std::ops::Range<usize>> = doc
        .links
        .iter()
        .map(|l| &l.range)
        .chain(doc.html.iter().filter(|h| !h.block).map(|h| &h.range))
        .filter(|l| l.start < r.end && r.start < l.end)
        .collect();
    links.sort_by_key(|l| l.start);
    for l in links {
        if l.start > at {
            rest.push_str(&doc.text[at..l.start]);
        }
        at = at.max(l.end);
    }
    if at < r.end {
        rest.push_str(&doc.text[at..r.end]);
    }
    // Emphasis and strikethrough delimiters around the links are no text.
    let rest: String = rest
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '~'))
        .collect();
    let t = rest.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    let t = t
        .strip_prefix(['-', '*', '+'])
        .or_else(|| {
            let d = t.bytes().take_while(u8::is_ascii_digit).count();
            (d > 0)
                .then(|| &t[d..])
                .and_then(|x| x.strip_prefix(['.', ')']))
        })
        .unwrap_or(t);
    t.trim().is_empty()
}
