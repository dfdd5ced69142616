//! MD007 `ul-indent`: the indentation of bullet list items: `indent`
//! spaces (2) per level of bullet lists nesting it, from the line's start
//! or its block quote's `>`. Bullet lists inside ordered lists are left
//! alone, as in markdownlint.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::NodeKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD007",
    name: "ul-indent",
    group: Group::Md,
    summary: "Unordered list indentation",
    fixable: Fixable::Sometimes,
    default_enabled: false,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD007"),
};

crate::rule_options! {
    /// Options of MD007 (markdownlint's names and defaults).
    pub struct Md007Options {
        /// Spaces of indentation per nesting level.
        pub indent: usize = 2;
        /// Indent the first level too (by `start_indent`).
        pub start_indented: bool = false;
        /// Spaces before a first-level item when `start_indented` (0: `indent`).
        pub start_indent: usize = 0;
    }
}

pub struct UlIndent;

impl Rule for UlIndent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md007Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md007Options>(META.code);
        let indent = o.indent.max(1);
        let start_indent = if o.start_indent == 0 {
            indent
        } else {
            o.start_indent
        };
        let lists = doc
            .outline
            .iter()
            .enumerate()
            .filter(|(_, n)| matches!(n.kind, NodeKind::List { .. }));
        for ((i, n), marks) in lists.zip(&doc.marks.lists) {
            if n.kind != (NodeKind::List { ordered: false }) {
                continue;
            }
            let mut nesting = 0usize;
            let mut under_ordered = false;
            for a in doc.outline_ancestors(i) {
                match a.kind {
                    NodeKind::List { ordered: false } => nesting += 1,
                    NodeKind::List { ordered: true } => {
                        under_ordered = true;
                        break;
                    }
                    NodeKind::BlockQuote => break,
                    _ => {}
                }
            }
            if under_ordered {
                continue;
            }
            let footnote = doc
                .outline_ancestors(i)
                .any(|a| a.kind == NodeKind::FootnoteDefinition);
            let want = if footnote { 4 } else { 0 }
                + if o.start_indented { start_indent } else { 0 }
                + nesting * indent;
            // Each item is re-indented alone: with two or more items to move,
            // moving one shifts its siblings' nesting, and the loop would
            // move them one per pass. Their fixes are only shown.
            let mut found = Vec::new();
            for m in &marks.markers {
                let line_start = doc.lines.line_start(doc.lines.line_of(m.start));
                let before = &doc.text[line_start..m.start];
                if before.contains('\t') {
                    continue;
                }
                // After the line's block-quote markers (and the one space
                // that belongs to the last of them).
                let from = match before.rfind('>') {
                    Some(p) if before[..p].chars().all(|c| c == '>' || c == ' ') => {
                        let mut f = p + 1;
                        if before[f..].starts_with(' ') {
                            f += 1;
                        }
                        f
                    }
                    _ => 0,
                };
                let got = before[from..].chars().count();
                if got == want || !before[from..].chars().all(|c| c == ' ') {
                    continue;
                }
                let range = line_start + from..m.start;
                let replacement = " ".repeat(want);
                found.push((line_start, from, got, range, replacement, m.end));
            }
            // Several items to move: one fix moves them all (moving one
            // alone shifts its siblings' nesting), checked as one edit.
            let together = found.len() > 1 && {
                let span = found[0].3.start..found[found.len() - 1].3.end;
                let mut text = String::new();
                let mut at = span.start;
                for f in &found {
                    text.push_str(&doc.text[at..f.3.start]);
                    text.push_str(&f.4);
                    at = f.3.end;
                }
                doc.edit_keeps_page(span, &text)
            };
            let all: Vec<Edit> = found
                .iter()
                .map(|f| Edit::replace(f.3.clone(), f.4.clone()))
                .collect();
            let alone = found.len() == 1;
            for (k, (line_start, from, got, range, replacement, end)) in
                found.into_iter().enumerate()
            {
                let same = alone && doc.edit_keeps_page(range.clone(), &replacement);
                let edits = if together && k == 0 {
                    all.clone()
                } else {
                    vec![Edit::replace(range.clone(), replacement)]
                };
                let same = same || (together && k == 0);
                let msg = format!(
                    "Indent the item by {want} space{}",
                    if want == 1 { "" } else { "s" }
                );
                let msg = if together && k == 0 {
                    format!("Re-indent the list's {} misplaced items", edits.len())
                } else {
                    msg
                };
                let fix = if same {
                    Fix::safe(msg, edits)
                } else {
                    Fix::display_only(format!("{msg} (changes how the page renders)"), edits)
                };
                out.push(
                    Diagnostic::new(
                        &META,
                        line_start + from..end,
                        format!("list item indented by {got} (expected {want})"),
                    )
                    .with_fix(fix),
                );
            }
        }
    }
}
