//! MD023 `heading-start-left`: a heading indented by one to three spaces
//! (`  # Title`), or in a block quote after its `>` and one space
//! (`>  # Title`). Headings in list items are not checked yet.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::BlockKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD023",
    name: "heading-start-left",
    group: Group::Md,
    summary: "Headings must start at the beginning of the line",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD023"),
};

pub struct HeadingStartLeft;

impl Rule for HeadingStartLeft {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for b in &doc.blocks {
            if !matches!(b.kind, BlockKind::Heading { .. }) || b.list_depth > 0 {
                continue;
            }
            let mut line_start = doc.lines.line_start(doc.lines.line_of(b.range.start));
            // In a block quote, the indentation after its `>` markers (each
            // with its one optional space).
            for _ in 0..b.quote_depth {
                let rest = doc
                    .text
                    .as_bytes()
                    .get(line_start..b.range.start)
                    .unwrap_or(&[]);
                let spaces = rest.iter().take_while(|&&c| c == b' ').count();
                if rest.get(spaces) != Some(&b'>') {
                    break;
                }
                line_start += spaces + 1;
                if matches!(doc.text.as_bytes().get(line_start), Some(b' ' | b'\t')) {
                    line_start += 1;
                }
            }
            let Some(indent) = doc.text.get(line_start..b.range.start) else {
                continue;
            };
            if indent.is_empty() || !indent.bytes().all(|c| c == b' ' || c == b'\t') {
                continue;
            }
            let range = line_start..b.range.start;
            out.push(
                Diagnostic::new(
                    &META,
                    range.clone(),
                    match indent.len() {
                        1 => "heading indented by 1 space".to_string(),
                        n => format!("heading indented by {n} spaces"),
                    },
                )
                .with_fix(Fix::safe(
                    "Remove the indentation",
                    vec![Edit::delete(range)],
                )),
            );
        }
    }
}
