//! MD009 `no-trailing-spaces`, with markdownlint's semantics: exactly
//! `br-spaces` trailing spaces (a hard line break) are allowed.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD009",
    name: "no-trailing-spaces",
    group: Group::Md,
    summary: "Trailing spaces at the end of a line",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD009"),
};

crate::rule_options! {
    /// Options of MD009 (markdownlint's names and defaults).
    pub struct Md009Options {
        /// Trailing spaces allowed as a hard line break (0: none allowed).
        pub br_spaces: usize = 2;
        /// Also report `br_spaces` trailing spaces where they make no line break.
        pub strict: bool = false;
        /// How hard line breaks are written (pagelint's own): "keep" (as they are), "spaces" or "backslash".
        pub hard_break: HardBreak = HardBreak::Keep; markdownlint = HardBreak::Keep;
        /// Also check the lines inside code blocks (their fix is unsafe:
        /// spaces in code are content).
        pub code_blocks: bool = false;
        /// Allow spaces on the blank lines inside a list item (an editor's
        /// indentation), though not on those that end an item.
        pub list_item_empty_lines: bool = false;
    }
}

/// How hard line breaks are written (the `hard_break` option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HardBreak {
    Keep,
    Spaces,
    Backslash,
}

pub struct NoTrailingSpaces;

fn describe(ws: &str) -> String {
    let spaces = ws.bytes().filter(|&b| b == b' ').count();
    let tabs = ws.len() - spaces;
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("1 {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    match (spaces, tabs) {
        (s, 0) => format!("{} (“{}”)", plural(s, "trailing space"), "·".repeat(s)),
        (0, t) => plural(t, "trailing tab"),
        (s, t) => format!(
            "trailing whitespace: {} and {}",
            plural(s, "space"),
            plural(t, "tab")
        ),
    }
}

/// Is the line in an HTML block, or does it hold inline HTML?
fn raw_html(doc: &crate::document::Document<'_>, line: std::ops::Range<usize>) -> bool {
    if doc.in_html_block(line.start) {
        return true;
    }
    let i = doc.html.partition_point(|h| h.range.end < line.start);
    doc.html.get(i).is_some_and(|h| h.range.start <= line.end)
}

/// Is blank `line` inside a list item, with more of the item after it (as
/// markdownlint's `list_item_empty_lines` reads it: the blank lines that end
/// an item are still reported)?
fn inside_list_item(doc: &crate::document::Document<'_>, line: usize) -> bool {
    let start = doc.lines.line_start(line);
    let Some((_, item)) = doc.item_at(start) else {
        return false;
    };
    let last = doc
        .lines
        .line_of(item.range.end.saturating_sub(1).max(item.range.start));
    (line + 1..=last).any(|l| {
        !doc.text[doc.lines.line_range(doc.text, l)]
            .trim()
            .is_empty()
    })
}

