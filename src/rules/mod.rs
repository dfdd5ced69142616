//! The rule registry: every rule, one file each, named after the rule.

mod arxiv_link_style;
mod author_name;
mod bare_url;
mod blanks_around_fences;
mod blanks_around_headings;
mod blanks_around_lists;
mod blanks_around_tables;
mod broken_local_link;
mod byte_order_mark;
mod citation_format;
mod citation_year;
mod code_block_style;
mod code_fence_style;
mod commands_show_output;
mod descriptive_link_text;
mod duplicate_link;
mod emphasis_style;
mod empty_link;
mod fenced_code_language;
mod first_line_heading;
mod heading_increment;
mod heading_start_left;
mod heading_style;
mod hr_style;
mod insecure_link;
mod invisible_character;
mod keyboard_slip;
mod line_length;
mod link_fragments;
mod link_image_reference_definitions;
mod link_image_style;
pub(crate) mod link_sites;
mod link_text_mismatch;
mod link_whitespace;
mod list_indent;
mod list_marker_space;
mod missing_accent;
pub mod misspelled_word;
mod mixed_script_link;
mod mojibake;
mod no_alt_text;
mod no_bare_urls;
mod no_blanks_blockquote;
mod no_duplicate_heading;
mod no_emphasis_as_heading;
mod no_empty_links;
mod no_hard_tabs;
mod no_inline_html;
mod no_missing_space_atx;
mod no_missing_space_closed_atx;
mod no_multiple_blanks;
mod no_multiple_space_atx;
mod no_multiple_space_blockquote;
mod no_multiple_space_closed_atx;
mod no_reversed_links;
mod no_space_in_code;
mod no_space_in_emphasis;
mod no_space_in_links;
mod no_trailing_punctuation;
mod no_trailing_spaces;
mod non_canonical_host;
pub mod not_utf8;
mod ol_prefix;
mod phrase_confusion;
mod proper_names;
mod reference_links_images;
mod repeated_word;
mod replacement_character;
mod required_headings;
mod single_title;
mod single_trailing_newline;
mod strong_style;
mod table_column_count;
mod table_column_style;
mod table_pipe_style;
mod tracking_parameter;
mod typ_support;
mod ul_indent;
mod ul_style;
mod unicode_normalization;

use crate::rule::{Rule, RuleMeta};

/// The code of the mojibake rule, whose spans silence the other rules.
pub const MOJIBAKE: &str = mojibake::META.code;

/// Every rule, sorted by code.
pub static ALL: &[&dyn Rule] = &[
    &mojibake::Mojibake,
    &not_utf8::NotUtf8,
    &unicode_normalization::UnicodeNormalization,
    &replacement_character::ReplacementCharacter,
    &invisible_character::InvisibleCharacter,
    &byte_order_mark::ByteOrderMark,
    &misspelled_word::MisspelledWord,
    &keyboard_slip::KeyboardSlip,
    &link_text_mismatch::LinkTextMismatch,
    &author_name::AuthorName,
    &citation_year::CitationYear,
    &repeated_word::RepeatedWord,
    &phrase_confusion::PhraseConfusion,
    &missing_accent::MissingAccent,
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
    &mixed_script_link::MixedScriptLink,
    &heading_increment::HeadingIncrement,
    &heading_style::HeadingStyle,
    &ul_style::UlStyle,
    &list_indent::ListIndent,
    &ul_indent::UlIndent,
    &no_trailing_spaces::NoTrailingSpaces,
    &no_hard_tabs::NoHardTabs,
    &no_reversed_links::NoReversedLinks,
    &no_multiple_blanks::NoMultipleBlanks,
    &line_length::LineLength,
    &commands_show_output::CommandsShowOutput,
    &no_missing_space_atx::NoMissingSpaceAtx,
    &no_multiple_space_atx::NoMultipleSpaceAtx,
    &no_missing_space_closed_atx::NoMissingSpaceClosedAtx,
    &no_multiple_space_closed_atx::NoMultipleSpaceClosedAtx,
    &blanks_around_headings::BlanksAroundHeadings,
    &heading_start_left::HeadingStartLeft,
    &no_duplicate_heading::NoDuplicateHeading,
    &single_title::SingleTitle,
    &no_trailing_punctuation::NoTrailingPunctuation,
    &no_multiple_space_blockquote::NoMultipleSpaceBlockquote,
    &no_blanks_blockquote::NoBlanksBlockquote,
    &ol_prefix::OlPrefix,
    &list_marker_space::ListMarkerSpace,
    &blanks_around_fences::BlanksAroundFences,
    &blanks_around_lists::BlanksAroundLists,
    &no_inline_html::NoInlineHtml,
    &no_bare_urls::NoBareUrls,
    &hr_style::HrStyle,
    &no_emphasis_as_heading::NoEmphasisAsHeading,
    &no_space_in_emphasis::NoSpaceInEmphasis,
    &no_space_in_code::NoSpaceInCode,
    &no_space_in_links::NoSpaceInLinks,
    &fenced_code_language::FencedCodeLanguage,
    &first_line_heading::FirstLineHeading,
    &no_empty_links::NoEmptyLinks,
    &required_headings::RequiredHeadings,
    &proper_names::ProperNames,
    &no_alt_text::NoAltText,
    &code_block_style::CodeBlockStyle,
    &single_trailing_newline::SingleTrailingNewline,
    &code_fence_style::CodeFenceStyle,
    &emphasis_style::EmphasisStyle,
    &strong_style::StrongStyle,
    &link_fragments::LinkFragments,
    &reference_links_images::ReferenceLinksImages,
    &link_image_reference_definitions::LinkImageReferenceDefinitions,
    &link_image_style::LinkImageStyle,
    &table_pipe_style::TablePipeStyle,
    &table_column_count::TableColumnCount,
    &blanks_around_tables::BlanksAroundTables,
    &descriptive_link_text::DescriptiveLinkText,
    &table_column_style::TableColumnStyle,
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

/// The collector ([`crate::rule::Collector`]) some rule declares under
/// this key.
pub fn collector(key: &str) -> Option<&'static crate::rule::Collector> {
    ALL.iter()
        .filter_map(|r| r.collector())
        .find(|c| c.key == key)
}

pub use no_hard_tabs::Md010Options;
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
