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
use crate::text::codepages::CodePage;
use std::collections::HashSet;
use std::ops::Range;

/// At most this many lost bytes are guessed (128^2 choices).
const MAX_LOST: usize = 2;

pub(crate) fn trace(
    text: &str,
    span: &Span,
    run: Range<usize>,
    known: &[CodePage],
    familiar: &HashSet<char>,
) -> LossyTrace {
    let in_code = span.kind == SpanKind::Code;
    let g = &text[run.clone()];
    // Neighbours: ASCII up to whitespace, as context for plausibility.
    let b = text.as_bytes();
    let mut r = run.end;
    while r < span.range.end && r - run.end < 24 && b[r] < 0x80 && !b[r].is_ascii_whitespace() {
        r += 1;
    }
    let mut l = run.start;
    while l > span.range.start
        && run.start - l < 24
        && b[l - 1] < 0x80
        && !b[l - 1].is_ascii_whitespace()
    {
        l -= 1;
    }
    let (left, right) = (&text[l..run.start], &text[run.end..r]);
    let lost = g.chars().filter(|&c| c == '\u{FFFD}').count();
    let only_fffd = g.chars().all(|c| c == '\u{FFFD}');
    let mut found: Option<(CodePage, String)> = None;
    if lost <= MAX_LOST && !(only_fffd && known.is_empty()) {
        for &cp in known.iter().chain(if known.is_empty() {
            &[CodePage::Johab, CodePage::Cp949][..]
        } else {
            &[][..]
        }) {
            if let Some(c) = reconstruct(cp, g, left, right, familiar) {
                found = Some((cp, c));
                break;
            }
        }
    }
    match found {
        Some((cp, c)) => LossyTrace {
            range: run,
            candidate: Some(c),
            codepage: Some(cp),
            in_code,
        },
        None => LossyTrace {
            range: run,
            candidate: None,
            codepage: known.first().copied(),
            in_code,
        },
    }
}

/// The one plausible reconstruction of `g` under `cp`, if there is exactly one.
fn reconstruct(
    cp: CodePage,
    g: &str,
    left: &str,
    right: &str,
    familiar: &HashSet<char>,
) -> Option<String> {
    // Bytes with holes.
    let mut bytes = Vec::new();
    let mut holes = Vec::new();
    for c in g.chars() {
        if c == '\u{FFFD}' {
            holes.push(bytes.len());
            bytes.push(0);
        } else if !cp.encode_char(c, &mut bytes) {
            return None;
        }
    }
    let mut cands: Vec<(i32, String)> = Vec::new();
    let n = holes.len() as u32;
    for combo in 0..128u32.pow(n) {
        for (k, &h) in holes.iter().enumerate() {
            bytes[h] = 0x80 + ((combo >> (7 * k)) & 0x7F) as u8;
        }
        // The code page must have refused each chosen byte where it stood.
        if holes.iter().any(|&h| {
            !matches!(
                cp.step(&bytes[h..]),
                crate::text::codepages::Step::Invalid(_)
            )
        }) {
            continue;
        }
        let Ok(s) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let word = format!("{left}{s}{right}");
        if !one_script(scripts(&word)) || s.chars().any(|c| c.is_control()) {
            continue;
        }
        let strange = s
            .chars()
            .filter(|c| !c.is_ascii() && c.is_alphabetic() && !familiar.contains(c))
            .count();
        cands.push((badness(&word) + 3 * strange as i32, s.to_owned()));
    }
    cands.sort();
    match cands.as_slice() {
        [] => None,
        [(_, s)] => Some(s.clone()),
        [(b0, s), (b1, _), ..] if b1 - b0 >= 3 => Some(s.clone()),
        _ => None,
    }
}
