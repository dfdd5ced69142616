//! MD004 `ul-style`: bullet list markers written otherwise than the style:
//! `consistent` (the first bullet's, the default), `asterisk`, `dash`,
//! `plus`, or `sublist` (each nesting level its own marker, different from
//! its parent level's). As in markdownlint.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::ListMarks;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD004",
    name: "ul-style",
    group: Group::Md,
    summary: "Unordered list style",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD004"),
};

crate::rule_options! {
    /// Options of MD004 (markdownlint's names and defaults).
    pub struct Md004Options {
        /// Style: "consistent" (the first bullet's), "asterisk", "dash", "plus" or "sublist".
        pub style: String = "consistent".to_string();
    }
}

pub struct UlStyle;

fn style_of(marker: &str) -> &'static str {
    match marker {
        "-" => "dash",
        "+" => "plus",
        _ => "asterisk",
    }
}

fn marker_of(style: &str) -> &'static str {
    match style {
        "dash" => "-",
        "plus" => "+",
        _ => "*",
    }
}

fn different(style: &str) -> &'static str {
    match style {
        "dash" => "plus",
        "plus" => "asterisk",
        _ => "dash",
    }
}

/// Would rewriting `list`'s markers merge it with a neighbouring list at
/// its level (only blank lines between them)? CommonMark starts a new list
/// where the bullet changes, so the page would change.
fn touches_other_list(text: &str, lists: &[ListMarks], list: &ListMarks) -> bool {
    lists.iter().any(|m| {
        !std::ptr::eq(m, list)
            && !m.ordered
            && m.nesting == list.nesting
            && ((m.range.end <= list.range.start
                && text[m.range.end..list.range.start].trim().is_empty())
                || (list.range.end <= m.range.start
                    && text[list.range.end..m.range.start].trim().is_empty()))
    })
}

impl Rule for UlStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md004Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        let o = ctx.settings.rules.get::<Md004Options>(META.code);
        let style = match o.style.as_str() {
            s @ ("asterisk" | "consistent" | "dash" | "plus" | "sublist") => s,
            _ => "dash",
        };
        let mut expected: Option<&'static str> = match style {
            "asterisk" | "dash" | "plus" => Some(style_of(marker_of(style))),
            _ => None,
        };
        let mut nesting_styles: Vec<Option<&'static str>> = Vec::new();
        let lists = &doc.marks.lists;
        for list in lists.iter().filter(|l| !l.ordered) {
            let mut fixes: Vec<(usize, Edit)> = Vec::new();
            let mut reported: Vec<Diagnostic> = Vec::new();
            for m in &list.markers {
                let actual = style_of(&text[m.clone()]);
                let want = if style == "sublist" {
                    let n = list.nesting as usize;
                    if nesting_styles.len() <= n {
                        nesting_styles.resize(n + 1, None);
                    }
                    let parent = n
                        .checked_sub(1)
                        .and_then(|p| nesting_styles.get(p).copied().flatten());
                    *nesting_styles[n].get_or_insert(if parent == Some(actual) {
                        different(actual)
                    } else {
                        actual
                    })
                } else {
                    *expected.get_or_insert(actual)
                };
                if want != actual {
                    fixes.push((reported.len(), Edit::replace(m.clone(), marker_of(want))));
                    reported.push(Diagnostic::new(
                        &META,
                        m.clone(),
                        format!("Unordered list style: expected {want}, actual {actual}"),
                    ));
                }
            }
            // One fix for the whole list (its first finding): a list whose
            // bullets change one by one would split where they differ.
            let whole = fixes.len() == list.markers.len() && !touches_other_list(text, lists, list);
            if whole && let Some(first) = reported.first_mut() {
                let edits = fixes.into_iter().map(|(_, e)| e).collect();
                *first = first
                    .clone()
                    .with_fix(Fix::safe("Rewrite the list's bullets", edits));
            }
            out.extend(reported);
        }
    }
}
