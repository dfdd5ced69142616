//! Character classes and the "badness" of a piece of text: how unlikely it
//! is as written text. Mojibake is unlikely text; its repair is likely text.
//!
//! No big Unicode tables: scripts and classes are coarse ranges, enough to
//! tell Latin from Hangul from Han, letters from symbols, and common letters
//! from rare ones.

/// The writing system of a letter, coarsely.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Indic,
    Thai,
    Georgian,
    Hangul,
    Kana,
    Han,
    Other,
}

/// What a character is, for plausibility.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Space,
    Digit,
    /// A letter, its script and whether it is upper case.
    Letter(Script, bool),
    /// Combining mark.
    Mark,
    /// Punctuation (ASCII or common typographic).
    Punct,
    /// Symbols: currency, math, superscripts, box drawing, …
    Symbol,
    /// Emoji and their modifiers, joiners and selectors.
    Emoji,
    /// Controls, format characters, private use, noncharacters, U+FFFD.
    Bad,
}

pub(crate) fn script_of(c: char) -> Script {
    let u = c as u32;
    match u {
        0..=0x24F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xFF21..=0xFF5A => {
            Script::Latin
        }
        0x250..=0x2AF | 0x1D00..=0x1DBF => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x530..=0x58F => Script::Armenian,
        0x590..=0x5FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x600..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x900..=0xDFF => Script::Indic,
        0xE00..=0xEFF => Script::Thai,
        0x10A0..=0x10FF | 0x2D00..=0x2D2F => Script::Georgian,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xFFA0..=0xFFDC => {
            Script::Hangul
        }
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0x2E80..=0x2FDF | 0x3005..=0x3007 | 0x3021..=0x3029 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF => {
            Script::Han
        }
        0xF900..=0xFAFF | 0x20000..=0x3FFFF => Script::Han,
        _ => Script::Other,
    }
}

fn is_emoji(u: u32) -> bool {
    matches!(u, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F | 0x200D | 0x20E3 | 0xE0020..=0xE007F)
}

fn is_common_punct(u: u32) -> bool {
    matches!(u, 0xA1 | 0xA7 | 0xAB | 0xB6 | 0xB7 | 0xBB | 0xBF
        | 0x2010..=0x2027 | 0x2030..=0x205E | 0x3001..=0x3003 | 0x3008..=0x3011
        | 0x3014..=0x301F | 0x30FB | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65 | 0x55A..=0x55F | 0x589 | 0x5BE | 0x5C0 | 0x5C3 | 0x5F3 | 0x5F4
        | 0x60C | 0x61B | 0x61F | 0x66A..=0x66D | 0x6D4 | 0x964 | 0x965 | 0x387 | 0x37E)
}

pub(crate) fn class_of(c: char) -> Class {
    let u = c as u32;
    if u < 0x80 {
        return match c {
            ' ' | '\t' | '\n' | '\r' | '\x0c' => Class::Space,
            '0'..='9' => Class::Digit,
            'a'..='z' => Class::Letter(Script::Latin, false),
            'A'..='Z' => Class::Letter(Script::Latin, true),
            '\x00'..='\x1f' | '\x7f' => Class::Bad,
            _ => Class::Punct,
        };
    }
    // The big letter blocks first, without table look-ups.
    match u {
        0xAC00..=0xD7A3 => return Class::Letter(Script::Hangul, false),
        0x4E00..=0x9FFF | 0x3400..=0x4DBF => return Class::Letter(Script::Han, false),
        0x3041..=0x3096 | 0x30A1..=0x30FA => return Class::Letter(Script::Kana, false),
        _ => {}
    }
    if c.is_whitespace() {
        return Class::Space;
    }
    if c.is_control()
        || matches!(u, 0xAD | 0x200B..=0x200C | 0x200E..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F
            | 0xFEFF | 0xFFF9..=0xFFFD | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFDD0..=0xFDEF)
        || (u & 0xFFFE) == 0xFFFE
    {
        return Class::Bad;
    }
    if is_emoji(u) {
        return Class::Emoji;
    }
    if matches!(u, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x3099 | 0x309A)
    {
        return Class::Mark;
    }
    if is_common_punct(u) {
        return Class::Punct;
    }
    // Modifier letters (ʰ, ˆ, ᴴ…) are not letters of words: symbols.
    if matches!(u, 0x2B0..=0x2FF | 0x1D2C..=0x1D6A | 0x1D9B..=0x1DBF | 0xA700..=0xA721) {
        return Class::Symbol;
    }
    if c.is_alphabetic() {
        return Class::Letter(script_of(c), c.is_uppercase());
    }
    if c.is_numeric() && !matches!(u, 0xB2 | 0xB3 | 0xB9 | 0xBC..=0xBE) {
        return Class::Digit;
    }
    Class::Symbol
}

