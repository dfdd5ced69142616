//! Compiles the built-in dictionaries at build time, so that loading them at
//! run time costs nothing (SPEC §6: a one-page run, dictionaries included,
//! must be no slower than rumdl):
//!
//! - `rules/dict/{es_ES,en_US}.{dic,aff}` (Hunspell) are expanded into every
//!   word form and compiled into `fst` sets (`words-es.fst`, `words-en.fst`);
//! - `rules/data/typ/{en,es}-typos.csv` are compiled into `fst` maps from the
//!   typo to the byte offset of its line in the CSV, which is embedded as is;
//! - the tables of the multi-byte code pages (`dbcs-N.bin`) are made from
//!   encoding_rs's and Python's corrections by the crate's own
//!   `src/text/codepages/dbcs_build.rs` (a test checks they are current).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

// The code-page modules that make the multi-byte tables, as the crate has
// them (they use nothing else of it).
#[allow(dead_code)]
#[path = "src/text/codepages/dbcs_build.rs"]
mod dbcs_build;
#[allow(dead_code)]
#[path = "src/text/codepages/page.rs"]
mod page;
#[allow(dead_code)]
#[path = "src/text/codepages/patches.rs"]
mod patches;
use page::CodePage;
// The word-frequency tables (TYP rules).
#[path = "src/text/spell/freq_build.rs"]
mod freq_build;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    for (lang, name) in [("es", "es_ES"), ("en", "en_US")] {
        let dic = root.join(format!("rules/dict/{name}.dic"));
        let aff = root.join(format!("rules/dict/{name}.aff"));
        println!("cargo:rerun-if-changed={}", dic.display());
        println!("cargo:rerun-if-changed={}", aff.display());
        let words = expand(&read(&dic), &read(&aff));
        let set = fst::Set::from_iter(words.iter()).expect("sorted words");
        std::fs::write(
            out.join(format!("words-{lang}.fst")),
            set.as_fst().as_bytes(),
        )
        .unwrap();
    }
    for lang in ["en", "es"] {
        let csv = root.join(format!("rules/data/typ/{lang}-typos.csv"));
        println!("cargo:rerun-if-changed={}", csv.display());
        let text = read(&csv);
        let mut map = fst::MapBuilder::memory();
        let mut offset = 0usize;
        let mut last = String::new();
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let l = line.trim_end();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let typo = l.split(',').next().unwrap();
            // Duplicates and order are reported by a test; here the first wins.
            if typo <= last.as_str() {
                continue;
            }
            map.insert(typo, start as u64).unwrap();
            last = typo.to_string();
        }
        std::fs::write(
            out.join(format!("typos-{lang}.fst")),
            map.into_inner().unwrap(),
        )
        .unwrap();
    }
    freq_build::build(&root, &out);
    for f in ["dbcs_build.rs", "page.rs", "patches.rs"] {
        println!("cargo:rerun-if-changed=src/text/codepages/{f}");
    }
    for (i, cp) in dbcs_build::PAGES.iter().enumerate() {
        let built = dbcs_build::build(*cp);
        std::fs::write(out.join(format!("dbcs-{i}.bin")), built.to_bytes()).unwrap();
    }
    println!("cargo:rerun-if-changed=build.rs");
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// One character of a Hunspell affix condition.
enum Cond {
    Any,
    Char(char),
    Set(Vec<char>, bool),
}

impl Cond {
    fn matches(&self, c: char) -> bool {
        match self {
            Cond::Any => true,
            Cond::Char(x) => *x == c,
            Cond::Set(set, negated) => set.contains(&c) != *negated,
        }
    }
}

fn parse_cond(s: &str) -> Vec<Cond> {
    let mut out = Vec::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        match c {
            '.' => out.push(Cond::Any),
            '[' => {
                let mut set = Vec::new();
                let mut negated = false;
                let mut first = true;
                for c in it.by_ref() {
                    if c == ']' {
                        break;
                    }
                    if first && c == '^' {
                        negated = true;
                    } else {
                        set.push(c);
                    }
                    first = false;
                }
                out.push(Cond::Set(set, negated));
            }
            c => out.push(Cond::Char(c)),
        }
    }
    out
}

struct Affix {
    strip: Vec<char>,
    add: Vec<char>,
    /// Continuation flags of the affixed form.
    flags: Vec<char>,
    cond: Vec<Cond>,
}

struct Class {
    prefix: bool,
    cross: bool,
    entries: Vec<Affix>,
}

