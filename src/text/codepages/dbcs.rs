//! Multi-byte code pages built on encoding_rs's tables, corrected to match
//! Python's codecs (see `patches.rs`): Shift_JIS, CP932, EUC-JP, GBK,
//! GB18030, Big5, EUC-KR and CP949.

use super::patches::{self, NONE};
use super::{CodePage, Step};
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Marks a byte that starts a multi-byte sequence in `DbcsTable::single`.
const LEAD: u32 = u32::MAX - 1;

/// A multi-byte code page as Python decodes it.
pub(crate) struct DbcsTable {
    cp: CodePage,
    /// Bytes 0x80..=0xFF: a character, `NONE`, or `LEAD`.
    single: [u32; 128],
    /// Two-byte sequences: `(lead - 0x80) * 256 + trail`.
    double: Vec<u32>,
    /// EUC-JP's JIS X 0212 (0x8F b2 b3): `(b2 - 0xA1) * 94 + (b3 - 0xA1)`.
    triple: Vec<u32>,
    /// Character → bytes, big-endian, 1 to 3 bytes (GB18030's four-byte
    /// sequences are computed by encoding_rs instead).
    enc: HashMap<char, u32>,
}

/// The table of a multi-byte code page (built on first use, ~10 ms).
pub(crate) fn table(cp: CodePage) -> &'static DbcsTable {
    use CodePage::*;
    static TABLES: [OnceLock<DbcsTable>; 8] = [const { OnceLock::new() }; 8];
    let slot = match cp {
        ShiftJis => 0,
        Cp932 => 1,
        EucJp => 2,
        Gbk => 3,
        Gb18030 => 4,
        Big5 => 5,
        EucKr => 6,
        Cp949 => 7,
        _ => panic!("{cp:?} is not a table-driven multi-byte code page"),
    };
    TABLES[slot].get_or_init(|| build(cp))
}

/// Build every table not built yet, each on its own thread, and return
/// when all are ready. A run of text about to be read through every code
/// page needs them all: on a one-page run this divides the wait by the
/// number of cores. Plain scoped threads, not rayon: the caller may be a
/// rayon task, and a rayon wait here could pick up another task that blocks
/// on one of these tables.
pub(crate) fn build_all() {
    use CodePage::*;
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        std::thread::scope(|scope| {
            for cp in [Gb18030, Big5, Gbk, EucJp, ShiftJis, Cp932, EucKr, Cp949] {
                scope.spawn(move || {
                    table(cp);
                });
            }
        });
    });
}

/// What encoding_rs alone makes of `bytes` as one character, before the
/// corrections: `NONE` unless it decodes to exactly one character.
pub(crate) fn raw_decode(cp: CodePage, bytes: &[u8]) -> u32 {
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

fn build(cp: CodePage) -> DbcsTable {
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
    let mut enc = HashMap::with_capacity_and_hasher(24_000, Default::default());
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
    DbcsTable {
        cp,
        single,
        double,
        triple,
        enc,
    }
}

impl DbcsTable {
    pub(crate) fn step(&self, bytes: &[u8]) -> Step {
        let b = bytes[0];
        if b < 0x80 {
            return Step::Char(b as char, 1);
        }
        let v = self.single[(b - 0x80) as usize];
        if v != LEAD {
            return match char::from_u32(v) {
                Some(c) => Step::Char(c, 1),
                None => Step::Invalid(1),
            };
        }
        // Python reports a sequence cut short by the end of the input as one
        // error covering the remaining bytes.
        if bytes.len() < 2 {
            return Step::Invalid(bytes.len());
        }
        let t = bytes[1];
        if self.cp == CodePage::EucJp && b == 0x8F {
            if bytes.len() < 3 {
                return Step::Invalid(bytes.len());
            }
            let (b2, b3) = (bytes[1], bytes[2]);
            if !(0xA1..=0xFE).contains(&b2) || !(0xA1..=0xFE).contains(&b3) {
                return Step::Invalid(1);
            }
            let v = self.triple[(b2 as usize - 0xA1) * 94 + b3 as usize - 0xA1];
            return match char::from_u32(v) {
                Some(c) => Step::Char(c, 3),
                None => Step::Invalid(1),
            };
        }
        if self.cp == CodePage::Gb18030 && (0x30..=0x39).contains(&t) {
            if bytes.len() < 4 {
                return Step::Invalid(bytes.len());
            }
            return match gb18030_four(&bytes[..4]) {
                Some(c) => Step::Char(c, 4),
                None => Step::Invalid(1),
            };
        }
        if t < 0x30 {
            return Step::Invalid(1);
        }
        match char::from_u32(self.double[(b as usize - 0x80) * 256 + t as usize]) {
            Some(c) => Step::Char(c, 2),
            None => Step::Invalid(1),
        }
    }

    pub(crate) fn encode_char(&self, c: char, out: &mut Vec<u8>) -> bool {
        if let Some(&code) = self.enc.get(&c) {
            if code > 0xFF_FFFF {
                out.extend_from_slice(&code.to_be_bytes());
            } else if code > 0xFFFF {
                out.extend_from_slice(&[(code >> 16) as u8, (code >> 8) as u8, code as u8]);
            } else if code > 0xFF {
                out.extend_from_slice(&[(code >> 8) as u8, code as u8]);
            } else {
                out.push(code as u8);
            }
            return true;
        }
        if self.cp == CodePage::Gb18030 && (c as u32) >= 0x10000 {
            let l = c as u32 - 0x10000;
            out.extend_from_slice(&[
                (0x90 + l / 12600) as u8,
                (0x30 + l / 1260 % 10) as u8,
                (0x81 + l / 10 % 126) as u8,
                (0x30 + l % 10) as u8,
            ]);
            return true;
        }
        false
    }
}

/// A GB18030 four-byte sequence as Python decodes it: the BMP ranges below
/// linear index 39420 and the supplementary planes; encoding_rs computes the
/// BMP ranges (same table), the planes are arithmetic.
fn gb18030_four(b: &[u8]) -> Option<char> {
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
