//! One decision per page (or per block): the whole raw text — front matter,
//! HTML, comments, code, URLs, every byte — is a hypothesis for each code
//! page. It holds when the text re-encodes strictly through the code page
//! (as browsers decode it, see [`CodePage::encode_char_web`]), the bytes
//! are valid UTF-8, and the result is clearly more plausible: every
//! repaired word passes the hard rules (no control, private-use or
//! replacement character, no letters of two scripts glued together, no new
//! script unless the garbled form was itself implausible) and the page as a
//! whole loses badness. Up to three layers are undone (text garbled twice).
//!
//! The strongest evidence there is: a clean page in any language almost
//! never re-encodes, whole, into valid UTF-8 through a legacy code page, and
//! when a short one does, the result reads worse.
//!
//! Runs of characters that hold U+FFFD (a lossy decode) are holes: they are
//! left out of the test and reconstructed afterwards, under the winning code
//! page, by [`super::lossy`].

use super::candidates::{STRONG_GAIN, Segment};
use super::classify::{self, Class, Script, badness, scripts};
use crate::text::codepages::CodePage;
use std::ops::Range;

const MAX_LAYERS: usize = 3;

/// A hypothesis that holds for a whole text.
#[derive(Clone, Debug)]
pub(crate) struct Hypothesis {
    /// Outermost first.
    pub chain: Vec<CodePage>,
    /// Garbled runs and their repairs (byte ranges of the text given).
    pub segments: Vec<Segment>,
    /// Runs holding U+FFFD, left out of the test.
    pub holes: Vec<Range<usize>>,
    /// Sum of the words' gains.
    pub gain: i64,
}

/// One layer undone over a whole text.
struct Layer {
    text: String,
    /// Each maximal non-ASCII run of the old text (holes excluded) and
    /// where it went: (old range, new range).
    runs: Vec<(Range<usize>, Range<usize>)>,
}

impl Layer {
    /// Where an offset of the old text next to ASCII (or at a run's edge)
    /// lands in the new text.
    fn map(&self, pos: usize) -> usize {
        let i = self.runs.partition_point(|(o, _)| o.end <= pos);
        if let Some((o, n)) = self.runs.get(i)
            && o.start == pos
        {
            return n.start;
        }
        match i.checked_sub(1).map(|k| &self.runs[k]) {
            Some((o, n)) => pos + n.end - o.end,
            None => pos,
        }
    }
}

/// Maximal runs of non-ASCII characters of `text`.
fn nonascii_runs(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i] >= 0x80 {
            i += 1;
        }
        out.push(s..i);
    }
    out
}

/// Undo one layer of `cp` over `text`, leaving the runs of `holes` (sorted)
/// as they are. None when a character cannot be encoded, the bytes are not
/// UTF-8, or nothing changes.
fn undo_layer(
    cp: CodePage,
    text: &str,
    holes: &[Range<usize>],
    buf: &mut Vec<u8>,
) -> Option<Layer> {
    let b = text.as_bytes();
    let mut runs = Vec::new();
    let mut out = String::new();
    let mut pos = 0;
    let mut h = 0;
    let mut changed = false;
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        let run = {
            let s = i;
            while i < b.len() && b[i] >= 0x80 {
                i += 1;
            }
            s..i
        };
        while h < holes.len() && holes[h].end <= run.start {
            h += 1;
        }
        let hole = holes.get(h).is_some_and(|x| x.start < run.end);
        // Encode before copying anything: most code pages fail on the
        // first run of a page they did not garble.
        buf.clear();
        if !hole {
            // Validate as we go: a page the code page did not garble stops
            // at its first byte that cannot be UTF-8, not at the end of a
            // long run of CJK.
            let mut valid = 0;
            for c in text[run.clone()].chars() {
                if !cp.encode_char_web(c, buf) {
                    return None;
                }
                match std::str::from_utf8(&buf[valid..]) {
                    Ok(_) => valid = buf.len(),
                    Err(e) if e.error_len().is_none() => valid += e.valid_up_to(),
                    Err(_) => return None,
                }
            }
        }
        let mut run = run;
        if !hole {
            // The run's last character lacks one byte, 0xA0, and a space
            // follows: the no-break space the code page decoded 0xA0 to
            // became a space, or merged with the space after it.
            match nbsp_became_space(cp, buf, b, run.start, run.end) {
                Nbsp::No => {}
                Nbsp::Merged => buf.push(0xA0),
                Nbsp::Replaced => {
                    buf.push(0xA0);
                    run.end += 1;
                    i += 1;
                }
            }
        }
        let fixed = if hole {
            &text[run.clone()]
        } else {
            std::str::from_utf8(buf).ok()?
        };
        if out.capacity() == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[pos..run.start]);
        pos = run.end;
        changed |= fixed != &text[run.clone()];
        let start = out.len();
        out.push_str(fixed);
        runs.push((run, start..out.len()));
    }
    out.push_str(&text[pos..]);
    changed.then_some(Layer { text: out, runs })
}

