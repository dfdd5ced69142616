//! Tests against the Python vectors in `fixtures/codepages/`
//! (made by `python3 scripts/gen-codepage-vectors.py`), and the generator of
//! `patches.rs` (`cargo test gen_patches -- --ignored`).

use super::*;
use std::collections::HashMap;
use std::fmt::Write as _;

const NONE: u32 = u32::MAX;

fn fixture_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/codepages")
}

/// Python's view of one code page.
struct Vectors {
    /// (bytes, decoded) for every sequence in the file; None = Python refuses.
    decode: Vec<(Vec<u8>, Option<String>)>,
    /// raw bytes → Python's encode(decode(raw)) where it differs (None = refuses).
    reencode: HashMap<Vec<u8>, Option<Vec<u8>>>,
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn cps(s: &str) -> Option<String> {
    if s == "-" {
        return None;
    }
    Some(
        s.split('+')
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
            .collect(),
    )
}

fn load(cp: CodePage) -> Vectors {
    let path = fixture_dir().join(format!("{}.txt", cp.python_codec()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut decode = Vec::new();
    let mut reencode = HashMap::new();
    let mut single_ok = [false; 256];
    let mut rows: HashMap<u8, Vec<char>> = HashMap::new();
    let mut runs4: Vec<(u32, Option<u32>)> = Vec::new();
    for line in text.lines() {
        let (kind, rest) = line.split_at(1);
        let rest = rest.trim_start_matches(' ');
        match kind {
            "S" => {
                let (b, v) = rest.split_once(' ').unwrap();
                let b = hex(b)[0];
                let v = cps(v);
                single_ok[b as usize] = v.is_some();
                decode.push((vec![b], v));
            }
            "D" => {
                let (lead, row) = rest.split_once(' ').unwrap();
                rows.insert(hex(lead)[0], row.chars().collect());
            }
            "T" => {
                let (pre, row) = rest.split_once(' ').unwrap();
                let pre = hex(pre);
                for (i, c) in row.chars().enumerate() {
                    let v = (c != '\u{FFFF}').then(|| c.to_string());
                    decode.push((vec![pre[0], pre[1], 0xA1 + i as u8], v));
                }
            }
            "Q" => {
                let (pre, list) = rest.split_once(' ').unwrap();
                let pre = hex(pre);
                for (i, v) in list.split(' ').enumerate() {
                    decode.push((vec![pre[0], pre[1], pre[2], 0x30 + i as u8], cps(v)));
                }
            }
            "R" => {
                let (b, v) = rest.split_once(' ').unwrap();
                let b = hex(b);
                let lseq = (b[0] as u32 - 0x81) * 12600
                    + (b[1] as u32 - 0x30) * 1260
                    + (b[2] as u32 - 0x81) * 10
                    + (b[3] as u32 - 0x30);
                runs4.push((lseq, cps(v).map(|s| s.chars().next().unwrap() as u32)));
            }
            "E" => {
                let (raw, enc) = rest.split_once(' ').unwrap();
                reencode.insert(hex(raw), (enc != "-").then(|| hex(enc)));
            }
            _ => {}
        }
    }
    for (i, &(start, first)) in runs4.iter().enumerate() {
        let end = runs4.get(i + 1).map_or(39420, |r| r.0);
        for lseq in start..end {
            let b = vec![
                (0x81 + lseq / 12600) as u8,
                (0x30 + lseq / 1260 % 10) as u8,
                (0x81 + lseq / 10 % 126) as u8,
                (0x30 + lseq % 10) as u8,
            ];
            let v = first.map(|c| char::from_u32(c + lseq - start).unwrap().to_string());
            decode.push((b, v));
        }
    }
    // Every byte that is not a character by itself has a row of two-byte
    // sequences (trails 0x30..=0xFF); a missing row is all refused.
    if !cp.is_single_byte() {
        for b in 0x80..=0xFFu8 {
            if single_ok[b as usize] {
                continue;
            }
            let row = rows.remove(&b).unwrap_or_else(|| vec!['\u{FFFF}'; 0xD0]);
            assert_eq!(row.len(), 0xD0, "{cp:?} row {b:02x}");
            for (i, c) in row.into_iter().enumerate() {
                let v = (c != '\u{FFFF}').then(|| c.to_string());
                decode.push((vec![b, 0x30 + i as u8], v));
            }
        }
    }
    Vectors { decode, reencode }
}

#[test]
fn decode_agrees_with_python() {
    for cp in CodePage::ALL {
        let v = load(cp);
        let mut bad = Vec::new();
        for (bytes, want) in &v.decode {
            let got = cp.decode(bytes).ok();
            if &got != want {
                bad.push(format!("{bytes:02x?}: python {want:?}, ours {got:?}"));
            }
        }
        assert_no_differences(cp, &bad);
    }
}

/// Fails with the count and the first ten differences from Python.
fn assert_no_differences(cp: CodePage, bad: &[String]) {
    assert!(
        bad.is_empty(),
        "{cp:?}: {} differences, e.g. {:#?}",
        bad.len(),
        &bad[..bad.len().min(10)]
    );
}

#[test]
fn encode_inverts_python_decode() {
    for cp in CodePage::ALL {
        let v = load(cp);
        let mut bad = Vec::new();
        for (bytes, want) in &v.decode {
            let Some(s) = want else { continue };
            let expect = v
                .reencode
                .get(bytes)
                .cloned()
                .unwrap_or_else(|| Some(bytes.clone()));
            let mut out = Vec::new();
            let got = cp.encode(s, &mut out).ok().map(|_| out);
            if got != expect {
                bad.push(format!(
                    "{bytes:02x?} {s:?}: python {expect:02x?}, ours {got:02x?}"
                ));
            }
        }
        assert_no_differences(cp, &bad);
    }
}

#[test]
fn text_vectors_round_trip() {
    let text = std::fs::read_to_string(fixture_dir().join("text.txt")).unwrap();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        let cp = CodePage::from_name(f[0]).unwrap();
        let original = json_str(f[1]).unwrap();
        let corrupted = json_str(f[2]);
        let ours = cp.decode(original.as_bytes()).ok();
        assert_eq!(ours, corrupted, "{cp:?} decode of {original:?}");
        if let Some(c) = corrupted {
            let mut out = Vec::new();
            cp.encode(&c, &mut out).unwrap();
            assert_eq!(out, original.as_bytes(), "{cp:?} encode of {c:?}");
            n += 1;
        }
    }
    assert!(n > 100);
}

#[test]
fn lossy_johab_matches_python() {
    // Python: b'\xc2\xbfQu\xc3\xa9?'.decode('johab', 'replace')
    assert_eq!(
        CodePage::Johab.decode_lossy("¿Qué?".as_bytes()),
        "\u{FFFD}쯈u칠?"
    );
}

#[test]
fn encoder_refuses_instead_of_escaping() {
    let mut out = Vec::new();
    let err = CodePage::Windows1252.encode("a€b漢", &mut out).unwrap_err();
    assert_eq!((err.offset, err.ch), (5, '漢'));
    assert!(CodePage::Johab.encode("🤗", &mut Vec::new()).is_err());
    assert!(
        CodePage::Windows1252
            .encode("\u{81}", &mut Vec::new())
            .is_err()
    );
}

#[test]
fn names() {
    assert_eq!(CodePage::Johab.name(), "Johab (cp1361)");
    for cp in CodePage::ALL {
        assert_eq!(CodePage::from_name(cp.python_codec()), Some(cp));
        assert_eq!(CodePage::from_name(cp.name()), Some(cp));
    }
    assert_eq!(CodePage::from_name("cp1361"), Some(CodePage::Johab));
}

/// Minimal JSON string reader for the vectors (`null` → None).
fn json_str(s: &str) -> Option<String> {
    if s == "null" {
        return None;
    }
    let mut out = String::new();
    let mut it = s[1..s.len() - 1].chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next().unwrap() {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'u' => {
                let h: String = it.by_ref().take(4).collect();
                let mut u = u32::from_str_radix(&h, 16).unwrap();
                if (0xD800..0xDC00).contains(&u) {
                    let _ = (it.next(), it.next());
                    let h: String = it.by_ref().take(4).collect();
                    let lo = u32::from_str_radix(&h, 16).unwrap();
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                }
                out.push(char::from_u32(u).unwrap());
            }
            c => panic!("escape {c}"),
        }
    }
    Some(out)
}

/// Regenerates `patches.rs`: where encoding_rs and Python disagree.
#[test]
#[ignore]
fn gen_patches() {
    let pages: Vec<CodePage> = CodePage::ALL
        .into_iter()
        .filter(|cp| cp.encoding_rs().is_some())
        .collect();
    let mut src = String::from(
        "//! Generated by `cargo test gen_patches -- --ignored` from fixtures/codepages/:\n\
         //! where Python's codecs differ from encoding_rs's tables. Do not edit.\n\n\
         use super::CodePage;\n\n\
         /// No character: Python refuses the sequence (decode) or the character (encode).\n\
         pub(crate) const NONE: u32 = u32::MAX;\n\n\
         /// Codes `first..=last` (big-endian byte values) decode to `to`, `to + 1`, …\n\
         /// (or are refused, where `to` is NONE).\n\
         pub(crate) struct Patch {\n    pub first: u32,\n    pub last: u32,\n    pub to: u32,\n}\n\n",
    );
    let mut dec_fn = String::from(
        "pub(crate) fn decode_patches(cp: CodePage) -> &'static [Patch] {\n    match cp {\n",
    );
    let mut enc_fn = String::from(
        "/// (character, code): Python's encoder writes `code` (NONE: refuses it).\n\
         pub(crate) fn encode_patches(cp: CodePage) -> &'static [(u32, u32)] {\n    match cp {\n",
    );
    for cp in pages {
        let v = load(cp);
        let mut runs: Vec<(u32, u32, u32)> = Vec::new();
        let mut items: Vec<(u32, u32)> = v
            .decode
            .iter()
            .filter(|(b, _)| b[0] >= 0x80)
            .map(|(b, want)| {
                let code = b.iter().fold(0u32, |a, &x| a << 8 | x as u32);
                let want = want.as_ref().map_or(NONE, |s| {
                    let mut it = s.chars();
                    let c = it.next().unwrap();
                    assert!(it.next().is_none());
                    c as u32
                });
                (code, want)
            })
            .collect();
        items.sort();
        items.dedup();
        for (code, want) in items {
            let bytes: Vec<u8> = code
                .to_be_bytes()
                .into_iter()
                .skip_while(|&x| x == 0)
                .collect();
            if bytes.len() == 4 && (bytes[0] as u32 - 0x81) >= 4 {
                continue; // supplementary planes: arithmetic, no table
            }
            let raw = if cp.is_single_byte() {
                cp.encoding_rs()
                    .unwrap()
                    .decode_without_bom_handling_and_without_replacement(&bytes)
                    .and_then(|s| s.chars().next())
                    .map_or(NONE, |c| c as u32)
            } else {
                dbcs_build::raw_decode(cp, &bytes)
            };
            if raw == want {
                continue;
            }
            if let Some(last) = runs.last_mut() {
                let next = if last.2 == NONE {
                    NONE
                } else {
                    last.2 + (code - last.0)
                };
                if code == last.1 + 1 && want == next {
                    last.1 = code;
                    continue;
                }
            }
            runs.push((code, code, want));
        }
        let name = format!("{cp:?}").to_uppercase();
        let _ = writeln!(src, "static {name}_DEC: [Patch; {}] = [", runs.len());
        for (a, b, to) in &runs {
            let to = if *to == NONE {
                "NONE".into()
            } else {
                format!("0x{to:04X}")
            };
            let _ = writeln!(
                src,
                "    Patch {{ first: 0x{a:X}, last: 0x{b:X}, to: {to} }},"
            );
        }
        src.push_str("];\n");
        let mut enc: Vec<(u32, u32)> = v
            .reencode
            .iter()
            .map(|(raw, enc)| {
                let c = cp_decode_python(&v, raw);
                (
                    c,
                    enc.as_ref()
                        .map_or(NONE, |e| e.iter().fold(0u32, |a, &x| a << 8 | x as u32)),
                )
            })
            .collect();
        enc.sort();
        enc.dedup();
        let _ = writeln!(src, "static {name}_ENC: [(u32, u32); {}] = [", enc.len());
        for (c, code) in &enc {
            let code = if *code == NONE {
                "NONE".into()
            } else {
                format!("0x{code:X}")
            };
            let _ = writeln!(src, "    (0x{c:04X}, {code}),");
        }
        src.push_str("];\n\n");
        let _ = writeln!(dec_fn, "        CodePage::{cp:?} => &{name}_DEC,");
        let _ = writeln!(enc_fn, "        CodePage::{cp:?} => &{name}_ENC,");
    }
    dec_fn.push_str("        _ => &[],\n    }\n}\n\n");
    enc_fn.push_str("        _ => &[],\n    }\n}\n");
    src.push_str(&dec_fn);
    src.push_str(&enc_fn);
    let out =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/text/codepages/patches.rs");
    std::fs::write(out, src).unwrap();
}

fn cp_decode_python(v: &Vectors, raw: &[u8]) -> u32 {
    let s = v
        .decode
        .iter()
        .find(|(b, _)| b == raw)
        .and_then(|(_, s)| s.clone())
        .unwrap();
    s.chars().next().unwrap() as u32
}

#[test]
fn web_encoder_inverts_the_browser_decode() {
    // Browsers (WHATWG, encoding_rs) decode every windows-125x byte; the
    // web encoder takes each character back to its byte.
    for cp in CodePage::ALL.into_iter().filter(|cp| cp.is_windows()) {
        let enc = cp.encoding_rs().unwrap();
        for b in 0x80u8..=0xFF {
            let bytes = [b];
            let (s, _) = enc.decode_without_bom_handling(&bytes);
            let c = s.chars().next().unwrap();
            if c == '\u{FFFD}' {
                continue; // unassigned for browsers too (windows-1253 0xAA)
            }
            let mut out = Vec::new();
            assert!(cp.encode_char_web(c, &mut out), "{cp:?} {b:02X}");
            assert_eq!(out, [b], "{cp:?} U+{:04X}", c as u32);
        }
    }
    // Python's codec refuses the C1 control; the browser form takes it.
    let mut out = Vec::new();
    assert!(!CodePage::Windows1252.encode_char('\u{81}', &mut out));
    assert!(CodePage::Windows1252.encode_char_web('\u{81}', &mut out));
    assert!(!CodePage::Windows1252.encode_char_web('\u{80}', &mut out));
    assert!(!CodePage::Latin1.encode_char_web('\u{3b1}', &mut out));
}
