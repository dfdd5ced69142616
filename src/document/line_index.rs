//! Byte offset ⇄ line/column conversion. Lines and columns are 1-based;
//! columns count characters (Unicode scalar values), not bytes.

/// Start offsets of every line of a text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
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

    /// 1-based line and 1-based character column of `offset`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, col + 1)
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
