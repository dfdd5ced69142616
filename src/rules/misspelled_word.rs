//! TYP001 `misspelled-word`: misspelled words in titles (headings, link
//! texts, image alt texts, front-matter `title`/`subtitle`/`description`),
//! in tiers: known typos and missing accents always; a confident tier
//! (an unknown, unattested word with one common correction one edit away,
//! judged by word frequencies) always; other unknown words with one close
//! suggestion only when they are new since the project's baseline.

use std::ops::Range;

use super::link_text_mismatch::url_tokens;
use super::typ_support::{Title, accepted, in_identifier, page_language, title_language, titles};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Document, Inline};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::citation::all_citations;
use crate::text::spell::{Lang, dict, fold, freq, lists, match_case, one_edit};
use crate::text::words::words;

pub static META: RuleMeta = RuleMeta {
    code: "TYP001",
    name: "misspelled-word",
    group: Group::Typ,
    summary: "Misspelled words in titles: known typos, missing accents, new unknown words",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Error,
    doc: crate::rule_doc!("TYP001"),
};

pub struct MisspelledWord;

/// A word of a title that the tiers look at, with its title.
pub struct Candidate {
    pub range: Range<usize>,
    pub title: usize,
    /// The word starts its title (or a sentence in it): a capital there
    /// says nothing about the word being a name.
    pub starts: bool,
    /// The link whose text or alt text holds the word.
    pub link: Option<usize>,
    /// The title has lowercase words: a capital at its start is the
    /// sentence's, not a name's (else it is a name or in Title Case).
    pub sentence: bool,
}

/// Languages of the titles, decided only when a word needs one (most
/// words are dictionary words that no typo list knows, in any language).
struct Langs<'c, 'd> {
    ctx: &'c Context<'d>,
    titles: Vec<Title<'c>>,
    page: std::cell::OnceCell<Lang>,
    each: Vec<std::cell::OnceCell<Lang>>,
}

impl<'c, 'd> Langs<'c, 'd> {
    fn new(ctx: &'c Context<'d>) -> Self {
        let titles = titles(ctx.doc);
        let each = titles.iter().map(|_| std::cell::OnceCell::new()).collect();
        Langs {
            ctx,
            titles,
            page: std::cell::OnceCell::new(),
            each,
        }
    }

    fn page(&self) -> Lang {
        *self.page.get_or_init(|| page_language(self.ctx))
    }

    fn of(&self, title: usize) -> Lang {
        *self.each[title].get_or_init(|| {
            let page = *self.page.get_or_init(|| page_language(self.ctx));
            title_language(self.ctx.doc, &self.titles[title], page)
        })
    }
}

/// The title words worth checking: not in code, identifiers, citations;
/// not acronyms or camelCase names; not listed terms, names or project
/// words.
fn candidates(ctx: &Context<'_>, titles: &[Title<'_>]) -> Vec<Candidate> {
    let file = file_parts(ctx);
    let mut out = Vec::new();
    for (i, title) in titles.iter().enumerate() {
        collect(ctx, ctx.doc, title, i, &file, &mut out);
    }
    out
}

/// The parts of the page's file name (`zlib-flate.md` → zlib, flate): a
/// title word that names the page's file is a name (tldr's command pages).
fn file_parts(ctx: &Context<'_>) -> Vec<String> {
    ctx.path
        .and_then(|p| p.file_stem())
        .and_then(|s| s.to_str())
        .map(|s| {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|x| !x.is_empty())
                .map(str::to_lowercase)
                .collect()
        })
        .unwrap_or_default()
}

fn collect(
    ctx: &Context<'_>,
    doc: &Document<'_>,
    title: &Title<'_>,
    index: usize,
    file: &[String],
    out: &mut Vec<Candidate>,
) {
    let sentence = title.segments.iter().any(|seg| {
        let t = doc.slice(&seg.range);
        words(t).any(|w| w.text(t).starts_with(char::is_lowercase))
    });
    for seg in &title.segments {
        let text = doc.slice(&seg.range);
        let cites = all_citations(text);
        // A link text word that is a name in its URL (`[simpy](…/simpy)`).
        let url = match seg.inline {
            Inline::LinkText(i) | Inline::ImageAlt(i) => url_tokens(&doc.links[i as usize].url),
            Inline::Plain => Vec::new(),
        };
        for w in words(text) {
            let s = w.text(text);
            if w.char_len(text) < 3
                || w.is_all_caps(text)
                || w.has_inner_capital(text)
                || in_identifier(text, &w.range)
                || cites.iter().any(|c| c.group.contains(&w.range.start))
                || accepted(ctx, s)
                || (!url.is_empty() || !file.is_empty()) && {
                    let lower = s.to_lowercase();
                    url.contains(&lower) || file.contains(&lower)
                }
            {
                continue;
            }
            let starts = {
                let before = if std::ptr::eq(*seg, title.segments[0]) {
                    text[..w.range.start].trim_end()
                } else {
                    "x"
                };
                before.is_empty()
                    || before.ends_with(['.', ':', '¿', '¡', '?', '!'])
                    || before.chars().all(|c| !c.is_alphanumeric())
            };
            out.push(Candidate {
                range: seg.range.start + w.range.start..seg.range.start + w.range.end,
                title: index,
                starts,
                link: match seg.inline {
                    Inline::LinkText(i) | Inline::ImageAlt(i) => Some(i as usize),
                    Inline::Plain => None,
                },
                sentence,
            });
        }
    }
}

