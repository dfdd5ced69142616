//! MD021 `no-multiple-space-closed-atx`: more than one space or tab between
//! the hashes of a closed ATX heading and its text, on either side
//! (`##  Título  ##`). Open headings are MD019's.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::NodeKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD021",
    name: "no-multiple-space-closed-atx",
    group: Group::Md,
    summary: "Multiple spaces inside hashes on closed atx style heading",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD021"),
};

pub struct NoMultipleSpaceClosedAtx;

impl Rule for NoMultipleSpaceClosedAtx {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for n in &doc.outline {
            if !matches!(n.kind, NodeKind::Heading { setext: false, .. }) {
                continue;
            }
            let line = doc.lines.line_range(doc.text, n.first_line);
            let Some(s) = doc.text.get(n.start.max(line.start)..line.end) else {
                continue;
            };
            let base = n.start.max(line.start);
            let Some(closed) = closed_heading(s) else {
                continue;
            };
            for (ws, side) in [
                (closed.open_ws, "after the opening"),
                (closed.close_ws, "before the closing"),
            ] {
                if ws.len() < 2 {
                    continue;
                }
                let range = base + ws.start..base + ws.end;
                let extra = base + ws.start + 1..base + ws.end;
                out.push(
                    Diagnostic::new(
                        &META,
                        range,
                        format!("{} spaces {side} hashes of a closed heading", ws.len()),
                    )
                    .with_fix(Fix::safe("Keep one space", vec![Edit::delete(extra)])),
                );
            }
        }
    }
}

/// The whitespace runs inside a closed ATX heading.
struct Closed {
    open_ws: std::ops::Range<usize>,
    close_ws: std::ops::Range<usize>,
}

/// `s` is an ATX heading line from its first `#`: the whitespace after the
/// opening hashes and before the closing ones, when it is closed (a run of
/// `#` at the end, after a space or tab, with text before it).
fn closed_heading(s: &str) -> Option<Closed> {
    let b = s.as_bytes();
    let hashes = b.iter().take_while(|&&c| c == b'#').count();
    let ws_end = hashes
        + b[hashes..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
    let end = s.trim_end_matches([' ', '\t']).len();
    let close = end - b[..end].iter().rev().take_while(|&&c| c == b'#').count();
    if close == end || close <= ws_end {
        return None;
    }
    let ws_start = close
        - b[..close]
            .iter()
            .rev()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
    if ws_start == close || ws_start <= ws_end {
        return None;
    }
    Some(Closed {
        open_ws: hashes..ws_end,
        close_ws: ws_start..close,
    })
}

#[cfg(test)]
mod tests {
    use super::closed_heading;

    #[test]
    fn closed_headings_are_told_apart() {
        let c = closed_heading("##  Título  ##").unwrap();
        assert_eq!((c.open_ws, c.close_ws), (2..4, 11..13));
        assert!(closed_heading("## Título").is_none());
        assert!(closed_heading("## C#").is_none());
        assert!(closed_heading("## foo \\##").is_none());
        assert!(closed_heading("## ##").is_none());
    }
}
