//! Link machinery shared by the LNK rules: a URL splitter and the host and
//! parameter tables of `rules/data/links/`. Knows nothing about Markdown.

pub mod arxiv;
pub mod hosts;
pub mod slug;
pub mod tracking;
pub mod url;

/// Lines of a data table that carry entries, with their line numbers.
pub(crate) use crate::text::data::numbered_entries as entries;