/// Title words found in neither dictionary nor any list, and not known
/// typos or missing accents (those stay errors): what `--write-baseline`
/// records.
pub fn unknown_words(ctx: &Context<'_>) -> Vec<String> {
    let langs = Langs::new(ctx);
    let counts = PageCounts::default();
    candidates(ctx, &langs.titles)
        .into_iter()
        .filter(|c| {
            let w = ctx.doc.slice(&c.range);
            !dict::check_any(w)
                && check_word(ctx, c, langs.of(c.title), false, &counts, langs.page()).is_none()
        })
        .map(|c| ctx.doc.slice(&c.range).to_string())
        .collect()
}

fn quote_list(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("“{w}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Rule for MisspelledWord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn baseline(&self, ctx: &Context<'_>) -> Vec<String> {
        unknown_words(ctx)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let langs = Langs::new(ctx);
        if langs.titles.is_empty() {
            return;
        }
        let counts = PageCounts::default();
        for c in candidates(ctx, &langs.titles) {
            let word = ctx.doc.slice(&c.range);
            // Fast path: a dictionary word that no typo list knows is right
            // in either language.
            if dict::check_any(word) {
                let lower = word.to_lowercase();
                if dict::known_typo(Lang::Es, &lower).is_none()
                    && dict::known_typo(Lang::En, &lower).is_none()
                {
                    continue;
                }
            }
            let lang = langs.of(c.title);
            if let Some(d) = check_word(
                ctx,
                &c,
                lang,
                ctx.settings.typ.baseline,
                &counts,
                langs.page(),
            ) {
                out.push(d);
            }
        }
    }
}

/// How often each word (lowercase) occurs in the page, counted on first
/// need: a capitalised title word is corrected only toward the spelling the
/// page itself uses more often.
#[derive(Default)]
struct PageCounts(std::cell::OnceCell<rustc_hash::FxHashMap<String, u32>>);

impl PageCounts {
    fn get(&self, text: &str, lower: &str) -> u32 {
        self.0
            .get_or_init(|| {
                let mut m = rustc_hash::FxHashMap::default();
                for w in words(text) {
                    *m.entry(w.text(text).to_lowercase()).or_default() += 1;
                }
                m
            })
            .get(lower)
            .copied()
            .unwrap_or(0)
    }
}

/// A correction is common from this Zipf frequency on (about once in a
/// million words), and the best one must be this much (×10) more frequent
/// than the next.
const COMMON_ZIPF: f32 = 3.0;
const BEST_MARGIN: f32 = 1.0;
/// Shortest word the confident tier corrects: short words are dense.
const CONFIDENT_MIN_LEN: usize = 5;

/// The one common correction of an unknown, unattested word, one edit away
/// (transpositions included): dictionary words of either language weighted
/// by their frequency, and the project's terms.
fn confident_correction(word: &str, lower: &str, lang: Lang) -> Option<String> {
    if word.chars().count() < CONFIDENT_MIN_LEN
        || !lower
            .chars()
            .all(|c| c.is_ascii_lowercase() || "áéíóúüñ".contains(c))
        || freq::attested(word)
    {
        return None;
    }
    // Candidates from the frequency tables (a correction must be common;
    // rarer words may still block it, so the floor is lower), checked
    // against the dictionary below.
    let mut cands: Vec<(String, f32)> = Vec::new();
    for l in [lang, lang.other()] {
        for (c, z) in freq::edits1(l, lower, COMMON_ZIPF - BEST_MARGIN) {
            // Only dictionary words, lowercase: capitalised entries are names.
            if !dict::contains_exact(l, &c) {
                continue;
            }
            // The other language's words must be clearly more common there.
            let z = if l == lang { z } else { z - 0.5 };
            match cands.iter_mut().find(|(w, _)| *w == c) {
                Some((_, old)) => *old = old.max(z),
                None => cands.push((c, z)),
            }
        }
    }
    // Listed terms (overfiting → overfitting) count as common words.
    let folded: Vec<char> = fold(word).chars().collect();
    for t in lists::terms() {
        if t.chars().count() >= 6 && t.chars().all(char::is_lowercase) {
            let tc: Vec<char> = t.chars().collect();
            if one_edit(&folded, &tc).is_some() && !cands.iter().any(|(w, _)| w == t) {
                cands.push((t.to_string(), COMMON_ZIPF + BEST_MARGIN));
            }
        }
    }
    cands.sort_by(|a, b| b.1.total_cmp(&a.1));
    let best = cands.first()?;
    if best.1 < COMMON_ZIPF {
        return None;
    }
    if cands
        .get(1)
        .is_some_and(|second| second.1 > best.1 - BEST_MARGIN)
    {
        return None;
    }
    Some(best.0.clone())
}

