//! TYP001 `misspelled-word`: misspelled words in titles (headings, link
//! texts, image alt texts, front-matter `title`/`subtitle`/`description`),
//! in tiers: known typos and missing accents always; unknown words with one
//! close suggestion only when they are new since the project's baseline.

use std::ops::Range;

use super::link_text_mismatch::url_tokens;
use super::typ_support::{Title, accepted, in_identifier, page_language, title_language, titles};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Document, Inline};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::citation::citations;
use crate::text::spell::{Lang, dict, match_case};
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
    for seg in &title.segments {
        let text = doc.slice(&seg.range);
        let cites = citations(text);
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
            out.push(Candidate {
                range: seg.range.start + w.range.start..seg.range.start + w.range.end,
                title: index,
            });
        }
    }
}

/// Title words found in neither dictionary nor any list, and not known
/// typos or missing accents (those stay errors): what `--write-baseline`
/// records.
pub fn unknown_words(ctx: &Context<'_>) -> Vec<String> {
    let langs = Langs::new(ctx);
    candidates(ctx, &langs.titles)
        .into_iter()
        .filter(|c| {
            let w = ctx.doc.slice(&c.range);
            !dict::check_any(w)
                && check_word(w, c.range.clone(), langs.of(c.title), false).is_none()
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

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let langs = Langs::new(ctx);
        if langs.titles.is_empty() {
            return;
        }
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
            if let Some(d) = check_word(word, c.range.clone(), lang, ctx.settings.typ.baseline) {
                out.push(d);
            }
        }
    }
}

/// The tiers for one word; `new_words` enables tier 2 (a baseline exists).
fn check_word(word: &str, range: Range<usize>, lang: Lang, new_words: bool) -> Option<Diagnostic> {
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
    // Tier 1: a Spanish word written without its accent (funcion).
    if lang == Lang::Es && word.chars().all(|c| c.is_ascii_alphabetic()) {
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
    // Tier 2: an unknown word, new since the reviewed baseline, with one
    // close suggestion.
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
