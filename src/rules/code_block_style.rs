//! MD046 `code-block-style`: code blocks written in another style than
//! the page's: `consistent` (the first block's, the default), `fenced` or
//! `indented`. As in markdownlint.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD046",
    name: "code-block-style",
    group: Group::Md,
    summary: "Code block style",
    fixable: Fixable::Never,
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
                out.push(
                    Diagnostic::new(
                        &META,
                        start..end,
                        format!("Code block style: expected {want}, actual {actual}"),
                    )
                    .with_help(if want == "fenced" {
                        "write the block between ``` fences"
                    } else {
                        "indent the block by four spaces, without fences"
                    }),
                );
            }
        }
    }
}
