//! Decoding a file's bytes to text: the first stage of every run, before
//! parsing. Used by the engine (the rule that declares
//! [`crate::rule::Rule::reports_decoding`] reports what it found) and by the
//! result cache. Knows nothing about rules.

use std::borrow::Cow;

use encoding_rs::Encoding;

/// What reading a file that is not UTF-8 found.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Where the first undecodable byte landed in the decoded text.
    pub range: std::ops::Range<usize>,
    pub message: String,
    /// The encoding used to decode.
    pub encoding: &'static str,
    /// Is transcoding safe to apply without review?
    pub safe: bool,
}

/// A file's text.
pub struct Decoded<'b> {
    pub text: Cow<'b, str>,
    pub finding: Option<Finding>,
}

/// Why a file cannot be read as text.
#[derive(Debug, Clone)]
pub struct Binary {
    pub offset: usize,
}

/// Decode a file: UTF-8 as is; UTF-16 with a byte-order mark; otherwise
/// the legacy encoding chardetng detects. A file with NUL bytes and no
/// UTF-16 byte-order mark is binary.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Binary> {
    // Before UTF-16: the UTF-32LE mark starts with the UTF-16LE one.
    if let Some(d) = decode_utf32(bytes) {
        return Ok(d);
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes)
        && enc != encoding_rs::UTF_8
    {
        let (text, _, errors) = enc.decode(bytes);
        let text = text.into_owned();
        let _ = bom;
        return Ok(Decoded {
            finding: Some(Finding {
                range: 0..0,
                message: format!("file is {} with a byte-order mark, not UTF-8", enc.name()),
                encoding: enc.name(),
                safe: !errors,
            }),
            text: Cow::Owned(text),
        });
    }
    if let Some(nul) = memchr::memchr(0, bytes) {
        return Err(Binary { offset: nul });
    }
    let first_bad = match std::str::from_utf8(bytes) {
        Ok(s) => {
            return Ok(Decoded {
                text: Cow::Borrowed(s),
                finding: None,
            });
        }
        Err(e) => e.valid_up_to(),
    };
    // Is the rest of the file UTF-8 beyond a few bad bytes? Then only the
    // bad bytes are legacy text (a pasted paragraph).
    let mut invalid: Vec<u8> = Vec::new();
    let mut valid_non_ascii = false;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_non_ascii |= !s.is_ascii();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid_non_ascii |= !good.is_ascii();
                let n = e.error_len().unwrap_or(bad.len());
                invalid.extend_from_slice(&bad[..n]);
                invalid.push(b' ');
                rest = &bad[n..];
            }
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(if valid_non_ascii { &invalid } else { bytes }, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, errors) = if valid_non_ascii {
        // Mixed: keep the UTF-8, decode only the bad bytes.
        let mut out = String::with_capacity(bytes.len());
        let mut rest = bytes;
        let mut errors = false;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    out.push_str(s);
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    out.push_str(std::str::from_utf8(good).expect("valid prefix"));
                    let n = e.error_len().unwrap_or(bad.len());
                    let (t, err) = enc.decode_without_bom_handling(&bad[..n]);
                    errors |= err;
                    out.push_str(&t);
                    rest = &bad[n..];
                }
            }
        }
        (out, errors)
    } else {
        let (t, err) = enc.decode_without_bom_handling(bytes);
        (t.into_owned(), err)
    };
    // Where the first bad byte went.
    let prefix = std::str::from_utf8(&bytes[..first_bad]).expect("valid prefix");
    let start = if valid_non_ascii {
        first_bad
    } else {
        enc.decode_without_bom_handling(&bytes[..first_bad]).0.len()
    };
    let start = start.min(text.len());
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let _ = prefix;
    let word_start = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word_end = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    let word = &text[word_start..word_end];
    let example: String = word.chars().take(40).collect();
    let message = format!(
        "file is not valid UTF-8 (byte 0x{:02X}); it reads as {}{}: “{}”",
        bytes[first_bad],
        enc.name(),
        if valid_non_ascii { " in places" } else { "" },
        example
    );
    let has_c1 = text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c));
    Ok(Decoded {
        finding: Some(Finding {
            range: start..end,
            message,
            encoding: enc.name(),
            safe: !errors && !valid_non_ascii && !has_c1,
        }),
        text: Cow::Owned(text),
    })
}

