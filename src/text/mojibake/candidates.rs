//! Candidate repairs of one run of non-ASCII characters under one code page.
//!
//! Mojibake never touches ASCII (every code page here is ASCII-compatible),
//! and every byte of a multi-byte UTF-8 character is ≥ 0x80, so the garbled
//! form of a UTF-8 character is always inside a maximal run of non-ASCII
//! characters (a multi-byte code page may also swallow the ASCII byte after
//! it, which then is inside a non-ASCII character too). A run is re-encoded
//! character by character and cut into the longest stretches whose bytes
//! are complete, valid UTF-8: those are the segments to repair.

use super::classify::{self, badness, one_script, scripts};
use crate::text::codepages::CodePage;
use std::ops::Range;

/// Most layers of encoding undone for one segment (windows-1252 twice is 2).
const MAX_LAYERS: usize = 3;

/// A repaired piece of a run.
#[derive(Clone, Debug)]
pub(crate) struct Segment {
    /// Byte range in the document.
    pub range: Range<usize>,
    /// Every layer, outermost first.
    pub chain: Vec<CodePage>,
    pub replacement: String,
}

/// What one code page makes of one run.
#[derive(Clone, Debug)]
pub(crate) struct RunReading {
    pub segments: Vec<Segment>,
    /// Stretches of characters this code page could have produced from
    /// UTF-8 (they encode to two bytes or more) but that are no valid UTF-8.
    pub unexplained: u32,
    /// Badness of the run (with its ASCII neighbours) as written, and with
    /// the segments repaired.
    pub bad_before: i32,
    pub bad_after: i32,
    /// The repaired run breaks no hard rule (no control characters, letters
    /// of one script within the word, no new script without strong shape).
    pub clean: bool,
}

impl RunReading {
    /// The run is fully and plausibly explained by this code page.
    pub fn explained(&self) -> bool {
        !self.segments.is_empty() && self.unexplained == 0 && self.clean && self.gain() > 0
    }
    pub fn gain(&self) -> i32 {
        self.bad_before - self.bad_after
    }
}

/// Gain in badness from which one run alone is strong evidence.
pub(crate) const STRONG_GAIN: i32 = 6;

/// Maximal runs of non-ASCII characters inside `span`.
pub(crate) fn runs(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = span.start;
    while i < span.end {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let start = i;
        while i < span.end && bytes[i] >= 0x80 {
            i += 1;
        }
        out.push(start..i);
    }
    out
}

/// ASCII neighbours of a run: back and forth to whitespace, up to 24 bytes.
fn context(text: &str, span: &Range<usize>, run: &Range<usize>) -> (Range<usize>, Range<usize>) {
    let b = text.as_bytes();
    let mut l = run.start;
    while l > span.start && run.start - l < 24 && b[l - 1] < 0x80 && !b[l - 1].is_ascii_whitespace()
    {
        l -= 1;
    }
    let mut r = run.end;
    while r < span.end && r - run.end < 24 && b[r] < 0x80 && !b[r].is_ascii_whitespace() {
        r += 1;
    }
    (l..run.start, run.end..r)
}

/// Re-encodes `s` and decodes it as UTF-8: one layer of repair.
pub(crate) fn undo(cp: CodePage, s: &str, buf: &mut Vec<u8>) -> Option<String> {
    buf.clear();
    cp.encode(s, buf).ok()?;
    let r = std::str::from_utf8(buf).ok()?;
    (r != s).then(|| r.to_owned())
}

/// Further layers under `first` (text encoded twice or more): the chain
/// whose result is least bad.
fn deepen(first: CodePage, r1: String, left: &str, right: &str) -> (Vec<CodePage>, String) {
    let mut best = (vec![first], r1);
    let mut best_bad = badness(&format!("{left}{}{right}", best.1));
    let mut buf = Vec::new();
    while best.0.len() < MAX_LAYERS && best_bad > 0 {
        let mut improved = None;
        for cp in CodePage::ALL {
            if let Some(r) = undo(cp, &best.1, &mut buf) {
                let b = badness(&format!("{left}{r}{right}"));
                if b < best_bad && improved.as_ref().is_none_or(|(_, _, ib)| b < *ib) {
                    improved = Some((cp, r, b));
                }
            }
        }
        match improved {
            Some((cp, r, b)) => {
                best.0.push(cp);
                best.1 = r;
                best_bad = b;
            }
            None => break,
        }
    }
    best
}

