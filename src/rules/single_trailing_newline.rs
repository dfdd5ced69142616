//! MD047 `single-trailing-newline`: the file ends with exactly one line
//! ending — none missing, no blank lines after the last line.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD047",
    name: "single-trailing-newline",
    group: Group::Md,
    summary: "Files should end with a single newline character",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD047"),
};

pub struct SingleTrailingNewline;

/// The line ending the file mostly uses.
pub fn dominant_newline(text: &str) -> &'static str {
    let lf = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    let cr = memchr::memchr_iter(b'\r', text.as_bytes()).count();
    let crlf = text.matches("\r\n").count();
    let lone_cr = cr - crlf;
    if lone_cr > lf {
        "\r"
    } else if crlf * 2 > lf {
        "\r\n"
    } else {
        "\n"
    }
}

impl Rule for SingleTrailingNewline {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.doc.text;
        let body = &text[ctx.doc.bom_len..];
        if body.is_empty() {
            return;
        }
        let content_end = text
            .trim_end_matches(|c: char| c.is_ascii_whitespace())
            .len();
        if content_end <= ctx.doc.bom_len {
            let r = ctx.doc.bom_len..text.len();
            out.push(
                Diagnostic::new(&META, r.clone(), "the file holds only blank lines")
                    .with_fix(Fix::safe("Remove the blank lines", vec![Edit::delete(r)])),
            );
            return;
        }
        // The last content line ends at the first newline after it (it may
        // carry trailing spaces first, which are MD009's).
        let Some(nl) = text[content_end..].find(['\n', '\r']) else {
            let at = text.len();
            let nl = dominant_newline(text);
            let edit = vec![Edit::insert(at, nl)];
            let msg = "Add a newline at the end of the file";
            // A last line `---` after an opening `---` closes a front matter
            // only once it has its newline: the page would change shape.
            let last_line = &text[text[..content_end].rfind('\n').map_or(0, |i| i + 1)..];
            let closes_front_matter = body.starts_with("---")
                && ctx.doc.front_matter.is_none()
                && last_line.trim_end() == "---";
            // An empty list item (`1.`) needs its line ending too.
            let fix = if closes_front_matter || !ctx.doc.edit_keeps_structure(at..at, nl) {
                Fix::display_only(msg, edit)
            } else {
                Fix::safe(msg, edit)
            };
            out.push(
                Diagnostic::new(&META, at..at, "no newline at the end of the file").with_fix(fix),
            );
            return;
        };
        let nl_len = nl
            + if text[content_end + nl..].starts_with("\r\n") {
                2
            } else {
                1
            };
        let extra = content_end + nl_len..text.len();
        if extra.is_empty()
            || ctx.doc.in_code_block(content_end) && ctx.doc.in_code_block(extra.start)
        {
            return;
        }
        let blank_lines = text[extra.clone()].matches('\n').count().max(1);
        out.push(
            Diagnostic::new(
                &META,
                extra.clone(),
                format!(
                    "{blank_lines} blank line{} at the end of the file",
                    if blank_lines == 1 { "" } else { "s" }
                ),
            )
            .with_fix(if ctx.doc.edit_keeps_rendering(extra.clone(), "") {
                Fix::safe(
                    "Remove the blank lines at the end",
                    vec![Edit::delete(extra)],
                )
            } else {
                // Blank lines inside a code block that a list item holds open.
                Fix::display_only(
                    "Remove the blank lines at the end (they are part of a code block here)",
                    vec![Edit::delete(extra)],
                )
            }),
        );
    }
}
