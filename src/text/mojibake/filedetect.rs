//! ENC002: the encoding of a file that is not valid UTF-8.

use crate::text::codepages::CodePage;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;

/// A non-UTF-8 file, its detected encoding and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEncoding {
    /// The encoding chardetng guessed (never UTF-8).
    pub encoding: &'static Encoding,
    /// The same code page in [`CodePage`] terms, where there is one.
    pub codepage: Option<CodePage>,
    /// The whole file decoded (with encoding_rs; a BOM of another Unicode
    /// encoding wins over the guess).
    pub text: String,
    /// Some bytes were not valid in the guessed encoding and were replaced
    /// by U+FFFD: the transcoding is lossy and must not be applied silently.
    pub lossy: bool,
}

/// None for valid UTF-8 (with or without BOM); otherwise the detected
/// encoding and the decoded text. The whole input is always decoded.
pub fn detect_file_encoding(bytes: &[u8]) -> Option<FileEncoding> {
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, len)) if enc != encoding_rs::UTF_8 => (enc, &bytes[len..]),
        _ => {
            let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            (det.guess(None, Utf8Detection::Deny), bytes)
        }
    };
    let (text, lossy) = encoding.decode_without_bom_handling(body);
    let codepage = CodePage::ALL.into_iter().find(|cp| {
        cp.encoding_rs() == Some(encoding)
            && !matches!(cp, CodePage::EucKr | CodePage::Cp932 | CodePage::Gb18030)
    });
    Some(FileEncoding { encoding, codepage, text: text.into_owned(), lossy })
}
