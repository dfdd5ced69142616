//! Byte offsets ⇄ LSP positions. A position is a 0-based line and a
//! 0-based column counted in UTF-16 code units (the protocol's default) or
//! in bytes (when the client offers `utf-8` in `positionEncodings`). Lines
//! end at LF, CRLF or a lone CR, as in the protocol and in CommonMark.
//!
//! Positions from the client are clamped: a line past the end means the
//! end of the text, a column past the end of its line means the end of the
//! line, and a column inside a character means the start of it.

use lsp_types::Position;

use crate::document::LineIndex;

/// How the client counts columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// A text with its line starts, for conversions both ways.
pub struct Lines<'a> {
    text: &'a str,
    index: LineIndex,
    encoding: Encoding,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Lines<'a> {
        Lines {
            text,
            index: LineIndex::new(text),
            encoding,
        }
    }

    /// The position of byte `offset` (clamped to the text; an offset inside
    /// a character counts from the character's start).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_of(offset);
        let start = self.index.line_start(line).min(offset);
        let before = &self.text[start..offset];
        let character = match self.encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.chars().map(char::len_utf16).sum(),
        };
        Position {
            line: u32::try_from(line - 1).unwrap_or(u32::MAX),
            character: u32::try_from(character).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset of a client's position (clamped, see above).
    pub fn offset(&self, pos: Position) -> usize {
        let line = pos.line as usize + 1;
        if line > self.index.line_count() && self.index.line_start(line) == self.text.len() {
            // Past the last line (or on the empty line after a final newline).
            return self.text.len();
        }
        let range = self.index.line_range(self.text, line);
        let content = &self.text[range.clone()];
        let wanted = pos.character as usize;
        let mut units = 0;
        for (i, c) in content.char_indices() {
            let width = match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units + width > wanted {
                return range.start + i;
            }
            units += width;
        }
        range.end
    }

    /// The LSP range of a byte range.
    pub fn range(&self, r: &std::ops::Range<usize>) -> lsp_types::Range {
        lsp_types::Range {
            start: self.position(r.start),
            end: self.position(r.end.max(r.start)),
        }
    }

    /// The byte range of a client's LSP range (start ≤ end).
    pub fn byte_range(&self, r: lsp_types::Range) -> std::ops::Range<usize> {
        let a = self.offset(r.start);
        let b = self.offset(r.end);
        a.min(b)..a.max(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn utf16_counts_an_emoji_as_two_units() {
        // 🤗 is 4 bytes, 2 UTF-16 units; é is 2 bytes, 1 unit.
        let text = "a\n🤗é x\n";
        let l = Lines::new(text, Encoding::Utf16);
        let x = text.find('x').unwrap();
        assert_eq!(l.position(x), pos(1, 4));
        assert_eq!(l.offset(pos(1, 4)), x);
        let l8 = Lines::new(text, Encoding::Utf8);
        assert_eq!(l8.position(x), pos(1, 7));
        assert_eq!(l8.offset(pos(1, 7)), x);
    }

    #[test]
    fn line_endings_lf_crlf_cr() {
        let text = "a\r\nb\rc\nd";
        let l = Lines::new(text, Encoding::Utf16);
        assert_eq!(l.position(text.find('b').unwrap()), pos(1, 0));
        assert_eq!(l.position(text.find('c').unwrap()), pos(2, 0));
        assert_eq!(l.position(text.find('d').unwrap()), pos(3, 0));
        assert_eq!(l.offset(pos(3, 0)), text.find('d').unwrap());
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab\ncd\n";
        let l = Lines::new(text, Encoding::Utf16);
        // A column past the line's end: the end of the line, not the next one.
        assert_eq!(l.offset(pos(0, 99)), 2);
        // A line past the end: the end of the text.
        assert_eq!(l.offset(pos(99, 0)), text.len());
        assert_eq!(l.offset(pos(2, 5)), text.len());
        assert_eq!(l.offset(pos(u32::MAX, u32::MAX)), text.len());
        // Inside a surrogate pair: the character's start.
        let l = Lines::new("🤗x", Encoding::Utf16);
        assert_eq!(l.offset(pos(0, 1)), 0);
        assert_eq!(l.offset(pos(0, 2)), 4);
        // Offsets inside a character or past the end.
        assert_eq!(l.position(2), pos(0, 0));
        assert_eq!(l.position(99), pos(0, 3));
        let empty = Lines::new("", Encoding::Utf16);
        assert_eq!(empty.offset(pos(3, 3)), 0);
        assert_eq!(empty.position(0), pos(0, 0));
    }

    #[test]
    fn the_end_of_a_text_with_a_final_newline() {
        let text = "ab\n";
        let l = Lines::new(text, Encoding::Utf16);
        assert_eq!(l.position(3), pos(1, 0));
        assert_eq!(l.offset(pos(1, 0)), 3);
    }
}
