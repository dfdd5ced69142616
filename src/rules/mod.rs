//! The rule registry: every rule, one file each, named after the rule.

mod arxiv_link_style;
mod bare_url;
mod broken_local_link;
mod byte_order_mark;
mod citation_format;
mod duplicate_link;
mod empty_link;
mod insecure_link;
mod invisible_character;
pub(crate) mod link_sites;
mod link_whitespace;
mod no_hard_tabs;
mod no_multiple_blanks;
mod no_trailing_spaces;
mod non_canonical_host;
pub mod not_utf8;
mod single_trailing_newline;
mod tracking_parameter;
mod unicode_normalization;

use crate::rule::{Rule, RuleMeta};

/// Every rule, sorted by code.
pub static ALL: &[&dyn Rule] = &[
    &not_utf8::NotUtf8,
    &unicode_normalization::UnicodeNormalization,
    &invisible_character::InvisibleCharacter,
    &byte_order_mark::ByteOrderMark,
    &non_canonical_host::NonCanonicalHost,
    &insecure_link::InsecureLink,
    &tracking_parameter::TrackingParameter,
    &arxiv_link_style::ArxivLinkStyle,
    &bare_url::BareUrl,
    &empty_link::EmptyLink,
    &broken_local_link::BrokenLocalLink,
    &citation_format::CitationFormat,
    &duplicate_link::DuplicateLink,
    &link_whitespace::LinkWhitespace,
    &no_trailing_spaces::NoTrailingSpaces,
    &no_hard_tabs::NoHardTabs,
    &no_multiple_blanks::NoMultipleBlanks,
    &single_trailing_newline::SingleTrailingNewline,
];

/// The rule with this code or name.
pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.meta().code.eq_ignore_ascii_case(code_or_name) || r.meta().name == code_or_name)
}

/// Metadata of every rule.
pub fn metas() -> impl Iterator<Item = &'static RuleMeta> {
    ALL.iter().map(|r| r.meta())
}

pub use single_trailing_newline::dominant_newline;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_unique_and_well_named() {
        let codes: Vec<&str> = metas().map(|m| m.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_by_key(|c| {
            let split = c.find(|ch: char| ch.is_ascii_digit()).unwrap();
            let group = crate::rule::Group::ALL
                .iter()
                .position(|g| g.prefix() == &c[..split])
                .unwrap();
            (group, c[split..].parse::<u32>().unwrap())
        });
        assert_eq!(codes, sorted, "registry not sorted by group then number");
        let mut names: Vec<&str> = metas().map(|m| m.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), codes.len(), "duplicate names");
        for m in metas() {
            assert!(
                m.code.starts_with(m.group.prefix()),
                "{} not in its group",
                m.code
            );
            assert!(
                m.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                "{} is not kebab-case",
                m.name
            );
        }
    }
}
