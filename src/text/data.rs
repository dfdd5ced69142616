//! The data tables of `rules/data/`: one registry, one reader, one check.
//!
//! Every table is a UTF-8 text file: a header of `#` lines that says where
//! its data comes from (`Source:` or "curated for pagelint") and under which
//! licence, then one entry per line — columns separated by tabs (`.csv`
//! files: the first comma) — sorted and unique by its key unless the header
//! says the order is a preference. [`TABLES`] lists every file;
//! `tables_are_attributed_sorted_unique_and_registered` checks them all, and
//! fails on a file of `rules/data/` that is not listed. The files are built
//! into the binary: pagelint needs no data at run time.

/// A file of `rules/data/`, built in.
macro_rules! table {
    ($path:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/data/", $path))
    };
}

pub const INVISIBLE_CHARACTERS: &str = table!("invisible-characters.tsv");
pub const ARXIV_HOSTS: &str = table!("links/arxiv-hosts.txt");
pub const CONFUSABLES: &str = table!("links/confusables.tsv");
pub const DEFAULT_BRANCHES: &str = table!("links/default-branches.txt");
pub const GITHUB_HOSTS: &str = table!("links/github-hosts.tsv");
pub const HOST_ALIASES: &str = table!("links/host-aliases.tsv");
pub const HOST_NOISE_LABELS: &str = table!("links/host-noise-labels.txt");
pub const HTTPS_HOSTS: &str = table!("links/https-hosts.tsv");
pub const TRACKING_PARAMETERS: &str = table!("links/tracking-parameters.tsv");
pub const MARKDOWNLINT_RULES: &str = table!("md/markdownlint-rules.tsv");
pub const A_GRAVE_WORDS: &str = table!("mojibake/a-grave-words.txt");
pub const LOSSY_CODE_PAGES: &str = table!("mojibake/lossy-code-pages.txt");
pub const ACCENTS: &str = table!("typ/accents.tsv");
pub const TYPOS_EN: &str = table!("typ/en-typos.csv");
pub const TYPOS_ES: &str = table!("typ/es-typos.csv");
pub const FREQ_EN: &str = table!("typ/freq-en.tsv");
pub const FREQ_ES: &str = table!("typ/freq-es.tsv");
pub const NAMES: &str = table!("typ/names.txt");
pub const PHRASES: &str = table!("typ/phrases.tsv");
pub const REAL_SURNAMES: &str = table!("typ/real-surnames.txt");
pub const REPEAT_OK: &str = table!("typ/repeat-ok.tsv");
pub const STOPWORDS: &str = table!("typ/stopwords.tsv");
pub const TERMS: &str = table!("typ/terms.txt");

/// How a table's entries are ordered.
#[derive(Clone, Copy, Debug)]
pub enum Order {
    /// Sorted and unique by their first `n` columns (byte order).
    By(usize),
    /// Sorted and unique by the code point in their first column (`U+XXXX`).
    CodePoint,
    /// As written: the order is a preference, entries unique.
    Preference,
}

/// A table: its path under `rules/data/`, its text, how many columns each
/// entry has and how entries are ordered.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    pub path: &'static str,
    pub text: &'static str,
    pub columns: usize,
    pub order: Order,
    /// Lines after the header that name the columns (not entries).
    pub heading_rows: usize,
    /// The last column may be empty (a list of none).
    pub last_may_be_empty: bool,
}

const fn t(path: &'static str, text: &'static str, columns: usize, order: Order) -> Table {
    Table {
        path,
        text,
        columns,
        order,
        heading_rows: 0,
        last_may_be_empty: false,
    }
}

/// Every table of `rules/data/`.
pub static TABLES: &[Table] = &[
    t(
        "invisible-characters.tsv",
        INVISIBLE_CHARACTERS,
        4,
        Order::CodePoint,
    ),
    t("links/arxiv-hosts.txt", ARXIV_HOSTS, 1, Order::By(1)),
    t("links/confusables.tsv", CONFUSABLES, 3, Order::By(1)),
    t(
        "links/default-branches.txt",
        DEFAULT_BRANCHES,
        1,
        Order::Preference,
    ),
    t("links/github-hosts.tsv", GITHUB_HOSTS, 3, Order::By(1)),
    t("links/host-aliases.tsv", HOST_ALIASES, 3, Order::By(1)),
    t(
        "links/host-noise-labels.txt",
        HOST_NOISE_LABELS,
        1,
        Order::By(1),
    ),
    t("links/https-hosts.tsv", HTTPS_HOSTS, 2, Order::By(1)),
    t(
        "links/tracking-parameters.tsv",
        TRACKING_PARAMETERS,
        3,
        Order::By(1),
    ),
    Table {
        heading_rows: 1,
        last_may_be_empty: true,
        ..t(
            "md/markdownlint-rules.tsv",
            MARKDOWNLINT_RULES,
            5,
            Order::By(1),
        )
    },
    t("mojibake/a-grave-words.txt", A_GRAVE_WORDS, 1, Order::By(1)),
    t(
        "mojibake/lossy-code-pages.txt",
        LOSSY_CODE_PAGES,
        1,
        Order::Preference,
    ),
    t("typ/accents.tsv", ACCENTS, 4, Order::By(3)),
    t("typ/en-typos.csv", TYPOS_EN, 2, Order::By(1)),
    t("typ/es-typos.csv", TYPOS_ES, 2, Order::By(1)),
    t("typ/freq-en.tsv", FREQ_EN, 2, Order::By(1)),
    t("typ/freq-es.tsv", FREQ_ES, 2, Order::By(1)),
    t("typ/names.txt", NAMES, 2, Order::By(1)),
    t("typ/phrases.tsv", PHRASES, 4, Order::By(2)),
    t("typ/real-surnames.txt", REAL_SURNAMES, 1, Order::By(1)),
    t("typ/repeat-ok.tsv", REPEAT_OK, 3, Order::By(2)),
    t("typ/stopwords.tsv", STOPWORDS, 2, Order::By(2)),
    t("typ/terms.txt", TERMS, 1, Order::By(1)),
];