/// Cost of one character by itself: how rare it is in written text.
pub(crate) fn char_cost(c: char) -> i32 {
    let u = c as u32;
    match class_of(c) {
        Class::Bad => match u {
            0x9 | 0xA | 0xD => 0,
            _ => 30,
        },
        Class::Space => match u {
            0x20 | 0x9 | 0xA | 0xD | 0xA0 | 0x3000 | 0x2009 | 0x202F => 0,
            _ => 3,
        },
        Class::Letter(script, _) => match u {
            0..=0x7F => 0,
            // Letters of the major Western languages.
            0xC0..=0xCF
            | 0xD1..=0xD6
            | 0xD8..=0xDC
            | 0xDF..=0xEF
            | 0xF1..=0xF6
            | 0xF8..=0xFC
            | 0x152
            | 0x153 => 0,
            0xAA | 0xBA => 1,
            0xB5 | 0xD0 | 0xDD | 0xDE | 0xF0 | 0xFD..=0xFF => 2,
            0x100..=0x17F => 1,
            // Vietnamese (its letters fill most of Latin Extended
            // Additional) is written, not rare.
            0x1EA0..=0x1EF9 => 1,
            0x180..=0x24F | 0x1E00..=0x1EFF => 3,
            0x250..=0x2AF | 0x1D00..=0x1DBF => 5,
            0x2B0..=0x2FF => 5,
            0x3130..=0x318F => 4,
            0xFF66..=0xFF9F => 3,
            0xFF21..=0xFF5A => 2,
            0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => 3,
            _ if script == Script::Other => 2,
            _ => 0,
        },
        Class::Mark => 2,
        Class::Digit => match u {
            0..=0x7F => 0,
            _ => 2,
        },
        // Typographic punctuation people type; the rest of the general
        // punctuation and CJK brackets are rare in running text.
        Class::Punct => match u {
            0..=0xFF
            | 0x2013
            | 0x2014
            | 0x2018..=0x201A
            | 0x201C..=0x201E
            | 0x2020
            | 0x2022
            | 0x2026
            | 0x2030
            | 0x2039
            | 0x203A
            | 0x3001
            | 0x3002
            | 0x300C..=0x300F
            | 0x3010
            | 0x3011
            | 0x3008..=0x300B
            | 0xFF01..=0xFF0F
            | 0xFF1A..=0xFF20
            | 0x30FB => 0,
            0x2010..=0x30FF => 3,
            _ => 0,
        },
        Class::Emoji => 0,
        Class::Symbol => match u {
            0xA2 | 0xA3 | 0xA5 | 0xA9 | 0xAE | 0xB0 | 0xD7 | 0xF7 | 0x20AC | 0x2122 | 0xB1 => 0,
            0xA4 | 0xA6 | 0xA8 | 0xAF | 0xB4 | 0xB8 | 0x2C6 | 0x2DC | 0x192 => 3,
            0x2500..=0x259F => 3,
            0x2200..=0x22FF => 2,
            0x2190..=0x21FF | 0x25A0..=0x25FF | 0x2100..=0x214F => 1,
            0xFFE0..=0xFFEE | 0x2E80..=0x2FFF | 0x3190..=0x33FF => 3,
            _ => 1,
        },
    }
}