/// The tiers for one word; `new_words` enables the baseline tier.
fn check_word(
    ctx: &Context<'_>,
    c: &Candidate,
    lang: Lang,
    new_words: bool,
    counts: &PageCounts,
    page: Lang,
) -> Option<Diagnostic> {
    let range = c.range.clone();
    let word = ctx.doc.slice(&range);
    let lower = word.to_lowercase();
    // Tier 1: a known typo of the title's language.
    if !dict::check(lang, word) {
        if let Some(fixes) = dict::known_typo(lang, &lower) {
            let fixes: Vec<String> = fixes.iter().map(|f| match_case(word, f)).collect();
            let msg = match fixes.as_slice() {
                [one] => format!("“{word}” is a misspelling of “{one}”"),
                _ => format!("“{word}” is a misspelling"),
            };
            let mut d = Diagnostic::new(&META, range.clone(), msg);
            d = match fixes.as_slice() {
                [one] => d.with_fix(Fix::safe(
                    format!("Replace with “{one}”"),
                    vec![Edit::replace(range, one.clone())],
                )),
                many => d.with_help(format!(
                    "{} list of known typos: did you mean {}?",
                    lang.name(),
                    quote_list(many)
                )),
            };
            return Some(d);
        }
    }
    if dict::check_any(word) {
        return None;
    }
    // Tier 1: a Spanish word written without its accent (funcion), also in
    // a title of a Spanish page that reads as English (Apendice C: Traits).
    if (lang == Lang::Es || page == Lang::Es) && word.chars().all(|c| c.is_ascii_alphabetic()) {
        let found: Vec<String> = dict::accent_restorations(Lang::Es, &lower)
            .into_iter()
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .map(|w| match_case(word, &w))
            .collect();
        match found.as_slice() {
            [] => {}
            [one] => {
                return Some(
                    Diagnostic::new(
                        &META,
                        range.clone(),
                        format!("“{word}” lacks its accent: “{one}”"),
                    )
                    .with_fix(Fix::safe(
                        format!("Replace with “{one}”"),
                        vec![Edit::replace(range, one.clone())],
                    )),
                );
            }
            many => {
                return Some(
                    Diagnostic::new(&META, range, format!("“{word}” lacks an accent"))
                        .with_help(format!("did you mean {}?", quote_list(many))),
                );
            }
        }
    }
    // Confident tier: one common correction, one edit away. A capital
    // inside a title may mark a name: corrected only toward the spelling
    // the page uses more often.
    if let Some(fix) = confident_correction(word, &lower, lang) {
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let (n_word, n_fix) = (
            counts.get(ctx.doc.text, &lower),
            counts.get(ctx.doc.text, &fix),
        );
        // A typo is a slip, not a habit: a word the page writes again and
        // more often than the correction is the page's own term (tupla).
        let habit = n_word >= 2 && n_word >= n_fix;
        let name_like = capital && (!c.starts || !c.sentence);
        // A link text word that its URL spells (Wuzzy → fuzzywuzzy).
        let in_url = c
            .link
            .is_some_and(|i| ctx.doc.links[i].url.to_lowercase().contains(&lower));
        if !habit && !in_url && (!name_like || n_fix > n_word) {
            let one = match_case(word, &fix);
            return Some(
                Diagnostic::new(
                    &META,
                    range.clone(),
                    format!("“{word}” is not a word: did you mean “{one}”?"),
                )
                .with_help(format!(
                    "“{one}” is the only common word one slip away (a letter added, dropped, changed, or two swapped); if “{word}” is right, add it to the project word file or to `[typ] words`"
                ))
                .with_fix(Fix::unsafe_edit(
                    format!("Replace with “{one}”"),
                    vec![Edit::replace(range, one)],
                )),
            );
        }
    }
    // Baseline tier: an unknown word, new since the reviewed baseline, with
    // one close suggestion.
    if !new_words {
        return None;
    }
    let suggestions = dict::edits1(lang, &lower);
    let [one] = suggestions.as_slice() else {
        return None;
    };
    let one = match_case(word, one);
    Some(
        Diagnostic::new(
            &META,
            range.clone(),
            format!("Unknown word “{word}” (new since the baseline): did you mean “{one}”?"),
        )
        .with_severity(Severity::Warning)
        .with_help(format!(
            "if “{word}” is right, add it to the project word file or to `[typ] words`"
        ))
        .with_fix(Fix::unsafe_edit(
            format!("Replace with “{one}”"),
            vec![Edit::replace(range, one)],
        )),
    )
}
