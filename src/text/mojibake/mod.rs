//! Mojibake: UTF-8 text that was decoded through a legacy code page
//! (SPEC ENC001) and traces of a lossy decode (ENC004). Pure functions over
//! a document's text. (Files that are not UTF-8, ENC002, are decoded by
//! `text::decode`.)
//!
//! # How detection works
//!
//! 1. **Fast path.** A document whose spans are ASCII, or whose non-ASCII
//!    characters are all isolated (no two in a row) and "quiet" (Latin,
//!    Greek, Cyrillic, general punctuation, symbols), cannot hold mojibake:
//!    through a single-byte code page every UTF-8 character becomes two or
//!    more non-ASCII characters in a row, and through a multi-byte one it
//!    becomes CJK, Hangul or kana. That check is one pass over the bytes,
//!    without allocation.
//! 2. **Runs.** Every maximal run of non-ASCII characters in a span is read
//!    through every code page: re-encoded (strictly, see
//!    [`crate::text::codepages`]) and cut into the longest pieces whose bytes
//!    are valid UTF-8 (`candidates.rs`); a piece may be undone again (text
//!    encoded twice or three times). The repaired run, with its ASCII
//!    neighbours, must obey hard rules (no control or private-use
//!    characters, letters of one script, no new script beside Latin
//!    letters) and be less "bad" than the run as written (`classify.rs`:
//!    Hangul or Han glued inside a Latin word, "Ã" before a symbol, rare
//!    letters, …).
//! 3. **Document, block, span.** For each code page the document and each
//!    block count the runs it explains, the runs it explains strongly (a
//!    large gain), and the runs it could have produced but cannot explain
//!    (real Korean read back through Johab is mostly not valid UTF-8). A code
//!    page is used in a block only where the block does not contradict it
//!    and the document (or, failing that, the block) gives strong evidence;
//!    weak runs (a lone "游뱅") are repaired only on that evidence. The code
//!    page with the best document score wins a run; the repair is
//!    [`Confidence::Ambiguous`] when a competitor with a different result
//!    scores at least half as well, or when the run itself is weak and the
//!    support thin.
//! 4. **Lossy traces.** Runs holding U+FFFD are reported as [`LossyTrace`]s;
//!    where exactly one choice of the lost bytes gives valid, plausible
//!    UTF-8 under the document's code page, that text is the candidate.

mod candidates;
mod classify;
mod lossy;
mod page;
#[cfg(test)]
mod tests;

use crate::text::codepages::CodePage;
use candidates::{RunReading, STRONG_GAIN};
use std::collections::HashMap;
use std::ops::Range;

/// What kind of text a span holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpanKind {
    /// Prose: paragraphs, headings, link text, image alt text, table cells,
    /// front-matter values.
    Prose,
    /// Code spans and code blocks: findings are reported, never fixed.
    Code,
}

/// A piece of the document to check. Spans are sorted, do not overlap, and
/// are byte ranges of the text on character boundaries. URLs are never spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub kind: SpanKind,
    /// The paragraph, heading, cell or front-matter value the span belongs to.
    pub block: u32,
}

/// What a repair's evidence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// The whole raw page re-encodes through the code page into plausible
    /// UTF-8: one decision for every byte, code and URLs included.
    Page,
    /// The same for one top-level block (a paragraph, a list, a table, the
    /// front matter, a code block on its own evidence).
    Block,
    /// One run of characters, with the support of the rest of the page.
    Run,
}

/// A top-level block of the page, for the block hypothesis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Whole lines.
    pub range: Range<usize>,
    /// A code block: it needs its own, stronger evidence.
    pub code: bool,
}

/// How sure a repair is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// Several code pages compete, or the evidence is weak: an unsafe fix.
    Ambiguous,
    /// The round trip is exact and the evidence strong: a safe fix.
    Strong,
}

/// One garbled piece of text and its repair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// Byte range of the garbled text (minimal: the garbled characters only).
    pub range: Range<usize>,
    /// The text it should be.
    pub replacement: String,
    /// The code pages it went through, outermost first (two entries for
    /// text encoded twice).
    pub chain: Vec<CodePage>,
    pub confidence: Confidence,
    /// Inside code: report only.
    pub in_code: bool,
    /// Block of the span the repair is in.
    pub block: u32,
    /// Page, block or run evidence.
    pub scope: Scope,
}