/// The entries of a table's text: neither blank nor `#` comments, without
/// trailing whitespace.
pub fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The entries of a table's text with their line numbers (1-based).
pub fn numbered_entries(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// An entry's columns: tab-separated; in a `.csv` table, the first comma
/// separates the two columns.
pub fn columns<'a>(path: &str, entry: &'a str) -> Vec<&'a str> {
    if path.ends_with(".csv") {
        match entry.split_once(',') {
            Some((a, b)) => vec![a, b],
            None => vec![entry],
        }
    } else {
        entry.split('\t').collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Check one table; every problem, each naming the file and line.
    fn problems(t: &Table) -> Vec<String> {
        let mut out = Vec::new();
        let header: String = t
            .text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase();
        if !(header.contains("source") || header.contains("curated")) {
            out.push(format!(
                "{}: the header must say where the data comes from",
                t.path
            ));
        }
        if !(header.contains("licen") || header.contains("mit")) {
            out.push(format!("{}: the header must name the licence", t.path));
        }
        if matches!(t.order, Order::Preference) && !header.contains("preference") {
            out.push(format!(
                "{}: an unsorted table must say its order is a preference",
                t.path
            ));
        }
        let mut seen = std::collections::HashSet::new();
        let mut last: Option<(String, usize)> = None;
        let entries = t
            .text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
            .skip(t.heading_rows);
        for (i, line) in entries {
            let n = i + 1;
            if line.starts_with(char::is_whitespace) || line.ends_with(' ') {
                out.push(format!("{}:{n}: stray whitespace", t.path));
            }
            let cols = columns(t.path, line);
            let empty = |(i, c): (usize, &&str)| {
                c.is_empty() && !(t.last_may_be_empty && i + 1 == t.columns)
            };
            if cols.len() != t.columns
                || cols.iter().enumerate().any(empty)
                || cols.iter().any(|c| c.trim() != *c)
            {
                out.push(format!(
                    "{}:{n}: {} columns expected, none empty or padded: {line:?}",
                    t.path, t.columns
                ));
                continue;
            }
            let key = match t.order {
                Order::By(k) => cols[..k].join("\t"),
                Order::Preference => line.to_string(),
                Order::CodePoint => match cols[0]
                    .strip_prefix("U+")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                {
                    Some(cp) => format!("{cp:08X}"),
                    None => {
                        out.push(format!("{}:{n}: not a U+XXXX code point", t.path));
                        continue;
                    }
                },
            };
            if !seen.insert(key.clone()) {
                out.push(format!("{}:{n}: {key:?} twice", t.path));
                continue;
            }
            if !matches!(t.order, Order::Preference)
                && let Some((prev, pn)) = &last
                && *prev >= key
            {
                out.push(format!(
                    "{}:{n}: {key:?} is out of order (after line {pn})",
                    t.path
                ));
            }
            last = Some((key, n));
        }
        if last.is_none() {
            out.push(format!("{}: no entries", t.path));
        }
        out
    }

    #[test]
    fn tables_are_attributed_sorted_unique_and_registered() {
        let mut bad: Vec<String> = TABLES.iter().flat_map(problems).collect();
        // Every file of rules/data/ is a registered table.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/data");
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let rel = p
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                if !TABLES.iter().any(|t| t.path == rel) {
                    bad.push(format!("{rel}: not in text::data::TABLES"));
                }
            }
        }
        assert!(
            TABLES.windows(2).all(|w| w[0].path < w[1].path),
            "TABLES sorted by path"
        );
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn a_broken_table_is_caught() {
        let t = Table {
            path: "x.tsv",
            text: "# made up\nb\t1\na\t2\na\t3\nc\n",
            columns: 2,
            order: Order::By(1),
            heading_rows: 0,
            last_may_be_empty: false,
        };
        let p = problems(&t);
        assert_eq!(p.len(), 5, "{p:#?}"); // source, licence, order, twice, columns
    }
}
