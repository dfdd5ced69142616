//! TYP008 `missing-accent`: Spanish words that lost their written accent
//! where the context settles it. The words (`como`, `mas`, `maquinas`) are
//! real words, so the dictionary tiers of TYP001 never see them; the
//! contexts come from `rules/data/typ/accents.tsv`:
//!
//! - after `¿`/`¡` (and prefix words: `¿En que sentido…`): interrogatives
//!   and exclamatives are accented — the only safe fix;
//! - a title that starts with `Como`/`Que`/`Donde`… and an infinitive;
//! - in a title, a preposition + `que`/`cual`/`cuanto` + a listed noun
//!   (`con que fin`);
//! - `mas` before or after a word that makes it `más` (`mas allá`,
//!   `lo mas`), never after a comma (there it is "but");
//! - a title word whose accented form is far more frequent (word
//!   frequencies: `Maquinas` → `Máquinas`).

use std::sync::OnceLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::typ_support::{accepted, page_language, prose, title_language, titles};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::spell::{Lang, dict, freq, language_scores, lists, match_case};
use crate::text::words::{Word, words};

pub static META: RuleMeta = RuleMeta {
    code: "TYP008",
    name: "missing-accent",
    group: Group::Typ,
    summary: "Spanish words that lost their written accent where the context settles it (¿Como…? → ¿Cómo…?)",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("TYP008"),
};

pub struct MissingAccent;

pub static ACCENTS: &str = crate::text::data::ACCENTS;

/// The accented form must be this much more frequent (Zipf: ×5.6) than
/// the written one, and common, for the title-word tier.
const FREQ_MARGIN: f32 = 0.75;
const COMMON_ZIPF: f32 = 3.0;

#[derive(Default)]
struct Data {
    interrogative: HashMap<&'static str, &'static str>,
    prefix: HashSet<&'static str>,
    opener: HashMap<&'static str, &'static str>,
    preposition: HashSet<&'static str>,
    determiner: HashMap<&'static str, &'static str>,
    noun: HashSet<&'static str>,
    mas_next: HashSet<&'static str>,
    mas_prev: HashSet<&'static str>,
    exclamative_next: HashSet<&'static str>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut d = Data::default();
        for l in lists::data_lines(ACCENTS) {
            let mut it = l.split('\t');
            let (Some("es"), Some(kind), Some(word), Some(acc)) =
                (it.next(), it.next(), it.next(), it.next())
            else {
                continue;
            };
            match kind {
                "interrogative" => drop(d.interrogative.insert(word, acc)),
                "prefix" => drop(d.prefix.insert(word)),
                "title-opener" => drop(d.opener.insert(word, acc)),
                "preposition" => drop(d.preposition.insert(word)),
                "determiner" => drop(d.determiner.insert(word, acc)),
                "noun" => drop(d.noun.insert(word)),
                "mas-next" => drop(d.mas_next.insert(word)),
                "mas-prev" => drop(d.mas_prev.insert(word)),
                "exclamative-next" => drop(d.exclamative_next.insert(word)),
                _ => {}
            }
        }
        d
    })
}

/// Only spaces (and emphasis markers) between two words.
fn adjacent(text: &str, a: &Word, b: &Word) -> bool {
    text[a.range.end..b.range.start]
        .chars()
        .all(|c| c == ' ' || c == '*' || c == '_')
        && a.range.end < b.range.start
}

/// The non-space character before byte `at`, skipping emphasis markers.
fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at]
        .chars()
        .rev()
        .find(|c| !matches!(c, ' ' | '*' | '_'))
}

/// Is `lower` an infinitive, possibly with clitics (usar, instalarlo,
/// configurarse)?
fn infinitive(lower: &str) -> bool {
    let mut stem = lower;
    for clitic in [
        "los", "las", "les", "nos", "lo", "la", "le", "se", "me", "te",
    ] {
        if let Some(s) = lower.strip_suffix(clitic) {
            if s.ends_with(['r']) && s.len() > 3 {
                stem = s;
                break;
            }
        }
    }
    let stem_plain: String = stem
        .chars()
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            _ => c,
        })
        .collect();
    (stem_plain.ends_with("ar") || stem_plain.ends_with("er") || stem_plain.ends_with("ir"))
        && stem_plain.chars().count() >= 4
        && dict::check(Lang::Es, &stem_plain)
}

