//! LNK008 `citation-format`: author–year citations written one way on a
//! page: "et al." with its period, a space before "(", and one style,
//! "(Author, Year)" or "(Author Year)", per page.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::Inline;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "LNK008",
    name: "citation-format",
    group: Group::Lnk,
    summary: "Citation format: \"et al.\" with its period, a space before \"(\", one citation style per page",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("LNK008"),
};

pub struct CitationFormat;

/// A parenthetical author–year citation found in a prose segment.
struct Citation {
    /// From `(` to `)`.
    range: Range<usize>,
    /// The `,` before the year, or where one would go (empty range).
    comma: Range<usize>,
    has_comma: bool,
    /// "Author (Year)": only its space is checked.
    narrative: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A misspelt "et al.": the words, the bytes to replace, a message and the
/// replacement.
struct EtAl {
    span: Range<usize>,
    edit: Range<usize>,
    message: &'static str,
    content: &'static str,
}

/// "et al" spellings in `s` (at page offset `base`).
fn et_al(s: &str, base: usize, out: &mut Vec<EtAl>) {
    let mut from = 0;
    while let Some(i) = s[from..].find("et") {
        let at = from + i;
        from = at + 2;
        if s[..at].chars().next_back().is_some_and(is_word_char) {
            continue;
        }
        let mut j = at + 2;
        let dotted = s[j..].starts_with('.');
        if dotted {
            j += 1;
        }
        let spaces = s[j..].len() - s[j..].trim_start_matches([' ', '\u{a0}']).len();
        if spaces == 0 {
            continue;
        }
        j += spaces;
        if !s[j..].starts_with("al") {
            continue;
        }
        j += 2;
        match s[j..].chars().next() {
            Some(c) if c.is_alphanumeric() => continue, // et alii, et alia
            Some('.') => {
                if dotted {
                    out.push(EtAl {
                        span: base + at..base + j + 1,
                        edit: base + at..base + j + 1,
                        message: "“et. al.”: the period belongs after “al”",
                        content: "et al.",
                    });
                }
            }
            _ => {
                if dotted {
                    out.push(EtAl {
                        span: base + at..base + j,
                        edit: base + at..base + j,
                        message: "“et. al”: the period belongs after “al”",
                        content: "et al.",
                    });
                } else {
                    out.push(EtAl {
                        span: base + at..base + j,
                        edit: base + j..base + j,
                        message: "“et al” without its period",
                        content: ".",
                    });
                }
            }
        }
        from = j;
    }
}

/// Is `s` (the text before the year in a parenthesis) a list of authors?
fn authors(s: &str) -> bool {
    let s = s.trim_end_matches([',', ' ']);
    let first = s.chars().next();
    if !first.is_some_and(|c| c.is_uppercase()) || s.len() > 80 {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    words.iter().all(|w| {
        matches!(
            *w,
            "y" | "and"
                | "&"
                | "e"
                | "und"
                | "et"
                | "al"
                | "al."
                | "de"
                | "van"
                | "von"
                | "der"
                | "del"
                | "la"
        ) || {
            // A surname: capitalised, letters, not an acronym (ICML).
            let w = w.trim_end_matches([',', '.']);
            w.chars().next().is_some_and(|c| c.is_uppercase())
                && w.chars().any(|c| c.is_lowercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        }
    })
}

/// Fast path: is there a `(` followed, before its `)`, by a year-like
/// `18xx`, `19xx` or `20xx`?
fn year_in_parentheses(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'(', bytes).any(|open| {
        let end = (open + 120).min(bytes.len());
        let inner = &bytes[open + 1..end];
        let inner = &inner[..memchr::memchr(b')', inner).unwrap_or(inner.len())];
        inner.windows(4).any(|w| {
            matches!(&w[..2], b"18" | b"19" | b"20")
                && w[2].is_ascii_digit()
                && w[3].is_ascii_digit()
        })
    })
}

/// Parenthetical citations `(Authors[,] Year…)` in `s` at page offset `base`.
fn citations(s: &str, base: usize, out: &mut Vec<Citation>) {
    let mut from = 0;
    while let Some(i) = s[from..].find('(') {
        let open = from + i;
        from = open + 1;
        let Some(len) = s[open..].find(')') else {
            continue;
        };
        let inner = &s[open + 1..open + len];
        // The first four-digit year, followed by an optional letter and then
        // `)`, `,` or `;`.
        let bytes = inner.as_bytes();
        let mut year_at = None;
        for k in 0..bytes.len().saturating_sub(3) {
            if bytes[k..k + 4].iter().all(u8::is_ascii_digit)
                && (k == 0 || !bytes[k - 1].is_ascii_alphanumeric())
            {
                let y: u32 = inner[k..k + 4].parse().unwrap_or(0);
                let mut e = k + 4;
                if bytes.get(e).is_some_and(|b| b.is_ascii_lowercase())
                    && bytes.get(e + 1).is_none_or(|b| matches!(b, b',' | b';'))
                {
                    e += 1;
                }
                if (1800..2100).contains(&y)
                    && bytes.get(e).is_none_or(|b| matches!(b, b',' | b';'))
                {
                    year_at = Some(k);
                }
                break;
            }
        }
        let Some(k) = year_at else { continue };
        let before = &inner[..k];
        if k == 0 {
            // "Author (Year)": a narrative citation, checked for its space
            // only, after a surname.
            let word: String = s[..open]
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect::<Vec<char>>()
                .into_iter()
                .rev()
                .collect();
            if word.chars().next().is_some_and(|c| c.is_uppercase())
                && word.chars().any(|c| c.is_lowercase())
            {
                out.push(Citation {
                    range: base + open..base + open + len + 1,
                    comma: base + open..base + open,
                    has_comma: false,
                    narrative: true,
                });
            }
            continue;
        }
        if !authors(before) || !before.ends_with(' ') {
            continue;
        }
        let head = before.trim_end();
        let has_comma = head.ends_with(',');
        let comma_at = base + open + 1 + head.len();
        out.push(Citation {
            range: base + open..base + open + len + 1,
            comma: if has_comma {
                comma_at - 1..comma_at
            } else {
                comma_at..comma_at
            },
            has_comma,
            narrative: false,
        });
    }
}

impl Rule for CitationFormat {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        let bytes = text.as_bytes();
        let et_al_here = memchr::memmem::find_iter(bytes, b"al").any(|i| {
            let before = &bytes[..i];
            before.ends_with(b"et ")
                || before.ends_with(b"et. ")
                || before.ends_with("et\u{a0}".as_bytes())
        });
        if !et_al_here && !year_in_parentheses(text) {
            return;
        }
        let mut cites = Vec::new();
        for seg in &doc.segments {
            if matches!(seg.inline, Inline::ImageAlt(_)) {
                continue;
            }
            let s = doc.slice(&seg.range);
            if et_al_here && s.contains("al") {
                let mut found = Vec::new();
                et_al(s, seg.range.start, &mut found);
                for e in found {
                    out.push(
                        Diagnostic::new(&META, e.span, e.message)
                            .with_help("“et al.” abbreviates “et alii”: the period is part of it")
                            .with_fix(Fix::safe(
                                "Write “et al.”",
                                vec![Edit::replace(e.edit, e.content)],
                            )),
                    );
                }
            }
            if s.contains('(') {
                citations(s, seg.range.start, &mut cites);
            }
        }
        for c in &cites {
            let before = text[..c.range.start].chars().next_back();
            if before.is_some_and(|ch| ch.is_alphanumeric()) {
                out.push(
                    Diagnostic::new(
                        &META,
                        c.range.start..c.range.start + 1,
                        "no space before a citation's “(”",
                    )
                    .with_help(format!("write “… {}”", &text[c.range.clone()]))
                    .with_fix(Fix::safe(
                        "Add a space before “(”",
                        vec![Edit::insert(c.range.start, " ")],
                    )),
                );
            }
        }
        // One style per page: the minority follows a clear majority.
        cites.retain(|c| !c.narrative);
        let commas = cites.iter().filter(|c| c.has_comma).count();
        let plain = cites.len() - commas;
        let (majority, minority_has_comma) = if commas >= 3 && plain * 2 <= commas {
            (commas, false)
        } else if plain >= 3 && commas * 2 <= plain {
            (plain, true)
        } else {
            return;
        };
        for c in cites.iter().filter(|c| c.has_comma == minority_has_comma) {
            let cite = &text[c.range.clone()];
            let (message, edit, fix) = if minority_has_comma {
                (
                    format!(
                        "citation `{cite}` has a comma before the year; this page writes (Author Year) {majority} times"
                    ),
                    Edit::delete(c.comma.clone()),
                    "Remove the comma",
                )
            } else {
                (
                    format!(
                        "citation `{cite}` has no comma before the year; this page writes (Author, Year) {majority} times"
                    ),
                    Edit::insert(c.comma.start, ","),
                    "Add a comma before the year",
                )
            };
            out.push(
                Diagnostic::new(&META, c.range.clone(), message)
                    .with_help("one citation style per page reads better")
                    .with_fix(Fix::safe(fix, vec![edit])),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn et_al_spellings() {
        let mut v = Vec::new();
        et_al(
            "Vaswani et al, 2017; Smith et al. 2019; Doe et. al 2020; et alii; Diet al",
            0,
            &mut v,
        );
        let got: Vec<&str> = v.iter().map(|e| e.content).collect();
        assert_eq!(got, vec![".", "et al."]);
    }

    #[test]
    fn citation_shapes() {
        let mut v = Vec::new();
        citations(
            "(Karpathy, 2015) (Amidi y Amidi 2019) (Vaswani et al., 2017, video) (v2.0) (Windows 2000 era) (LSH) (see 2019) (ICML 2025)",
            0,
            &mut v,
        );
        let got: Vec<bool> = v
            .iter()
            .filter(|c| !c.narrative)
            .map(|c| c.has_comma)
            .collect();
        assert_eq!(got, vec![true, false, true]);
    }
}