/// UTF-32 with a byte-order mark (either order), which `encoding_rs`
/// does not know (it would read UTF-32LE as UTF-16LE with NULs). Units that
/// are not characters, or a final partial unit, become U+FFFD and make the
/// transcoding unsafe.
fn decode_utf32(bytes: &[u8]) -> Option<Decoded<'static>> {
    let (name, big) = match bytes.get(..4)? {
        [0xFF, 0xFE, 0, 0] => ("UTF-32LE", false),
        [0, 0, 0xFE, 0xFF] => ("UTF-32BE", true),
        _ => return None,
    };
    let body = &bytes[4..];
    let mut text = String::with_capacity(body.len() / 4);
    let mut errors = false;
    let units = body.chunks_exact(4);
    errors |= !units.remainder().is_empty();
    for u in units {
        let u = [u[0], u[1], u[2], u[3]];
        let v = if big {
            u32::from_be_bytes(u)
        } else {
            u32::from_le_bytes(u)
        };
        match char::from_u32(v) {
            Some(c) => text.push(c),
            None => {
                errors = true;
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    if errors {
        text.push_str(if body.len() % 4 != 0 { "\u{FFFD}" } else { "" });
    }
    Some(Decoded {
        finding: Some(Finding {
            range: 0..0,
            message: format!("file is {name} with a byte-order mark, not UTF-8"),
            encoding: name,
            safe: !errors,
        }),
        text: Cow::Owned(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf32_with_a_bom_is_transcoded_in_both_byte_orders() {
        let le = b"\xff\xfe\x00\x00#\x00\x00\x00\n\x00\x00\x00\xf1\x00\x00\x00\x17\xf9\x01\x00";
        let be = b"\x00\x00\xfe\xff\x00\x00\x00#\x00\x00\x00\n\x00\x00\x00\xf1\x00\x01\xf9\x17";
        for (bytes, name) in [(&le[..], "UTF-32LE"), (&be[..], "UTF-32BE")] {
            let d = decode(bytes).unwrap();
            assert_eq!(d.text, "#\nñ🤗", "{name}");
            let f = d.finding.unwrap();
            assert_eq!(f.encoding, name);
            assert!(f.safe, "{name}");
        }
        // A unit that is no character, and a cut-off unit: unsafe.
        let d = decode(b"\xff\xfe\x00\x00\x00\xd8\x00\x00a\x00").unwrap();
        assert_eq!(d.text, "\u{FFFD}\u{FFFD}");
        assert!(!d.finding.unwrap().safe);
        // UTF-16LE with a BOM is still UTF-16.
        let d = decode(b"\xff\xfe#\x00").unwrap();
        assert_eq!(d.text, "#");
    }

    #[test]
    fn utf8_is_borrowed() {
        let d = decode("añ".as_bytes()).unwrap();
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert!(d.finding.is_none());
    }

    #[test]
    fn latin1_spanish_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("# Introducción\n\nEl niño comió en España, ¿qué más?\n");
        let d = decode(&bytes).unwrap();
        assert_eq!(
            d.text,
            "# Introducción\n\nEl niño comió en España, ¿qué más?\n"
        );
        let f = d.finding.unwrap();
        assert!(f.safe);
        assert!(f.message.contains("windows-1252"), "{}", f.message);
        assert_eq!(&d.text[f.range.clone()], "ó");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "hola ñ\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "hola ñ\n");
    }

    #[test]
    fn mixed_file_keeps_utf8() {
        let mut bytes = "canción ".as_bytes().to_vec();
        bytes.extend_from_slice(b"ni\xf1o\n");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "canción niño\n");
        assert!(!d.finding.unwrap().safe);
    }

    #[test]
    fn nul_is_binary() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0").is_err());
    }
}
