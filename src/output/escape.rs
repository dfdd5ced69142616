//! Text from a page (or a path) on its way to a terminal: every character a
//! terminal would act on is written as a visible stand-in (SPEC §3, issue
//! 10 item 6). A page holding `ESC ] 0 ; … BEL` must not retitle the
//! terminal of the person reading its findings.
//!
//! C0 controls become their Unicode control pictures (`␛` for ESC, `␇` for
//! BEL), DEL becomes `␡`, and C1 controls and the bidirectional controls
//! (which reorder what a terminal shows, "Trojan Source") become
//! `⟨U+XXXX⟩`. Tabs stay; line breaks stay where the format has lines.

use std::borrow::Cow;

/// Would a terminal act on `c` (move the cursor, change state, reorder
/// text) instead of drawing it?
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// Write the visible stand-in of an unsafe character.
pub fn push_escaped(c: char, out: &mut String) {
    match c as u32 {
        n @ 0..=0x1F => out.push(char::from_u32(0x2400 + n).unwrap_or('�')),
        0x7F => out.push('\u{2421}'),
        n => {
            out.push('⟨');
            out.push_str(&format!("U+{n:04X}"));
            out.push('⟩');
        }
    }
}

fn escape_where(s: &str, unsafe_here: impl Fn(&str, usize, char) -> bool) -> Cow<'_, str> {
    if !s.char_indices().any(|(i, c)| unsafe_here(s, i, c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        if unsafe_here(s, i, c) {
            push_escaped(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Everything unsafe escaped but the characters of `keep` (a format that
/// encodes line breaks itself, such as GitHub's workflow commands).
pub fn except<'a>(s: &'a str, keep: &[char]) -> Cow<'a, str> {
    escape_where(s, |_, _, c| !keep.contains(&c) && is_unsafe(c))
}

/// One line of output (a message, a path): everything unsafe escaped,
/// line breaks included; tabs kept.
pub fn line(s: &str) -> Cow<'_, str> {
    escape_where(s, |_, _, c| c != '\t' && is_unsafe(c))
}

/// Text with lines (a help, a report): line feeds and CRLF kept; a lone
/// carriage return (which moves the cursor back over what was written)
/// escaped, as is everything else unsafe.
pub fn text(s: &str) -> Cow<'_, str> {
    escape_where(s, |s, i, c| match c {
        '\t' | '\n' => false,
        '\r' => s.as_bytes().get(i + 1) != Some(&b'\n'),
        c => is_unsafe(c),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_become_visible() {
        assert_eq!(line("# x \x1b]0;PWNED\x07"), "# x ␛]0;PWNED␇");
        assert_eq!(line("a\u{9b}31mb\u{7f}"), "a⟨U+009B⟩31mb␡");
        assert_eq!(line("abc\u{202E}cba"), "abc⟨U+202E⟩cba");
        assert_eq!(line("two\nlines\r\n"), "two␊lines␍␊");
        assert_eq!(text("two\nlines\r\nlone\rcr"), "two\nlines\r\nlone␍cr");
        assert_eq!(text("tab\there"), "tab\there");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(line("Introducción 🤗"), Cow::Borrowed(_)));
        assert!(matches!(text("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn nothing_unsafe_survives() {
        for n in (0u32..0x3000).filter_map(char::from_u32) {
            let s = format!("a{n}b");
            assert!(
                !line(&s).chars().any(|c| c != '\t' && is_unsafe(c)),
                "{n:?}"
            );
            assert!(
                !text(&s)
                    .chars()
                    .any(|c| is_unsafe(c) && c != '\n' && c != '\t'),
                "{n:?}"
            );
        }
    }
}
