//! LNK011 `mixed-script-link`: a host or word of a link that mixes Latin
//! letters with look-alike letters of another script (`gіthub.com` with a
//! Cyrillic і), or a host label written only in look-alikes (`аррӏе.com`).
//! A homograph address opens another site than the one it shows. The
//! look-alikes are data (`rules/data/links/confusables.tsv`, from Unicode's
//! confusables); words of one script, whatever it is, never fire.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LinkKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::links::url::split;

pub static META: RuleMeta = RuleMeta {
    code: "LNK011",
    name: "mixed-script-link",
    group: Group::Lnk,
    summary: "Look-alike letters of another script in a link's host or words (gіthub.com with a Cyrillic і)",
    fixable: Fixable::Never,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("LNK011"),
};

pub const TABLE: &str = crate::text::data::CONFUSABLES;

pub struct MixedScriptLink;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
}

impl Script {
    fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Greek => "Greek",
            Script::Cyrillic => "Cyrillic",
            Script::Armenian => "Armenian",
        }
    }
}

/// The alphabets whose letters are confused with each other; `None` for
/// every other character (digits, marks, CJK, Arabic…: never compared).
fn script(c: char) -> Option<Script> {
    let n = c as u32;
    if !c.is_alphabetic() {
        return None;
    }
    Some(match n {
        0x41..=0x5A
        | 0x61..=0x7A
        | 0xC0..=0x24F
        | 0x1E00..=0x1EFF
        | 0x2C60..=0x2C7F
        | 0xA720..=0xA7FF
        | 0xAB30..=0xAB6F
        | 0xFF21..=0xFF3A
        | 0xFF41..=0xFF5A => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x530..=0x58F => Script::Armenian,
        _ => return None,
    })
}

/// A look-alike: the Latin letter it is taken for, and its name.
struct LookAlike {
    latin: char,
    name: &'static str,
}

fn table() -> &'static HashMap<char, LookAlike> {
    static T: OnceLock<HashMap<char, LookAlike>> = OnceLock::new();
    T.get_or_init(|| {
        crate::text::links::entries(TABLE)
            .filter_map(|(_, line)| {
                let mut cols = line.split('\t');
                let c = cols.next()?.chars().next()?;
                let latin = cols.next()?.chars().next()?;
                let name = cols.next()?;
                Some((c, LookAlike { latin, name }))
            })
            .collect()
    })
}

/// Does Latin `c` look like a letter of `s` (the reverse of the table)?
fn latin_looks_like(c: char, s: Script) -> bool {
    table()
        .iter()
        .any(|(k, v)| v.latin == c && script(*k) == Some(s))
}

/// What is wrong with one word (or host label), if anything.
struct Finding {
    message: String,
    help: String,
}

/// Spell a word with its look-alikes replaced by the Latin letters they
/// imitate.
fn as_latin(word: &str) -> String {
    word.chars()
        .map(|c| table().get(&c).map_or(c, |l| l.latin))
        .collect()
}

fn check_word(word: &str, host_label: bool, ascii_tld: bool) -> Option<Finding> {
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for c in word.chars() {
        if let Some(s) = script(c) {
            match counts.iter_mut().find(|(k, _)| *k == s) {
                Some((_, n)) => *n += 1,
                None => counts.push((s, 1)),
            }
        }
    }
    let latin = counts.iter().any(|(s, _)| *s == Script::Latin);
    let what = if host_label { "host label" } else { "word" };
    match counts.len() {
        0 => None,
        1 => {
            // A whole label of look-alikes in a host under a Latin
            // top-level domain: `аррӏе.com`.
            let (s, n) = counts[0];
            if !host_label || !ascii_tld || s == Script::Latin || n < 2 {
                return None;
            }
            let all = word
                .chars()
                .filter(|c| script(*c).is_some())
                .all(|c| table().contains_key(&c));
            all.then(|| Finding {
                message: format!(
                    "host label “{word}” is written only in {} letters that look like Latin ones, under a Latin top-level domain",
                    s.name()
                ),
                help: format!(
                    "it reads as “{}” but is another address (a homograph); if that site is meant, type its address again",
                    as_latin(word)
                ),
            })
        }
        _ if !latin => None,
        _ => {
            // The script with the most letters is the word's; the others
            // must all be look-alikes of it to be a disguise (`μm`, with a
            // μ that looks like no Latin letter, is a unit, not a trick).
            let (main, _) = *counts
                .iter()
                .max_by_key(|(s, n)| (*n, *s == Script::Latin))?;
            let odd: Vec<char> = word
                .chars()
                .filter(|c| script(*c).is_some_and(|s| s != main))
                .collect();
            let disguised = odd.iter().all(|&c| {
                if main == Script::Latin {
                    table().contains_key(&c)
                } else {
                    script(c) == Some(Script::Latin) && latin_looks_like(c, main)
                }
            });
            if !disguised {
                return None;
            }
            let first = odd[0];
            let spelled = match table().get(&first) {
                Some(l) => format!(
                    "{first} is {} (U+{:04X}), not Latin “{}”",
                    l.name, first as u32, l.latin
                ),
                None => format!(
                    "{first} is Latin (U+{:04X}) in a {} word",
                    first as u32,
                    main.name()
                ),
            };
            let more = if odd.len() > 1 {
                format!(" (and {} more)", odd.len() - 1)
            } else {
                String::new()
            };
            Some(Finding {
                message: format!("mixed-script {what} “{word}”: {spelled}{more}"),
                help: if main == Script::Latin && host_label {
                    format!(
                        "with Latin letters it reads “{}”; a look-alike address opens another site (a homograph): type it again",
                        as_latin(word)
                    )
                } else if main == Script::Latin {
                    format!(
                        "with Latin letters it reads “{}”: type it again (a look-alike letter hides the word from search)",
                        as_latin(word)
                    )
                } else {
                    format!(
                        "a Latin letter inside a {} word: retype the word with one keyboard layout",
                        main.name()
                    )
                },
            })
        }
    }
}

