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

/// The bullet lists at `list`'s level that touch it (only blank lines, or
/// nothing, between them): CommonMark starts a new list where the bullet
/// changes, so two such lists joined by one bullet would become one.
/// (the one before, the one after), as indexes into `lists`.
fn neighbours(text: &str, lists: &[ListMarks], k: usize) -> (Option<usize>, Option<usize>) {
    let list = &lists[k];
    let touching = |m: &ListMarks| !m.ordered && m.nesting == list.nesting;
    let before = lists.iter().position(|m| {
        touching(m)
            && m.range.end <= list.range.start
            && text[m.range.end..list.range.start].trim().is_empty()
    });
    let after = lists.iter().position(|m| {
        touching(m)
            && list.range.end <= m.range.start
            && text[list.range.end..m.range.start].trim().is_empty()
    });
    (before, after)
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
        // The bullet each list will have once fixed, in document order: a
        // list is held apart from the one before it (as fixed) and the one
        // after it (as written), so that no two lists ever join.
        let mut planned: Vec<Option<&'static str>> = vec![None; lists.len()];
        for (k, list) in lists.iter().enumerate().filter(|(_, l)| !l.ordered) {
            let Some(first) = list.markers.first() else {
                continue;
            };
            let current = marker_of(style_of(&text[first.clone()]));
            let mut fixes: Vec<Edit> = Vec::new();
            let mut reported: Vec<Diagnostic> = Vec::new();
            let mut wanted = current;
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
                if m == first {
                    wanted = marker_of(want);
                }
                if want != actual {
                    fixes.push(Edit::replace(m.clone(), marker_of(want)));
                    reported.push(Diagnostic::new(
                        &META,
                        m.clone(),
                        format!("Unordered list style: expected {want}, actual {actual}"),
                    ));
                }
            }
            let (before, after) = neighbours(text, lists, k);
            let prev = before.and_then(|b| planned[b]);
            let next = after
                .and_then(|a| lists[a].markers.first())
                .map(|m| &text[m.clone()]);
            let apart = |b: &str| Some(b) != prev && Some(b) != next;
            let target = if apart(wanted) {
                wanted
            } else if apart(current) {
                current
            } else {
                ["-", "*", "+"]
                    .into_iter()
                    .find(|b| apart(b))
                    .unwrap_or(current)
            };
            planned[k] = Some(target);
            // One fix for the whole list (its first finding): a list whose
            // bullets change one by one would split where they differ.
            let whole = fixes.len() == list.markers.len();
            if let Some(first) = reported.first_mut()
                && whole
                && target != current
            {
                let edits = list
                    .markers
                    .iter()
                    .map(|m| Edit::replace(m.clone(), target))
                    .collect();
                let msg = if target == wanted {
                    "Rewrite the list's bullets".to_string()
                } else {
                    format!("Rewrite the list's bullets as {target}, apart from the list beside it")
                };
                *first = first.clone().with_fix(Fix::safe(msg, edits));
            } else if let Some(first) = reported.first_mut()
                && target != wanted
            {
                *first = first.clone().with_help(
                    "this list directly follows or precedes another list; its different bullet keeps the two apart",
                );
            }
            out.extend(reported);
        }
    }
}
