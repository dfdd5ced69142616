//! HTML comment text as markdownlint sets it aside: before its rules read
//! the lines, markdownlint blanks out the text of every well-formed comment
//! (`clearHtmlCommentText`), so that whitespace rules (MD009, MD010)
//! do not look inside comments. The same comments, found on the raw text,
//! so that pagelint's rules skip the same bytes.

use std::ops::Range;

/// The byte ranges of the text of the page's comments (between `<!--` and
/// `-->`) that markdownlint clears: comments alone on their line start, or
/// inline ones that are valid CommonMark comments (no `--` inside, not
/// starting with `>` or `->`, not ending with `-`, and not spanning table
/// cells). Unterminated comments are text. Sorted, not overlapping.
pub fn html_comment_text(text: &str) -> Vec<Range<usize>> {
    const OPEN: &str = "<!--";
    const CLOSE: &str = "-->";
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(found) = text[i..].find(OPEN) {
        let start = i + found;
        let Some(close) = text[start + 2..].find(CLOSE) else {
            break;
        };
        let end = start + 2 + close;
        let content_start = start + OPEN.len();
        if end > content_start {
            let content = &text[content_start..end];
            let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
            let pre = &text[line_start..start];
            let block = pre.trim().is_empty();
            let spans_cells =
                pre.trim_start_matches(' ').starts_with('|') && content.contains('\n');
            let valid = block
                || !(spans_cells
                    || content.starts_with('>')
                    || content.starts_with("->")
                    || content.ends_with('-')
                    || content.contains("--"));
            if valid {
                out.push(content_start..end);
            }
        }
        i = end + CLOSE.len();
    }
    out
}

/// Is `offset` inside one of `ranges` (sorted, as [`html_comment_text`]
/// returns them)?
pub fn in_ranges(ranges: &[Range<usize>], offset: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= offset);
    ranges.get(i).is_some_and(|r| r.start <= offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_text_markdownlint_clears() {
        let t = "a <!-- b --> c\n<!--\nx\t \n-->\n";
        let r = html_comment_text(t);
        assert_eq!(r.len(), 2);
        assert_eq!(&t[r[0].clone()], " b ");
        assert_eq!(&t[r[1].clone()], "\nx\t \n");
        assert!(in_ranges(&r, t.find('\t').unwrap()));
        assert!(!in_ranges(&r, t.find('c').unwrap()));
    }

    #[test]
    fn invalid_inline_comments_and_unterminated_ones_are_text() {
        // Inline, with `--` inside: not a comment to CommonMark.
        assert!(html_comment_text("a <!-- b -- c --> d").is_empty());
        // Alone on its line, it is an HTML block: cleared.
        assert_eq!(html_comment_text("<!-- b -- c -->").len(), 1);
        assert!(html_comment_text("a <!-- b").is_empty());
        // `<!---->` has no text.
        assert!(html_comment_text("<!---->").is_empty());
    }
}
