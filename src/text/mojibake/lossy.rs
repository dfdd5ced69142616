//! ENC004: traces of a lossy decode, and their reconstruction.
//!
//! Python's `errors='replace'` (and most tools) put one U+FFFD for each byte
//! it could not decode; a multi-byte code page then resynchronises on the
//! next byte, which may pair with the byte after it ("¿Qué?" through Johab
//! comes out as "�쯈u칠?": the lead byte 0xC2 is lost and 0xBF swallows
//! the "Q"). A run holding U+FFFD is re-encoded with each lost byte left
//! open; every choice for those bytes (at most two of them) that the code
//! page would indeed have refused at that place, that makes the run valid
//! UTF-8, and that passes the plausibility rules is a candidate. Exactly one
//! clearly best candidate is offered; otherwise none.

use super::classify::{badness, one_script, scripts};
use super::{LossyTrace, Span, SpanKind};
use crate::text::codepages::{CodePage, Step};
use std::collections::HashSet;
use std::ops::Range;

/// ASCII neighbours of a run, up to whitespace (24 bytes at most), within
/// `bounds`.
fn neighbours(
    text: &str,
    bounds: &Range<usize>,
    run: &Range<usize>,
) -> (Range<usize>, Range<usize>) {
    let b = text.as_bytes();
    let mut r = run.end;
    while r < bounds.end && r - run.end < 24 && b[r] < 0x80 && !b[r].is_ascii_whitespace() {
        r += 1;
    }
    let mut l = run.start;
    while l > bounds.start
        && run.start - l < 24
        && b[l - 1] < 0x80
        && !b[l - 1].is_ascii_whitespace()
    {
        l -= 1;
    }
    (l..run.start, run.end..r)
}

/// A trace found by the run scan (no page or block hypothesis): at best an
/// unsafe candidate.
pub(crate) fn trace(
    text: &str,
    span: &Span,
    run: Range<usize>,
    known: &[CodePage],
    familiar: &HashSet<char>,
) -> LossyTrace {
    let in_code = span.kind == SpanKind::Code;
    let g = &text[run.clone()];
    let (l, r) = neighbours(text, &span.range, &run);
    let (left, right) = (&text[l], &text[r]);
    let only_fffd = g.chars().all(|c| c == '\u{FFFD}');
    let mut found: Option<(CodePage, Vec<String>)> = None;
    if !(only_fffd && known.is_empty()) {
        let fallback = if known.is_empty() {
            fallback_code_pages()
        } else {
            &[][..]
        };
        for &cp in known.iter().chain(fallback) {
            let c = reconstruct(cp, g, left, right, familiar, &Around::of(text, &run, cp));
            if !c.is_empty() {
                found = Some((cp, c));
                break;
            }
        }
    }
    match found {
        Some((cp, c)) => LossyTrace {
            range: run,
            candidate: (c.len() == 1).then(|| c[0].clone()),
            codepage: Some(cp),
            in_code,
            safe: false,
            others: if c.len() > 1 { c } else { Vec::new() },
        },
        None => LossyTrace {
            range: run,
            candidate: None,
            codepage: known.first().copied(),
            in_code,
            safe: false,
            others: Vec::new(),
        },
    }
}

/// A trace inside a text whose every other garbled run a hypothesis of
/// one code page repaired (`segments`, offsets relative to `base`): the
/// reconstruction is safe when exactly one candidate is plausible.
pub(crate) fn trace_under(
    text: &str,
    run: Range<usize>,
    chain: &[CodePage],
    in_code: bool,
    segments: &[super::candidates::Segment],
    base: usize,
) -> LossyTrace {
    let mut familiar: HashSet<char> = HashSet::new();
    for s in segments {
        familiar.extend(s.replacement.chars().filter(|c| !c.is_ascii()));
    }
    let bounds = base..text.len();
    let (l, r) = neighbours(text, &bounds, &run);
    let g = &text[run.clone()];
    let cands = match chain {
        [cp] => reconstruct(
            *cp,
            g,
            &text[l],
            &text[r],
            &familiar,
            &Around::of(text, &run, *cp),
        ),
        _ => Vec::new(),
    };
    LossyTrace {
        range: run,
        candidate: (cands.len() == 1).then(|| cands[0].clone()),
        codepage: chain.first().copied(),
        in_code,
        safe: cands.len() == 1,
        others: if cands.len() > 1 { cands } else { Vec::new() },
    }
}