/// What became of a no-break space after a run (see [`nbsp_became_space`]).
enum Nbsp {
    No,
    /// It became the space that follows ("Å veices" is "Šveices").
    Replaced,
    /// It merged with the space after it, which stays: "à" is a word of
    /// its own in French, Portuguese, Catalan, Italian ("voilÃ le" is
    /// "voilà le"; two spaces, "voilÃ  le", are one replaced).
    Merged,
}

/// Do the re-encoded bytes of a run end one byte short of a UTF-8
/// character, a space following the run in `text`, where that byte is
/// 0xA0 — the byte `cp` decodes to U+00A0? "Ã" + space stays as it is
/// between capitals ("C O N C L U S Ã O").
fn nbsp_became_space(cp: CodePage, buf: &[u8], text: &[u8], start: usize, end: usize) -> Nbsp {
    if text.get(end) != Some(&b' ') {
        return Nbsp::No;
    }
    let Err(e) = std::str::from_utf8(buf) else {
        return Nbsp::No;
    };
    if e.error_len().is_some() {
        return Nbsp::No;
    }
    let tail = &buf[e.valid_up_to()..];
    let need = match tail[0] {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return Nbsp::No,
    };
    let mut nbsp = Vec::new();
    if tail.len() + 1 != need || !cp.encode_char_web('\u{A0}', &mut nbsp) || nbsp != [0xA0] {
        return Nbsp::No;
    }
    let mut whole = tail.to_vec();
    whole.push(0xA0);
    let Ok(c) = std::str::from_utf8(&whole) else {
        return Nbsp::No;
    };
    if c != "\u{E0}" {
        return Nbsp::Replaced;
    }
    let capital = |x: Option<&u8>| x.is_some_and(u8::is_ascii_uppercase);
    if capital(start.checked_sub(1).and_then(|p| text.get(p))) || capital(text.get(end + 1)) {
        return Nbsp::No;
    }
    // "Ã s" is "às": "à" glued to the word after it.
    let next = &text[end + 1..];
    let len = next
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(next.len());
    // A whole word: French elides before an apostrophe ("Ã s'éloigner" is
    // "à s'éloigner").
    let whole = next
        .get(len)
        .is_none_or(|b| b.is_ascii_whitespace() || b",.;:!?)".contains(b));
    let glued = whole && std::str::from_utf8(&next[..len]).is_ok_and(a_grave_word);
    if text.get(end + 1) == Some(&b' ') || glued {
        Nbsp::Replaced
    } else {
        Nbsp::Merged
    }
}

const A_GRAVE_WORDS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/rules/data/mojibake/a-grave-words.txt"
));

/// Is "à" + `rest` a word of `rules/data/mojibake/a-grave-words.txt`?
fn a_grave_word(rest: &str) -> bool {
    !rest.is_empty()
        && A_GRAVE_WORDS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .any(|l| l.strip_prefix('à') == Some(rest))
}

