//! Making invisible characters visible in messages and diffs: `·` for a
//! trailing space, `→` for a tab, `⟨U+200B⟩` for a zero-width space.

/// Write `c` as `U+XXXX`.
pub fn codepoint(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Is `c` invisible or confusable on screen (beyond a plain space)?
pub fn is_invisible(c: char) -> bool {
    c == '\t'
        || c == '\u{a0}'
        || (c.is_control() && c != '\n')
        || super::invisible::maybe_invisible(c)
        || is_combining(c)
}

/// Combining marks (general category M), approximated by the blocks that
/// hold them; enough to show `e + U+0301`.
pub fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0x3099..=0x309A)
}

/// Render `s` with invisible characters shown: tabs as `→`, no-break
/// spaces as `⍽`, trailing spaces as `·`, others as `⟨U+XXXX⟩`.
pub fn show(s: &str) -> String {
    let trimmed_len = s.trim_end_matches(' ').len();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        match c {
            ' ' if i >= trimmed_len => out.push('·'),
            '\t' => out.push('→'),
            '\u{a0}' => out.push('⍽'),
            '\r' => out.push('␍'),
            c if is_invisible(c) => {
                out.push('⟨');
                out.push_str(&codepoint(c));
                out.push('⟩');
            }
            c => out.push(c),
        }
    }
    out
}

/// Does `s` contain something [`show`] would change?
pub fn has_invisible(s: &str) -> bool {
    s.ends_with(' ') || s.chars().any(is_invisible)
}

/// Spell out a short string character by character for a message:
/// `e + U+0301`.
pub fn spell(s: &str) -> String {
    let mut parts = Vec::new();
    for c in s.chars() {
        if c.is_ascii_graphic() || (!is_invisible(c) && !c.is_whitespace() && !is_combining(c)) {
            parts.push(c.to_string());
        } else {
            parts.push(codepoint(c));
        }
    }
    parts.join(" + ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_invisibles() {
        assert_eq!(show("a\tb  "), "a→b··");
        assert_eq!(show("a\u{200b}b"), "a⟨U+200B⟩b");
        assert_eq!(spell("e\u{301}"), "e + U+0301");
        assert!(has_invisible("x "));
        assert!(!has_invisible("x y"));
    }
}