impl Repair {
    /// The message of SPEC ENC001, e.g.
    /// `UTF-8 text read as Johab (cp1361): “Introducci칩n” should be “Introducción”`
    /// (`word` and `fixed` are the garbled and repaired words, which the
    /// caller may widen beyond `range` for readability).
    pub fn message(&self, word: &str, fixed: &str) -> String {
        let names: Vec<&str> = self.chain.iter().map(|cp| cp.name()).collect();
        let how = if names.len() == 1 {
            format!("read as {}", names[0])
        } else {
            format!("read {} times, as {}", names.len(), names.join(", then "))
        };
        format!("UTF-8 text {how}: “{word}” should be “{fixed}”")
    }
}

/// A trace of a lossy decode: U+FFFD, with the characters around it that the
/// same decode garbled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LossyTrace {
    pub range: Range<usize>,
    /// The reconstructed text, where exactly one choice of the lost bytes
    /// gives valid UTF-8 and plausible words (an unsafe fix).
    pub candidate: Option<String>,
    /// The code page of the lossy decode, where known.
    pub codepage: Option<CodePage>,
    pub in_code: bool,
    /// The rest of the page (or block) is repaired by the same code page
    /// and exactly one candidate is plausible: a safe fix.
    pub safe: bool,
    /// The other reconstructions that were plausible, for the help.
    pub others: Vec<String>,
}

/// Everything found in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    /// Sorted by range, not overlapping.
    pub repairs: Vec<Repair>,
    pub lossy: Vec<LossyTrace>,
}

impl Scan {
    pub fn is_empty(&self) -> bool {
        self.repairs.is_empty() && self.lossy.is_empty()
    }

    /// `text` with the repairs applied; with `all`, Ambiguous ones and those
    /// in code too, otherwise only Strong repairs outside code (safe fixes).
    pub fn apply(&self, text: &str, all: bool) -> String {
        let mut out = String::with_capacity(text.len());
        let mut pos = 0;
        for r in &self.repairs {
            if !all && (r.in_code || r.confidence != Confidence::Strong) {
                continue;
            }
            out.push_str(&text[pos..r.range.start]);
            out.push_str(&r.replacement);
            pos = r.range.end;
        }
        out.push_str(&text[pos..]);
        out
    }
}

/// True when a UTF-8 lead byte starts a character that is "quiet" alone:
/// U+0080..U+05FF (Latin, Greek, Cyrillic, Armenian, Hebrew) and
/// U+2000..U+2FFF (punctuation, symbols), and emoji (U+1Fxxx).
#[inline]
fn quiet_lead(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0xC2..=0xD7 | 0xE2 => true,
        0xF0 => bytes.get(i + 1) == Some(&0x9F),
        _ => false,
    }
}

/// The fast path: could `text[range]` hold mojibake or a lossy trace?
/// One pass, no allocation.
fn suspicious(bytes: &[u8], range: Range<usize>) -> bool {
    let s = &bytes[range];
    if s.is_ascii() {
        return false;
    }
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b < 0xC0 {
            i += 1;
            continue;
        }
        if i > 0 && s[i - 1] >= 0x80 {
            return true; // two non-ASCII characters in a row
        }
        if !quiet_lead(s, i) {
            return true; // CJK, Hangul, kana, U+FFFD, …
        }
        // "Ã", "Å", "Â"… (U+00C2–U+00DF, a UTF-8 lead byte in windows-1252
        // and Latin-1) before a space: the no-break space of "à", "Š", "Â "
        // that became a plain space ("voilÃ le").
        if b == 0xC3 && matches!(s.get(i + 1), Some(0x82..=0x9F)) && s.get(i + 2) == Some(&b' ') {
            return true;
        }
        i += 1;
    }
    false
}

#[derive(Clone, Copy, Debug, Default)]
struct Stats {
    ok: u32,
    strong: u32,
    fail: u32,
    /// Sum of the gains of the runs explained.
    gain: i64,
}

impl Stats {
    fn good(&self) -> bool {
        self.ok >= 2 * self.fail
    }
    fn score(&self) -> i64 {
        self.gain - STRONG_GAIN as i64 * self.fail as i64
    }
    fn add(&mut self, r: &RunReading) {
        if r.explained() {
            self.ok += 1;
            self.gain += r.gain() as i64;
            if r.gain() >= STRONG_GAIN {
                self.strong += 1;
            }
        } else {
            self.fail += 1;
        }
    }
}