/// Two non-ASCII letters of different scripts side by side, other than
/// Latin or a CJK script beside a CJK script (Japanese and Chinese write
/// "grepコマンド"; units and URLs write "3.77μs", "%8Cخان").
fn glued_scripts(s: &str) -> bool {
    let cjk = |x: Script| matches!(x, Script::Han | Script::Kana | Script::Hangul);
    let mut prev: Option<Script> = None;
    for c in s.chars() {
        let cur = match classify::class_of(c) {
            Class::Letter(sc, _) if !c.is_ascii() => Some(sc),
            Class::Mark => prev,
            _ => None,
        };
        if let (Some(a), Some(b)) = (prev, cur)
            && a != b
        {
            let ok = (cjk(a) || a == Script::Latin) && (cjk(b) || b == Script::Latin);
            if !ok {
                return true;
            }
        }
        prev = cur;
    }
    false
}

/// How many times `s` shows a UTF-8 lead byte followed by a continuation
/// byte as windows-1252 or Latin-1 show them ("×‘", "Ã©").
fn utf8_signatures(s: &str) -> usize {
    let chars: Vec<char> = s.chars().collect();
    chars
        .windows(2)
        .filter(|w| classify::looks_like_lead(w[0]) && classify::looks_like_continuation(w[1]))
        .count()
}

/// The whitespace-delimited word around `range` in `text`.
fn word(text: &str, range: &Range<usize>) -> Range<usize> {
    let b = text.as_bytes();
    let mut s = range.start;
    while s > 0 && !b[s - 1].is_ascii_whitespace() && range.start - s < 64 {
        s -= 1;
    }
    let mut e = range.end;
    while e < b.len() && !b[e].is_ascii_whitespace() && e - range.end < 64 {
        e += 1;
    }
    while !text.is_char_boundary(s) {
        s += 1;
    }
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    s.min(range.start)..e.max(range.end)
}

/// Prints why a word was rejected, in debug builds with
/// `PAGELINT_DEBUG_MOJIBAKE` set (a tuning aid; release builds print
/// nothing).
fn debug_reject(why: &str, before: &str, after: &str) {
    if cfg!(debug_assertions) && std::env::var_os("PAGELINT_DEBUG_MOJIBAKE").is_some() {
        eprintln!("mojibake: {why}: {before:?} -> {after:?}");
    }
}

/// How much evidence a hypothesis needs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Need {
    /// Words repaired with a large gain.
    pub strong: u32,
    /// Total gain, in units of [`STRONG_GAIN`].
    pub total: i64,
    /// At most one word in this many may read worse after the repair.
    pub worse_one_in: u32,
}

impl Need {
    /// A whole page.
    pub const PAGE: Need = Need {
        strong: 1,
        total: 2,
        worse_one_in: 10,
    };
    /// A block of prose (a paragraph, a list, a table, the front matter).
    pub const BLOCK: Need = Need {
        strong: 1,
        total: 1,
        worse_one_in: 5,
    };
    /// A code block: its own evidence, and more of it (a page about
    /// mojibake shows garbled examples in code).
    pub const CODE: Need = Need {
        strong: 2,
        total: 3,
        worse_one_in: 5,
    };
}