/// Bytes of cp1252 0x80..=0xBF and of Latin-1 0x80..=0xBF: what UTF-8
/// continuation bytes look like through the Windows/ISO Latin code pages.
pub(crate) fn looks_like_continuation(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0x80..=0xBF | 0x152 | 0x153 | 0x160 | 0x161 | 0x178 | 0x17D | 0x17E | 0x192
        | 0x2C6 | 0x2DC | 0x2013 | 0x2014 | 0x2018..=0x201A | 0x201C..=0x201E | 0x2020..=0x2022
        | 0x2026 | 0x2030 | 0x2039 | 0x203A | 0x20AC | 0x2122)
}

/// Mac Roman 0x80..=0xBF.
fn looks_like_mac_continuation(c: char) -> bool {
    "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø".contains(c)
}

/// Latin-1 letters that stand for UTF-8 lead bytes (0xC2..=0xF4).
pub(crate) fn looks_like_lead(c: char) -> bool {
    matches!(c as u32, 0xC2..=0xF4)
}

/// Cost of two adjacent characters (neither is whitespace).
pub(crate) fn pair_cost(a: char, b: char) -> i32 {
    let (ca, cb) = (class_of(a), class_of(b));
    let mut cost = 0;
    match (ca, cb) {
        (Class::Letter(sa, ua), Class::Letter(sb, ub)) => {
            if sa != sb {
                cost += match (sa, sb) {
                    (Script::Han, Script::Kana) | (Script::Kana, Script::Han) => 0,
                    (Script::Han, Script::Hangul) | (Script::Hangul, Script::Han) => 3,
                    (Script::Kana, Script::Hangul) | (Script::Hangul, Script::Kana) => 6,
                    _ => 8,
                };
            } else if sa == Script::Latin && !ua && ub && (a as u32 >= 0x80 || b as u32 >= 0x80) {
                // "iÃ", "ðŸ": a capital after a small letter, non-ASCII
                cost += 4;
            }
        }
        (Class::Letter(..), Class::Symbol) | (Class::Symbol, Class::Letter(..)) => {
            let s = if ca == Class::Symbol { b } else { a };
            let sym = if ca == Class::Symbol { a } else { b };
            let _ = s;
            cost += match sym as u32 {
                0x2122 | 0xAE | 0xA9 => 1,
                // "20°C" is fine, "l°" is not
                0xB0 if ca == Class::Symbol => 1,
                _ => 3,
            };
        }
        (Class::Letter(..), Class::Punct) => {
            // An opening mark right after a letter: "Â¿", "Ã«".
            if matches!(
                b as u32,
                0xA1 | 0xBF | 0xAB | 0x201C | 0x2018 | 0x201E | 0x201A
            ) {
                cost += 3;
            }
        }
        (Class::Punct, Class::Letter(..)) => {
            // A closing mark right before a letter: "»a", "”a".
            if matches!(a as u32, 0xBB | 0x201D) {
                cost += 2;
            }
        }
        (Class::Mark, _) | (_, Class::Mark) => {}
        _ => {}
    }
    // A Latin-1 letter for a UTF-8 lead byte followed by a character for a
    // continuation byte: the signature of UTF-8 read as windows-1252/Latin-1.
    if looks_like_lead(a) && looks_like_continuation(b) {
        // "Â" and "Ã" (0xC2, 0xC3) lead most of it: "Â·", "Ã©". A no-break
        // space after another letter is ordinary ("SELKÄ\u{A0}EDELLÄ").
        cost += match (a, b) {
            ('Â' | 'Ã', _) => 6,
            (_, '\u{A0}') => 0,
            _ => 5,
        };
    }
    // The same through Mac Roman: the symbols of its lead bytes, "√" (0xC3),
    // "¬" (0xC2), "‚" (0xE2), "ƒ" (0xC4), "◊", "⁄", "‡", "‰", before a
    // character of 0x80..=0xBF ("Vladoviƒá", "‚Üí"); not the math signs
    // people write before a degree sign or ± ("∆°", "≈±").
    if matches!(
        a as u32,
        0x221A | 0xAC | 0x201A | 0x192 | 0x25CA | 0x2044 | 0x2021 | 0x2030
    ) && looks_like_mac_continuation(b)
    {
        cost += 6;
    }
    if ca == Class::Symbol && cb == Class::Symbol && a as u32 >= 0x80 && b as u32 >= 0x80 {
        cost += 2;
    }
    if matches!(ca, Class::Symbol | Class::Punct)
        && matches!(cb, Class::Symbol | Class::Punct)
        && a as u32 >= 0x80
        && b as u32 >= 0x80
        && looks_like_continuation(a)
        && looks_like_continuation(b)
    {
        cost += 2;
    }
    cost
}

