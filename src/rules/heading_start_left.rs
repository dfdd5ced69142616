//! MD023 `heading-start-left`: a heading indented by one to three spaces
//! (`  # Title`), or in a block quote after its `>` and one space
//! (`>  # Title`), or in a list item beyond the item's content column.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::NodeKind;
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
        let text = doc.text;
        let bytes = text.as_bytes();
        'headings: for node in &doc.outline {
            if !matches!(node.kind, NodeKind::Heading { .. }) {
                continue;
            }
            let line_start = doc.lines.line_start(doc.lines.line_of(node.start));
            // The containers, outermost first: where each one's content
            // starts on the heading's line.
            let mut chain = Vec::new();
            let mut p = node.parent;
            while let Some(i) = p {
                let n = &doc.outline[i as usize];
                chain.push(n);
                p = n.parent;
            }
            let mut pos = line_start;
            for n in chain.iter().rev() {
                match n.kind {
                    NodeKind::Item => {
                        let Some(col) = item_content_column(doc, n.start) else {
                            continue 'headings;
                        };
                        pos = pos.max(line_start + col);
                    }
                    // `>` with its one optional space, after up to three.
                    NodeKind::BlockQuote => {
                        let rest = bytes.get(pos..node.start).unwrap_or(&[]);
                        let spaces = rest.iter().take_while(|&&c| c == b' ').count();
                        if rest.get(spaces) != Some(&b'>') {
                            continue 'headings;
                        }
                        pos += spaces + 1;
                        if matches!(bytes.get(pos), Some(b' ' | b'\t')) && pos < node.start {
                            pos += 1;
                        }
                    }
                    NodeKind::List { .. } => {}
                    _ => continue 'headings,
                }
            }
            let Some(indent) = text.get(pos..node.start) else {
                continue;
            };
            if indent.is_empty() || !indent.bytes().all(|c| c == b' ' || c == b'\t') {
                continue;
            }
            let range = pos..node.start;
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

/// The column (in bytes from its line's start) where the content of the
/// list item whose marker starts at `marker` begins: after the marker and
/// one to four spaces (one when more follow, or none).
fn item_content_column(doc: &crate::document::Document<'_>, marker: usize) -> Option<usize> {
    let text = doc.text;
    let line_start = doc.lines.line_start(doc.lines.line_of(marker));
    let rest = text.get(marker..)?.as_bytes();
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    let marker_len = match rest.get(digits)? {
        b'.' | b')' if digits > 0 => digits + 1,
        b'-' | b'*' | b'+' if digits == 0 => 1,
        _ => return None,
    };
    let after = &rest[marker_len..];
    let spaces = after.iter().take_while(|&&c| c == b' ').count();
    let blank = after[spaces..]
        .first()
        .is_none_or(|c| *c == b'\n' || *c == b'\r');
    if after.get(spaces) == Some(&b'\t') {
        return None; // tabs: columns are not bytes
    }
    let pad = if blank || spaces > 4 { 1 } else { spaces };
    Some(marker - line_start + marker_len + pad)
}
