//! ENC006 `byte-order-mark`: a UTF-8 byte-order mark at the start of the file.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ENC006",
    name: "byte-order-mark",
    group: Group::Enc,
    summary: "The file starts with a UTF-8 byte-order mark",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("ENC006"),
};

pub struct ByteOrderMark;

impl Rule for ByteOrderMark {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if ctx.doc.bom_len == 0 {
            return;
        }
        let range = 0..ctx.doc.bom_len;
        let msg = "Remove the byte-order mark";
        let edit = vec![Edit::delete(range.clone())];
        // A second U+FEFF right behind would become the mark and change how
        // the first line parses: then a person decides.
        let fix = if ctx.doc.edit_keeps_structure(range.clone(), "") {
            Fix::safe(msg, edit)
        } else {
            Fix::display_only(msg, edit)
        };
        out.push(
            Diagnostic::new(&META, range, "file starts with a byte-order mark (U+FEFF)")
                .with_fix(fix),
        );
    }
}
