//! Word frequencies of Spanish and English (wordfreq's data, CC BY-SA 4.0;
//! see `rules/data/typ/freq-*.tsv`), compiled into `fst` maps by `build.rs`
//! and embedded: opening one costs nothing, a look-up is a walk of the map.

use std::sync::OnceLock;

use fst::Map;

use super::Lang;

static FREQ_ES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/freq-es.fst"));
static FREQ_EN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/freq-en.fst"));

fn map(lang: Lang) -> &'static Map<&'static [u8]> {
    static ES: OnceLock<Map<&'static [u8]>> = OnceLock::new();
    static EN: OnceLock<Map<&'static [u8]>> = OnceLock::new();
    match lang {
        Lang::Es => ES.get_or_init(|| Map::new(FREQ_ES).expect("built by build.rs")),
        Lang::En => EN.get_or_init(|| Map::new(FREQ_EN).expect("built by build.rs")),
    }
}

/// The Zipf frequency of a lowercase word in `lang` (log10 of occurrences
/// per billion words: 7 for "de", 3 for an ordinary word), or `None` when
/// the word is rarer than the table (Zipf 2) or unknown.
pub fn zipf(lang: Lang, lower: &str) -> Option<f32> {
    map(lang).get(lower).map(|v| v as f32 / 100.0)
}

/// The Zipf frequency of `word` in any case (looked up in lowercase).
pub fn zipf_any_case(lang: Lang, word: &str) -> Option<f32> {
    if word.chars().any(char::is_uppercase) {
        zipf(lang, &word.to_lowercase())
    } else {
        zipf(lang, word)
    }
}

/// Is the word attested in either language's table?
pub fn attested(word: &str) -> bool {
    zipf_any_case(Lang::Es, word).is_some() || zipf_any_case(Lang::En, word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequencies() {
        let de = zipf(Lang::Es, "de").unwrap();
        assert!(de > 7.0, "{de}");
        assert!(zipf(Lang::Es, "máquinas").unwrap() > zipf(Lang::Es, "maquinas").unwrap() + 0.5);
        assert!(zipf(Lang::En, "the").unwrap() > 7.0);
        assert_eq!(zipf(Lang::Es, "linelaes"), None);
        assert_eq!(
            zipf_any_case(Lang::Es, "Lineales"),
            zipf(Lang::Es, "lineales")
        );
        assert!(attested("the") && !attested("aprendiazje"));
    }

    /// The tables are sorted, unique and well-formed (build.rs skips what
    /// is not), and say where they come from and under which licence.
    #[test]
    fn tables_are_sorted_and_attributed() {
        for (name, text) in [
            (
                "freq-es.tsv",
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/rules/data/typ/freq-es.tsv"
                )),
            ),
            (
                "freq-en.tsv",
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/rules/data/typ/freq-en.tsv"
                )),
            ),
        ] {
            assert!(
                text.contains("CC BY-SA 4.0") && text.contains("wordfreq"),
                "{name}"
            );
            let mut last = "";
            for l in text.lines().filter(|l| !l.starts_with('#')) {
                let (w, z) = l.split_once('\t').unwrap_or_else(|| panic!("{name}: {l}"));
                assert!(w > last, "{name}: {w} after {last}");
                assert!(
                    z.parse::<f32>().is_ok_and(|z| (2.0..=9.0).contains(&z)),
                    "{name}: {l}"
                );
                last = w;
            }
        }
    }
}