/// How a code page ranks for one run (higher is better).
type Rank = (i64, i64, i32, i64);

struct RunInfo {
    span: usize,
    readings: Vec<(CodePage, RunReading)>,
}

/// The span (index) holding `offset`, if any.
fn span_at(spans: &[Span], offset: usize) -> Option<usize> {
    let i = spans.partition_point(|s| s.range.end <= offset);
    spans
        .get(i)
        .filter(|s| s.range.start <= offset && offset < s.range.end)
        .map(|_| i)
}

/// Repairs of a hypothesis over `text[base..]`.
fn hypothesis_repairs(
    text: &str,
    base: usize,
    h: &page::Hypothesis,
    scope: Scope,
    spans: &[Span],
    out: &mut Scan,
) {
    for seg in &h.segments {
        let range = base + seg.range.start..base + seg.range.end;
        let block = span_at(spans, range.start).map_or(u32::MAX, |i| spans[i].block);
        out.repairs.push(Repair {
            range,
            replacement: seg.replacement.clone(),
            chain: seg.chain.clone(),
            confidence: Confidence::Strong,
            in_code: false,
            block,
            scope,
        });
    }
    for hole in &h.holes {
        let range = base + hole.start..base + hole.end;
        let in_code = span_at(spans, range.start).is_some_and(|i| spans[i].kind == SpanKind::Code);
        out.lossy.push(lossy::trace_under(
            text,
            range,
            &h.chain,
            in_code,
            &h.segments,
            base,
        ));
    }
}

/// Blank-line separated parts of a block (whole lines).
fn parts(text: &str, range: &Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut pos = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(pos),
            (true, Some(s)) => {
                out.push(s..pos);
                start = None;
            }
            _ => {}
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(s..range.end);
    }
    out
}

/// The hypothesis test on one block; its repairs go to `out`.
fn block_hypothesis(
    text: &str,
    range: &Range<usize>,
    code: bool,
    spans: &[Span],
    out: &mut Scan,
) -> bool {
    let need = if code {
        page::Need::CODE
    } else {
        page::Need::BLOCK
    };
    let Some(h) = page::hypothesis(&text[range.clone()], need) else {
        return false;
    };
    // A block whose repairs are all inside code (a paragraph that is only a
    // code span) needs the evidence of a code block.
    let base = range.start;
    let in_code = |r: &Range<usize>| {
        span_at(spans, base + r.start).is_some_and(|i| spans[i].kind == SpanKind::Code)
    };
    if !code
        && h.segments.iter().all(|s| in_code(&s.range))
        && page::hypothesis(&text[range.clone()], page::Need::CODE).is_none()
    {
        return false;
    }
    hypothesis_repairs(text, base, &h, Scope::Block, spans, out);
    true
}

/// Finds mojibake and lossy traces in one document: first one hypothesis
/// for the whole raw text, then one per top-level block (`blocks`, sorted),
/// then runs of the spans left, one by one.
pub fn scan(text: &str, spans: &[Span], blocks: &[Block]) -> Scan {
    let bytes = text.as_bytes();
    if !suspicious(bytes, 0..text.len()) {
        return Scan::default();
    }
    if let Some(h) = page::hypothesis(text, page::Need::PAGE) {
        let mut out = Scan::default();
        hypothesis_repairs(text, 0, &h, Scope::Page, spans, &mut out);
        out.repairs.sort_by_key(|r| r.range.start);
        out.lossy.sort_by_key(|t| t.range.start);
        return out;
    }
    let mut found = Scan::default();
    let mut covered: Vec<Range<usize>> = Vec::new();
    for b in blocks {
        if b.range.end > text.len()
            || !text.is_char_boundary(b.range.start)
            || !text.is_char_boundary(b.range.end)
        {
            continue;
        }
        if block_hypothesis(text, &b.range, b.code, spans, &mut found) {
            covered.push(b.range.clone());
            continue;
        }
        // A block that fails as a whole (a loose list with one garbled
        // item, an HTML block around paragraphs): its blank-line separated
        // parts, each on its own evidence.
        if b.code {
            continue;
        }
        for part in parts(text, &b.range) {
            if part != b.range && block_hypothesis(text, &part, false, spans, &mut found) {
                covered.push(part);
            }
        }
    }
    let inside = |r: &Range<usize>| covered.iter().any(|c| c.start <= r.start && r.end <= c.end);
    let rest: Vec<Span> = spans
        .iter()
        .filter(|s| !inside(&s.range))
        .cloned()
        .collect();
    let mut out = scan_runs(text, &rest);
    out.repairs.append(&mut found.repairs);
    out.lossy.append(&mut found.lossy);
    out.repairs.sort_by_key(|r| r.range.start);
    out.lossy.sort_by_key(|t| t.range.start);
    out
}

