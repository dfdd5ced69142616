//! MD032 `blanks-around-lists`: a list needs a blank line before its first
//! line and after its last, as markdownlint counts them (a line of only `>`
//! markers or HTML comments is blank; the page's edges count as blank).
//! Lists nested in lists are part of their list.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::NodeKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD032",
    name: "blanks-around-lists",
    group: Group::Md,
    summary: "Lists should be surrounded by blank lines",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD032"),
};

pub struct BlanksAroundLists;

impl Rule for BlanksAroundLists {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for (i, n) in doc.outline.iter().enumerate() {
            if !matches!(n.kind, NodeKind::List { .. })
                || doc
                    .outline_ancestors(i)
                    .any(|a| matches!(a.kind, NodeKind::List { .. } | NodeKind::HtmlBlock))
            {
                continue;
            }
            let prefix = doc.container_prefix(n.start);
            if !doc.is_blank_line(n.first_line - 1) {
                let line = doc.lines.line_range(doc.text, n.first_line);
                let (at, text, same) = doc.blank_lines_at(n.first_line, &prefix, 1);
                out.push(finding(
                    n.start.max(line.start)..line.end.max(n.start),
                    "before",
                    at,
                    text,
                    same,
                ));
            }
            // The list's last line with content (comrak's end may take in
            // blank lines).
            let mut last = n.last_line;
            while last > n.first_line && doc.is_blank_line(last) {
                last -= 1;
            }
            if !doc.is_blank_line(last + 1) {
                let line = doc.lines.line_range(doc.text, last);
                let s = &doc.text[line.clone()];
                let from = line.start + (s.len() - s.trim_start_matches([' ', '>', '\t']).len());
                let (at, text, same) = doc.blank_lines_at(last + 1, &prefix, 1);
                out.push(finding(from..line.end.max(from), "after", at, text, same));
            }
        }
    }
}

fn finding(
    range: std::ops::Range<usize>,
    side: &str,
    at: usize,
    text: String,
    same: bool,
) -> Diagnostic {
    let msg = format!("no blank line {side} the list");
    let fix_msg = format!("Insert a blank line {side} the list");
    let edits = vec![Edit::insert(at, text)];
    let fix = if same {
        Fix::safe(fix_msg, edits)
    } else {
        // The line after a list item is its lazy continuation: a blank line
        // takes it out of the item, which changes the page.
        Fix::display_only(format!("{fix_msg} (changes how the page renders)"), edits)
    };
    Diagnostic::new(&META, range, msg).with_fix(fix)
}
