//! The code pages themselves, and the encoding_rs encodings that hold
//! their tables. Shared with `build.rs`, which compiles the multi-byte
//! tables (`dbcs_build.rs`): nothing here may use the rest of the crate.

/// A legacy code page (see SPEC ENC001).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CodePage {
    Johab,
    Cp949,
    EucKr,
    ShiftJis,
    Cp932,
    EucJp,
    Gbk,
    Gb18030,
    Big5,
    Windows1250,
    Windows1251,
    Windows1252,
    Windows1253,
    Windows1254,
    Windows1257,
    Latin1,
    Iso8859_2,
    Iso8859_15,
    MacRoman,
    Ibm437,
    Ibm850,
    Koi8R,
    Koi8U,
}

impl CodePage {
    /// The encoding_rs encoding whose tables this code page is built on.
    pub fn encoding_rs(self) -> Option<&'static encoding_rs::Encoding> {
        use CodePage::*;
        use encoding_rs as e;
        Some(match self {
            Cp949 | EucKr => e::EUC_KR,
            ShiftJis | Cp932 => e::SHIFT_JIS,
            EucJp => e::EUC_JP,
            Gbk => e::GBK,
            Gb18030 => e::GB18030,
            Big5 => e::BIG5,
            Windows1250 => e::WINDOWS_1250,
            Windows1251 => e::WINDOWS_1251,
            Windows1252 => e::WINDOWS_1252,
            Windows1253 => e::WINDOWS_1253,
            Windows1254 => e::WINDOWS_1254,
            Windows1257 => e::WINDOWS_1257,
            Iso8859_2 => e::ISO_8859_2,
            Iso8859_15 => e::ISO_8859_15,
            MacRoman => e::MACINTOSH,
            Koi8R => e::KOI8_R,
            Koi8U => e::KOI8_U,
            Johab | Latin1 | Ibm437 | Ibm850 => return None,
        })
    }
}
