//! MD052 `reference-links-images`: a reference link or image whose label
//! is not defined (`[text][missing]`), which the page shows as text with
//! brackets. As in markdownlint: full (`[text][label]`) and collapsed
//! (`[label][]`) references always, shortcut ones (`[label]`) only with
//! `shortcut_syntax` (any bracketed text could be one); labels in
//! `ignored_labels` (`x`, by default, for task lists) are not reported.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{RefKind, normalize_label, undefined_references};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD052",
    name: "reference-links-images",
    group: Group::Md,
    summary: "Reference links and images should use a label that is defined",
    fixable: Fixable::Never,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD052"),
};

crate::rule_options! {
    /// Options of MD052 (markdownlint's names and defaults).
    pub struct Md052Options {
        /// Labels never reported (compared as labels are: case and spaces ignored).
        pub ignored_labels: Vec<String> = vec!["x".to_string()];
        /// Also report shortcut references (`[label]`), which any bracketed text could be.
        pub shortcut_syntax: bool = false;
    }
}

pub struct ReferenceLinksImages;

impl Rule for ReferenceLinksImages {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md052Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let opts = ctx.settings.rules.get::<Md052Options>(META.code);
        if !opts.shortcut_syntax && !doc.text.contains("][") {
            return;
        }
        let ignored: Vec<String> = opts
            .ignored_labels
            .iter()
            .map(|l| normalize_label(l))
            .collect();
        for r in undefined_references(doc.text) {
            if r.kind == RefKind::Shortcut && !opts.shortcut_syntax {
                continue;
            }
            let written = &doc.text[r.label.clone()];
            // A blank label is no label (the box of a task list item).
            if written.trim().is_empty() {
                continue;
            }
            let label = normalize_label(written);
            if ignored.contains(&label) {
                continue;
            }
            let what = if r.image { "image" } else { "link" };
            out.push(
                Diagnostic::new(
                    &META,
                    r.range.clone(),
                    format!(
                        "Reference {what} with an undefined label: `{}`",
                        written.replace('\n', " ")
                    ),
                )
                .with_help(format!(
                    "Define it (`[{}]: https://…`) or use an existing label",
                    written.replace('\n', " ")
                )),
            );
        }
    }
}
