//! Style marks located in the source: list markers, emphasis and strong
//! delimiters, code fences and thematic breaks, as byte ranges. The style
//! rules (MD004, MD035, MD048, MD049, MD050) read them; collected during the
//! one comrak walk of [`super::parse`].

use std::ops::Range;

/// One list (ordered or bullet) and the markers of its items.
#[derive(Debug, Clone, Default)]
pub struct ListMarks {
    pub ordered: bool,
    /// How many lists enclose this one (0 for a top-level list).
    pub nesting: u16,
    /// The marker of each item: the bullet (`-`, `*`, `+`) or the number
    /// with its delimiter (`1.`, `2)`).
    pub markers: Vec<Range<usize>>,
    /// Whole lines of the list.
    pub range: Range<usize>,
}

/// An emphasis (`*a*`, `_a_`) or strong (`**a**`, `__a__`) span.
#[derive(Debug, Clone)]
pub struct EmphasisMark {
    pub strong: bool,
    /// The opening and the closing delimiter run.
    pub open: Range<usize>,
    pub close: Range<usize>,
}

/// A fenced code block's fences.
#[derive(Debug, Clone)]
pub struct FenceMark {
    /// The opening fence characters (not the info string).
    pub open: Range<usize>,
    /// The closing fence characters, when the block is closed.
    pub close: Option<Range<usize>>,
    /// The code between the fences.
    pub content: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Lists in document order (a list before the lists nested in it).
    pub lists: Vec<ListMarks>,
    /// Emphasis and strong spans in document order.
    pub emphasis: Vec<EmphasisMark>,
    pub fences: Vec<FenceMark>,
    /// Thematic breaks: the break's characters, surrounding spaces excluded.
    pub breaks: Vec<Range<usize>>,
    /// Indented code blocks (whole lines).
    pub indented_code: Vec<Range<usize>>,
    /// GFM tables: from the first character of the header row to the end of
    /// the last row (its line terminator excluded).
    pub tables: Vec<Range<usize>>,
}

/// An emphasis or strong span written in the other style than expected
/// (MD049, MD050): its two delimiter runs, what they are and what they
/// should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleMismatch {
    pub open: Range<usize>,
    pub close: Range<usize>,
    /// "asterisk" or "underscore".
    pub expected: &'static str,
    pub actual: &'static str,
}

impl Marks {
    /// markdownlint's MD049 / MD050 reading of the emphasis (`strong`
    /// false) or strong spans: the style is `"asterisk"`, `"underscore"`
    /// or `"consistent"` (the first span's); a span that would need `_`
    /// inside a word (`a*b*c`) is left alone.
    pub fn emphasis_style(&self, text: &str, strong: bool, style: &str) -> Vec<StyleMismatch> {
        let mut expected: Option<&'static str> = match style {
            "asterisk" => Some("asterisk"),
            "underscore" => Some("underscore"),
            _ => None,
        };
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        let mut out = Vec::new();
        for m in self.emphasis.iter().filter(|m| m.strong == strong) {
            let actual = if text[m.open.clone()].starts_with('*') {
                "asterisk"
            } else {
                "underscore"
            };
            let want = *expected.get_or_insert(actual);
            if want == actual {
                continue;
            }
            let intraword = want == "underscore"
                && (word(text[..m.open.start].chars().next_back())
                    || word(text[m.close.end..].chars().next()));
            if !intraword {
                out.push(StyleMismatch {
                    open: m.open.clone(),
                    close: m.close.clone(),
                    expected: want,
                    actual,
                });
            }
        }
        out
    }
}

/// The list marker that starts at or after `from` on its line.
pub(super) fn list_marker(text: &str, from: usize, ordered: bool) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let mut i = from;
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t' || b[i] == b'>') {
        i += 1;
    }
    if ordered {
        let d = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let end = i + d;
        (d > 0 && end < b.len() && (b[end] == b'.' || b[end] == b')')).then(|| i..end + 1)
    } else {
        (i < b.len() && matches!(b[i], b'-' | b'*' | b'+')).then(|| i..i + 1)
    }
}

