//! LNK009 `duplicate-link`: two items of one list that open with a link to
//! the same target (an entry listed twice in a reading list or link
//! collection, or a link copied from the neighbour and never changed).

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LinkKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::links::url::split;

pub static META: RuleMeta = RuleMeta {
    code: "LNK009",
    name: "duplicate-link",
    group: Group::Lnk,
    summary: "Two items of one list that open with a link to the same target",
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

/// Does the link at `at` open the list item starting at `item_start` (only
/// the marker, a task box or emphasis before it)? Such a link names the
/// item's entry (`- [Name](url) - what it is`); links later in an item
/// refer to other things on purpose ("a wrapper for [x](…)").
fn opens_item(text: &str, item_start: usize, at: usize) -> bool {
    if at < item_start {
        return false;
    }
    let before = text[item_start..at].trim_start_matches([' ', '\t', '>']);
    let before = before.trim_start_matches(|c: char| c.is_ascii_digit());
    let before = before.trim_start_matches(['-', '*', '+', '.', ')']);
    let before = before.trim_start();
    let before = before
        .strip_prefix("[ ]")
        .or_else(|| before.strip_prefix("[x]"))
        .or_else(|| before.strip_prefix("[X]"))
        .unwrap_or(before)
        .trim_start();
    before.chars().all(|c| matches!(c, '*' | '_'))
}

/// The innermost list item at an offset in O(log n + depth), not by
/// scanning every item (quadratic on a list of 100,000 links).
struct ItemFinder {
    /// The item each item is nested in (items come in document order, an
    /// item before the items nested in it; ranges nest or are disjoint).
    parent: Vec<Option<usize>>,
}

impl ItemFinder {
    fn new(items: &[crate::document::ListItem]) -> ItemFinder {
        let mut parent = Vec::with_capacity(items.len());
        let mut open: Vec<usize> = Vec::new();
        for (i, it) in items.iter().enumerate() {
            while let Some(&top) = open.last() {
                let r = &items[top].range;
                if r.start <= it.range.start && it.range.end <= r.end {
                    break;
                }
                open.pop();
            }
            parent.push(open.last().copied());
            open.push(i);
        }
        ItemFinder { parent }
    }

    /// The last item starting at or before `offset` contains it, or its
    /// innermost container is one of that item's ancestors.
    fn innermost(&self, items: &[crate::document::ListItem], offset: usize) -> Option<usize> {
        let mut i = items
            .partition_point(|it| it.range.start <= offset)
            .checked_sub(1);
        while let Some(j) = i {
            if items[j].range.contains(&offset) {
                return Some(j);
            }
            i = self.parent[j];
        }
        None
    }
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
        let items = ItemFinder::new(&doc.items);
        // (list, target) → (item, link start) of the first link.
        let mut first: HashMap<(u32, String), (usize, usize)> = HashMap::new();
        for link in &doc.links {
            if link.image || link.kind == LinkKind::FrontMatter {
                continue;
            }
            let url = link.url.trim();
            if url.is_empty() || url == "#" {
                continue;
            }
            let Some(item) = items.innermost(&doc.items, link.range.start) else {
                continue;
            };
            let it = &doc.items[item];
            if !opens_item(doc.text, it.range.start, link.range.start) {
                continue;
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    #[test]
    fn innermost_item_agrees_with_a_scan() {
        let text =
            "- a [x](u)\n  - b\n    - c [y](v)\n  - d\n\n  after\n- e\n\ntext\n1. f\n   - g\n";
        let doc = Document::parse(text);
        assert!(doc.items.len() >= 6, "{:?}", doc.items.len());
        let finder = ItemFinder::new(&doc.items);
        for off in 0..=text.len() {
            let want = doc.item_at(off).map(|(i, _)| i);
            assert_eq!(finder.innermost(&doc.items, off), want, "offset {off}");
        }
    }
}
