//! MD030 `list-marker-space`: the spaces between a list marker and the
//! item's text: `ul_single`/`ol_single` (1) in a list whose items are one
//! line each, `ul_multi`/`ol_multi` (1) in other lists.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::NodeKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD030",
    name: "list-marker-space",
    group: Group::Md,
    summary: "Spaces after list markers",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD030"),
};

crate::rule_options! {
    /// Options of MD030 (markdownlint's names and defaults).
    pub struct Md030Options {
        /// Spaces after a bullet in a list of one-line items.
        pub ul_single: usize = 1;
        /// Spaces after a number in a list of one-line items.
        pub ol_single: usize = 1;
        /// Spaces after a bullet in other lists.
        pub ul_multi: usize = 1;
        /// Spaces after a number in other lists.
        pub ol_multi: usize = 1;
    }
}

pub struct ListMarkerSpace;

impl Rule for ListMarkerSpace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md030Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md030Options>(META.code);
        let one = |n: usize| n.max(1);
        let lists = doc
            .outline
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::List { .. }));
        for (n, marks) in lists.zip(&doc.marks.lists) {
            let NodeKind::List { ordered } = n.kind else {
                continue;
            };
            let mut last = n.last_line;
            while last > n.first_line && doc.is_blank_line(last) {
                last -= 1;
            }
            let single = last + 1 - n.first_line == marks.markers.len();
            let want = one(match (ordered, single) {
                (true, true) => o.ol_single,
                (true, false) => o.ol_multi,
                (false, true) => o.ul_single,
                (false, false) => o.ul_multi,
            });
            for m in &marks.markers {
                let line = doc.lines.line_range(doc.text, doc.lines.line_of(m.start));
                let after = &doc.text[m.end..line.end];
                let spaces = after.bytes().take_while(|&c| c == b' ').count();
                if after[spaces..].starts_with('\t') || after.trim().is_empty() {
                    continue;
                }
                // Five spaces or more: one belongs to the marker, the rest
                // make indented code in the item.
                let got = if spaces >= 5 { 1 } else { spaces };
                if got == want {
                    continue;
                }
                let range = m.end..m.end + got;
                let replacement = " ".repeat(want);
                let same = doc.edit_keeps_page(range.clone(), &replacement);
                let edits = vec![Edit::replace(range.clone(), replacement)];
                let msg = format!(
                    "Write {want} space{} after the marker",
                    if want == 1 { "" } else { "s" }
                );
                let fix = if same {
                    Fix::safe(msg, edits)
                } else {
                    Fix::display_only(format!("{msg} (changes how the page renders)"), edits)
                };
                out.push(
                    Diagnostic::new(
                        &META,
                        m.start..m.end + got,
                        format!(
                            "{got} space{} after the list marker (expected {want})",
                            if got == 1 { "" } else { "s" }
                        ),
                    )
                    .with_fix(fix),
                );
            }
        }
    }
}
