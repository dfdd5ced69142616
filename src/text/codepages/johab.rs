//! Johab (KS C 5601-1992 annex 3, Windows cp1361), as Python's `johab` codec.
//!
//! Hangul (lead bytes 0x84..=0xD3) is a bit field: 1 bit set, 5 bits initial,
//! 5 bits medial, 5 bits final. Symbols and hanja (lead bytes 0xD9..=0xF9)
//! are KS X 1001 rows 0x21..=0x2C and 0x4A..=0x7D rearranged two rows per
//! lead byte; their characters come from the EUC-KR table (encoding_rs's,
//! corrected to Python's `euc_kr`).

use super::dbcs;
use super::{CodePage, Step};
use std::sync::OnceLock;

const NONE: u8 = 0xFF;
const FILL: u8 = 0xFD;

/// 5-bit field value → index among the 19 initials (or FILL/NONE).
#[rustfmt::skip]
const CHO_IDX: [u8; 32] = [
    NONE, FILL, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
    14, 15, 16, 17, 18, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
];
/// 5-bit field value → index among the 21 medials.
#[rustfmt::skip]
const JUNG_IDX: [u8; 32] = [
    NONE, NONE, FILL, 0, 1, 2, 3, 4, NONE, NONE, 5, 6, 7, 8, 9, 10,
    NONE, NONE, 11, 12, 13, 14, 15, 16, NONE, NONE, 17, 18, 19, 20, NONE, NONE,
];
/// 5-bit field value → index among the 27 finals (1-based, as in U+AC00 arithmetic).
#[rustfmt::skip]
const JONG_IDX: [u8; 32] = [
    NONE, FILL, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
    15, 16, NONE, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, NONE, NONE,
];
/// Field value → Hangul compatibility jamo (low byte, U+31xx) when the
/// other two fields are fillers.
#[rustfmt::skip]
const CHO_JAMO: [u8; 32] = [
    0, 0, 0x31, 0x32, 0x34, 0x37, 0x38, 0x39, 0x41, 0x42, 0x43, 0x45, 0x46, 0x47, 0x48, 0x49,
    0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
];
#[rustfmt::skip]
const JUNG_JAMO: [u8; 32] = [
    0, 0, 0, 0x4f, 0x50, 0x51, 0x52, 0x53, 0, 0, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59,
    0, 0, 0x5a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f, 0, 0, 0x60, 0x61, 0x62, 0x63, 0, 0,
];
#[rustfmt::skip]
const JONG_JAMO: [u8; 32] = [
    0, 0, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
    0x40, 0x41, 0, 0x42, 0x44, 0x45, 0x46, 0x47, 0x48, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0, 0,
];

fn decode_hangul(c: u8, c2: u8) -> Option<char> {
    let f_cho = ((c >> 2) & 0x1F) as usize;
    let f_jung = ((((c as u32) << 3) | (c2 as u32 >> 5)) & 0x1F) as usize;
    let f_jong = (c2 & 0x1F) as usize;
    let (i_cho, i_jung, i_jong) = (CHO_IDX[f_cho], JUNG_IDX[f_jung], JONG_IDX[f_jong]);
    if i_cho == NONE || i_jung == NONE || i_jong == NONE {
        return None;
    }
    let cp = match (i_cho == FILL, i_jung == FILL, i_jong == FILL) {
        (true, true, true) => 0x3000,
        (true, true, false) => 0x3100 | JONG_JAMO[f_jong] as u32,
        (true, false, true) => 0x3100 | JUNG_JAMO[f_jung] as u32,
        (true, false, false) => return None,
        (false, true, true) => 0x3100 | CHO_JAMO[f_cho] as u32,
        (false, true, false) => return None,
        (false, false, jong_fill) => {
            0xAC00
                + i_cho as u32 * 588
                + i_jung as u32 * 28
                + if jong_fill { 0 } else { i_jong as u32 }
        }
    };
    char::from_u32(cp)
}

/// Symbol/hanja area → KS X 1001 row and column (0x21..=0x7E each).
fn symbol_to_ksx1001(c: u8, c2: u8) -> Option<(u8, u8)> {
    if !(0xD9..=0xF9).contains(&c)
        || c == 0xDF
        || c2 < 0x31
        || (0x80..0x91).contains(&c2)
        || (c2 & 0x7F) == 0x7F
        || (c == 0xDA && (0xA1..=0xD3).contains(&c2))
    {
        return None;
    }
    let t1 = if c < 0xE0 {
        2 * (c as u32 - 0xD9)
    } else {
        2 * c as u32 - 0x197
    };
    let t2 = if c2 < 0x91 {
        c2 as u32 - 0x31
    } else {
        c2 as u32 - 0x43
    };
    let row = t1 + if t2 < 0x5E { 0 } else { 1 } + 0x21;
    let col = if t2 < 0x5E { t2 } else { t2 - 0x5E } + 0x21;
    Some((row as u8, col as u8))
}