/// Is the repair of `text` into `segments` clearly more plausible? Its
/// total gain, or None.
fn judge(text: &str, segments: &[Segment], need: Need) -> Option<i64> {
    if segments.is_empty() {
        return None;
    }
    for seg in segments {
        if seg
            .replacement
            .chars()
            .any(|c| classify::class_of(c) == Class::Bad && !matches!(c, '\t' | '\n' | '\r'))
        {
            return None;
        }
    }
    // Words: segments grouped by the word around them.
    let mut total: i64 = 0;
    let (mut worse, mut strong, mut words) = (0u32, 0u32, 0u32);
    let (mut before_set, mut after_set) = (0u32, 0u32);
    // Scripts that some word brings in with strong evidence, and the words
    // that bring one in weakly ("–ó" is "З" only if the page has Russian).
    let mut strong_scripts = 0u32;
    let mut weak_scripts: Vec<(u32, String, String)> = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        let mut w = word(text, &segments[i].range);
        let mut j = i + 1;
        while j < segments.len() && segments[j].range.start < w.end {
            let w2 = word(text, &segments[j].range);
            w.end = w.end.max(w2.end);
            j += 1;
        }
        let before = &text[w.clone()];
        let mut after = String::with_capacity(before.len());
        let mut pos = w.start;
        for seg in &segments[i..j] {
            after.push_str(&text[pos..seg.range.start]);
            after.push_str(&seg.replacement);
            pos = seg.range.end;
        }
        after.push_str(&text[pos..w.end]);
        if glued_scripts(&after) {
            debug_reject("glued", before, &after);
            return None;
        }
        let gain = (badness(before) - badness(&after)) as i64;
        // A word gains a script other than Latin only from text that was
        // implausible as written (Cyrillic, Greek, CJK… read as
        // windows-1252); from symbols alone only when they were strongly
        // implausible ("5×£35" is no Hebrew; "‡§®‡§Æ" is Devanagari).
        let (sb, sa) = (scripts(before), scripts(&after));
        let new = sa & !sb & !classify::LATIN;
        if new != 0 {
            let local = gain >= 3
                && (sb != 0 || (gain >= 2 * STRONG_GAIN as i64 && utf8_signatures(before) >= 2));
            if local && gain >= 2 * STRONG_GAIN as i64 {
                strong_scripts |= new;
            }
            if !local {
                weak_scripts.push((new, before.to_string(), after.clone()));
            }
        }
        total += gain;
        words += 1;
        // A repair that costs one unit (a Latin-1 letter for a Latin
        // Extended-A one: "Å veices" is "Šveices") reads as well, not worse.
        if gain < -1 {
            debug_reject("worse", before, &after);
            worse += 1;
        }
        if gain >= STRONG_GAIN as i64 {
            strong += 1;
        }
        before_set |= scripts(before);
        after_set |= scripts(&after);
        i = j;
    }
    // A word gains a script other than Latin only from text that was
    // implausible as written (Cyrillic, Greek, CJK… read as windows-1252),
    // never from symbols alone ("5×£35" is no Hebrew, box drawing is no
    // Arabic) unless they carry UTF-8's signature through windows-1252 or
    // Latin-1 twice or more ("×‘×”×•" is Hebrew), or another word of the
    // text, one with letters, brings the same script in with strong
    // evidence ("‡§®" beside "‚Äú‡§®‡§Æ‡§∏‡•ç").
    for (new, before, after) in &weak_scripts {
        if new & !strong_scripts != 0 {
            debug_reject("new script", before, after);
            return None;
        }
    }
    // A script that only garbled words had and the repair takes away (a
    // lone "4칑3" in an English page read as Johab): evidence by itself,
    // when every repaired word reads as Latin text at least as well.
    let gone = before_set & !after_set & !classify::LATIN != 0
        && after_set & !classify::LATIN == 0
        && worse == 0;
    if gone {
        strong += 1;
        total += need.total * STRONG_GAIN as i64;
    }
    let enough = strong >= need.strong
        && total >= need.total * STRONG_GAIN as i64
        && worse * need.worse_one_in <= words;
    enough.then_some(total)
}

/// The segments of a chain of layers: every garbled run of `text` with its
/// final repair.
fn segments_of(text: &str, layers: &[Layer], chain: &[CodePage]) -> Vec<Segment> {
    let last = &layers.last().expect("one layer at least").text;
    let mut out = Vec::new();
    for (old, _) in &layers[0].runs {
        let (mut s, mut e) = (old.start, old.end);
        for l in layers {
            s = l.map(s);
            e = l.map(e);
        }
        let rep = &last[s..e];
        if rep != &text[old.clone()] {
            out.push(Segment {
                range: old.clone(),
                chain: chain.to_vec(),
                replacement: rep.to_owned(),
            });
        }
    }
    out
}