/// The words of `s` (letters, digits and marks), with their ranges.
fn words(s: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let part = c.is_alphanumeric() || crate::text::visible::is_combining(c);
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((b..i, &s[b..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b..s.len(), &s[b..]));
    }
    out.into_iter()
}

/// Is there anything to look at (a non-ASCII letter)?
fn worth(s: &str) -> bool {
    !s.is_ascii()
}

impl Rule for MixedScriptLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        let mut seen: Vec<Range<usize>> = Vec::new();
        let mut report = |range: Range<usize>, f: Finding, host: bool| {
            if seen.contains(&range) {
                return;
            }
            seen.push(range.clone());
            let mut d = Diagnostic::new(&META, range, f.message).with_help(f.help);
            if host {
                d = d.with_severity(Severity::Error);
            }
            out.push(d);
        };
        for link in &doc.links {
            // The link text (an autolink's text is its URL, checked below).
            if matches!(link.kind, LinkKind::Inline | LinkKind::Reference) {
                let t = &text[link.text.clone()];
                if worth(t) {
                    for (r, w) in words(t) {
                        if let Some(f) = check_word(w, false, false) {
                            let at = link.text.start + r.start..link.text.start + r.end;
                            report(at, f, false);
                        }
                    }
                }
            }
            let Some(dest) = &link.dest else { continue };
            let url = &text[dest.clone()];
            if !worth(url) {
                continue;
            }
            let parts = split(url);
            let mut rest_from = 0;
            if let Some(h) = &parts.host {
                let host = &url[h.clone()];
                rest_from = h.end;
                let labels: Vec<&str> = host.split('.').collect();
                let ascii_tld = labels.last().is_some_and(|t| !t.is_empty() && t.is_ascii());
                let mut at = h.start;
                for label in &labels {
                    if let Some(f) = check_word(label, true, ascii_tld) {
                        report(dest.start + at..dest.start + at + label.len(), f, true);
                    }
                    at += label.len() + 1;
                }
            }
            // Path, query and fragment: words that mix scripts.
            let rest = &url[rest_from..];
            for (r, w) in words(rest) {
                if let Some(f) = check_word(w, false, false) {
                    let at = dest.start + rest_from + r.start..dest.start + rest_from + r.end;
                    report(at, f, false);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_maps_letters_of_other_scripts_to_ascii() {
        // Its format is checked with every table, in `text::data`.
        for (n, line) in crate::text::links::entries(TABLE) {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 3, "{n}: {line:?}");
            assert_eq!(cols[0].chars().count(), 1, "{n}");
            assert!(cols[1].len() == 1 && cols[1].is_ascii(), "{n}");
            let c = cols[0].chars().next().unwrap();
            assert!(
                script(c).is_some_and(|s| s != Script::Latin),
                "{n}: {c:?} is not a letter of another script"
            );
        }
        assert_eq!(table().len(), crate::text::links::entries(TABLE).count());
    }

    #[test]
    fn mixed_words() {
        assert!(check_word("gіthub", true, true).is_some());
        assert!(check_word("gіthub", false, false).is_some());
        // A Cyrillic word with a Latin o (keyboard layout slip).
        assert!(check_word("прoграмма", false, false).is_some());
        // One script, any script: silent.
        for w in [
            "github",
            "программа",
            "пример",
            "Ελληνικά",
            "日本語",
            "español",
            "ñandú",
        ] {
            assert!(check_word(w, false, false).is_none(), "{w}");
            assert!(check_word(w, true, false).is_none(), "{w}");
        }
        // Units and symbols mix scripts without disguise.
        for w in ["μm", "kΩ", "αβγtest"] {
            assert!(check_word(w, false, false).is_none(), "{w}");
        }
    }

    #[test]
    fn whole_script_labels() {
        assert!(check_word("аррӏе", true, true).is_some());
        // Under its own top-level domain, or with letters that look like
        // no Latin letter, a Cyrillic name is a name.
        assert!(check_word("аррӏе", true, false).is_none());
        assert!(check_word("яндекс", true, true).is_none());
        assert!(check_word("аррӏе", false, false).is_none());
    }
}
