//! Build-time half of the word-frequency tables (used by `build.rs` only):
//! `rules/data/typ/freq-{es,en}.tsv` (word, Zipf frequency; sorted) are
//! compiled into `fst` maps from the word to its Zipf frequency × 100,
//! written to `OUT_DIR/freq-{es,en}.fst` and embedded by
//! `src/text/spell/freq.rs`. Lines out of order are skipped here and
//! reported by a test.

use std::path::Path;

pub fn build(root: &Path, out: &Path) {
    for lang in ["es", "en"] {
        let tsv = root.join(format!("rules/data/typ/freq-{lang}.tsv"));
        println!("cargo:rerun-if-changed={}", tsv.display());
        println!("cargo:rerun-if-changed=src/text/spell/freq_build.rs");
        let text =
            std::fs::read_to_string(&tsv).unwrap_or_else(|e| panic!("{}: {e}", tsv.display()));
        let mut map = fst::MapBuilder::memory();
        let mut last = String::new();
        for line in text.lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((word, zipf)) = line.split_once('\t') else {
                continue;
            };
            let Ok(zipf) = zipf.parse::<f64>() else {
                continue;
            };
            if word <= last.as_str() {
                continue;
            }
            map.insert(word, (zipf * 100.0).round() as u64).unwrap();
            last = word.to_string();
        }
        std::fs::write(
            out.join(format!("freq-{lang}.fst")),
            map.into_inner().unwrap(),
        )
        .unwrap();
        // Spanish: the words written without their accents (and ñ, ü) →
        // the highest frequency of an accented form, so that a rule asks
        // the dictionary for accented forms only where one is frequent.
        if lang == "es" {
            let mut best: std::collections::BTreeMap<String, u64> = Default::default();
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                let Some((word, zipf)) = line.split_once('\t') else {
                    continue;
                };
                let plain: String = word
                    .chars()
                    .map(|c| match c {
                        'á' => 'a',
                        'é' => 'e',
                        'í' => 'i',
                        'ó' => 'o',
                        'ú' | 'ü' => 'u',
                        'ñ' => 'n',
                        _ => c,
                    })
                    .collect();
                if plain != word {
                    let z = (zipf.parse::<f64>().unwrap_or(0.0) * 100.0).round() as u64;
                    let e = best.entry(plain).or_default();
                    *e = (*e).max(z);
                }
            }
            let mut map = fst::MapBuilder::memory();
            for (k, v) in best {
                map.insert(k, v).unwrap();
            }
            std::fs::write(out.join("accented-es.fst"), map.into_inner().unwrap()).unwrap();
        }
    }
}
