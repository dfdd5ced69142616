//! The built-in dictionaries: Hunspell word forms compiled into `fst` sets
//! by `build.rs` and embedded with `include_bytes!`. Opening one is free (the
//! bytes are the index); each is opened once per process, on first use.

use std::sync::OnceLock;

use fst::{Map, Set};

use super::Lang;

static WORDS_ES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words-es.fst"));
static WORDS_EN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words-en.fst"));
static TYPOS_ES_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/typos-es.fst"));
static TYPOS_EN_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/typos-en.fst"));
/// The typo lists themselves: the maps point at their lines.
pub static TYPOS_ES_CSV: &str = crate::text::data::TYPOS_ES;
pub static TYPOS_EN_CSV: &str = crate::text::data::TYPOS_EN;

fn words(lang: Lang) -> &'static Set<&'static [u8]> {
    static ES: OnceLock<Set<&'static [u8]>> = OnceLock::new();
    static EN: OnceLock<Set<&'static [u8]>> = OnceLock::new();
    match lang {
        Lang::Es => ES.get_or_init(|| Set::new(WORDS_ES).expect("built by build.rs")),
        Lang::En => EN.get_or_init(|| Set::new(WORDS_EN).expect("built by build.rs")),
    }
}

fn typo_map(lang: Lang) -> &'static Map<&'static [u8]> {
    static ES: OnceLock<Map<&'static [u8]>> = OnceLock::new();
    static EN: OnceLock<Map<&'static [u8]>> = OnceLock::new();
    match lang {
        Lang::Es => ES.get_or_init(|| Map::new(TYPOS_ES_FST).expect("built by build.rs")),
        Lang::En => EN.get_or_init(|| Map::new(TYPOS_EN_FST).expect("built by build.rs")),
    }
}

/// Is `word` exactly a word form of the dictionary?
pub fn contains_exact(lang: Lang, word: &str) -> bool {
    words(lang).contains(word)
}

/// Is `word` correct in `lang`, with Hunspell's case rules: a lowercase
/// entry also accepts its capitalised and all-caps forms, a capitalised
/// entry its all-caps form. Curly apostrophes count as straight ones.
pub fn check(lang: Lang, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    if word.contains('’') {
        return check(lang, &word.replace('’', "'"));
    }
    if contains_exact(lang, word) {
        return true;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap();
    let rest: String = chars.collect();
    if first.is_uppercase() {
        let lower = word.to_lowercase();
        if contains_exact(lang, &lower) {
            return rest
                .chars()
                .all(|c| !c.is_lowercase() || !c.is_alphabetic())
                || rest.chars().all(|c| !c.is_uppercase());
        }
        // ALL CAPS: also the capitalised entry (proper nouns).
        if rest.chars().all(|c| !c.is_lowercase()) && !rest.is_empty() {
            let cap: String = first.to_string() + &rest.to_lowercase();
            return contains_exact(lang, &cap);
        }
    }
    false
}

/// Is `word` correct in either language?
pub fn check_any(word: &str) -> bool {
    check(Lang::Es, word) || check(Lang::En, word)
}

/// The corrections listed for a known typo (`word` lowercased), if any.
pub fn known_typo(lang: Lang, lower: &str) -> Option<Vec<&'static str>> {
    let offset = typo_map(lang).get(lower)? as usize;
    let csv = match lang {
        Lang::Es => TYPOS_ES_CSV,
        Lang::En => TYPOS_EN_CSV,
    };
    let line = csv[offset..].lines().next()?;
    Some(line.split(',').skip(1).map(str::trim).collect())
}

/// Accented forms of a vowel or `n`/`u` that Spanish spelling may need.
fn accent_options(c: char) -> &'static [char] {
    match c {
        'a' => &['á'],
        'e' => &['é'],
        'i' => &['í'],
        'o' => &['ó'],
        'u' => &['ú', 'ü'],
        'n' => &['ñ'],
        _ => &[],
    }
}