impl Affix {
    /// Apply to `word` (as characters), if the condition holds.
    fn apply(&self, word: &[char], prefix: bool) -> Option<Vec<char>> {
        if word.len() < self.strip.len() || word.len() < self.cond.len() {
            return None;
        }
        if prefix {
            if !word.starts_with(&self.strip) {
                return None;
            }
            if !self.cond.iter().zip(word).all(|(c, &w)| c.matches(w)) {
                return None;
            }
            let mut v = self.add.clone();
            v.extend_from_slice(&word[self.strip.len()..]);
            Some(v)
        } else {
            if !word.ends_with(&self.strip) {
                return None;
            }
            let tail = &word[word.len() - self.cond.len()..];
            if !self.cond.iter().zip(tail).all(|(c, &w)| c.matches(w)) {
                return None;
            }
            let mut v = word[..word.len() - self.strip.len()].to_vec();
            v.extend_from_slice(&self.add);
            if v.is_empty() {
                return None;
            }
            Some(v)
        }
    }
}

/// Every word form of a Hunspell dictionary, sorted and unique.
fn expand(dic: &str, aff: &str) -> BTreeSet<String> {
    let mut classes: HashMap<char, Class> = HashMap::new();
    let mut skip_flags: Vec<char> = Vec::new();
    for line in aff.lines() {
        let p: Vec<&str> = line.split_whitespace().collect();
        match p.as_slice() {
            ["ONLYINCOMPOUND" | "NEEDAFFIX" | "FORBIDDENWORD", flag, ..] => {
                skip_flags.extend(flag.chars().next());
            }
            [kind @ ("PFX" | "SFX"), flag, cross @ ("Y" | "N"), _count] => {
                let flag = flag.chars().next().unwrap();
                classes.insert(
                    flag,
                    Class {
                        prefix: *kind == "PFX",
                        cross: *cross == "Y",
                        entries: Vec::new(),
                    },
                );
            }
            ["PFX" | "SFX", flag, strip, add, rest @ ..] => {
                let flag = flag.chars().next().unwrap();
                let (add, flags) = match add.split_once('/') {
                    Some((a, f)) => (a, f.chars().collect()),
                    None => (*add, Vec::new()),
                };
                let strip = if *strip == "0" { "" } else { strip };
                let add = if add == "0" { "" } else { add };
                let cond = parse_cond(rest.first().copied().unwrap_or("."));
                let cond = if matches!(cond.as_slice(), [Cond::Any]) {
                    Vec::new()
                } else {
                    cond
                };
                if let Some(c) = classes.get_mut(&flag) {
                    c.entries.push(Affix {
                        strip: strip.chars().collect(),
                        add: add.chars().collect(),
                        flags,
                        cond,
                    });
                }
            }
            _ => {}
        }
    }
    let mut words = BTreeSet::new();
    for line in dic.lines().skip(1) {
        let entry = line.split(['\t', ' ']).next().unwrap_or("");
        if entry.is_empty() {
            continue;
        }
        let (stem, flags) = match entry.split_once('/') {
            Some((w, f)) => (w, f.chars().collect::<Vec<char>>()),
            None => (entry, Vec::new()),
        };
        if flags.iter().any(|f| skip_flags.contains(f)) {
            continue;
        }
        let stem: Vec<char> = stem.chars().collect();
        words.insert(stem.iter().collect::<String>());
        // Suffixed forms, with the suffix class that made them.
        let mut suffixed: Vec<(Vec<char>, bool)> = Vec::new();
        for f in &flags {
            let Some(class) = classes.get(f) else {
                continue;
            };
            if class.prefix {
                continue;
            }
            for a in &class.entries {
                let Some(form) = a.apply(&stem, false) else {
                    continue;
                };
                // Twofold suffixes: the continuation classes apply to the form.
                for f2 in &a.flags {
                    let Some(c2) = classes.get(f2) else { continue };
                    if c2.prefix {
                        continue;
                    }
                    for a2 in &c2.entries {
                        if let Some(form2) = a2.apply(&form, false) {
                            words.insert(form2.iter().collect());
                            suffixed.push((form2, class.cross && c2.cross));
                        }
                    }
                }
                words.insert(form.iter().collect());
                suffixed.push((form, class.cross));
            }
        }
        for f in &flags {
            let Some(class) = classes.get(f) else {
                continue;
            };
            if !class.prefix {
                continue;
            }
            for a in &class.entries {
                if let Some(form) = a.apply(&stem, true) {
                    words.insert(form.iter().collect());
                }
                if class.cross {
                    for (s, cross) in &suffixed {
                        if !cross {
                            continue;
                        }
                        if let Some(form) = a.apply(s, true) {
                            words.insert(form.iter().collect());
                        }
                    }
                }
            }
        }
    }
    words
}