/// Reads one run through one code page.
pub(crate) fn read_run(
    text: &str,
    span: &Range<usize>,
    run: &Range<usize>,
    cp: CodePage,
) -> Option<RunReading> {
    let g = &text[run.clone()];
    // Encode character by character; stop early if nothing is encodable.
    let mut bytes: Vec<u8> = Vec::with_capacity(g.len());
    let mut ends: Vec<(usize, usize, bool)> = Vec::new(); // (char end offset in g, byte end, encodable)
    let mut any = false;
    for (i, c) in g.char_indices() {
        let ok = cp.encode_char(c, &mut bytes);
        any |= ok;
        ends.push((i + c.len_utf8(), bytes.len(), ok));
    }
    if !any {
        return None;
    }
    let mut segments = Vec::new();
    let mut unexplained = 0;
    let mut i = 0; // index into ends
    let mut stretch_bytes = 0; // bytes of not-yet-explained encodable chars
    let char_start = |k: usize| {
        if k == 0 {
            (0, 0)
        } else {
            (ends[k - 1].0, ends[k - 1].1)
        }
    };
    while i < ends.len() {
        if !ends[i].2 {
            if stretch_bytes >= 2 {
                unexplained += 1;
            }
            stretch_bytes = 0;
            i += 1;
            continue;
        }
        let (g0, b0) = char_start(i);
        let mut best = None;
        let mut j = i;
        while j < ends.len() && ends[j].2 {
            match std::str::from_utf8(&bytes[b0..ends[j].1]) {
                Ok(_) => best = Some(j),
                Err(e) if e.error_len().is_none() => {}
                Err(_) => break,
            }
            j += 1;
        }
        match best {
            Some(j) if bytes[b0..ends[j].1].iter().any(|&x| x >= 0x80) => {
                if stretch_bytes >= 2 {
                    unexplained += 1;
                }
                stretch_bytes = 0;
                let r = std::str::from_utf8(&bytes[b0..ends[j].1])
                    .unwrap()
                    .to_owned();
                let range = run.start + g0..run.start + ends[j].0;
                segments.push(Segment {
                    range,
                    chain: vec![cp],
                    replacement: r,
                });
                i = j + 1;
            }
            _ => {
                stretch_bytes += ends[i].1 - b0;
                i += 1;
            }
        }
    }
    if stretch_bytes >= 2 {
        unexplained += 1;
    }
    if segments.is_empty() && unexplained == 0 {
        return None;
    }
    if unexplained > 0 {
        // Not explained whatever the badness: a failure for this code page.
        return Some(RunReading {
            segments,
            unexplained,
            bad_before: 0,
            bad_after: 0,
            clean: false,
        });
    }
    let (lc, rc) = context(text, span, run);
    let (left, right) = (&text[lc], &text[rc]);
    // Further layers, per segment, judged with the run's neighbours.
    for seg in &mut segments {
        // Only text that is still two non-ASCII characters in a row can hide
        // another layer.
        let b = seg.replacement.as_bytes();
        if b.windows(2).any(|w| w[0] >= 0x80 && w[1] >= 0xC0) {
            let (chain, r) = deepen(cp, std::mem::take(&mut seg.replacement), left, right);
            seg.chain = chain;
            seg.replacement = r;
        }
    }
    let mut after = String::with_capacity(left.len() + g.len() + right.len());
    after.push_str(left);
    let mut pos = run.start;
    for seg in &segments {
        after.push_str(&text[pos..seg.range.start]);
        after.push_str(&seg.replacement);
        pos = seg.range.end;
    }
    after.push_str(&text[pos..run.end]);
    after.push_str(right);
    let before = format!("{left}{g}{right}");
    let (bad_before, bad_after) = (badness(&before), badness(&after));
    let clean = is_clean(&before, &after, bad_before - bad_after, &segments);
    Some(RunReading {
        segments,
        unexplained,
        bad_before,
        bad_after,
        clean,
    })
}

/// Hard rules for a repaired word: no control, private-use or replacement
/// characters; letters of one script; a script other than Latin only where
/// the garbled form is strongly implausible (e.g. Cyrillic read as cp1252).
fn is_clean(before: &str, after: &str, gain: i32, segments: &[Segment]) -> bool {
    for seg in segments {
        if seg.replacement.chars().any(|c| {
            classify::class_of(c) == classify::Class::Bad && !matches!(c, '\t' | '\n' | '\r')
        }) {
            return false;
        }
        if seg.replacement.contains(['\n', '\r']) {
            return false;
        }
    }
    let set = scripts(after);
    if !one_script(set) {
        return false;
    }
    // A new script other than Latin only from Latin-looking mojibake
    // (Cyrillic, Greek, CJK, … read as windows-1252): never from symbols
    // or from another script.
    let new = set & !scripts(before) & !classify::LATIN;
    if new != 0 && (gain < 2 * STRONG_GAIN || scripts(before) != classify::LATIN) {
        return false;
    }
    // A repaired word in a non-Latin script must not sit next to Latin letters.
    if set & !classify::LATIN != 0 && set & classify::LATIN != 0 {
        return false;
    }
    true
}
