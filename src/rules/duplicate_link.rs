//! LNK009 `duplicate-link`: the same target linked from two items of one
//! list (a copy-paste slip in reading lists and link collections).

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LinkKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::links::url::split;

pub static META: RuleMeta = RuleMeta {
    code: "LNK009",
    name: "duplicate-link",
    group: Group::Lnk,
    summary: "The same target linked twice in one list",
    fixable: Fixable::Never,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("LNK009"),
};

pub struct DuplicateLink;

/// The target for comparison: scheme and host in lowercase, no final `/`.
fn normalize(url: &str) -> String {
    let p = split(url);
    let mut s = String::with_capacity(url.len());
    let head_end = p.host.as_ref().map_or(0, |h| h.end);
    s.push_str(&url[..head_end].to_ascii_lowercase());
    s.push_str(&url[head_end..]);
    if p.query.is_none() && p.fragment.is_none() && s.ends_with('/') {
        s.pop();
    }
    s
}

impl Rule for DuplicateLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        if doc.items.len() < 2 {
            return;
        }
        // (list, target) → (item, link start) of the first link.
        let mut first: HashMap<(u32, String), (usize, usize)> = HashMap::new();
        for link in &doc.links {
            if link.image || link.kind == LinkKind::FrontMatter {
                continue;
            }
            let url = link.url.trim();
            if url.is_empty() || url.starts_with('#') {
                continue;
            }
            let Some((item, it)) = doc.item_at(link.range.start) else {
                continue;
            };
            match first.entry((it.list, normalize(url))) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert((item, link.range.start));
                }
                std::collections::hash_map::Entry::Occupied(o) => {
                    let (first_item, first_at) = *o.get();
                    if first_item == item {
                        continue;
                    }
                    let line = doc.lines.line_of(first_at);
                    out.push(
                        Diagnostic::new(
                            &META,
                            link.range.clone(),
                            format!("`{url}` is already linked in this list"),
                        )
                        .with_help(format!(
                            "the same target is linked at line {line}; remove one of the two items or point this one elsewhere"
                        )),
                    );
                }
            }
        }
    }
}