/// Where a lost run stands in its paragraph: the text before it and the
/// character after it. Quotes, apostrophes and dashes lose all three of
/// their bytes and are equal to the character-class score; their place is
/// what tells them apart.
#[derive(Default)]
struct Around<'a> {
    before: &'a str,
    after: Option<char>,
    /// The text after the run, to the end of its line.
    rest: &'a str,
    cp: Option<CodePage>,
}

impl<'a> Around<'a> {
    fn of(text: &'a str, run: &Range<usize>, cp: CodePage) -> Self {
        // The paragraph so far (a quote may open on an earlier line), at
        // most 2,000 bytes back.
        let mut start = text[..run.start].rfind("\n\n").map_or(0, |i| i + 2);
        if run.start - start > 2000 {
            start = run.start - 2000;
            while !text.is_char_boundary(start) {
                start += 1;
            }
        }
        Around {
            before: &text[start..run.start],
            after: text[run.end..].chars().next().filter(|&c| c != '\n'),
            rest: text[run.end..].split('\n').next().unwrap_or(""),
            cp: Some(cp),
        }
    }
}

/// How well a candidate's punctuation fits its place (higher is better):
/// an apostrophe between letters, an opening quote before a word, a
/// closing quote after one that pairs with an opener earlier in the
/// paragraph (a lost run where an opener would stand counts as one), a
/// possessive apostrophe after a word when no quote is open, an em dash
/// between words, an en dash between digits. Everything else scores 0, so a candidate wins on place
/// only where its place speaks.
fn punctuation_fit(candidate: &str, around: &Around<'_>) -> i32 {
    let chars: Vec<char> = candidate.chars().collect();
    let mut fit = 0;
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i == 0 {
            around.before.chars().next_back()
        } else {
            Some(chars[i - 1])
        };
        let next = chars.get(i + 1).copied().or(around.after);
        let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
        let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let opens = opens_after(prev);
        let closes =
            !space(prev) && (space(next) || next.is_some_and(|n| ".,;:!?)]}|*_`".contains(n)));
        fit += match c {
            // A contraction ("we’re", "it’s", "don’t") or another letter.
            '\u{2019}' if letter(prev) && letter(next) => {
                if contraction(&chars[i + 1..], around.rest) {
                    8
                } else {
                    6
                }
            }
            '\u{201C}' if opens && !space(next) => 6,
            '\u{2018}' if opens && !space(next) => 2,
            '\u{2019}'
                if closes && expected_closer(around.before, around.cp) == Some('\u{2018}') =>
            {
                6
            }
            '\u{201D}'
                if closes && expected_closer(around.before, around.cp) == Some('\u{201C}') =>
            {
                8
            }
            // After a word with no quote open before it: a possessive
            // ("students’ questions"), not a closer without an opener.
            '\u{2019}'
                if letter(prev)
                    && next.is_some_and(char::is_whitespace)
                    && expected_closer(around.before, around.cp).is_none() =>
            {
                5
            }
            // Between words with no spaces: an em dash ("programmer—Welcome");
            // an en dash joins numbers.
            '\u{2014}'
                if letter(prev)
                    && next.is_some_and(|n| n.is_alphabetic() || "`*_".contains(n))
                    && !contraction(&chars[i + 1..], around.rest) =>
            {
                6
            }
            '\u{2013}'
                if prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit()) =>
            {
                6
            }
            _ => 0,
        };
    }
    fit
}