/// Runs of the spans, one by one, with the support of the document.
fn scan_runs(text: &str, spans: &[Span]) -> Scan {
    let bytes = text.as_bytes();
    if !spans.iter().any(|s| suspicious(bytes, s.range.clone())) {
        return Scan::default();
    }
    // Read every run through every code page.
    let mut runs: Vec<RunInfo> = Vec::new();
    let mut lossy_runs: Vec<(usize, Range<usize>)> = Vec::new();
    for (si, span) in spans.iter().enumerate() {
        if !suspicious(bytes, span.range.clone()) {
            continue;
        }
        for run in candidates::runs(text, span.range.clone()) {
            let g = &text[run.clone()];
            if g.contains('\u{FFFD}') {
                lossy_runs.push((si, run));
                continue;
            }
            let single_quiet = g.chars().nth(1).is_none() && quiet_lead(bytes, run.start);
            if single_quiet {
                continue;
            }
            let readings: Vec<(CodePage, RunReading)> = CodePage::ALL
                .into_iter()
                .filter_map(|cp| candidates::read_run(text, &span.range, &run, cp).map(|r| (cp, r)))
                .collect();
            if !readings.is_empty() {
                runs.push(RunInfo { span: si, readings });
            }
        }
    }
    // Evidence per code page, for the document and for each block.
    let mut doc: HashMap<CodePage, Stats> = HashMap::new();
    let mut blk: HashMap<(u32, CodePage), Stats> = HashMap::new();
    for run in &runs {
        let b = spans[run.span].block;
        for (cp, r) in &run.readings {
            doc.entry(*cp).or_default().add(r);
            blk.entry((b, *cp)).or_default().add(r);
        }
    }
    let zero = Stats::default();
    let mut repairs = Vec::new();
    for run in &runs {
        let span = &spans[run.span];
        let b = span.block;
        let mut best: Option<(&CodePage, &RunReading, Rank)> = None;
        for (cp, r) in &run.readings {
            if !r.explained() {
                continue;
            }
            let d = doc.get(cp).unwrap_or(&zero);
            let k = blk.get(&(b, *cp)).unwrap_or(&zero);
            if !k.good() {
                continue;
            }
            let doc_support = d.good() && d.strong >= 1;
            let blk_support = k.strong >= 1 && (d.good() || (k.strong >= 2 && k.fail == 0));
            if !(doc_support || blk_support) {
                continue;
            }
            let strong_run = r.gain() >= STRONG_GAIN;
            let weak_ok = (d.good() && d.strong >= 2) || (k.strong >= 1 && k.ok >= 2);
            if !strong_run && !weak_ok {
                continue;
            }
            let pref = -(CodePage::ALL.iter().position(|c| c == cp).unwrap_or(99) as i64);
            let key = (d.score(), k.score(), r.gain(), pref);
            if best.as_ref().is_none_or(|(_, _, bk)| key > *bk) {
                best = Some((cp, r, key));
            }
        }
        let Some((cp, reading, key)) = best else {
            continue;
        };
        // Competitors: other code pages that explain the run differently.
        let result = |r: &RunReading| -> Vec<(Range<usize>, String)> {
            r.segments
                .iter()
                .map(|s| (s.range.clone(), s.replacement.clone()))
                .collect()
        };
        let mine = result(reading);
        let contested = run.readings.iter().any(|(c2, r2)| {
            c2 != cp
                && r2.explained()
                && result(r2) != mine
                && r2.bad_after <= reading.bad_after
                && {
                    let s2 = doc.get(c2).unwrap_or(&zero).score();
                    s2 > 0 && 2 * s2 >= key.0
                }
        });
        let d = doc.get(cp).unwrap_or(&zero);
        let well_supported = reading.gain() >= STRONG_GAIN || d.strong >= 2;
        let confidence = if !contested && well_supported {
            Confidence::Strong
        } else {
            Confidence::Ambiguous
        };
        for seg in &reading.segments {
            repairs.push(Repair {
                range: seg.range.clone(),
                replacement: seg.replacement.clone(),
                chain: seg.chain.clone(),
                confidence,
                in_code: span.kind == SpanKind::Code,
                block: b,
                scope: Scope::Run,
            });
        }
    }
    repairs.sort_by_key(|r| r.range.start);
    // The code pages the document is known to be garbled with, best first.
    let mut known: Vec<(CodePage, i64)> = doc
        .iter()
        .filter(|(_, s)| s.good() && s.strong >= 1)
        .map(|(cp, s)| (*cp, s.score()))
        .collect();
    known.sort_by_key(|(cp, s)| (-s, CodePage::ALL.iter().position(|c| c == cp)));
    let known: Vec<CodePage> = known.into_iter().map(|(cp, _)| cp).collect();
    let lossy = if lossy_runs.is_empty() {
        Vec::new()
    } else {
        // Letters the document uses (as repaired): a reconstruction that
        // needs a letter seen nowhere else is less plausible.
        let mut familiar: std::collections::HashSet<char> = std::collections::HashSet::new();
        for r in &repairs {
            familiar.extend(r.replacement.chars().filter(|c| !c.is_ascii()));
        }
        for span in spans {
            familiar.extend(
                text[span.range.clone()]
                    .chars()
                    .filter(|c| !c.is_ascii() && c.is_alphabetic()),
            );
        }
        let mut traces: Vec<LossyTrace> = lossy_runs
            .iter()
            .map(|(si, run)| lossy::trace(text, &spans[*si], run.clone(), &known, &familiar))
            .collect();
        if repairs.is_empty()
            && let Some(cp) = lossy_page(text, &traces)
        {
            // Runs of U+FFFD alone had no code page to be read under; now
            // the page has one.
            for (t, (si, run)) in traces.iter_mut().zip(&lossy_runs) {
                if t.codepage.is_none() {
                    *t = lossy::trace(text, &spans[*si], run.clone(), &[cp], &familiar);
                }
                t.safe = t.candidate.is_some();
            }
        }
        traces
    };
    Scan { repairs, lossy }
}

