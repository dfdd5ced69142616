//! MD027 `no-multiple-space-blockquote`: more than one space after a block
//! quote's `>` (`>  texto`). The indentation of a list item's continuation
//! lines and of code in the quote is content, not a slip.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::NodeKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD027",
    name: "no-multiple-space-blockquote",
    group: Group::Md,
    summary: "Multiple spaces after blockquote symbol",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD027"),
};

crate::rule_options! {
    /// Options of MD027 (markdownlint's names and defaults).
    pub struct Md027Options {
        /// Also report the spaces before a list item's marker in a block quote.
        pub list_items: bool = true;
    }
}

pub struct NoMultipleSpaceBlockquote;

impl Rule for NoMultipleSpaceBlockquote {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md027Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md027Options>(META.code);
        let count = doc.lines.line_count();
        // Per line: 1 = first line of a list item in a quote, 2 = a line
        // inside a list item in a quote (its indentation is the item's).
        let mut item = vec![0u8; count + 2];

        for (i, n) in doc.outline.iter().enumerate() {
            if !matches!(n.kind, NodeKind::Item)
                || !doc
                    .outline_ancestors(i)
                    .any(|a| a.kind == NodeKind::BlockQuote)
            {
                continue;
            }
            let first = n.first_line.min(count + 1);
            let last = n.last_line.min(count);
            item[first] = item[first].max(1);
            if last > first {
                item[first + 1..=last].fill(2);
            }
        }
        let mut done = 0usize;
        for (i, q) in doc.outline.iter().enumerate() {
            if q.kind != NodeKind::BlockQuote
                || doc
                    .outline_ancestors(i)
                    .any(|a| a.kind == NodeKind::BlockQuote)
            {
                continue;
            }
            let in_outer_list = doc
                .outline_ancestors(i)
                .any(|a| matches!(a.kind, NodeKind::List { .. }));
            let col = q.start - doc.lines.line_start(q.first_line);
            for l in q.first_line.max(done + 1)..=q.last_line.min(count) {
                done = l;
                let it = item.get(l).copied().unwrap_or(0);
                if it == 2 || (!o.list_items && (it == 1 || in_outer_list)) {
                    continue;
                }
                let r = doc.lines.line_range(doc.text, l);
                let s = &doc.text[r.clone()];
                if s.len() < col || !(l == q.first_line || s[..col].trim().is_empty()) {
                    continue;
                }
                for (ws_start, ws_len) in extra_space(&s[col..]) {
                    let start = r.start + col + ws_start;
                    let range = start..start + ws_len;
                    if doc.in_code_content(range.end) || doc.in_html_block(range.end) {
                        continue;
                    }
                    let same = doc.edit_keeps_page(range.clone(), "");
                    let edits = vec![Edit::delete(range.clone())];
                    let fix = if same {
                        Fix::safe("Remove the extra spaces", edits)
                    } else {
                        Fix::display_only(
                            "Remove the extra spaces (changes how the page renders)",
                            edits,
                        )
                    };
                    out.push(
                        Diagnostic::new(
                            &META,
                            range,
                            format!("{} spaces after the `>` of a block quote", ws_len + 1),
                        )
                        .with_fix(fix),
                    );
                }
            }
        }
    }
}

/// `s` starts with a block quote's `>` markers: the whitespace after each
/// marker's one optional space (where it starts, how long it is).
fn extra_space(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while b.get(i) == Some(&b'>') {
        i += 1;
        if matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        let w = b[i..]
            .iter()
            .take_while(|&&c| c == b' ' || c == b'\t')
            .count();
        if w > 0 {
            out.push((i, w));
        }
        i += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::extra_space;

    #[test]
    fn extra_space_after_the_last_marker() {
        assert_eq!(extra_space(">  A"), vec![(2, 1)]);
        assert_eq!(extra_space("> >  B"), vec![(4, 1)]);
        assert_eq!(extra_space(">>>  C"), vec![(4, 1)]);
        assert_eq!(extra_space(">  >  C"), vec![(2, 1), (5, 1)]);
        assert!(extra_space("> A").is_empty());
        assert!(extra_space(">A").is_empty());
        assert_eq!(extra_space(">   "), vec![(2, 2)]);
    }
}
