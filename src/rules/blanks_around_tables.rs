//! MD058 `blanks-around-tables`: a table needs a blank line before its first
//! line and after its last, as markdownlint counts them (a line of only `>`
//! markers or HTML comments is blank; the page's edges count as blank).
//! Tables in block quotes and list items are checked too.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{BlankGap, NodeKind};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD058",
    name: "blanks-around-tables",
    group: Group::Md,
    summary: "Tables should be surrounded by blank lines",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD058"),
};

pub struct BlanksAroundTables;

impl Rule for BlanksAroundTables {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for n in &doc.outline {
            if n.kind != NodeKind::Table {
                continue;
            }
            for gap in doc.missing_blank_lines(n) {
                // A line starting with `|` right after a table ends it for
                // comrak (as GitHub) but is one more row for other
                // renderers (markdown-it, micromark): a blank line there
                // would split the table for them.
                let next = &doc.text[gap.at.min(doc.text.len())..];
                let ambiguous =
                    !gap.before && next.trim_start_matches([' ', '\t', '>']).starts_with('|');
                out.push(finding(gap, ambiguous));
            }
        }
    }
}

fn finding(gap: BlankGap, ambiguous: bool) -> Diagnostic {
    let side = if gap.before { "before" } else { "after" };
    let msg = format!("no blank line {side} the table");
    let fix_msg = format!("Insert a blank line {side} the table");
    let edits = vec![Edit::insert(gap.at, gap.text)];
    let fix = if ambiguous {
        Fix::display_only(
            format!("{fix_msg} (renderers disagree on where this table ends)"),
            edits,
        )
    } else if gap.same {
        Fix::safe(fix_msg, edits)
    } else {
        // The line after a list item is its lazy continuation: a blank line
        // takes it out of the item, which changes the page.
        Fix::display_only(format!("{fix_msg} (changes how the page renders)"), edits)
    };
    Diagnostic::new(&META, gap.range, msg).with_fix(fix)
}