pub(crate) fn step(bytes: &[u8]) -> Step {
    let c = bytes[0];
    if c < 0x80 {
        return Step::Char(c as char, 1);
    }
    if bytes.len() < 2 {
        return Step::Invalid(bytes.len());
    }
    let c2 = bytes[1];
    let ch = if c < 0xD8 {
        decode_hangul(c, c2)
    } else {
        symbol_to_ksx1001(c, c2).and_then(|(row, col)| {
            // KS X 1001 0x2454 is the Hangul filler; Python's `euc_kr` refuses
            // it alone (it starts an 8-byte make-up sequence there), its
            // `johab` maps it.
            if (row, col) == (0x24, 0x54) {
                return Some('\u{3164}');
            }
            match dbcs::table(CodePage::EucKr).step(&[row | 0x80, col | 0x80]) {
                Step::Char(ch, 2) => Some(ch),
                _ => None,
            }
        })
    };
    match ch {
        Some(ch) => Step::Char(ch, 2),
        None => Step::Invalid(1),
    }
}

/// Compatibility jamo U+3131..=U+3163 → Johab code, preferring the form
/// Python's encoder writes (initial, else medial, else final).
fn jamo_codes() -> &'static [u16; 0x33] {
    static T: OnceLock<[u16; 0x33]> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = [0u16; 0x33];
        for (field, jamo) in JONG_JAMO.iter().enumerate() {
            if *jamo != 0 {
                t[(*jamo - 0x31) as usize] = 0x8000 | (1 << 10) | (2 << 5) | field as u16;
            }
        }
        for (field, jamo) in JUNG_JAMO.iter().enumerate() {
            if *jamo != 0 {
                t[(*jamo - 0x31) as usize] = 0x8000 | (1 << 10) | ((field as u16) << 5) | 1;
            }
        }
        for (field, jamo) in CHO_JAMO.iter().enumerate() {
            if *jamo != 0 {
                t[(*jamo - 0x31) as usize] = 0x8000 | ((field as u16) << 10) | (2 << 5) | 1;
            }
        }
        t
    })
}

fn field_of(table: &[u8; 32], idx: u8) -> u16 {
    table.iter().position(|&v| v == idx).expect("index present") as u16
}

pub(crate) fn encode_char(c: char, out: &mut Vec<u8>) -> bool {
    let u = c as u32;
    if u < 0x80 {
        out.push(u as u8);
        return true;
    }
    let code: u16 = if (0xAC00..=0xD7A3).contains(&u) {
        let s = u - 0xAC00;
        let (cho, jung, jong) = ((s / 588) as u8, ((s / 28) % 21) as u8, (s % 28) as u8);
        let f_jong = if jong == 0 {
            1
        } else {
            field_of(&JONG_IDX, jong)
        };
        0x8000 | (field_of(&CHO_IDX, cho) << 10) | (field_of(&JUNG_IDX, jung) << 5) | f_jong
    } else if (0x3131..=0x3163).contains(&u) {
        jamo_codes()[(u - 0x3131) as usize]
    } else if u == 0x3164 {
        0xDAD4
    } else {
        let mut buf = Vec::with_capacity(2);
        if !dbcs::table(CodePage::EucKr).encode_char(c, &mut buf) || buf.len() != 2 {
            return false;
        }
        let (c1, c2) = (buf[0] & 0x7F, buf[1] & 0x7F);
        if !(((0x21..=0x2C).contains(&c1) || (0x4A..=0x7D).contains(&c1))
            && (0x21..=0x7E).contains(&c2))
        {
            return false;
        }
        let t1 = if c1 < 0x4A {
            c1 as u16 - 0x21 + 0x1B2
        } else {
            c1 as u16 - 0x21 + 0x197
        };
        let t2 = if t1 & 1 == 1 { 0x5E } else { 0 } + (c2 as u16 - 0x21);
        ((t1 >> 1) << 8) | if t2 < 0x4E { t2 + 0x31 } else { t2 + 0x43 }
    };
    out.extend_from_slice(&code.to_be_bytes());
    true
}