/// The delimiter runs of an emphasis node whose source is `range`.
pub(super) fn emphasis(text: &str, range: Range<usize>, strong: bool) -> Option<EmphasisMark> {
    let n = if strong { 2 } else { 1 };
    let s = text.get(range.clone())?;
    let c = *s.as_bytes().first()?;
    if s.len() < 2 * n || !matches!(c, b'*' | b'_') {
        return None;
    }
    let ok = |r: &str| r.bytes().all(|x| x == c);
    if !ok(&s[..n]) || !ok(&s[s.len() - n..]) {
        return None;
    }
    // An escaping backslash (an odd run of them) before the opener: the
    // node's source position took in an escaped delimiter (`\**a**` is a
    // literal `*` then `*a*`; `\\**a**` is a backslash then strong text);
    // where the real delimiters are is not known, so there is no mark.
    let backslashes = text.as_bytes()[..range.start]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    if backslashes % 2 == 1 {
        return None;
    }
    Some(EmphasisMark {
        strong,
        open: range.start..range.start + n,
        close: range.end - n..range.end,
    })
}

/// The fences of a fenced code block whose whole lines are `lines`.
pub(super) fn fence(text: &str, lines: Range<usize>, fence_char: u8) -> Option<FenceMark> {
    let block = &text[lines.clone()];
    let first_end = block.find('\n').map_or(block.len(), |i| i + 1);
    let first = &block[..first_end];
    let lead = first.find(fence_char as char)?;
    let len = first[lead..]
        .bytes()
        .take_while(|&c| c == fence_char)
        .count();
    let open = lines.start + lead..lines.start + lead + len;
    let content_start = (lines.start + first_end).min(lines.end);
    let last_start = block
        .trim_end_matches('\n')
        .rfind('\n')
        .map(|i| lines.start + i + 1);
    let close = last_start.filter(|&s| s >= content_start).and_then(|s| {
        let line = text[s..lines.end].trim_end_matches(['\n', '\r']);
        let t = line.trim_start_matches([' ', '>']);
        let k = t.bytes().take_while(|&c| c == fence_char).count();
        (k >= len && t[k..].trim().is_empty()).then(|| {
            let at = s + (line.len() - t.len());
            at..at + k
        })
    });
    let content_end = close.as_ref().map_or(lines.end, |c| {
        text[..c.start].rfind('\n').map_or(c.start, |i| i + 1)
    });
    Some(FenceMark {
        open,
        close,
        content: content_start..content_end.max(content_start),
    })
}

/// The characters of a thematic break on the line `line`.
pub(super) fn thematic_break(text: &str, line: Range<usize>) -> Range<usize> {
    let s = &text[line.clone()];
    let start = s.find(['-', '*', '_']).unwrap_or(0);
    let end = s.trim_end().len().max(start);
    line.start + start..line.start + end
}

#[cfg(test)]
mod tests {
    use crate::document::Document;

    #[test]
    fn list_markers_are_located() {
        let text = "- a\n  * b\n    1. c\n    2) d\n+ e\n";
        let doc = Document::parse(text);
        let m = &doc.marks;
        let got: Vec<Vec<&str>> = m
            .lists
            .iter()
            .map(|l| l.markers.iter().map(|r| &text[r.clone()]).collect())
            .collect();
        assert_eq!(
            got,
            vec![vec!["-"], vec!["*"], vec!["1."], vec!["2)"], vec!["+"]]
        );
        assert_eq!(m.lists[1].nesting, 1);
        assert_eq!(m.lists[2].nesting, 2);
    }

    #[test]
    fn emphasis_delimiters_are_located() {
        let text = "Some *em* and __strong__ and ***both*** here.\n";
        let doc = Document::parse(text);
        let got: Vec<(bool, &str, &str)> = doc
            .marks
            .emphasis
            .iter()
            .map(|e| (e.strong, &text[e.open.clone()], &text[e.close.clone()]))
            .collect();
        assert!(got.contains(&(false, "*", "*")));
        assert!(got.contains(&(true, "__", "__")));
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn fences_and_breaks_are_located() {
        let text = "~~~~ rust\nx\n~~~~~\n\n***\n\n```\nopen\n";
        let doc = Document::parse(text);
        let f = &doc.marks.fences;
        assert_eq!(&text[f[0].open.clone()], "~~~~");
        assert_eq!(&text[f[0].close.clone().unwrap()], "~~~~~");
        assert_eq!(&text[f[0].content.clone()], "x\n");
        assert!(f[1].close.is_none());
        assert_eq!(&text[doc.marks.breaks[0].clone()], "***");
    }
}