/// Could `text` hold two or more non-ASCII characters in a row, or one
/// outside the quiet ranges? (Clean ASCII pages stop here.)
fn worth_trying(text: &str) -> bool {
    super::suspicious(text.as_bytes(), 0..text.len())
}

/// The best hypothesis for `text` as a whole, if one clearly holds with the
/// evidence `need`.
pub(crate) fn hypothesis(text: &str, need: Need) -> Option<Hypothesis> {
    if !worth_trying(text) {
        return None;
    }
    let holes: Vec<Range<usize>> = nonascii_runs(text)
        .into_iter()
        .filter(|r| text[r.clone()].contains('\u{FFFD}'))
        .collect();
    let mut buf = Vec::new();
    let mut best: Option<Hypothesis> = None;
    let mut seen: Vec<u64> = Vec::new();
    // Depth-first over chains; a chain goes deeper only while its text still
    // looks garbled.
    let mut stack: Vec<(Vec<CodePage>, Vec<Layer>)> = vec![(Vec::new(), Vec::new())];
    while let Some((chain, layers)) = stack.pop() {
        let cur: &str = layers.last().map_or(text, |l| l.text.as_str());
        if !chain.is_empty() {
            let h = {
                use std::hash::{Hash, Hasher};
                let mut s = std::collections::hash_map::DefaultHasher::new();
                cur.hash(&mut s);
                s.finish()
            };
            if seen.contains(&h) {
                continue;
            }
            seen.push(h);
            let segments = segments_of(text, &layers, &chain);
            if let Some(gain) = judge(text, &segments, need)
                && best.as_ref().is_none_or(|b| gain > b.gain)
            {
                best = Some(Hypothesis {
                    chain: chain.clone(),
                    segments,
                    holes: holes.clone(),
                    gain,
                });
            }
        }
        if chain.len() >= MAX_LAYERS || (!chain.is_empty() && !worth_trying(cur)) {
            continue;
        }
        // Holes of the current text: the same runs, mapped.
        let cur_holes: Vec<Range<usize>> = holes
            .iter()
            .map(|r| {
                let (mut s, mut e) = (r.start, r.end);
                for l in &layers {
                    s = l.map(s);
                    e = l.map(e);
                }
                s..e
            })
            .collect();
        // Push in reverse so that the preferred code pages come first.
        for cp in CodePage::ALL.into_iter().rev() {
            if let Some(layer) = undo_layer(cp, cur, &cur_holes, &mut buf) {
                let mut c2 = chain.clone();
                c2.push(cp);
                let mut l2: Vec<Layer> = Vec::with_capacity(layers.len() + 1);
                for l in &layers {
                    l2.push(Layer {
                        text: l.text.clone(),
                        runs: l.runs.clone(),
                    });
                }
                l2.push(layer);
                stack.push((c2, l2));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(text: &str, h: &Hypothesis) -> String {
        let mut out = String::new();
        let mut pos = 0;
        for s in &h.segments {
            out.push_str(&text[pos..s.range.start]);
            out.push_str(&s.replacement);
            pos = s.range.end;
        }
        out.push_str(&text[pos..]);
        out
    }

    fn garble(s: &str, cp: CodePage) -> String {
        let enc = cp.encoding_rs().unwrap();
        enc.decode_without_bom_handling(s.as_bytes()).0.into_owned()
    }

    const PAGE: &str = "---\ntitle: Introducción\n---\n\n# Sesión 1\n\n<!-- borrador: \
        añadir más ejemplos -->\n\nVer [la guía](https://ejemplo.org/guía.pdf) y \
        [evaluación](#evaluación).\n\n```python\nprint('¿Qué tal?')  # comentario en español\n```\n";

    #[test]
    fn a_grave_words_are_sorted_unique_and_start_with_a_grave() {
        let words: Vec<&str> = A_GRAVE_WORDS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect();
        assert!(!words.is_empty());
        assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        assert!(
            words
                .iter()
                .all(|w| w.starts_with('à') && w.chars().count() > 1)
        );
    }

    #[test]
    fn a_lost_no_break_space_after_a_grave_is_a_space_or_glues_a_listed_word() {
        for (garbled, want) in [
            (
                "Il est lÃ  demain, voilÃ  le travail de lÃ  bas.\n",
                "Il est là demain, voilà le travail de là bas.\n",
            ),
            (
                "Le travail est voilÃ le travail.\n",
                "Le travail est voilà le travail.\n",
            ),
            (
                "com especial atenÃ§Ã£o Ã s crianÃ§as\n",
                "com especial atenção às crianças\n",
            ),
            (
                "qui persiste et signe Ã s'Ã©loigner des axes, TroisiÃ¨me Ã©dition\n",
                "qui persiste et signe à s'éloigner des axes, Troisième édition\n",
            ),
            (
                "semelhante Ã quele observado, condiÃ§Ãµes necessÃ¡rias\n",
                "semelhante àquele observado, condições necessárias\n",
            ),
        ] {
            let h = hypothesis(garbled, Need::BLOCK).unwrap_or_else(|| panic!("{garbled:?}"));
            assert_eq!(repaired(garbled, &h), want);
        }
    }

    #[test]
    fn a_whole_page_garbled_as_browsers_do_comes_back_whole() {
        for cp in [CodePage::Windows1252, CodePage::MacRoman] {
            let g = garble(PAGE, cp);
            let h = hypothesis(&g, Need::PAGE).unwrap_or_else(|| panic!("{cp:?}: {g}"));
            assert_eq!(repaired(&g, &h), PAGE, "{cp:?}");
        }
    }

    #[test]
    fn browsers_c1_controls_are_bytes_of_the_page() {
        // "Ý" is C3 9D: 9D is undefined in Python's cp1252, U+009D in a browser.
        let page = "Ýmir y la canción, más información aquí.\n";
        let g = garble(page, CodePage::Windows1252);
        assert!(g.contains('\u{9d}'));
        let h = hypothesis(&g, Need::PAGE).unwrap();
        assert_eq!(h.chain, vec![CodePage::Windows1252]);
        assert_eq!(repaired(&g, &h), page);
    }

    #[test]
    fn garbled_twice_is_undone_twice() {
        let once = garble(PAGE, CodePage::Windows1252);
        let twice = garble(&once, CodePage::Windows1252);
        let h = hypothesis(&twice, Need::PAGE).unwrap();
        assert_eq!(h.chain.len(), 2);
        assert_eq!(repaired(&twice, &h), PAGE);
    }

    /// "à" is C3 A0 and windows-1252 decodes A0 to a no-break space, which
    /// editors and HTML turn into a space: the space is the lost byte.
    #[test]
    fn a_no_break_space_that_became_a_space_is_the_lost_byte() {
        let page = "Voilà le résumé: à nos jours, une fenêtre.\n";
        let garbled = garble(page, CodePage::Windows1252).replace('\u{A0}', "");
        assert!(
            garbled.contains("voilÃ le") || garbled.contains("VoilÃ le"),
            "{garbled}"
        );
        let h = hypothesis(&garbled, Need::PAGE).expect("a hypothesis");
        assert_eq!(repaired(&garbled, &h), page);
        // Two spaces: the no-break space became one of them.
        let garbled = garble(page, CodePage::Windows1252).replace('\u{A0}', " ");
        let h = hypothesis(&garbled, Need::PAGE).expect("a hypothesis");
        assert_eq!(repaired(&garbled, &h), page);
        // Between capitals "Ã" + space is not "à".
        let caps = "C O N C L U S Ã O, la fenÃªtre\n";
        if let Some(h) = hypothesis(caps, Need::PAGE) {
            assert!(repaired(caps, &h).contains("S Ã O"));
        }
    }

    #[test]
    fn clean_pages_hold_no_hypothesis() {
        for page in [
            PAGE,
            "# Ελληνικά\n\nΚαλημέρα κόσμε, ΞΌ.\n",
            "# Русский\n\nПривет, мир! `ls -la` выводит файлы.\n",
            "# 한국어\n\n`ls` 명령은 파일을 나열합니다.\n",
            "# 日本語\n\n`ls`コマンドでファイルを一覧表示します。\n",
            "Příliš žluťoučký kůň úpěl ďábelské ódy.\n",
            "Tiếng Việt có dấu: người, được, những.\n",
            "מה שלום? ภาษาไทย ง่าย\n",
            "Â© 2024 — a copyright line with an odd Â.\n",
            "SELKÄ\u{A0}EDELLÄ\u{A0}MAAHAN via @YouTube\n",
            "∆°\n",
            "```\nbackyard\n└──\u{A0}garden\n    ├──\u{A0}src\n    │   └──\u{A0}main.rs\n```\n",
        ] {
            assert!(hypothesis(page, Need::PAGE).is_none(), "{page}");
            assert!(hypothesis(page, Need::BLOCK).is_none(), "{page}");
        }
    }

    #[test]
    fn holes_are_left_out() {
        let g = CodePage::Johab.decode_lossy("¿Qué tal? Introducción a la programación".as_bytes());
        assert!(g.contains('\u{FFFD}'));
        let h = hypothesis(&g, Need::PAGE).unwrap();
        assert_eq!(h.chain, vec![CodePage::Johab]);
        assert_eq!(h.holes.len(), 1);
        assert!(repaired(&g, &h).ends_with("Introducción a la programación"));
    }
}

#[cfg(test)]
mod languages {
    use super::*;

    /// Real sentences in many scripts, garbled whole as browsers decode
    /// windows-1252 (and Mac Roman), come back exactly.
    #[test]
    fn pages_in_many_scripts_repair() {
        let pages = [
            "# Čeština\n\nPříliš žluťoučký kůň úpěl ďábelské ódy.\n",
            "# Tiếng Việt\n\nTôi có thể ăn thủy tinh mà không hại gì.\n",
            "# Ελληνικά\n\nΜπορώ να φάω σπασμένα γυαλιά χωρίς να πάθω τίποτα.\n",
            "# Русский\n\nЯ могу есть стекло, оно мне не вредит.\n",
            "# עברית\n\nאני יכול לאכול זכוכית וזה לא מזיק לי.\n",
            "# ไทย\n\nฉันกินกระจกได้ แต่มันไม่ทำให้ฉันเจ็บ\n",
            "# 日本語\n\n私はガラスを食べられます。それは私を傷つけません。\n",
            "# 中文\n\n我能吞下玻璃而不伤身体。\n",
            "# 한국어\n\n나는 유리를 먹을 수 있어요. 그래도 아프지 않아요.\n",
        ];
        for page in pages {
            for enc in [encoding_rs::WINDOWS_1252, encoding_rs::MACINTOSH] {
                let g = enc
                    .decode_without_bom_handling(page.as_bytes())
                    .0
                    .into_owned();
                let h =
                    hypothesis(&g, Need::PAGE).unwrap_or_else(|| panic!("{} {page}", enc.name()));
                let mut out = String::new();
                let mut pos = 0;
                for s in &h.segments {
                    out.push_str(&g[pos..s.range.start]);
                    out.push_str(&s.replacement);
                    pos = s.range.end;
                }
                out.push_str(&g[pos..]);
                assert_eq!(out, page, "{}", enc.name());
                // And the page itself, clean, holds no hypothesis.
                assert!(hypothesis(page, Need::PAGE).is_none(), "{page}");
                assert!(hypothesis(page, Need::BLOCK).is_none(), "{page}");
            }
        }
    }
}
