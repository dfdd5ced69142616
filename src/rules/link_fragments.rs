//! MD051 `link-fragments`: a link to `#fragment` on the same page that no
//! heading, `{#id}` or HTML `id` defines. markdownlint's semantics: GitHub's
//! heading algorithm (lower case, punctuation dropped, spaces to dashes,
//! `-1`, `-2` for repeats), compared case-sensitively unless `ignore_case`;
//! `#top` and GitHub line links (`#L20`, `#L19C5-L21C11`) are valid.
//! Inline links and reference definitions are checked.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{BlockKind, Document, LinkKind};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD051",
    name: "link-fragments",
    group: Group::Md,
    summary: "Link fragments should be valid",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD051"),
};

crate::rule_options! {
    /// Options of MD051 (markdownlint's names and defaults).
    pub struct Md051Options {
        /// Ignore case of fragments.
        pub ignore_case: bool = false;
        /// Pattern (regular expression) for fragments to ignore (`""`: none).
        pub ignored_pattern: String = String::new();
    }
}

pub struct LinkFragments;

static NOT_SLUG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\p{L}\p{M}\p{N}\p{Pc}\- ]").expect("valid pattern"));
static NAMED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{(#[a-z\d]+(?:[-_][a-z\d]+)*)\}").expect("valid pattern"));
static LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^#(?:L\d+(?:C\d+)?-L\d+(?:C\d+)?|L\d+)$").expect("valid pattern")
});
static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\sid\s*=\s*['"]?([^'"\s>]+)"#).expect("valid pattern"));
static NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\sname\s*=\s*['"]?([^'"\s>]+)"#).expect("valid pattern"));

/// GitHub's fragment of a heading's text (without `#`, not percent-encoded).
pub(crate) fn github_fragment(text: &str) -> String {
    NOT_SLUG
        .replace_all(&text.to_lowercase(), "")
        .replace(' ', "-")
}

/// JavaScript's `encodeURIComponent`.
fn encode_uri_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Backslash escapes and the common character references of a destination
/// decoded.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    for (e, c) in [
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
    ] {
        out = out.replace(e, c);
    }
    out
}

/// Every fragment the page defines, `#`-prefixed and percent-encoded as
/// markdownlint keeps them.
fn fragments(doc: &Document<'_>) -> HashSet<String> {
    let mut out: HashSet<String> = HashSet::new();
    out.insert("#top".to_string());
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for block in &doc.blocks {
        if !matches!(block.kind, BlockKind::Heading { .. }) {
            continue;
        }
        let text = doc.heading_data(block);
        let fragment = format!("#{}", encode_uri_component(&github_fragment(&text)));
        if fragment == "#" {
            continue;
        }
        let n = counts.entry(fragment.clone()).or_insert(0);
        if *n > 0 {
            out.insert(format!("{fragment}-{n}"));
        }
        *n += 1;
        out.insert(fragment);
        for m in NAMED.captures_iter(doc.slice(&block.range)) {
            out.insert(m[1].to_string());
        }
    }
    for h in doc.html.iter().filter(|h| !h.comment) {
        let src = doc.slice(&h.range);
        let Some(rest) = src.strip_prefix('<') else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let m = ID.captures(src).or_else(|| {
            name.eq_ignore_ascii_case("a")
                .then(|| NAME.captures(src))
                .flatten()
        });
        if let Some(m) = m {
            out.insert(format!("#{}", &m[1]));
        }
    }
    out
}

/// A docfx tab: a heading that is only a link to `#tab/…`, which docfx
/// turns into a tab (markdownlint skips them).
fn docfx_tab(doc: &Document<'_>, link: &crate::document::Link) -> bool {
    link.dest
        .as_ref()
        .is_some_and(|d| doc.slice(d).starts_with("#tab/"))
        && doc.blocks.iter().any(|b| {
            matches!(b.kind, BlockKind::Heading { .. })
                && b.range.start <= link.range.start
                && link.range.end <= b.range.end
                && doc.slice(&b.range).trim_start_matches('#').trim() == doc.slice(&link.range)
        })
}

impl Rule for LinkFragments {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md051Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md051Options>(META.code);
        // Destinations that are fragments: inline links, then definitions,
        // with the range reported.
        let mut targets: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
        for link in &doc.links {
            if link.image || link.kind != LinkKind::Inline {
                continue;
            }
            if let Some(d) = &link.dest
                && doc.slice(d).starts_with('#')
                && !docfx_tab(doc, link)
            {
                // comrak's range can stop before a title on the next line.
                let end = link
                    .title
                    .as_ref()
                    .map_or(link.range.end, |t| t.end.max(link.range.end));
                targets.push((link.range.start..end, d.clone()));
            }
        }
        for def in &doc.definitions {
            if doc.slice(&def.dest).starts_with('#') {
                targets.push((def.range.clone(), def.dest.clone()));
            }
        }
        if targets.is_empty() {
            return;
        }
        let ignored = if o.ignored_pattern.is_empty() {
            None
        } else {
            // An invalid pattern is refused when the configuration is read
            // (see the options' check); here it ignores nothing.
            Regex::new(&o.ignored_pattern).ok()
        };
        let known = fragments(doc);
        let lower: std::collections::HashMap<String, &String> =
            known.iter().map(|f| (f.to_lowercase(), f)).collect();
        for (range, dest) in targets {
            let written = doc.slice(&dest);
            let text = unescape(written);
            if text.len() <= 1 {
                continue;
            }
            let encoded = format!("#{}", encode_uri_component(&text[1..]));
            if known.contains(&encoded) || known.contains(&text) || LINE.is_match(&encoded) {
                continue;
            }
            if ignored.as_ref().is_some_and(|r| r.is_match(&text[1..])) {
                continue;
            }
            let same_but_case = lower
                .get(&encoded.to_lowercase())
                .or_else(|| lower.get(&text.to_lowercase()));
            if o.ignore_case && same_but_case.is_some() {
                continue;
            }
            let mut d = Diagnostic::new(
                &META,
                range.clone(),
                format!("Link fragment `{written}` matches no heading or anchor of the page"),
            );
            // As markdownlint: a fix only for a link on one line.
            if let Some(right) = same_but_case.filter(|_| !doc.slice(&range).contains('\n')) {
                let right = (*right).clone();
                d = d.with_fix(Fix::safe(
                    format!("Write it as `{right}`"),
                    vec![Edit::replace(dest.clone(), right)],
                ));
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_fragments() {
        assert_eq!(
            github_fragment("Valid Heading 20.10 ❌"),
            "valid-heading-2010-"
        );
        assert_eq!(github_fragment("🚀 Valid Heading"), "-valid-heading");
        assert_eq!(github_fragment("Área: pi * r^2"), "área-pi--r2");
        assert_eq!(github_fragment("snake_case"), "snake_case");
        assert_eq!(github_fragment("The \"Best\" Headin'"), "the-best-headin");
    }

    #[test]
    fn encoding_and_lines() {
        assert_eq!(encode_uri_component("lhôpital"), "lh%C3%B4pital");
        assert_eq!(encode_uri_component("a-b_c"), "a-b_c");
        assert!(LINE.is_match("#L7"));
        assert!(LINE.is_match("#L19C5-L21C11"));
        assert!(!LINE.is_match("#L30C"));
        assert!(!LINE.is_match("#l7"));
    }
}
