//! Multi-byte code pages built on encoding_rs's tables, corrected to match
//! Python's codecs (see `patches.rs`): Shift_JIS, CP932, EUC-JP, GBK,
//! GB18030, Big5, EUC-KR and CP949. The tables are made at compile time by
//! `build.rs` with `dbcs_build.rs` and embedded in the binary: nothing is
//! built at run time.

use super::dbcs_build::{LEAD, PAGES, gb18030_four};
use super::{CodePage, Step};

/// The embedded tables, in the order of [`PAGES`].
static DATA: [&[u8]; 8] = [
    include_bytes!(concat!(env!("OUT_DIR"), "/dbcs-0.bin")),
    include_bytes!(concat!(env!("OUT_DIR"), "/dbcs-1.bin")),
    include_bytes!(concat!(env!("OUT_DIR"), "/dbcs-2.bin")),
    include_bytes!(concat!(env!("OUT_DIR"), "/dbcs-3.bin")),
    include_bytes!(concat!(env!("OUT_DIR"), "/dbcs-4.bin")),
    include_bytes!(concat!(env!("OUT_DIR"), "/dbcs-5.bin")),
    include_bytes!(concat!(env!("OUT_DIR"), "/dbcs-6.bin")),
    include_bytes!(concat!(env!("OUT_DIR"), "/dbcs-7.bin")),
];

/// A multi-byte code page as Python decodes it: views into its embedded
/// table (little-endian u32s, see [`super::dbcs_build::Built::to_bytes`]).
pub(crate) struct DbcsTable {
    cp: CodePage,
    single: &'static [u8],
    double: &'static [u8],
    triple: &'static [u8],
    /// (character, code) pairs, sorted by character.
    enc: &'static [u8],
}

fn word(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]])
}

/// The table of a multi-byte code page.
pub(crate) fn table(cp: CodePage) -> &'static DbcsTable {
    static TABLES: std::sync::OnceLock<Vec<DbcsTable>> = std::sync::OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        PAGES
            .iter()
            .zip(DATA)
            .map(|(&cp, data)| {
                let (single, rest) = data.split_at(128 * 4);
                let (double, rest) = rest.split_at(128 * 256 * 4);
                let n = word(rest, 0) as usize;
                let (triple, rest) = rest[4..].split_at(n * 4);
                let m = word(rest, 0) as usize;
                let enc = &rest[4..4 + m * 8];
                DbcsTable {
                    cp,
                    single,
                    double,
                    triple,
                    enc,
                }
            })
            .collect()
    });
    match PAGES.iter().position(|&p| p == cp) {
        Some(i) => &tables[i],
        None => panic!("{cp:?} is not a table-driven multi-byte code page"),
    }
}

impl DbcsTable {
    fn single(&self, i: usize) -> u32 {
        word(self.single, i)
    }

    fn double(&self, i: usize) -> u32 {
        word(self.double, i)
    }

    fn triple(&self, i: usize) -> u32 {
        word(self.triple, i)
    }

    /// The bytes (big-endian, 1 to 3) of `c`: a binary search of the pairs.
    fn encode(&self, c: char) -> Option<u32> {
        let (mut lo, mut hi) = (0, self.enc.len() / 8);
        let c = c as u32;
        while lo < hi {
            let mid = (lo + hi) / 2;
            match word(self.enc, 2 * mid).cmp(&c) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(word(self.enc, 2 * mid + 1)),
            }
        }
        None
    }
}

impl DbcsTable {
    pub(crate) fn step(&self, bytes: &[u8]) -> Step {
        let b = bytes[0];
        if b < 0x80 {
            return Step::Char(b as char, 1);
        }
        let v = self.single(b as usize - 0x80);
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
            let v = self.triple((b2 as usize - 0xA1) * 94 + b3 as usize - 0xA1);
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
        match char::from_u32(self.double((b as usize - 0x80) * 256 + t as usize)) {
            Some(c) => Step::Char(c, 2),
            None => Step::Invalid(1),
        }
    }

    pub(crate) fn encode_char(&self, c: char, out: &mut Vec<u8>) -> bool {
        if let Some(code) = self.encode(c) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded tables are what `dbcs_build` makes now (a stale build
    /// script output, or an edit of one side only, fails here).
    #[test]
    fn embedded_tables_are_current() {
        for (cp, data) in PAGES.iter().zip(DATA) {
            let built = super::super::dbcs_build::build(*cp);
            assert!(built.to_bytes() == data, "{cp:?}");
        }
    }
}
