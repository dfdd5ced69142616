//! MD046 `code-block-style`: code blocks written in another style than
//! the page's: `consistent` (the first block's, the default), `fenced` or
//! `indented`. As in markdownlint.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Code, Document};
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

/// The code's lines as the renderer reads them (no final newline).
fn literal_lines(code: &Code) -> Vec<&str> {
    let l = code.literal.strip_suffix('\n').unwrap_or(&code.literal);
    l.split('\n').collect()
}

/// A line of a code block rewritten: its containers' prefix `container`
/// (block quote markers, a list item's indentation) and `code`; a blank
/// line keeps only its block quote markers.
fn line(source: &str, container: &str, code: &str) -> String {
    if code.is_empty() {
        source.trim_end().to_string()
    } else {
        format!("{container}{code}")
    }
}

/// An indented block (`code`, whole lines) written between fences: each
/// line's containers' prefix kept and its four columns of indentation
/// removed, the fence the page's own fence character (backticks when it
/// has none), longer than any run of it in the code; no info string.
fn to_fenced(doc: &Document<'_>, code: &Code) -> Option<Edit> {
    let text = doc.text;
    let source = lines(text, code.range.start, code.range.end);
    let literal = literal_lines(code);
    if source.len() != literal.len() {
        return None;
    }
    let mut out: Vec<String> = Vec::new();
    let mut containers: Vec<&str> = Vec::new();
    for (s, l) in source.iter().zip(&literal) {
        if l.is_empty() && s.trim_matches([' ', '>']).is_empty() {
            out.push(line(s, "", ""));
            continue;
        }
        // The line is its prefix, then the code as read; the prefix ends
        // with the four columns of indentation (a tab there: left alone).
        let p = s.strip_suffix(l)?.strip_suffix("    ")?;
        containers.push(p);
        out.push(line(s, p, l));
    }
    let (first, last) = (*containers.first()?, *containers.last()?);
    let ch = doc
        .marks
        .fences
        .first()
        .and_then(|f| text[f.open.clone()].chars().next())
        .unwrap_or('`');
    let longest = literal
        .iter()
        .flat_map(|l| l.split(|c| c != ch))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = ch.to_string().repeat(longest.max(2) + 1);
    let nl = eol(text, code.range.start);
    let mut new = vec![format!("{first}{fence}")];
    new.extend(out);
    new.push(format!("{last}{fence}"));
    Some(Edit::replace(code.range.clone(), new.join(nl)))
}

/// A fenced block without an info string (`code`, whole lines, fences
/// included) written indented by four more columns, its fences removed.
/// Indented code cannot start or end with a blank line, nor be empty.
fn to_indented(doc: &Document<'_>, code: &Code) -> Option<Edit> {
    let text = doc.text;
    let f = doc
        .marks
        .fences
        .iter()
        .find(|f| code.range.start <= f.open.start && f.open.start < code.range.end)?;
    let close = f.close.clone()?;
    let open_line = doc.lines.line_range(text, doc.lines.line_of(f.open.start));
    if !text[f.open.end..open_line.end].trim().is_empty() {
        return None;
    }
    let source = lines(text, code.range.start, code.range.end);
    let literal = literal_lines(code);
    let close_line = doc.lines.line_of(close.start);
    if source.len() < 3
        || close_line != doc.lines.line_of(code.range.end.max(1) - 1)
        || source.len() - 2 != literal.len()
        || literal.first()?.trim().is_empty()
        || literal.last()?.trim().is_empty()
    {
        return None;
    }
    let mut new: Vec<String> = Vec::new();
    for (s, l) in source[1..source.len() - 1].iter().zip(&literal) {
        if l.is_empty() {
            new.push(line(s, "", ""));
            continue;
        }
        let p = s.strip_suffix(l)?;
        new.push(line(s, &format!("{p}    "), l));
    }
    let nl = eol(text, code.range.start);
    Some(Edit::replace(code.range.clone(), new.join(nl)))
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
                // The block's lines, containers' prefixes included.
                let edit = doc
                    .code
                    .iter()
                    .find(|c| c.block && c.range.start <= start && start < c.range.end)
                    .and_then(|c| {
                        if want == "fenced" {
                            to_fenced(doc, c)
                        } else {
                            to_indented(doc, c)
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
