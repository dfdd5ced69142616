//! ENC002 `not-utf8`: the file is not valid UTF-8. The engine decodes the
//! raw bytes ([`crate::text::decode`]) before anything else; this rule
//! declares that it reports what decoding found: its finding is attached to
//! the decoded text, and its fix is the transcoding itself.

use crate::diagnostic::Severity;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ENC002",
    name: "not-utf8",
    group: Group::Enc,
    summary: "The file is not valid UTF-8",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Error,
    doc: crate::rule_doc!("ENC002"),
};

/// Checked at read time by the engine (see [`crate::text::decode`]).
pub struct NotUtf8;

impl Rule for NotUtf8 {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _ctx: &Context<'_>, _out: &mut Vec<crate::diagnostic::Diagnostic>) {}

    fn reports_decoding(&self) -> bool {
        true
    }
}
