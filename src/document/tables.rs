//! GFM table rows read back from the source: where each row's pipes and
//! cells are, for the table rules (MD055, MD056, MD060). comrak gives the
//! table's span ([`super::Marks::tables`]); a row's cells as written
//! (extra cells included, which the renderer drops) come from here.

use std::ops::Range;

/// One row of a table, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row's text after the containers' prefix (block-quote markers,
    /// list indentation), line terminator excluded, trailing blanks
    /// excluded.
    pub range: Range<usize>,
    /// The leading and trailing pipe, when written.
    pub leading_pipe: Option<usize>,
    pub trailing_pipe: Option<usize>,
    /// Each cell's source between its pipes (blanks included).
    pub cells: Vec<Range<usize>>,
    /// The delimiter row (`|---|:--:|`).
    pub delimiter: bool,
}

/// The rows of the table spanning `table` (from the header's first
/// character to the end of its last row) in `text`.
pub fn rows(text: &str, table: &Range<usize>) -> Vec<Row> {
    let first_line = text[..table.start].rfind('\n').map_or(0, |p| p + 1);
    let prefix = table.start - first_line;
    let mut out = Vec::new();
    let mut at = first_line;
    for (n, raw) in text[first_line..table.end.min(text.len())]
        .split_inclusive('\n')
        .enumerate()
    {
        let line_start = at;
        at += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let b = line.as_bytes();
        let mut skip = 0;
        while skip < prefix && skip < b.len() && matches!(b[skip], b' ' | b'\t' | b'>') {
            skip += 1;
        }
        let content = line_start + skip..line_start + line.trim_end().len().max(skip);
        if let Some(row) = split(text, content, n == 1) {
            out.push(row);
        }
    }
    out
}

fn split(text: &str, range: Range<usize>, delimiter: bool) -> Option<Row> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let b = s.as_bytes();
    let mut pipes = Vec::new();
    let mut i = lead;
    while i < b.len() {
        match b[i] {
            // comrak (like cmark-gfm's table scanner) takes a pipe right
            // after a backslash as escaped, whatever precedes that backslash.
            b'\\' if b.get(i + 1) == Some(&b'|') => i += 2,
            b'|' => {
                pipes.push(i);
                i += 1;
            }
            _ => i += 1,
        }
    }
    if s.trim().is_empty() {
        return None;
    }
    let leading_pipe = pipes.first().copied().filter(|&p| p == lead);
    let trailing_pipe = pipes
        .last()
        .copied()
        .filter(|&p| p + 1 == b.len() && Some(p) != leading_pipe);
    let mut bounds: Vec<usize> = Vec::new();
    bounds.push(leading_pipe.map_or(lead, |p| p + 1));
    for &p in &pipes {
        if Some(p) == leading_pipe || Some(p) == trailing_pipe {
            continue;
        }
        bounds.push(p);
        bounds.push(p + 1);
    }
    bounds.push(trailing_pipe.unwrap_or(b.len()));
    let cells = bounds
        .chunks_exact(2)
        .map(|c| range.start + c[0]..range.start + c[1])
        .collect();
    Some(Row {
        range: range.clone(),
        leading_pipe: leading_pipe.map(|p| range.start + p),
        trailing_pipe: trailing_pipe.map(|p| range.start + p),
        cells,
        delimiter,
    })
}

#[cfg(test)]
mod tests {
    use super::rows;

    fn cells(text: &str) -> Vec<Vec<&str>> {
        rows(text, &(0..text.len()))
            .iter()
            .map(|r| r.cells.iter().map(|c| text[c.clone()].trim()).collect())
            .collect()
    }

    #[test]
    fn cells_as_written() {
        assert_eq!(
            cells("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| x \\| y |\nz\n"),
            vec![
                vec!["a", "b"],
                vec!["---", "---"],
                vec!["1", "2", "3"],
                vec!["x \\| y"],
                vec!["z"]
            ]
        );
        assert_eq!(
            cells("a | b\n--|--\n"),
            vec![vec!["a", "b"], vec!["--", "--"]]
        );
        let text = "> | a |\n> |---|\n> | 1 |";
        let r = rows(text, &(2..text.len()));
        assert_eq!(r.len(), 3);
        assert_eq!(&text[r[2].range.clone()], "| 1 |");
        assert!(r[1].delimiter);
    }
}