/// Dictionary words that differ from the lowercase `lower` only by one or
/// two missing accents (or ñ, ü), in lowercase.
pub fn accent_restorations(lang: Lang, lower: &str) -> Vec<String> {
    let chars: Vec<char> = lower.chars().collect();
    let slots: Vec<usize> = (0..chars.len())
        .filter(|&i| !accent_options(chars[i]).is_empty())
        .collect();
    let mut found = Vec::new();
    let mut buf = chars.clone();
    let try_word = |buf: &[char], found: &mut Vec<String>| {
        let w: String = buf.iter().collect();
        if check(lang, &w) && !found.contains(&w) {
            found.push(w);
        }
    };
    for (k, &i) in slots.iter().enumerate() {
        for &a in accent_options(chars[i]) {
            buf[i] = a;
            try_word(&buf, &mut found);
            // A second change (lingüística from linguistica).
            for &j in &slots[k + 1..] {
                for &b in accent_options(chars[j]) {
                    // Spanish words carry one written accent; a second change
                    // is ñ or ü.
                    if !(matches!(a, 'ñ' | 'ü') || matches!(b, 'ñ' | 'ü')) {
                        continue;
                    }
                    buf[j] = b;
                    try_word(&buf, &mut found);
                    buf[j] = chars[j];
                }
            }
            buf[i] = chars[i];
        }
    }
    // Capitalised entries (México from mexico).
    if found.is_empty() {
        let mut cap = chars.clone();
        if let Some(f) = cap.first_mut() {
            *f = f.to_uppercase().next().unwrap_or(*f);
        }
        for &i in &slots {
            for &a in accent_options(chars[i]) {
                let mut b = cap.clone();
                b[i] = a;
                if i == 0 {
                    b[0] = a.to_uppercase().next().unwrap_or(a);
                }
                let w: String = b.iter().collect();
                if contains_exact(lang, &w) && !found.contains(&w) {
                    found.push(w);
                }
            }
        }
    }
    found
}

fn alphabet(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => "abcdefghijklmnopqrstuvwxyzáéíóúüñ",
        Lang::En => "abcdefghijklmnopqrstuvwxyz'",
    }
}

/// Dictionary words one edit away from the lowercase `lower` (deletion,
/// insertion, substitution or transposition of adjacent letters).
pub fn edits1(lang: Lang, lower: &str) -> Vec<String> {
    let chars: Vec<char> = lower.chars().collect();
    let n = chars.len();
    let mut out: Vec<String> = Vec::new();
    let push = |w: Vec<char>, out: &mut Vec<String>| {
        let s: String = w.into_iter().collect();
        if s != lower && check(lang, &s) && !out.contains(&s) {
            out.push(s);
        }
    };
    for i in 0..n {
        let mut w = chars.clone();
        w.remove(i);
        push(w, &mut out);
        if i + 1 < n && chars[i] != chars[i + 1] {
            let mut w = chars.clone();
            w.swap(i, i + 1);
            push(w, &mut out);
        }
        for c in alphabet(lang).chars() {
            if c != chars[i] {
                let mut w = chars.clone();
                w[i] = c;
                push(w, &mut out);
            }
        }
    }
    for i in 0..=n {
        for c in alphabet(lang).chars() {
            let mut w = chars.clone();
            w.insert(i, c);
            push(w, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_forms_and_case() {
        for w in [
            "más",
            "informática",
            "Latinoamérica",
            "lenguaje",
            "Lenguaje",
            "LENGUAJE",
            "función",
            "aprendizaje",
            "dárselo",
            "México",
            "MÉXICO",
        ] {
            assert!(check(Lang::Es, w), "{w}");
        }
        for w in [
            "lenguage",
            "mñas",
            "informñatica",
            "funcion",
            "méxico",
            "aprendisaje",
        ] {
            assert!(!check(Lang::Es, w), "{w}");
        }
    }

    #[test]
    fn english_forms() {
        for w in [
            "language",
            "Language",
            "networks",
            "isn't",
            "isn’t",
            "embeddings",
        ] {
            assert!(check(Lang::En, w), "{w}");
        }
        for w in ["lenguage", "teh", "recieve"] {
            assert!(!check(Lang::En, w), "{w}");
        }
    }

    #[test]
    fn typo_lists() {
        assert_eq!(known_typo(Lang::Es, "lenguage"), Some(vec!["lenguaje"]));
        assert_eq!(known_typo(Lang::En, "lenguage"), Some(vec!["language"]));
        assert_eq!(known_typo(Lang::En, "teh"), Some(vec!["the"]));
        assert_eq!(known_typo(Lang::En, "curso"), None);
        assert_eq!(known_typo(Lang::Es, "curso"), None);
    }

    #[test]
    fn accents_and_edits() {
        assert_eq!(accent_restorations(Lang::Es, "funcion"), vec!["función"]);
        assert_eq!(
            accent_restorations(Lang::Es, "linguistica"),
            vec!["lingüística"]
        );
        assert_eq!(accent_restorations(Lang::Es, "mexico"), vec!["México"]);
        assert!(edits1(Lang::Es, "lenguage").contains(&"lenguaje".to_string()));
    }
}
