//! MD046 `code-block-style`: code blocks written in another style than
//! the page's: `consistent` (the first block's, the default), `fenced` or
//! `indented`. As in markdownlint.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::Document;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD046",
    name: "code-block-style",
    group: Group::Md,
    summary: "Code block style",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD046"),
};

crate::rule_options! {
    /// Options of MD046 (markdownlint's names and defaults).
    pub struct Md046Options {
        /// Block style: "consistent" (the first block's), "fenced" or "indented".
        pub style: String = "consistent".to_string();
    }
}

pub struct CodeBlockStyle;

/// The line terminator the page uses after `at` (its next one).
fn eol(text: &str, at: usize) -> &'static str {
    match text[at..].find('\n') {
        Some(p) if p > 0 && text.as_bytes()[at + p - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The whole lines from `start` to `end` (terminators excluded).
fn lines(text: &str, start: usize, end: usize) -> Vec<&str> {
    text[start..end]
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

/// A top-level indented block (whole lines `range`) written between
/// fences: each line without its four columns of indentation, the fence
/// the page's own fence character (backticks when it has none), longer
/// than any run of that character in the code; no info string.
fn to_fenced(doc: &Document<'_>, range: &std::ops::Range<usize>) -> Option<Edit> {
    let text = doc.text;
    let mut content = Vec::new();
    for line in lines(text, range.start, range.end) {
        let code = if let Some(c) = line.strip_prefix("    ") {
            c
        } else if let Some(c) = line.strip_prefix('\t') {
            c
        } else if line.trim().is_empty() && !line.contains('\t') {
            ""
        } else {
            // A tab within the indentation: its columns are not four
            // characters; left alone.
            return None;
        };
        content.push(code);
    }
    let ch = doc
        .marks
        .fences
        .first()
        .and_then(|f| text[f.open.clone()].chars().next())
        .unwrap_or('`');
    let longest = content
        .iter()
        .flat_map(|l| l.split(|c| c != ch))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = ch.to_string().repeat(longest.max(2) + 1);
    let nl = eol(text, range.start);
    let mut new = format!("{fence}{nl}");
    for l in content {
        new.push_str(l);
        new.push_str(nl);
    }
    new.push_str(&fence);
    Some(Edit::replace(range.clone(), new))
}

/// A top-level fenced block without an info string (whole lines `range`)
/// written indented by four spaces, its fences removed. Indented code
/// cannot start or end with a blank line, nor be empty.
fn to_indented(doc: &Document<'_>, range: &std::ops::Range<usize>) -> Option<Edit> {
    let text = doc.text;
    let f = doc
        .marks
        .fences
        .iter()
        .find(|f| f.open.start >= range.start && f.open.start < range.end)?;
    let close = f.close.clone()?;
    let open_line = doc.lines.line_range(text, doc.lines.line_of(f.open.start));
    if !text[f.open.end..open_line.end].trim().is_empty() {
        return None;
    }
    let indent = f.open.start - open_line.start;
    let close_line = doc.lines.line_start(doc.lines.line_of(close.start));
    let body_start = open_line.end + eol(text, open_line.end).len();
    if body_start >= close_line {
        return None;
    }
    let body = lines(
        text,
        body_start,
        close_line - eol(text, body_start).len().min(close_line),
    );
    let body: Vec<&str> = body
        .iter()
        .map(|l| {
            let spaces = l.len() - l.trim_start_matches(' ').len();
            &l[spaces.min(indent)..]
        })
        .collect();
    if body.first()?.trim().is_empty() || body.last()?.trim().is_empty() {
        return None;
    }
    let nl = eol(text, range.start);
    let new: Vec<String> = body
        .iter()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        })
        .collect();
    let end = doc
        .lines
        .line_range(text, doc.lines.line_of(close.start))
        .end;
    Some(Edit::replace(open_line.start..end, new.join(nl)))
}

impl Rule for CodeBlockStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md046Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md046Options>(META.code);
        let mut expected: Option<&str> = match o.style.as_str() {
            "fenced" => Some("fenced"),
            "indented" => Some("indented"),
            _ => None,
        };
        let marks = &doc.marks;
        let mut blocks: Vec<(usize, &'static str)> = marks
            .fences
            .iter()
            .map(|f| (f.open.start, "fenced"))
            .chain(marks.indented_code.iter().map(|r| (r.start, "indented")))
            .collect();
        blocks.sort_by_key(|b| b.0);
        for (start, actual) in blocks {
            let want = *expected.get_or_insert(actual);
            if want != actual {
                let end = doc.text[start..]
                    .find('\n')
                    .map_or(doc.text.len(), |p| start + p);
                let d = Diagnostic::new(
                    &META,
                    start..end,
                    format!("Code block style: expected {want}, actual {actual}"),
                )
                .with_help(if want == "fenced" {
                    "write the block between ``` fences"
                } else {
                    "indent the block by four spaces, without fences"
                });
                // Top-level blocks only: inside a list item or a block
                // quote the lines carry their containers' prefixes.
                let top = doc
                    .top_blocks
                    .iter()
                    .find(|r| r.start <= start && start < r.end)
                    .filter(|r| doc.code.iter().any(|c| c.block && c.range == **r));
                let edit = top
                    .filter(|r| r.start == doc.lines.line_start(doc.lines.line_of(start)))
                    .and_then(|r| {
                        if want == "fenced" {
                            to_fenced(doc, r)
                        } else {
                            to_indented(doc, r)
                        }
                    });
                let fix = edit
                    .filter(|e| doc.edit_keeps_page(e.range.clone(), &e.content))
                    .map(|e| {
                        Fix::safe(
                            if want == "fenced" {
                                "Write the block between fences"
                            } else {
                                "Indent the block by four spaces, without fences"
                            },
                            vec![e],
                        )
                    });
                out.push(match fix {
                    Some(f) => d.with_fix(f),
                    None => d,
                });
            }
        }
    }
}
