//! How the multi-byte code pages' tables are made: encoding_rs's tables,
//! corrected to match Python's codecs (`patches.rs`). `build.rs` runs this
//! at compile time and embeds the result (`dbcs.rs` reads it); the crate
//! keeps it for GB18030's four-byte sequences and for the test that the
//! embedded tables are what it makes. Nothing here may use the rest of the
//! crate but `page.rs` and `patches.rs`.

use super::CodePage;
use super::patches::{self, NONE};
use std::collections::HashMap;

/// Marks a byte that starts a multi-byte sequence in `Built::single`.
pub const LEAD: u32 = u32::MAX - 1;

/// The code pages with compiled tables, in the order of their files.
pub const PAGES: [CodePage; 8] = [
    CodePage::ShiftJis,
    CodePage::Cp932,
    CodePage::EucJp,
    CodePage::Gbk,
    CodePage::Gb18030,
    CodePage::Big5,
    CodePage::EucKr,
    CodePage::Cp949,
];

/// A multi-byte code page as Python decodes it.
#[derive(Debug, PartialEq, Eq)]
pub struct Built {
    /// Bytes 0x80..=0xFF: a character, `NONE`, or `LEAD`.
    pub single: [u32; 128],
    /// Two-byte sequences: `(lead - 0x80) * 256 + trail`.
    pub double: Vec<u32>,
    /// EUC-JP's JIS X 0212 (0x8F b2 b3): `(b2 - 0xA1) * 94 + (b3 - 0xA1)`;
    /// empty for the other pages.
    pub triple: Vec<u32>,
    /// (character, bytes big-endian, 1 to 3 bytes), sorted by character
    /// (GB18030's four-byte sequences of the supplementary planes are
    /// arithmetic and not listed).
    pub enc: Vec<(u32, u32)>,
}

impl Built {
    /// The embedded form: little-endian u32s, `single (128) | double (32,768)
    /// | triple length | triple | enc length | enc pairs`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut words: Vec<u32> = Vec::new();
        words.extend_from_slice(&self.single);
        words.extend_from_slice(&self.double);
        words.push(self.triple.len() as u32);
        words.extend_from_slice(&self.triple);
        words.push(self.enc.len() as u32);
        for &(c, code) in &self.enc {
            words.push(c);
            words.push(code);
        }
        words.iter().flat_map(|w| w.to_le_bytes()).collect()
    }
}

/// What encoding_rs alone makes of `bytes` as one character, before the
/// corrections: `NONE` unless it decodes to exactly one character.
pub fn raw_decode(cp: CodePage, bytes: &[u8]) -> u32 {
    let enc = cp
        .encoding_rs()
        .expect("table-driven page has an encoding_rs encoding");
    // A decoder writing into a stack buffer: no allocation per sequence
    // (the tables decode some 30,000 sequences per code page).
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut buf = [0u8; 16];
    let (result, _, written) = decoder.decode_to_utf8_without_replacement(bytes, &mut buf, true);
    if result != encoding_rs::DecoderResult::InputEmpty {
        return NONE;
    }
    match std::str::from_utf8(&buf[..written]) {
        Ok(s) => {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => c as u32,
                _ => NONE,
            }
        }
        Err(_) => NONE,
    }
}

