//! Single-byte code pages: 128-entry tables for the upper half (the lower
//! half is ASCII in all of them).

use super::CodePage;
use super::patches;
use std::sync::OnceLock;

const NONE: u32 = u32::MAX;

/// The upper half of a single-byte code page, both ways.
pub(crate) struct SbcsTable {
    dec: [u32; 128],
    /// (char, byte), sorted by char, for binary search.
    enc: Vec<(char, u8)>,
}

impl SbcsTable {
    fn new(dec: [u32; 128]) -> SbcsTable {
        let mut enc: Vec<(char, u8)> = dec
            .iter()
            .enumerate()
            .filter_map(|(i, &c)| char::from_u32(c).map(|c| (c, 0x80 + i as u8)))
            .collect();
        enc.sort();
        enc.dedup_by_key(|e| e.0);
        SbcsTable { dec, enc }
    }

    /// The character of a byte ≥ 0x80, or None where Python refuses it.
    pub(crate) fn decode(&self, b: u8) -> Option<char> {
        char::from_u32(self.dec[(b - 0x80) as usize])
    }

    /// The byte of a character ≥ U+0080.
    pub(crate) fn encode(&self, c: char) -> Option<u8> {
        self.enc
            .binary_search_by_key(&c, |e| e.0)
            .ok()
            .map(|i| self.enc[i].1)
    }
}

/// The table of a single-byte code page, None for multi-byte ones.
pub(crate) fn table(cp: CodePage) -> Option<&'static SbcsTable> {
    use CodePage::*;
    static TABLES: [OnceLock<SbcsTable>; 14] = [const { OnceLock::new() }; 14];
    let slot = match cp {
        Windows1250 => 0,
        Windows1251 => 1,
        Windows1252 => 2,
        Windows1253 => 3,
        Windows1254 => 4,
        Windows1257 => 5,
        Latin1 => 6,
        Iso8859_2 => 7,
        Iso8859_15 => 8,
        MacRoman => 9,
        Ibm437 => 10,
        Ibm850 => 11,
        Koi8R => 12,
        Koi8U => 13,
        _ => return None,
    };
    Some(TABLES[slot].get_or_init(|| build(cp)))
}

fn build(cp: CodePage) -> SbcsTable {
    let mut dec = [NONE; 128];
    match cp {
        CodePage::Latin1 => {
            for (i, d) in dec.iter_mut().enumerate() {
                *d = 0x80 + i as u32;
            }
        }
        CodePage::Ibm437 => dec.copy_from_slice(&IBM437),
        CodePage::Ibm850 => dec.copy_from_slice(&IBM850),
        _ => {
            let enc = cp
                .encoding_rs()
                .expect("single-byte page built on encoding_rs");
            for (i, d) in dec.iter_mut().enumerate() {
                let b = [0x80 + i as u8];
                if let Some(s) = enc.decode_without_bom_handling_and_without_replacement(&b) {
                    let mut it = s.chars();
                    if let (Some(c), None) = (it.next(), it.next()) {
                        *d = c as u32;
                    }
                }
            }
            for p in patches::decode_patches(cp) {
                for code in p.first..=p.last {
                    if (0x80..0x100).contains(&code) {
                        dec[(code - 0x80) as usize] = if p.to == NONE {
                            NONE
                        } else {
                            p.to + (code - p.first)
                        };
                    }
                }
            }
        }
    }
    SbcsTable::new(dec)
}

#[rustfmt::skip]
static IBM437: [u32; 128] = [
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
    0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
    0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,
    0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,
    0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
    0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,
    0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
];

#[rustfmt::skip]
static IBM850: [u32; 128] = [
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00F8, 0x00A3, 0x00D8, 0x00D7, 0x0192,
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,
    0x00BF, 0x00AE, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x00C1, 0x00C2, 0x00C0,
    0x00A9, 0x2563, 0x2551, 0x2557, 0x255D, 0x00A2, 0x00A5, 0x2510,
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x00E3, 0x00C3,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x00A4,
    0x00F0, 0x00D0, 0x00CA, 0x00CB, 0x00C8, 0x0131, 0x00CD, 0x00CE,
    0x00CF, 0x2518, 0x250C, 0x2588, 0x2584, 0x00A6, 0x00CC, 0x2580,
    0x00D3, 0x00DF, 0x00D4, 0x00D2, 0x00F5, 0x00D5, 0x00B5, 0x00FE,
    0x00DE, 0x00DA, 0x00DB, 0x00D9, 0x00FD, 0x00DD, 0x00AF, 0x00B4,
    0x00AD, 0x00B1, 0x2017, 0x00BE, 0x00B6, 0x00A7, 0x00F7, 0x00B8,
    0x00B0, 0x00A8, 0x00B7, 0x00B9, 0x00B3, 0x00B2, 0x25A0, 0x00A0,
];
