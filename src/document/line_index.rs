//! Byte offset ⇄ line/column conversion. Lines and columns are 1-based;
//! columns count characters (Unicode scalar values), not bytes.

use std::sync::OnceLock;

/// Bytes per checkpoint of the character count (see [`LineIndex::line_col`]).
const BLOCK: usize = 256;

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// Characters before each multiple of [`BLOCK`] bytes, made by the
    /// first column asked far into a long non-ASCII line (one pass over the
    /// text), so that every later column costs at most two blocks.
    checkpoints: OnceLock<Vec<usize>>,
}

/// Characters (UTF-8 lead bytes) in `bytes`.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        // Line endings are LF, CRLF and (as CommonMark says) a lone CR.
        let bytes = text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            len: text.len(),
            checkpoints: OnceLock::new(),
        }
    }

    /// Number of lines; a final newline does not start an extra line.
    pub fn line_count(&self) -> usize {
        if self.starts.len() > 1 && *self.starts.last().unwrap() == self.len {
            self.starts.len() - 1
        } else {
            self.starts.len()
        }
    }

    /// Byte offset where 1-based `line` starts (clamped to the text).
    pub fn line_start(&self, line: usize) -> usize {
        let i = line.saturating_sub(1);
        self.starts.get(i).copied().unwrap_or(self.len)
    }

    /// Byte range of 1-based `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(line);
        let mut end = self.starts.get(line).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// 1-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// 1-based line and 1-based character column of `offset` (`text` is
    /// the text the index was made from). Constant time, not proportional
    /// to the line: many findings on one long line stay linear.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line).min(offset);
        if !text.is_char_boundary(offset) || !text.is_char_boundary(start) {
            return (line, offset - start + 1);
        }
        let bytes = &text.as_bytes()[start..offset];
        let col = if bytes.len() <= 2 * BLOCK {
            count_chars(bytes)
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        };
        (line, col + 1)
    }

    /// Characters in `text[..offset]`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        debug_assert_eq!(text.len(), self.len, "line_col on another text");
        let checkpoints = self.checkpoints.get_or_init(|| {
            let mut v = Vec::with_capacity(text.len() / BLOCK + 1);
            let mut n = 0;
            v.push(0);
            for block in text.as_bytes().chunks_exact(BLOCK) {
                n += count_chars(block);
                v.push(n);
            }
            v
        });
        let b = (offset / BLOCK).min(checkpoints.len() - 1);
        checkpoints[b] + count_chars(&text.as_bytes()[b * BLOCK..offset])
    }

    /// Byte offset of a comrak source position (1-based line, 1-based byte
    /// column), clamped to the text and snapped back to a char boundary.
    pub fn offset_of(&self, text: &str, line: usize, byte_col: usize) -> usize {
        let start = self.line_start(line.max(1));
        let mut off = (start + byte_col.saturating_sub(1)).min(text.len());
        while !text.is_char_boundary(off) {
            off -= 1;
        }
        off
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "añb\n🤗x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (1, 3)); // 'b' after two-byte ñ
        assert_eq!(idx.line_col(text, 5), (2, 1));
        assert_eq!(idx.line_col(text, 9), (2, 2)); // 'x' after four-byte emoji
        assert_eq!(idx.line_count(), 2);
        assert_eq!(idx.line_range(text, 2), 5..10);
    }

    #[test]
    fn columns_on_long_lines_match_counting() {
        // Long lines cross the checkpoints; every offset agrees with a
        // plain count of the characters before it on its line.
        let line = "mñas informñatica 🤗 ".repeat(200);
        let text = format!("{line}\nabc\n{line}é");
        let idx = LineIndex::new(&text);
        for (off, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let l = idx.line_of(off);
            let start = idx.line_start(l);
            let want = text[start..off].chars().count() + 1;
            assert_eq!(idx.line_col(&text, off), (l, want), "offset {off}");
        }
        // Not on a boundary: bytes, as before.
        let (l, c) = idx.line_col(&text, 2);
        assert_eq!((l, c), (1, 3));
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let text = "a\rb\r\nc";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        assert_eq!(idx.line_range(text, 1), 0..1);
        assert_eq!(idx.line_range(text, 2), 2..3);
        assert_eq!(idx.line_col(text, 5), (3, 1));
    }

    #[test]
    fn crlf_line_range_excludes_terminator() {
        let text = "a\r\nb";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_range(text, 1), 0..1);
        assert_eq!(idx.line_range(text, 2), 3..4);
        assert_eq!(idx.line_count(), 2);
    }
}