/// Do the letters after an apostrophe (the rest of the candidate, then the
/// text after the run) make an English contraction ending: ’s, ’re, ’ll,
/// ’t, ’ve, ’d, ’m?
fn contraction(tail: &[char], rest: &str) -> bool {
    let word: String = tail
        .iter()
        .copied()
        .chain(rest.chars())
        .take_while(|c| c.is_alphabetic())
        .take(3)
        .collect();
    matches!(
        word.to_lowercase().as_str(),
        "s" | "re" | "ll" | "t" | "ve" | "d" | "m"
    )
}

/// Can an opening quote follow `prev` (the start of a line, a space, an
/// opening bracket or a Markdown mark)?
fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || "([{`*_>".contains(p))
}

/// The closing quote `before` waits for, if any: the innermost opening
/// quote no closing one answers. Lost runs (U+FFFD) count where they stand:
/// before a word after a space as an opener — of the kind its swallowed
/// letter shows (the quote's last byte and the letter make the character
/// after the U+FFFD: 0x98 ‘, 0x9C “), a double one when nothing shows it —
/// and a run of U+FFFD alone after a word, before a space or punctuation,
/// as the closer of the innermost opener.
fn expected_closer(before: &str, cp: Option<CodePage>) -> Option<char> {
    let chars: Vec<char> = before.chars().collect();
    let mut stack: Vec<char> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j]);
        if c == '\u{FFFD}' {
            let mut j = i;
            while j < chars.len() && !chars[j].is_whitespace() && !chars[j].is_ascii() {
                j += 1;
            }
            let next = chars.get(j).copied();
            let last = chars[j - 1];
            let word_after = last != '\u{FFFD}' || next.is_some_and(|n| !n.is_whitespace());
            if opens_after(prev) && word_after {
                let mut bytes = Vec::new();
                let shown = (last != '\u{FFFD}')
                    .then_some(cp)
                    .flatten()
                    .filter(|cp| cp.encode_char(last, &mut bytes) && bytes.len() == 2)
                    .and_then(|_| match bytes[0] {
                        0x98 => Some('\u{2018}'),
                        0x9C => Some('\u{201C}'),
                        _ => None,
                    });
                stack.push(shown.unwrap_or('\u{201C}'));
            } else if last == '\u{FFFD}'
                && prev.is_some_and(|p| !p.is_whitespace())
                && next.is_none_or(|n| n.is_whitespace() || n.is_ascii_punctuation())
            {
                stack.pop();
            }
            i = j.max(i + 1);
            continue;
        }
        let next = chars.get(i + 1).copied();
        match c {
            '\u{201C}' | '\u{2018}' => stack.push(c),
            '\u{201D}' if stack.last() == Some(&'\u{201C}') => {
                stack.pop();
            }
            '\u{2019}'
                if stack.last() == Some(&'\u{2018}')
                    && !(prev.is_some_and(char::is_alphabetic)
                        && next.is_some_and(char::is_alphabetic)) =>
            {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack.last().copied()
}

/// Lost bytes a run may hold at most.
const MAX_LOST: usize = 4;
/// Candidates kept at most while searching.
const MAX_CANDIDATES: usize = 4096;

/// The plausible reconstructions of `g` under `cp`, best first: one when it
/// is clearly the best, several when they compete (at most five), none
/// when nothing fits.
///
/// Each U+FFFD stands for one byte the code page refused where it stood.
/// The lost bytes are searched depth first, constrained by UTF-8's
/// structure (a prefix that is no longer valid UTF-8 is cut), and every
/// candidate is verified forward: decoded the lossy way again, its bytes
/// must give exactly the observed text. Candidates are ranked by the
/// badness of the word they make with their neighbours, and by letters the
/// rest of the page does not use.
fn reconstruct(
    cp: CodePage,
    g: &str,
    left: &str,
    right: &str,
    familiar: &HashSet<char>,
    around: &Around<'_>,
) -> Vec<String> {
    let mut bytes = Vec::new();
    let mut holes = Vec::new();
    for c in g.chars() {
        if c == '\u{FFFD}' {
            holes.push(bytes.len());
            bytes.push(0x80);
        } else if !cp.encode_char(c, &mut bytes) {
            return Vec::new();
        }
    }
    if holes.is_empty() || holes.len() > MAX_LOST {
        return Vec::new();
    }
    // The ASCII character after the run decides whether a last lost byte
    // was refused (a lead byte the code page would have paired with it):
    // the search sees it, the candidates do not hold it.
    let next = right.chars().next().or(around.after).filter(char::is_ascii);
    let mut seen = g.to_string();
    if let Some(n) = next {
        bytes.push(n as u8);
        seen.push(n);
    }
    let mut found: Vec<Vec<u8>> = Vec::new();
    let mut budget = SEARCH_BUDGET;
    search(cp, &seen, &mut bytes, &holes, 0, &mut found, &mut budget);
    let mut cands: Vec<(i32, String)> = Vec::new();
    for mut b in found {
        if next.is_some() {
            b.pop();
        }
        let Ok(s) = std::str::from_utf8(&b) else {
            continue;
        };
        let word = format!("{left}{s}{right}");
        // No controls, odd spaces, format characters or lone joiners and
        // selectors: nobody lost those.
        let odd = |c: char| {
            use super::classify::{Class, class_of};
            c.is_control()
                || matches!(class_of(c), Class::Bad)
                || (!c.is_ascii() && c.is_whitespace() && c != '\u{A0}')
                || matches!(c as u32, 0x200B..=0x200F | 0x2028..=0x202F | 0x2060..=0x206F | 0xFE00..=0xFE0F)
        };
        if !one_script(scripts(&word)) || s.chars().any(odd) {
            continue;
        }
        let strange = s
            .chars()
            .filter(|c| !c.is_ascii() && c.is_alphabetic() && !familiar.contains(c))
            .count();
        cands.push((
            badness(&word) + 3 * strange as i32 - punctuation_fit(s, around),
            s.to_owned(),
        ));
    }
    cands.sort();
    cands.dedup_by(|a, b| a.1 == b.1);
    match cands.as_slice() {
        [] => Vec::new(),
        [(_, s)] => vec![s.clone()],
        [(b0, s), (b1, _), ..] if b1 - b0 >= 3 => vec![s.clone()],
        [(b0, _), ..] => cands
            .iter()
            .take_while(|(b, _)| b - b0 < 3)
            .take(5)
            .map(|(_, s)| s.clone())
            .collect(),
    }
}

/// Byte choices tried at most for one run.
const SEARCH_BUDGET: u32 = 200_000;

/// Was the byte at `h` refused by the code page where it stood?
fn refused(cp: CodePage, bytes: &[u8], h: usize) -> bool {
    matches!(cp.step(&bytes[h..]), Step::Invalid(_))
}

/// Depth-first choice of the lost bytes from hole `k` on.
fn search(
    cp: CodePage,
    g: &str,
    bytes: &mut Vec<u8>,
    holes: &[usize],
    k: usize,
    found: &mut Vec<Vec<u8>>,
    budget: &mut u32,
) {
    if found.len() >= MAX_CANDIDATES || *budget == 0 {
        return;
    }
    if k == holes.len() {
        if std::str::from_utf8(bytes).is_ok() && cp.decode_lossy(bytes) == g {
            found.push(bytes.clone());
        }
        return;
    }
    let h = holes[k];
    let upto = holes.get(k + 1).copied().unwrap_or(bytes.len());
    let next_is_hole = holes.get(k + 1) == Some(&(h + 1));
    for b in 0x80..=0xFFu8 {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        bytes[h] = b;
        // The code page must have refused this byte where it stood (checked
        // once the byte after it is known).
        if !next_is_hole && !refused(cp, bytes, h) {
            continue;
        }
        if k > 0 && holes[k - 1] + 1 == h && !refused(cp, bytes, holes[k - 1]) {
            continue;
        }
        // The bytes up to the next hole must be UTF-8 (possibly cut short).
        match std::str::from_utf8(&bytes[..upto]) {
            Ok(_) => {}
            Err(e) if e.error_len().is_none() && k + 1 < holes.len() => {}
            Err(_) => continue,
        }
        search(cp, g, bytes, holes, k + 1, found, budget);
    }
}

/// The code pages a lossy trace is read through when the page shows no
/// other evidence (`rules/data/mojibake/lossy-code-pages.txt`, in order).
fn fallback_code_pages() -> &'static [CodePage] {
    static PAGES: std::sync::OnceLock<Vec<CodePage>> = std::sync::OnceLock::new();
    PAGES.get_or_init(|| {
        crate::text::data::entries(crate::text::data::LOSSY_CODE_PAGES)
            .filter_map(|name| {
                CodePage::ALL
                    .into_iter()
                    .find(|cp| cp.python_codec() == name)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_fallback_code_page_is_known() {
        let names = crate::text::data::entries(crate::text::data::LOSSY_CODE_PAGES).count();
        assert!(names > 0);
        assert_eq!(fallback_code_pages().len(), names);
    }
    use super::*;

    #[test]
    fn candidates_reproduce_the_observed_text() {
        // "¿Q", "’s", "—" and an emoji, lost through Johab: whatever is
        // offered decodes, the lossy way, back to exactly what was seen.
        for text in ["¿Qué", "Scientist’s toolkit", "útil — dijo", "hola 🤗 ya"] {
            let seen = CodePage::Johab.decode_lossy(text.as_bytes());
            for run in super::super::candidates::runs(&seen, 0..seen.len()) {
                let g = &seen[run.clone()];
                if !g.contains('\u{FFFD}') {
                    continue;
                }
                let cands = reconstruct(
                    CodePage::Johab,
                    g,
                    "",
                    "",
                    &HashSet::new(),
                    &Around::default(),
                );
                for c in &cands {
                    assert_eq!(CodePage::Johab.decode_lossy(c.as_bytes()), g, "{text}: {c}");
                }
            }
        }
    }

    #[test]
    fn the_lost_lead_of_an_inverted_question_mark() {
        let seen = CodePage::Johab.decode_lossy("¿Qué".as_bytes());
        let run = &seen[..seen.find('u').unwrap()];
        let familiar: HashSet<char> = "é".chars().collect();
        assert_eq!(
            reconstruct(CodePage::Johab, run, "", "u", &familiar, &Around::default()),
            vec!["¿Q".to_string()]
        );
    }

    /// The lost runs of `text` read through Johab the lossy way, each with
    /// its candidates under its place on the line.
    fn lost(text: &str) -> Vec<Vec<String>> {
        let seen = CodePage::Johab.decode_lossy(text.as_bytes());
        let mut out = Vec::new();
        for run in super::super::candidates::runs(&seen, 0..seen.len()) {
            if !seen[run.clone()].contains('\u{FFFD}') {
                continue;
            }
            let around = Around::of(&seen, &run, CodePage::Johab);
            out.push(reconstruct(
                CodePage::Johab,
                &seen[run],
                "",
                "",
                &HashSet::new(),
                &around,
            ));
        }
        out
    }

    #[test]
    fn the_place_of_a_lost_quote_or_dash_decides_it() {
        // An apostrophe between letters, a closer after an opener on the
        // line (itself lost), an en dash between digits.
        assert_eq!(lost("Scientist’s toolkit")[0], vec!["’s"]);
        let quoted = lost("Patrón “y el resto” | x");
        assert_eq!(quoted.last().unwrap(), &vec!["”"]);
        assert_eq!(lost("de 2019–2020 en")[0], vec!["–"]);
        // A single opener that survived asks for a single closer.
        assert_eq!(
            lost("Latin ‘protection, garrison’) h").last().unwrap(),
            &vec!["’"]
        );
        // After a word with no quote open: a possessive; a quote opened on
        // an earlier line of the paragraph is closed.
        assert_eq!(lost("the students’ questions")[0], vec!["’"]);
        assert_eq!(lost("said “Hello\nworld” and")[1], vec!["”"]);
        assert_eq!(lost("a programmer—Welcome!")[0], vec!["—"]);
    }

    #[test]
    fn a_place_that_does_not_speak_decides_nothing() {
        // A dash between spaces (– or —) stays open.
        assert!(lost("tutorial — A quick")[0].len() > 1);
    }
}
