//! MD005 `list-indent`: the items of one list start at the same column (an
//! ordered list's numbers may instead be aligned on their right end, as
//! markdownlint allows: ` 9.` above `10.`).

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD005",
    name: "list-indent",
    group: Group::Md,
    summary: "Inconsistent indentation for list items at the same level",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD005"),
};

pub struct ListIndent;

impl Rule for ListIndent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for list in &doc.marks.lists {
            let col = |m: &std::ops::Range<usize>| {
                let ls = doc.lines.line_start(doc.lines.line_of(m.start));
                doc.text[ls..m.start].chars().count()
            };
            let Some(first) = list.markers.first() else {
                continue;
            };
            let expected_indent = col(first);
            let mut expected_end = 0;
            let mut end_matching = false;
            // (marker, expected column, actual column)
            let mut wrong = Vec::new();
            for m in &list.markers {
                let actual = col(m);
                if !list.ordered {
                    if actual != expected_indent {
                        wrong.push((m.clone(), expected_indent, actual));
                    }
                    continue;
                }
                let len = m.len();
                let actual_end = actual + len;
                if expected_end == 0 {
                    expected_end = actual_end;
                }
                if expected_indent != actual || end_matching {
                    if expected_end == actual_end {
                        end_matching = true;
                    } else {
                        let expected = if end_matching {
                            expected_end.saturating_sub(len)
                        } else {
                            expected_indent
                        };
                        wrong.push((m.clone(), expected, actual));
                    }
                }
            }
            let alone = wrong.len() == 1;
            for (m, expected, actual) in wrong {
                let ls = doc.lines.line_start(doc.lines.line_of(m.start));
                let before = &doc.text[ls..m.start];
                let spaces = before.len() - before.trim_end_matches(' ').len();
                let fix = if actual > expected && actual - expected <= spaces {
                    Some(Edit::delete(m.start - (actual - expected)..m.start))
                } else if expected > actual {
                    Some(Edit::insert(m.start, " ".repeat(expected - actual)))
                } else {
                    None
                };
                let mut d = Diagnostic::new(
                    &META,
                    m.clone(),
                    format!(
                        "list item at column {}, its list's items at column {}",
                        actual + 1,
                        expected + 1
                    ),
                );
                if let Some(e) = fix {
                    // Moving one of several items shifts its siblings'
                    // nesting: only a list's one misplaced item is fixed.
                    let same = alone && doc.edit_keeps_page(e.range.clone(), &e.content);
                    let msg = "Align the item with its list";
                    d = d.with_fix(if same {
                        Fix::safe(msg, vec![e])
                    } else {
                        Fix::display_only(format!("{msg} (changes how the page renders)"), vec![e])
                    });
                }
                out.push(d);
            }
        }
    }
}
