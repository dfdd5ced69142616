//! TYP003 `link-text-mismatch`: a name in a link's text that is one edit
//! away from a name in its URL, but not equal (`LagChain` linking
//! langchain.com, `LMM` linking …/llm, `Nepptune.ai` linking neptune.ai,
//! `statmodels` linking statsmodels.org).

use super::typ_support::{accepted, in_identifier, page_language};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Inline, LinkKind};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::spell::{OneEdit, apply_edit, detect, dict, fold, freq, one_edit};
use crate::text::words::words;

pub static META: RuleMeta = RuleMeta {
    code: "TYP003",
    name: "link-text-mismatch",
    group: Group::Typ,
    summary: "A name in a link's text that nearly matches a name in its URL (LagChain → langchain.com)",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("TYP003"),
};

pub struct LinkTextMismatch;

/// Host labels that name nothing (`rules/data/links/host-noise-labels.txt`).
fn noise(label: &str) -> bool {
    crate::text::data::entries(crate::text::data::HOST_NOISE_LABELS).any(|l| l == label)
}

/// The name-like tokens of a URL, lowercase: host labels (without the
/// top-level domain), path segments and their hyphen/underscore parts, and
/// those parts joined (`hugging-face` → `huggingface`).
pub fn url_tokens(url: &str) -> Vec<String> {
    let rest = match url.find("://") {
        Some(i) => &url[i + 3..],
        None => return Vec::new(),
    };
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host).to_lowercase();
    let mut out = Vec::new();
    let labels: Vec<&str> = host.split('.').collect();
    let n = labels.len();
    for (i, l) in labels.iter().enumerate() {
        if i + 1 == n && n > 1 || noise(l) {
            continue;
        }
        add_parts(l, &mut out);
    }
    for seg in path.split('/') {
        let seg = seg.replace("%20", "-").to_lowercase();
        let seg = match seg.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() && ext.len() <= 5 => stem.to_string(),
            _ => seg,
        };
        add_parts(&seg, &mut out);
    }
    out.retain(|t| t.chars().count() >= 3);
    out.sort();
    out.dedup();
    out
}

fn add_parts(s: &str, out: &mut Vec<String>) {
    let parts: Vec<&str> = s
        .split(['-', '_', '.', '+', '~', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    for p in &parts {
        // Split letters from digits: gpt2 → gpt.
        let letters: String = p.chars().take_while(|c| c.is_alphabetic()).collect();
        out.push(p.to_string());
        if letters.len() != p.len() && !letters.is_empty() {
            out.push(letters);
        }
    }
    if parts.len() > 1 {
        out.push(parts.concat());
    }
}

/// Is the word the name part of a domain written as text (`Neptune.ai`,
/// `Hugging.co`): followed by a dot and a top-level domain of letters that
/// ends the token?
fn domain_like(text: &str, range: &std::ops::Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '/' | '@' | '_' | '-')) {
        return false;
    }
    let Some(rest) = text[range.end..].strip_prefix('.') else {
        return false;
    };
    let tld: String = rest.chars().take_while(char::is_ascii_lowercase).collect();
    let after = rest[tld.len()..].chars().next();
    (2..=6).contains(&tld.len())
        && !after.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '/')
}

/// A lowercase word that no dictionary or word list knows (`statmodels`):
/// a name, compared with the URL like a capitalised one.
fn unknown_lowercase(word: &str) -> bool {
    word.chars().count() >= 5
        && word.chars().all(|c| c.is_lowercase())
        && !dict::check_any(word)
        && !freq::attested(word)
}

/// German and Nordic letters written out in URLs (Bifröst → bifroest).
fn transliterate(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' | 'ø' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'å' => out.push_str("aa"),
            'æ' => out.push_str("ae"),
            _ => out.push(c),
        }
    }
    out
}

/// A near match that is not a mistake: plurals, user names made of an
/// initial and the surname, a name and a longer name it starts
/// (`IIT`/`iitb`, `Berne`/`berner`), Spanish/English cognates.
fn excused(t: &str, u: &str, edit: OneEdit) -> bool {
    if u.starts_with(t) || t.starts_with(u) {
        return true;
    }
    let plural = |a: &str, b: &str| a.strip_suffix('s').is_some_and(|x| x == b);
    if plural(t, u) || plural(u, t) {
        return true;
    }
    // jalammar for Alammar, bbycroft for Bycroft: an initial and the surname.
    if matches!(edit, OneEdit::Insert(..)) && u.chars().skip(1).eq(t.chars()) {
        return true;
    }
    // normalización / normalization, ción / tion
    let cognate = |a: &str, b: &str| {
        a.strip_suffix("cion")
            .zip(b.strip_suffix("tion"))
            .is_some_and(|(x, y)| x == y)
    };
    cognate(t, u) || cognate(u, t)
}