/// A page garbled only the lossy way (every non-ASCII run holds U+FFFD,
/// so there is no strict run to test a page hypothesis on): when every
/// trace that could be read reconstructs under one code page and at least
/// two of them to exactly one reading, that code page is the page's, and
/// its unique readings are safe, as under a page hypothesis. Runs of
/// U+FFFD alone (no code page could be tried on them) do not vote. One
/// trace alone, or traces that need different code pages, decide nothing.
fn lossy_page(text: &str, traces: &[LossyTrace]) -> Option<CodePage> {
    let cp = traces.iter().find_map(|t| t.codepage)?;
    let explained = |t: &LossyTrace| {
        (t.codepage.is_none() && text[t.range.clone()].chars().all(|c| c == '\u{FFFD}'))
            || (t.codepage == Some(cp) && (t.candidate.is_some() || !t.others.is_empty()))
    };
    let unique = traces
        .iter()
        .filter(|t| t.codepage == Some(cp) && t.candidate.is_some())
        .count();
    (unique >= 2 && traces.iter().all(explained)).then_some(cp)
}

/// Prints every run's readings (for tuning; not part of the API).
#[allow(dead_code)]
#[doc(hidden)]
pub fn debug_readings(text: &str, spans: &[Span]) {
    for span in spans {
        for run in candidates::runs(text, span.range.clone()) {
            println!("run {:?} {:?}", run, &text[run.clone()]);
            for cp in CodePage::ALL {
                if let Some(r) = candidates::read_run(text, &span.range, &run, cp) {
                    let segs: Vec<String> = r
                        .segments
                        .iter()
                        .map(|s| format!("{:?}{:?}", s.replacement, s.chain))
                        .collect();
                    println!(
                        "   {:?}: explained={} gain={} before={} after={} clean={} unexpl={} {:?}",
                        cp,
                        r.explained(),
                        r.gain(),
                        r.bad_before,
                        r.bad_after,
                        r.clean,
                        r.unexplained,
                        segs
                    );
                }
            }
        }
    }
}
