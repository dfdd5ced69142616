//! MD044 `proper-names`: a configured proper name written with other
//! capitalization (`names = ["JavaScript"]`: `javascript`, `Javascript`).
//! As in markdownlint: longer names first, a match is a whole word (ASCII
//! word characters, underscores around it allowed), text of the page
//! (link text and alt text included, destinations and definitions not),
//! code when `code_blocks` (on by default), HTML when `html_elements` (on
//! by default); bare URLs are left alone. Without `names` it does nothing.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{BlockKind, LinkKind};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD044",
    name: "proper-names",
    group: Group::Md,
    summary: "Proper names should have the correct capitalization",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD044"),
};

crate::rule_options! {
    /// Options of MD044 (markdownlint's names and defaults).
    pub struct Md044Options {
        /// Proper names, as they must be written (`[]`: the rule does nothing).
        pub names: Vec<String> = Vec::new();
        /// Also check code blocks and code spans.
        pub code_blocks: bool = true;
        /// Also check HTML (tags, attributes, HTML blocks).
        pub html_elements: bool = true;
    }
}

pub struct ProperNames;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Prose,
    Code,
    Html,
}

/// JavaScript's `\w` (ASCII only, as in a regular expression without `u`).
fn word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn same_ignoring_case(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// Where `name` occurs in `text` as markdownlint's `(\b_*)(name)_*\b`
/// (the `\b` dropped on a side where the name starts or ends with a
/// non-word character), case-insensitively: ranges of the name.
pub(crate) fn find_name(text: &str, name: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let Some(first) = name.chars().next() else {
        return out;
    };
    let last = name.chars().next_back().unwrap_or(first);
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if !same_ignoring_case(c, first) {
            i += c.len_utf8();
            continue;
        }
        // The name, character by character.
        let mut t = text[i..].char_indices();
        let mut end = None;
        let mut ok = true;
        for n in name.chars() {
            match t.next() {
                Some((_, x)) if same_ignoring_case(x, n) => {}
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            end = Some(t.next().map_or(text.len(), |(p, _)| i + p));
        }
        if let Some(e) = end {
            let before = text[..i].trim_end_matches('_');
            let left = !word(first) || before.chars().next_back().is_none_or(|p| !word(p));
            let after = text[e..].trim_start_matches('_');
            let right = !word(last) || after.chars().next().is_none_or(|n| !word(n));
            if left && right {
                out.push(i..e);
                i = text.len() - after.len();
                continue;
            }
        }
        i += c.len_utf8();
    }
    out
}

impl Rule for ProperNames {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md044Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let o = ctx.settings.rules.get::<Md044Options>(META.code);
        if o.names.is_empty() {
            return;
        }
        let doc = ctx.doc;
        let mut names: Vec<&str> = o.names.iter().map(String::as_str).collect();
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        // The text to scan: (range, kind). Prose gets a safe fix; code and
        // HTML an unsafe one (a URL or an identifier may need its case).
        let mut spans: Vec<(Range<usize>, Kind)> = doc
            .segments
            .iter()
            .filter(|s| !matches!(doc.block(s).kind, BlockKind::FrontMatter { .. }))
            .map(|s| (s.range.clone(), Kind::Prose))
            .collect();
        if o.code_blocks {
            spans.extend(doc.code.iter().map(|c| (c.content.clone(), Kind::Code)));
        }
        if o.html_elements {
            spans.extend(doc.html.iter().map(|h| (h.range.clone(), Kind::Html)));
        } else {
            // The text of HTML blocks between their tags and comments.
            for h in doc.html.iter().filter(|h| h.block) {
                let mut at = h.range.start;
                let html = doc.slice(&h.range);
                for t in crate::text::html::tags_and_comments(html) {
                    spans.push((at..h.range.start + t.start, Kind::Html));
                    at = h.range.start + t.end;
                }
                spans.push((at..h.range.end, Kind::Html));
            }
        }
        spans.sort_by_key(|s| s.0.start);
        let bare: Vec<&Range<usize>> = doc
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Bare)
            .map(|l| &l.range)
            .collect();
        let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        let first = out.len();
        let mut taken: Vec<Range<usize>> = Vec::new();
        for name in &names {
            for (span, kind) in &spans {
                let text = doc.slice(span);
                // URLs written as text (in code, link text) are left alone,
                // as bare URLs are; in HTML a URL is an attribute's value.
                let urls = if *kind == Kind::Html {
                    Vec::new()
                } else {
                    crate::text::links::url::literal_autolinks(text)
                };
                for m in find_name(text, name) {
                    if urls.iter().any(|u| overlaps(u, &m)) {
                        continue;
                    }
                    let r = span.start + m.start..span.start + m.end;
                    if taken.iter().any(|t| overlaps(t, &r)) {
                        continue;
                    }
                    taken.push(r.clone());
                    let written = &doc.text[r.clone()];
                    if names.contains(&written) || bare.iter().any(|b| overlaps(b, &r)) {
                        continue;
                    }
                    let msg = format!(
                        "Proper names should have the correct capitalization: expected \"{name}\", actual \"{written}\""
                    );
                    let edits = vec![Edit::replace(r.clone(), name.to_string())];
                    let fix = if *kind == Kind::Prose {
                        Fix::safe(format!("Write `{name}`"), edits)
                    } else {
                        Fix::unsafe_edit(format!("Write `{name}`"), edits)
                    };
                    out.push(Diagnostic::new(&META, r, msg).with_fix(fix));
                }
            }
        }
        out[first..].sort_by_key(|d| d.range.start);
    }
}

#[cfg(test)]
mod tests {
    use super::find_name;

    fn found<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
        find_name(text, name)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn whole_words_any_case() {
        assert_eq!(
            found("javascript y JAVASCRIPT", "JavaScript"),
            ["javascript", "JAVASCRIPT"]
        );
        assert!(found("javascripts", "JavaScript").is_empty());
        assert_eq!(found("_javascript_", "JavaScript"), ["javascript"]);
        assert!(found("xjavascript", "JavaScript").is_empty());
        assert_eq!(found("github.com", "GitHub"), ["github"]);
        assert_eq!(found("Node.JS", "node.js"), ["Node.JS"]);
        assert_eq!(found("en españa", "España"), ["españa"]);
    }
}