/// Badness of a string: the sum of its characters' and neighbours' costs.
pub(crate) fn badness(s: &str) -> i32 {
    let mut total = 0;
    let mut prev: Option<char> = None;
    for c in s.chars() {
        total += char_cost(c);
        // A combining mark with no letter to combine with.
        if class_of(c) == Class::Mark
            && !prev.is_some_and(|p| matches!(class_of(p), Class::Letter(..) | Class::Mark))
        {
            total += 8;
        }
        if let Some(p) = prev {
            // A no-break space is scored like a character: "Ã" + U+00A0 is
            // "à" read as windows-1252.
            let space = |x: char| x.is_whitespace() && x != '\u{A0}';
            if !space(p) && !space(c) {
                total += pair_cost(p, c);
            }
        }
        prev = Some(c);
    }
    // A word that ends in "Ã" or "Â" after a small letter: no language
    // writes that; it is "à" or a no-break space read as windows-1252 whose
    // second byte became a plain space ("voilÃ le").
    let mut tail = s.trim_end_matches(' ').chars().rev();
    if let (Some(last @ ('Ã' | 'Â')), Some(p)) = (tail.next(), tail.next())
        && p.is_lowercase()
        && class_of(p) != Class::Bad
    {
        let _ = last;
        total += 4;
    }
    total
}

/// The scripts of the letters of `s`, as a small bit set.
pub(crate) fn scripts(s: &str) -> u32 {
    let mut set = 0;
    for c in s.chars() {
        match class_of(c) {
            Class::Letter(sc, _) => set |= 1 << sc as u32,
            // Non-ASCII digits belong to their script (Arabic-Indic, Thai…).
            Class::Digit if (c as u32) >= 0x80 && !matches!(c as u32, 0xFF10..=0xFF19) => {
                let sc = script_of(c);
                if sc != Script::Latin {
                    set |= 1 << sc as u32;
                }
            }
            _ => {}
        }
    }
    set
}

pub(crate) const LATIN: u32 = 1 << Script::Latin as u32;
pub(crate) const CJK: u32 =
    (1 << Script::Han as u32) | (1 << Script::Kana as u32) | (1 << Script::Hangul as u32);

/// True when the letters of `s` belong to one script (Han, Kana and Hangul
/// together count as one: Japanese and Korean mix them).
pub(crate) fn one_script(set: u32) -> bool {
    set.count_ones() <= 1 || (set & !CJK) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_worse_than_its_repair() {
        for (bad, good) in [
            ("Introducci칩n", "Introducción"),
            ("informaciÃ³n", "información"),
            ("ESPAÃ‘A", "ESPAÑA"),
            ("donâ€™t", "don’t"),
            ("Introducci√≥n", "Introducción"),
            ("Introducciﾃｳn", "Introducción"),
            ("Introducci贸n", "Introducción"),
            ("GÃ\u{A0}idhlig", "Gàidhlig"),
            ("Vladoviƒá", "Vladović"),
        ] {
            assert!(
                badness(bad) >= badness(good) + 6,
                "{bad}: {} vs {}",
                badness(bad),
                badness(good)
            );
        }
    }

    #[test]
    fn classes() {
        assert_eq!(class_of('칩'), Class::Letter(Script::Hangul, false));
        assert_eq!(class_of('¿'), Class::Punct);
        assert_eq!(class_of('🤗'), Class::Emoji);
        assert_eq!(class_of('\u{81}'), Class::Bad);
        assert_eq!(class_of('³'), Class::Symbol);
        assert_eq!(class_of('ᴴ'), Class::Symbol);
        assert_eq!(class_of('ʰ'), Class::Symbol);
        assert_eq!(class_of('\u{A0}'), Class::Space);
        assert_ne!(scripts("٥"), 0);
        assert_eq!(scripts("5"), 0);
    }
}
