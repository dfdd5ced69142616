//! Word frequencies of Spanish and English (wordfreq's data, CC BY-SA 4.0;
//! see `rules/data/typ/freq-*.tsv`), compiled into `fst` maps by `build.rs`
//! and embedded: opening one costs nothing, a look-up is a walk of the map.

use std::sync::OnceLock;

use fst::Map;

use super::Lang;

static FREQ_ES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/freq-es.fst"));
static FREQ_EN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/freq-en.fst"));
static ACCENTED_ES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/accented-es.fst"));

/// The highest Zipf frequency of a Spanish word that, without its accents
/// (and ñ, ü), is `plain` (`maquinas` → 4.36 for `máquinas`), if any.
pub fn accented_zipf(plain: &str) -> Option<f32> {
    static MAP: OnceLock<Map<&'static [u8]>> = OnceLock::new();
    MAP.get_or_init(|| Map::new(ACCENTED_ES).expect("built by build.rs"))
        .get(plain)
        .map(|v| v as f32 / 100.0)
}

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

/// The words of `lang`'s table one edit away from the lowercase `lower`
/// (a letter dropped, added, changed, or two adjacent ones swapped) with a
/// Zipf frequency of at least `min`: one look-up per edit in the map.
pub fn edits1(lang: Lang, lower: &str, min: f32) -> Vec<(String, f32)> {
    let alphabet: &[char] = match lang {
        Lang::Es => &[
            'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q',
            'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'á', 'é', 'í', 'ó', 'ú', 'ü', 'ñ',
        ],
        Lang::En => &[
            'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q',
            'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
        ],
    };
    let m = map(lang);
    let chars: Vec<char> = lower.chars().collect();
    let n = chars.len();
    let mut out: Vec<(String, f32)> = Vec::new();
    let mut buf = String::with_capacity(lower.len() + 4);
    let mut try_word = |w: &mut dyn Iterator<Item = char>, out: &mut Vec<(String, f32)>| {
        buf.clear();
        buf.extend(w);
        if buf != lower {
            if let Some(v) = m.get(&buf) {
                let z = v as f32 / 100.0;
                if z >= min && !out.iter().any(|(x, _)| *x == buf) {
                    out.push((buf.clone(), z));
                }
            }
        }
    };
    for i in 0..n {
        try_word(
            &mut chars
                .iter()
                .enumerate()
                .filter(|&(k, _)| k != i)
                .map(|(_, c)| *c),
            &mut out,
        );
        if i + 1 < n && chars[i] != chars[i + 1] {
            let mut w = chars.clone();
            w.swap(i, i + 1);
            try_word(&mut w.into_iter(), &mut out);
        }
        for &c in alphabet {
            if c != chars[i] {
                try_word(
                    &mut chars
                        .iter()
                        .enumerate()
                        .map(|(k, &x)| if k == i { c } else { x }),
                    &mut out,
                );
            }
        }
    }
    for i in 0..=n {
        for &c in alphabet {
            try_word(
                &mut chars[..i]
                    .iter()
                    .copied()
                    .chain(std::iter::once(c))
                    .chain(chars[i..].iter().copied()),
                &mut out,
            );
        }
    }
    out
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
        assert_eq!(accented_zipf("maquinas"), zipf(Lang::Es, "máquinas"));
        assert_eq!(accented_zipf("mesa"), None);
        let e = edits1(Lang::Es, "linelaes", 3.0);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].0, "lineales");
    }

    /// Every frequency is a Zipf value build.rs can use (the format is
    /// checked with every table, in `text::data`).
    #[test]
    fn frequencies_are_zipf_values() {
        use crate::text::data::{FREQ_EN, FREQ_ES, entries};
        for (name, text) in [("freq-es.tsv", FREQ_ES), ("freq-en.tsv", FREQ_EN)] {
            assert!(
                text.contains("CC BY-SA 4.0") && text.contains("wordfreq"),
                "{name}"
            );
            for l in entries(text) {
                let (_, z) = l.split_once('\t').unwrap_or_else(|| panic!("{name}: {l}"));
                assert!(
                    z.parse::<f32>().is_ok_and(|z| (2.0..=9.0).contains(&z)),
                    "{name}: {l}"
                );
            }
        }
    }
}
