//! MD047 `single-trailing-newline`: the file ends with a line ending.
//! Blank lines after the last line are MD012's (as in markdownlint).

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
        // The last line, after the last line ending (empty when the file
        // ends with one). A blank one is fine: extra blank lines at the end
        // are MD012's, as in markdownlint.
        let last_start = text.rfind(['\n', '\r']).map_or(ctx.doc.bom_len, |i| i + 1);
        let last_line = &text[last_start..];
        if last_line.trim().is_empty() {
            return;
        }
        let at = text.len();
        let nl = dominant_newline(text);
        let edit = vec![Edit::insert(at, nl)];
        let msg = "Add a newline at the end of the file";
        // A last line `---` after an opening `---` closes a front matter
        // only once it has its newline: the page would change shape.
        let closes_front_matter = body.starts_with("---")
            && ctx.doc.front_matter.is_none()
            && last_line.trim_end() == "---";
        // An empty list item (`1.`) needs its line ending too.
        let fix = if closes_front_matter || !ctx.doc.edit_keeps_structure(at..at, nl) {
            Fix::display_only(msg, edit)
        } else {
            Fix::safe(msg, edit)
        };
        out.push(Diagnostic::new(&META, at..at, "no newline at the end of the file").with_fix(fix));
    }
}