impl Rule for LinkTextMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let page_lang = std::cell::OnceCell::new();
        for seg in &doc.segments {
            let Inline::LinkText(i) = seg.inline else {
                continue;
            };
            let link = &doc.links[i as usize];
            if !matches!(link.kind, LinkKind::Inline | LinkKind::Reference) {
                continue;
            }
            let text = doc.slice(&seg.range);
            let tokens: Vec<_> = words(text)
                .filter(|w| {
                    w.char_len(text) >= 3
                        && (w.is_capitalized(text)
                            || w.has_inner_capital(text)
                            || unknown_lowercase(w.text(text)))
                })
                .collect();
            if tokens.is_empty() {
                continue;
            }
            let url_toks = url_tokens(&link.url);
            if url_toks.is_empty() {
                continue;
            }
            let text_lang = std::cell::OnceCell::new();
            for w in tokens {
                let word = w.text(text);
                if in_identifier(text, &w.range) && !domain_like(text, &w.range) {
                    continue;
                }
                // Three letters are compared only as an acronym (LMM/llm).
                if w.char_len(text) == 3 && !w.is_all_caps(text) {
                    continue;
                }
                // Known typos of the link text's language are TYP001's.
                let lower = word.to_lowercase();
                let lang = *text_lang
                    .get_or_init(|| detect(text, *page_lang.get_or_init(|| page_language(ctx))));
                if !dict::check(lang, word) && dict::known_typo(lang, &lower).is_some() {
                    continue;
                }
                let t: String = fold(word)
                    .chars()
                    .filter(|c| !matches!(c, '\'' | '’'))
                    .collect();
                if url_toks
                    .iter()
                    .any(|u| *u == t || *u == transliterate(&word.to_lowercase()))
                {
                    continue;
                }
                if accepted(ctx, word) || (w.is_plain_case(text) && dict::check_any(word)) {
                    continue;
                }
                if w.is_all_caps(text) && dict::check_any(&word.to_lowercase()) {
                    continue;
                }
                let tc: Vec<char> = t.chars().collect();
                let mut near: Vec<(&String, OneEdit)> = Vec::new();
                for u in &url_toks {
                    let uc: Vec<char> = u.chars().collect();
                    if let Some(e) = one_edit(&tc, &uc) {
                        // Letters written out differently in URLs (Bärner/berner).
                        let pos = match e {
                            OneEdit::Substitute(i, _)
                            | OneEdit::Insert(i, _)
                            | OneEdit::Delete(i)
                            | OneEdit::Swap(i) => i,
                        };
                        let around = word.chars().skip(pos.saturating_sub(1)).take(3);
                        if around.clone().any(|c| !c.is_ascii()) {
                            continue;
                        }
                        if !excused(&t, u, e) && !near.iter().any(|(x, _)| *x == u) {
                            near.push((u, e));
                        }
                    }
                }
                let range = seg.range.start + w.range.start..seg.range.start + w.range.end;
                match near.as_slice() {
                    [] => {}
                    [(u, e)] => {
                        let chars: Vec<char> = word.chars().collect();
                        let fixed = if chars.len() == tc.len() {
                            Some(apply_edit(&chars, *e))
                        } else {
                            None
                        };
                        let mut d = Diagnostic::new(
                            &META,
                            range.clone(),
                            format!("“{word}” in the link text nearly matches “{u}” in its URL"),
                        );
                        if let Some(f) = fixed {
                            d = d.with_help(format!("did you mean “{f}”?")).with_fix(
                                Fix::unsafe_edit(
                                    format!("Replace with “{f}”"),
                                    vec![Edit::replace(range, f.clone())],
                                ),
                            );
                        }
                        out.push(d);
                    }
                    many => {
                        let list: Vec<String> =
                            many.iter().map(|(u, _)| format!("“{u}”")).collect();
                        out.push(
                            Diagnostic::new(
                                &META,
                                range,
                                format!("“{word}” in the link text nearly matches its URL"),
                            )
                            .with_help(format!("the URL has {}", list.join(", "))),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_tokens_cover_hosts_and_paths() {
        let t = url_tokens("https://www.langchain.com");
        assert_eq!(t, vec!["langchain"]);
        let t = url_tokens("https://bbycroft.net/llm");
        assert!(t.contains(&"llm".to_string()) && t.contains(&"bbycroft".to_string()));
        let t = url_tokens("https://huggingface.co/hugging-face/models.html?x=1");
        assert!(t.contains(&"huggingface".to_string()) && t.contains(&"models".to_string()));
    }
}
