//! Link machinery shared by the LNK rules: a URL splitter and the host and
//! parameter tables of `rules/data/links/`. Knows nothing about Markdown.

pub mod arxiv;
pub mod hosts;
pub mod slug;
pub mod tracking;
pub mod url;

/// Lines of a data table that carry entries: not blank, not `#` comments.
pub(crate) fn entries(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table: a header naming its source and licence, then entries
    /// sorted by their first column, unique, with a reason.
    #[test]
    fn tables_are_sorted_unique_and_explained() {
        for (name, src, columns) in [
            ("host-aliases.tsv", hosts::ALIASES, 3),
            ("https-hosts.tsv", hosts::HTTPS, 2),
            ("tracking-parameters.tsv", tracking::TABLE, 3),
        ] {
            assert!(src.contains("# Source:"), "{name}: header lacks its source");
            assert!(
                src.contains("# Licence:"),
                "{name}: header lacks its licence"
            );
            let mut last: Option<&str> = None;
            for (n, line) in entries(src) {
                let cols: Vec<&str> = line.split('\t').collect();
                assert_eq!(cols.len(), columns, "{name}:{n}: {line:?}");
                assert!(
                    cols.iter().all(|c| !c.trim().is_empty() && c.trim() == *c),
                    "{name}:{n}: empty or padded column"
                );
                if let Some(prev) = last {
                    assert!(prev < cols[0], "{name}:{n}: not sorted or duplicate");
                }
                last = Some(cols[0]);
            }
            assert!(last.is_some(), "{name} is empty");
        }
    }
}
