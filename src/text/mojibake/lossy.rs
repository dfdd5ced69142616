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
        for &cp in known.iter().chain(if known.is_empty() {
            &[CodePage::Johab, CodePage::Cp949][..]
        } else {
            &[][..]
        }) {
            let c = reconstruct(cp, g, left, right, familiar);
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
        [cp] => reconstruct(*cp, g, &text[l], &text[r], &familiar),
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
    let mut found: Vec<Vec<u8>> = Vec::new();
    let mut budget = SEARCH_BUDGET;
    search(cp, g, &mut bytes, &holes, 0, &mut found, &mut budget);
    let mut cands: Vec<(i32, String)> = Vec::new();
    for b in found {
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
        cands.push((badness(&word) + 3 * strange as i32, s.to_owned()));
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

#[cfg(test)]
mod tests {
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
                let cands = reconstruct(CodePage::Johab, g, "", "", &HashSet::new());
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
            reconstruct(CodePage::Johab, run, "", "u", &familiar),
            vec!["¿Q".to_string()]
        );
    }
}
