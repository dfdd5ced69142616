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
    let crlf = text.matches("\r\n").count();
    if crlf * 2 > lf { "\r\n" } else { "\n" }
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
        // End of the last content line's terminator.
        let tail = &text[content_end..];
        let nl_len = if tail.starts_with("\r\n") {
            2
        } else if tail.starts_with('\n') {
            1
        } else {
            0
        };
        if nl_len == 0 {
            // Trailing spaces without a newline are MD009's; insert after them.
            let at = text.len();
            let nl = dominant_newline(text);
            out.push(
                Diagnostic::new(&META, at..at, "no newline at the end of the file").with_fix(
                    Fix::safe(
                        "Add a newline at the end of the file",
                        vec![Edit::insert(at, nl)],
                    ),
                ),
            );
            return;
        }
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
            .with_fix(Fix::safe(
                "Remove the blank lines at the end",
                vec![Edit::delete(extra)],
            )),
        );
    }
}