/// Does the page write `lower` (as a whole word) inside code? Then it is a
/// code term (Rust's `union`), not a Spanish word that lost its accent.
fn in_code_elsewhere(doc: &crate::document::Document<'_>, lower: &str) -> bool {
    let text = doc.text;
    let mut from = 0;
    while let Some(off) = text[from..].find(lower) {
        let at = from + off;
        let end = at + lower.len();
        let boundary = !text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && !text[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        if boundary && doc.in_code(at) {
            return true;
        }
        from = end;
    }
    false
}

struct Finding {
    range: std::ops::Range<usize>,
    fixed: String,
    reason: String,
    safe: bool,
}

impl Rule for MissingAccent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let d = data();
        let titles = titles(doc);
        // Title segments by start: (title, first segment of it).
        let mut title_of: HashMap<usize, (usize, bool)> = HashMap::default();
        for (i, t) in titles.iter().enumerate() {
            for (k, seg) in t.segments.iter().enumerate() {
                title_of.insert(seg.range.start, (i, k == 0));
            }
        }
        let page = std::cell::OnceCell::new();
        let page_lang = || *page.get_or_init(|| page_language(ctx));
        let mut title_lang: HashMap<usize, Lang> = HashMap::default();
        let mut found: Vec<Finding> = Vec::new();
        for seg in prose(doc) {
            let text = doc.slice(&seg.range);
            let ws: Vec<Word> = words(text).collect();
            if ws.is_empty() {
                continue;
            }
            let title = title_of.get(&seg.range.start).copied();
            let mut spanish_title = || match title {
                Some((i, _)) => {
                    *title_lang
                        .entry(i)
                        .or_insert_with(|| title_language(doc, &titles[i], page_lang()))
                        == Lang::Es
                }
                None => false,
            };
            let lowers: Vec<String> = ws.iter().map(|w| w.text(text).to_lowercase()).collect();
            let mut seg_spanish: Option<bool> = None;
            for (k, w) in ws.iter().enumerate() {
                let word = w.text(text);
                let l = lowers[k].as_str();
                if w.is_all_caps(text) && word.chars().count() > 1 {
                    continue;
                }
                let next = ws
                    .get(k + 1)
                    .filter(|n| adjacent(text, w, n))
                    .map(|_| lowers[k + 1].as_str());
                let prev = (k > 0 && adjacent(text, &ws[k - 1], w)).then(|| lowers[k - 1].as_str());
                let abs = seg.range.start + w.range.start..seg.range.start + w.range.end;
                // 1. After ¿ or ¡, possibly after prefix words.
                if let Some(acc) = d.interrogative.get(l) {
                    let mut j = k;
                    while j > 0
                        && k - j < 2
                        && d.prefix.contains(lowers[j - 1].as_str())
                        && adjacent(text, &ws[j - 1], &ws[j])
                    {
                        j -= 1;
                    }
                    // After ¡, "que" is often not exclamative (¡que sí
                    // coincide!, ¡Cuando veas…!): only right after it and
                    // before a listed word (¡Que bien!).
                    let opener = char_before(text, ws[j].range.start);
                    let exclaims = opener == Some('¡')
                        && j == k
                        && next.is_some_and(|n| d.exclamative_next.contains(n));
                    if opener == Some('¿') || exclaims {
                        let fixed = match_case(word, acc);
                        found.push(Finding {
                            range: abs,
                            reason: format!(
                                "after “¿” or “¡”, “{word}” asks or exclaims: “{fixed}”"
                            ),
                            fixed,
                            safe: true,
                        });
                        continue;
                    }
                }
                // 2. A title that opens with Como/Que/Donde + an infinitive
                // (or se + a verb).
                if let (Some(acc), Some((_, true)), Some(n)) = (d.opener.get(l), title, next) {
                    let at_start = text[..w.range.start].chars().all(|c| !c.is_alphanumeric());
                    // Or "se" and a verb: Como se hace Rust.
                    let se_verb = n == "se"
                        && ws.get(k + 2).is_some_and(|v| {
                            adjacent(text, &ws[k + 1], v)
                                && dict::check(Lang::Es, v.text(text))
                                && lowers[k + 2].ends_with(['a', 'e', 'n'])
                        });
                    if at_start && (infinitive(n) || se_verb) && spanish_title() {
                        let fixed = match_case(word, acc);
                        found.push(Finding {
                            range: abs,
                            reason: format!("a title “{word} {n}…” is a question: “{fixed} {n}…”"),
                            fixed,
                            safe: false,
                        });
                        continue;
                    }
                }
                // 3. In a title: preposition + que/cual/cuanto + noun.
                if let (Some(acc), Some(p), Some(n), Some(_)) =
                    (d.determiner.get(l), prev, next, title)
                {
                    if d.preposition.contains(p) && d.noun.contains(n) && spanish_title() {
                        let fixed = match_case(word, acc);
                        found.push(Finding {
                            range: abs,
                            reason: format!("“{p} {word} {n}” asks which: “{p} {fixed} {n}”"),
                            fixed,
                            safe: false,
                        });
                        continue;
                    }
                }
                // 4. mas for más: never after a comma (there it is "but").
                if l == "mas" {
                    let after_comma = matches!(char_before(text, w.range.start), Some(',' | ';'));
                    let capital = w.is_capitalized(text);
                    let sentence_start = text[..w.range.start]
                        .trim_end_matches([' ', '*', '_'])
                        .chars()
                        .next_back()
                        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '¿' | '¡' | '(' | '"'));
                    let context = next.is_some_and(|n| d.mas_next.contains(n))
                        || prev.is_some_and(|p| d.mas_prev.contains(p));
                    let spanish = title.is_some() && spanish_title()
                        || *seg_spanish.get_or_insert_with(|| {
                            let (es, en) = language_scores(text);
                            es > en || es == en && page_lang() == Lang::Es
                        });
                    if !after_comma && (!capital || sentence_start) && context && spanish {
                        let fixed = match_case(word, "más");
                        found.push(Finding {
                            range: abs,
                            reason: "“mas” without its accent means “but”; here it is “más”"
                                .to_string(),
                            fixed,
                            safe: false,
                        });
                        continue;
                    }
                }
                // 5. A title word whose accented form is far more frequent;
                // a capital inside a title marks a name (Maquinas Inc).
                let title_start = title.is_some_and(|(_, first)| first)
                    && text[..w.range.start].chars().all(|c| !c.is_alphanumeric());
                if title.is_some()
                    && word.chars().count() >= 4
                    && word.is_ascii()
                    && freq::accented_zipf(l).is_some_and(|z| {
                        z >= COMMON_ZIPF
                            && z >= freq::zipf(Lang::Es, l).unwrap_or(0.0) + FREQ_MARGIN
                    })
                    && (title_start || !w.is_capitalized(text))
                    && w.is_plain_case(text)
                    && !accepted(ctx, word)
                    && (dict::check(Lang::Es, word) || dict::check(Lang::En, word))
                {
                    let own = freq::zipf(Lang::Es, l).unwrap_or(0.0);
                    let better: Vec<(String, f32)> = dict::accent_restorations(Lang::Es, l)
                        .into_iter()
                        .filter(|c| c.starts_with(char::is_lowercase))
                        .filter_map(|c| {
                            let z = freq::zipf(Lang::Es, &c)?;
                            (z >= COMMON_ZIPF && z >= own + FREQ_MARGIN).then_some((c, z))
                        })
                        .collect();
                    if let [(acc, z)] = better.as_slice() {
                        if spanish_title() && !in_code_elsewhere(doc, l) {
                            let fixed = match_case(word, acc);
                            found.push(Finding {
                                range: abs,
                                reason: format!(
                                    "“{}” is {:.0} times as frequent as “{}” in Spanish",
                                    acc,
                                    10f32.powf(z - own),
                                    l
                                ),
                                fixed,
                                safe: false,
                            });
                        }
                    }
                }
            }
        }
        for f in found {
            let word = doc.slice(&f.range).to_string();
            let mut diag = Diagnostic::new(
                &META,
                f.range.clone(),
                format!("“{word}” lacks its written accent: “{}”", f.fixed),
            )
            .with_help(f.reason);
            let edit = vec![Edit::replace(f.range, f.fixed.clone())];
            let title = format!("Replace with “{}”", f.fixed);
            diag = if f.safe {
                diag.with_severity(Severity::Error)
                    .with_fix(Fix::safe(title, edit))
            } else {
                diag.with_fix(Fix::unsafe_edit(title, edit))
            };
            out.push(diag);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_complete() {
        // Its format is checked with every table, in `text::data`.
        let d = data();
        assert_eq!(d.interrogative.get("que"), Some(&"qué"));
        assert!(d.prefix.contains("en") && d.noun.contains("fin"));
        // Every accented form is a Spanish word.
        for acc in d.interrogative.values().chain(d.opener.values()) {
            for w in acc.split(' ') {
                assert!(dict::check(Lang::Es, w), "{w}");
            }
        }
    }

    #[test]
    fn infinitives() {
        for w in ["usar", "instalarlo", "configurarse", "escribir", "leer"] {
            assert!(infinitive(w), "{w}");
        }
        for w in ["usa", "ejemplo", "mar", "lector"] {
            assert!(!infinitive(w), "{w}");
        }
    }
}
