//! MD029 `ol-prefix`: the numbers of an ordered list's items follow one
//! style: all `1.` (`one`), all `0.` (`zero`), or counting up (`ordered`:
//! 1, 2, 3 or 0, 1, 2); by default (`one_or_ordered`) the list's own,
//! as markdownlint reads it from its first two items.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD029",
    name: "ol-prefix",
    group: Group::Md,
    summary: "Ordered list item prefix",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD029"),
};

crate::rule_options! {
    /// Options of MD029 (markdownlint's names and defaults).
    pub struct Md029Options {
        /// `one_or_ordered`, `one` (1/1/1), `ordered` (1/2/3) or `zero` (0/0/0).
        pub style: String = "one_or_ordered".to_string();
    }
}

pub struct OlPrefix;

impl Rule for OlPrefix {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md029Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md029Options>(META.code);
        for list in doc.marks.lists.iter().filter(|l| l.ordered) {
            // The number of each item: its digits' range and value.
            let items: Vec<(std::ops::Range<usize>, u64)> = list
                .markers
                .iter()
                .map(|m| {
                    let digits = m.start..m.end - 1;
                    let v = doc.text[digits.clone()].parse::<u64>().unwrap_or(u64::MAX);
                    (digits, v)
                })
                .collect();
            let mut expected: u64 = 1;
            let mut incrementing = false;
            if items.len() >= 2 && (items[1].1 != 1 || items[0].1 == 0) {
                incrementing = true;
                if items[0].1 == 0 {
                    expected = 0;
                }
            }
            let style = match o.style.as_str() {
                s @ ("one" | "ordered" | "zero") => s,
                _ if incrementing => "ordered",
                _ => "one",
            };
            match style {
                "zero" => expected = 0,
                "one" => expected = 1,
                _ => {}
            }
            let example = match style {
                "one" => "1/1/1",
                "zero" => "0/0/0",
                _ => "1/2/3",
            };
            // A list that starts elsewhere than the style's first number
            // keeps its start (the page shows it); its other items are not
            // renumbered from the style's start either, which would write
            // numbers that do not match what shows (`4.` `2.` `3.`).
            let starts_right = items.first().is_some_and(|i| i.1 == expected);
            for (k, (digits, actual)) in items.iter().enumerate() {
                if *actual != expected {
                    let replacement = expected.to_string();
                    // Only the first number shows (as the list's start);
                    // a wider or narrower number moves the item's content.
                    let same =
                        k > 0 && starts_right && doc.edit_keeps_page(digits.clone(), &replacement);
                    let edits = vec![Edit::replace(digits.clone(), replacement)];
                    let msg = format!("Number the item {expected}");
                    let fix = if same {
                        Fix::safe(msg, edits)
                    } else if k > 0 && !starts_right {
                        Fix::display_only(
                            format!(
                                "{msg} (after the list's start, {}, is changed by hand)",
                                items[0].1
                            ),
                            edits,
                        )
                    } else {
                        Fix::display_only(format!("{msg} (changes how the page renders)"), edits)
                    };
                    out.push(
                        Diagnostic::new(
                            &META,
                            digits.start..digits.end + 1,
                            format!(
                                "list item number {actual}, expected {expected} (style {example})"
                            ),
                        )
                        .with_fix(fix),
                    );
                }
                if style == "ordered" {
                    expected += 1;
                }
            }
        }
    }
}