impl Rule for NoTrailingSpaces {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md009Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        let options = ctx.settings.rules.get::<Md009Options>(META.code);
        let br = options.br_spaces;
        let strict = options.strict;
        // markdownlint does not look inside HTML comments.
        let comments = crate::document::html_comment_text(text);
        for line in 1..=doc.lines.line_count() {
            let r = doc.lines.line_range(text, line);
            let content = &text[r.clone()];
            let trimmed = content.trim_end_matches([' ', '\t']);
            let n = content.len() - trimmed.len();
            let in_code_block = doc.in_code_content(r.start);
            if n == 0 || in_code_block && !options.code_blocks || doc.in_front_matter(r.start) {
                continue;
            }
            let ws = &content[trimmed.len()..];
            let ws_start = r.start + trimmed.len();
            if crate::document::in_ranges(&comments, ws_start)
                || options.list_item_empty_lines
                    && trimmed.is_empty()
                    && inside_list_item(doc, line)
            {
                continue;
            }
            // comrak's line break starts at the first trailing space.
            let i = doc.hard_breaks.partition_point(|b| b.start < ws_start);
            let hard_break = doc.hard_breaks.get(i).is_some_and(|b| b.start <= r.end);
            let all_spaces = !ws.contains('\t');
            if br >= 2 && all_spaces && n == br && (!strict || hard_break) {
                continue;
            }
            let range = ws_start..r.end;
            let (fix, help) = if hard_break && all_spaces && n > 2 {
                let keep = br.max(2);
                (
                    Fix::safe(
                        format!("Keep {keep} spaces for the line break"),
                        vec![Edit::replace(range.clone(), " ".repeat(keep))],
                    ),
                    Some(format!(
                        "these spaces make a hard line break; {keep} are enough"
                    )),
                )
            } else if hard_break && all_spaces {
                // Strict mode, break made of br-spaces: only a person can
                // choose between a backslash break and none.
                (
                    Fix::display_only(
                        "Use a backslash for the line break",
                        vec![Edit::replace(range.clone(), "\\")],
                    ),
                    Some(
                        "end the line with a backslash (`\\`) for a visible hard line break"
                            .to_string(),
                    ),
                )
            } else if in_code_block {
                (
                    Fix::unsafe_edit(
                        "Remove trailing whitespace",
                        vec![Edit::delete(range.clone())],
                    ),
                    Some(
                        "these spaces are inside a code block: they are part of the code"
                            .to_string(),
                    ),
                )
            } else if doc.in_code(ws_start) && !doc.in_code_block(ws_start) {
                // A code span that goes on to the next line: its line
                // endings become spaces and these spaces stay in the code.
                (
                    Fix::unsafe_edit(
                        "Remove trailing whitespace",
                        vec![Edit::delete(range.clone())],
                    ),
                    Some(
                        "these spaces are inside a code span that goes on to the next line: they are part of the code"
                            .to_string(),
                    ),
                )
            } else if (trimmed.trim_start().is_empty()
                || !trimmed.contains(char::is_alphabetic)
                    && trimmed.ends_with(|c: char| c.is_ascii_punctuation())
                // `a\` + newline is a hard break once the spaces are gone.
                || trimmed.ends_with('\\')
                || raw_html(doc, r.clone()))
                && !doc.edit_keeps_structure(range.clone(), "")
            {
                // After a bare list marker (`- 1. `) the spaces decide what
                // the line is; inside raw `<pre>` they are shown.
                let why = if raw_html(doc, r.clone()) {
                    "inside raw HTML that keeps whitespace (such as `<pre>` or `<textarea>`), these spaces are shown"
                } else {
                    "removing these spaces would change how the line is parsed"
                };
                (
                    Fix::display_only(
                        "Remove trailing whitespace",
                        vec![Edit::delete(range.clone())],
                    ),
                    Some(why.to_string()),
                )
            } else {
                (
                    Fix::safe(
                        "Remove trailing whitespace",
                        vec![Edit::delete(range.clone())],
                    ),
                    None,
                )
            };
            let mut d = Diagnostic::new(&META, range, describe(ws)).with_fix(fix);
            if let Some(h) = help {
                d = d.with_help(h);
            }
            out.push(d);
        }
        let style = match options.hard_break {
            HardBreak::Keep => return,
            HardBreak::Spaces => "spaces",
            HardBreak::Backslash => "backslash",
        };
        hard_break_style(doc, style, br, out);
    }
}

/// The `hard_break` option: each hard line break written otherwise than
/// the style, with the other form as a safe fix (both render `<br />`).
/// `spaces` writes `br_spaces` spaces (and is not applied when `br_spaces`
/// is below 2, which would report them).
fn hard_break_style(
    doc: &crate::document::Document<'_>,
    style: &str,
    br: usize,
    out: &mut Vec<Diagnostic>,
) {
    if !matches!(style, "spaces" | "backslash") || (style == "spaces" && br < 2) {
        return;
    }
    let text = doc.text;
    for b in &doc.hard_breaks {
        let line = doc.lines.line_range(text, doc.lines.line_of(b.start));
        let content = &text[line.clone()];
        let trimmed = content.trim_end_matches([' ', '\t']);
        let (form, range) = if trimmed.len() < content.len() {
            ("spaces", line.start + trimmed.len()..line.end)
        } else if trimmed.ends_with('\\') {
            ("backslash", line.end - 1..line.end)
        } else {
            continue;
        };
        if form == style {
            continue;
        }
        let new = if style == "backslash" {
            "\\".to_string()
        } else {
            " ".repeat(br)
        };
        let d = Diagnostic::new(
            &META,
            range.clone(),
            format!("Hard line break written with {form} (style {style})"),
        );
        out.push(if doc.edit_keeps_page(range.clone(), &new) {
            d.with_fix(Fix::safe(
                format!("Write the line break with {style}"),
                vec![Edit::replace(range, new)],
            ))
        } else {
            d
        });
    }
}