/// Build the tables of a multi-byte code page.
pub fn build(cp: CodePage) -> Built {
    let mut single = [NONE; 128];
    let mut double = vec![NONE; 128 * 256];
    let mut triple = Vec::new();
    for b in 0x80..=0xFFu32 {
        single[(b - 0x80) as usize] = raw_decode(cp, &[b as u8]);
        for t in 0x30..=0xFFu32 {
            double[((b - 0x80) * 256 + t) as usize] = raw_decode(cp, &[b as u8, t as u8]);
        }
    }
    if cp == CodePage::EucJp {
        triple = vec![NONE; 94 * 94];
        for b2 in 0xA1..=0xFEu32 {
            for b3 in 0xA1..=0xFEu32 {
                triple[((b2 - 0xA1) * 94 + b3 - 0xA1) as usize] =
                    raw_decode(cp, &[0x8F, b2 as u8, b3 as u8]);
            }
        }
    }
    for p in patches::decode_patches(cp) {
        for code in p.first..=p.last {
            let v = if p.to == NONE {
                NONE
            } else {
                p.to + (code - p.first)
            };
            match code {
                0x80..=0xFF => single[(code - 0x80) as usize] = v,
                0x8000..=0xFFFF => double[(code - 0x8000) as usize] = v,
                0x8FA1A1..=0x8FFEFE => {
                    let (b2, b3) = ((code >> 8) & 0xFF, code & 0xFF);
                    triple[((b2 - 0xA1) * 94 + b3 - 0xA1) as usize] = v;
                }
                _ => {} // GB18030 four-byte codes: looked up in gb18030_four
            }
        }
    }
    // A byte is a lead where it is no character by itself and starts at
    // least one valid sequence.
    for b in 0x80..=0xFFusize {
        let row = &double[(b - 0x80) * 256..(b - 0x80 + 1) * 256];
        if single[b - 0x80] == NONE
            && (row.iter().any(|&v| v != NONE)
                || (cp == CodePage::EucJp && b == 0x8F)
                || (cp == CodePage::Gb18030 && (0x81..=0xFE).contains(&b)))
        {
            single[b - 0x80] = LEAD;
        }
    }
    let mut enc: HashMap<char, u32> = HashMap::with_capacity(24_000);
    for (i, &v) in single.iter().enumerate() {
        if let Some(c) = char::from_u32(v) {
            enc.entry(c).or_insert(0x80 + i as u32);
        }
    }
    for (i, &v) in double.iter().enumerate() {
        if let Some(c) = char::from_u32(v) {
            enc.entry(c).or_insert(0x8000 + i as u32);
        }
    }
    for (i, &v) in triple.iter().enumerate() {
        if let Some(c) = char::from_u32(v) {
            let code = 0x8F0000 | ((i as u32 / 94 + 0xA1) << 8) | (i as u32 % 94 + 0xA1);
            enc.entry(c).or_insert(code);
        }
    }
    if cp == CodePage::Gb18030 {
        // The four-byte BMP area (after the two-byte table, which wins).
        for lseq in 0..39420u32 {
            let b = [
                (0x81 + lseq / 12600) as u8,
                (0x30 + lseq / 1260 % 10) as u8,
                (0x81 + lseq / 10 % 126) as u8,
                (0x30 + lseq % 10) as u8,
            ];
            if let Some(c) = gb18030_four(&b) {
                enc.entry(c).or_insert(u32::from_be_bytes(b));
            }
        }
    }
    for &(c, code) in patches::encode_patches(cp) {
        if let Some(c) = char::from_u32(c) {
            if code == NONE {
                enc.remove(&c);
            } else {
                enc.insert(c, code);
            }
        }
    }
    let mut enc: Vec<(u32, u32)> = enc.into_iter().map(|(c, code)| (c as u32, code)).collect();
    enc.sort_unstable();
    Built {
        single,
        double,
        triple,
        enc,
    }
}

/// A GB18030 four-byte sequence as Python decodes it: the BMP ranges below
/// linear index 39420 and the supplementary planes; encoding_rs computes the
/// BMP ranges (same table), the planes are arithmetic.
pub fn gb18030_four(b: &[u8]) -> Option<char> {
    let (c1, c2, c3, c4) = (b[0], b[1], b[2], b[3]);
    if !(0x81..=0xFE).contains(&c1)
        || !(0x30..=0x39).contains(&c2)
        || !(0x81..=0xFE).contains(&c3)
        || !(0x30..=0x39).contains(&c4)
    {
        return None;
    }
    let (c1, c2, c3, c4) = (
        c1 as u32 - 0x81,
        c2 as u32 - 0x30,
        c3 as u32 - 0x81,
        c4 as u32 - 0x30,
    );
    if c1 < 4 {
        let lseq = (c1 * 10 + c2) * 126 + c3 * 10 + c4;
        if lseq < 39420 {
            let code = u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
            let v = patches::decode_patches(CodePage::Gb18030)
                .iter()
                .find(|p| (p.first..=p.last).contains(&code))
                .map_or_else(
                    || raw_decode(CodePage::Gb18030, b),
                    |p| {
                        if p.to == NONE {
                            NONE
                        } else {
                            p.to + (code - p.first)
                        }
                    },
                );
            return char::from_u32(v).filter(|c| (*c as u32) < 0x10000);
        }
        None
    } else if c1 >= 15 {
        char::from_u32(0x10000 + ((c1 - 15) * 10 + c2) * 1260 + c3 * 10 + c4)
    } else {
        None
    }
}
