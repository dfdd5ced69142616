//! The `full` format: rustc-style reports rendered by miette.
//!
//! miette is given, for each finding, a snippet of the page made for the
//! terminal: the lines around the span with every control character
//! escaped ([`super::escape`]), a long line trimmed around the span as
//! rustc does (`…` where text was cut), and the header's `line:column`
//! taken from the page's line index (columns in characters, as every other
//! format counts them).

use std::fmt;
use std::ops::Range;

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::escape;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::LineIndex;
use crate::text::visible::{has_invisible, show};

/// Lines longer than this (in bytes) are trimmed around the span.
const LONG_LINE: usize = 160;
/// Characters kept on each side of the span in a trimmed line.
const MARGIN: usize = 40;
/// The most of a span's own text shown on a trimmed line, in characters.
const MAX_SPAN: usize = 80;

/// The excerpt of the page miette draws, with its place in the page.
struct Snippet<'a> {
    name: &'a str,
    text: String,
    /// 1-based line of the page where `text` starts.
    first_line: usize,
    /// The span in `text`.
    span: Range<usize>,
    /// 1-based line and character column of the span in the page.
    at: (usize, usize),
}

impl SourceCode for Snippet<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_str().read_span(span, before, after)?;
        // The primary span read alone gives the header its position: the
        // page's, not the snippet's (and in characters, not bytes).
        let (line, column) = if before == 0 && after == 0 && span.offset() == self.span.start {
            (self.at.0 - 1, self.at.1 - 1)
        } else {
            (inner.line() + self.first_line - 1, inner.column())
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )))
    }
}

/// Append `text[range]` to `out`, escaped, noting where the span's ends
/// land.
fn push_part(
    out: &mut String,
    text: &str,
    range: Range<usize>,
    span: &Range<usize>,
    at: &mut (Option<usize>, Option<usize>),
) {
    for (i, c) in text[range.clone()].char_indices() {
        let o = range.start + i;
        if at.0.is_none() && o >= span.start {
            at.0 = Some(out.len());
        }
        if at.1.is_none() && o >= span.end {
            at.1 = Some(out.len());
        }
        if c != '\t' && escape::is_unsafe(c) {
            escape::push_escaped(c, out);
        } else {
            out.push(c);
        }
    }
}

/// Back `n` characters from `from`, not before `floor`.
fn back_chars(text: &str, floor: usize, from: usize, n: usize) -> usize {
    text[floor..from]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(from, |(i, _)| floor + i)
}

/// Forward `n` characters from `from`, not past `ceil`.
fn forward_chars(text: &str, from: usize, ceil: usize, n: usize) -> usize {
    text[from..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(i, _)| from + i)
}

fn snippet<'a>(name: &'a str, text: &str, lines: &LineIndex, range: &Range<usize>) -> Snippet<'a> {
    let start = range.start.min(text.len());
    let end = range.end.clamp(start, text.len());
    let at = lines.line_col(text, start);
    let (l1, l2) = (at.0, lines.line_of(end).max(at.0));
    let line_count = lines.line_count();
    let mut out = String::new();
    let mut marks = (None, None);
    let one = lines.line_range(text, l1);
    let first_line;
    if l1 == l2 && one.len() > LONG_LINE {
        // One long line: a window around the span, and no context lines.
        first_line = l1;
        let lo = back_chars(text, one.start, start.max(one.start), MARGIN);
        let shown_end = forward_chars(text, start, end.max(start), MAX_SPAN);
        let hi = forward_chars(text, shown_end, one.end.max(shown_end), MARGIN);
        if lo > one.start {
            out.push('…');
        }
        push_part(&mut out, text, lo..hi, &(start..shown_end), &mut marks);
        marks.0.get_or_insert(out.len());
        marks.1.get_or_insert(out.len());
        if hi < one.end {
            out.push('…');
        }
        out.push('\n');
    } else {
        first_line = l1.saturating_sub(1).max(1);
        let last = (l2 + 1).min(line_count.max(l2));
        for l in first_line..=last {
            let r = lines.line_range(text, l);
            // Very long context lines (or lines of a long span) are cut.
            let cut = if r.len() > 4 * LONG_LINE {
                forward_chars(text, r.start, r.end, LONG_LINE)
            } else {
                r.end
            };
            push_part(&mut out, text, r.start..cut, &(start..end), &mut marks);
            if cut < r.end {
                if marks.1.is_none() && end <= r.end && end > cut {
                    marks.1 = Some(out.len());
                }
                out.push('…');
            }
            if marks.0.is_none() && start <= r.end && start >= cut {
                marks.0 = Some(out.len());
            }
            if marks.1.is_none() && end <= r.end {
                marks.1 = Some(out.len());
            }
            out.push('\n');
        }
    }
    let s = marks.0.unwrap_or(out.len().saturating_sub(1));
    let e = marks.1.unwrap_or(out.len().saturating_sub(1)).max(s);
    Snippet {
        name,
        text: out,
        first_line,
        span: s..e,
        at,
    }
}

struct Report<'a> {
    d: &'a Diagnostic,
    code: String,
    message: String,
    source: Snippet<'a>,
    help: Option<String>,
    label: Option<String>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl MietteDiagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let r = &self.source.span;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(self.label.clone(), r.start..r.end),
        )))
    }
}

/// Render every diagnostic of one file.
pub fn render_full(
    path: &str,
    text: &str,
    lines: &LineIndex,
    diagnostics: &[Diagnostic],
    color: bool,
    out: &mut String,
) {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let name = escape::line(path);
    for d in diagnostics {
        let (help, label) = explain(d);
        let report = Report {
            d,
            code: format!("{} {}", d.rule.code, d.rule.name),
            message: escape::text(&d.message).into_owned(),
            source: snippet(&name, text, lines, &d.range),
            help: help.map(|h| escape::text(&h).into_owned()),
            label: label.map(|l| escape::line(&l).into_owned()),
        };
        let _ = handler.render_report(out, &report);
        out.push('\n');
    }
}

/// The `help:` line and the label under the span. The label says what
/// the fix does; the help adds what the label does not: the rule's own
/// help (candidates, "did you mean"), how the fix is applied, and what an
/// invisible change inserts.
fn explain(d: &Diagnostic) -> (Option<String>, Option<String>) {
    let mut help = d.help.clone();
    let mut label = None;
    if let Some(f) = &d.fix {
        let mut how = match f.applicability {
            Applicability::Safe => "fixable with --fix".to_string(),
            Applicability::Unsafe => "fixable with --fix --unsafe-fixes".to_string(),
            Applicability::DisplayOnly => "a suggestion, not applied automatically".to_string(),
        };
        // Show what an invisible change does.
        if let [e] = f.edits.as_slice()
            && !e.content.is_empty()
            && has_invisible(&e.content)
        {
            how.push_str(&format!(": “{}”", show(&e.content)));
        }
        help = Some(match help {
            Some(h) => format!("{h}\n{how}"),
            None => how,
        });
        let mut chars = f.message.chars();
        label = chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect());
    }
    (help, label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    fn render(text: &str, range: Range<usize>) -> String {
        let rule = crate::rules::find("MD009").unwrap().meta();
        let d = Diagnostic::new(rule, range, "a message");
        let mut out = String::new();
        render_full("p.md", text, &LineIndex::new(text), &[d], false, &mut out);
        out
    }

    #[test]
    fn header_counts_characters() {
        let text = "x\nIntroducción ñandú end\n";
        let start = text.find("end").unwrap();
        let out = render(text, start..start + 3);
        assert!(out.contains("[p.md:2:20]"), "{out}");
    }

    #[test]
    fn escapes_control_characters_of_the_page() {
        let text = "# x \x1b]0;PWNED\x07\n";
        let out = render(text, 4..5);
        assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
        assert!(out.contains("␛]0;PWNED␇"), "{out}");
        assert!(out.contains("[p.md:1:5]"), "{out}");
    }

    #[test]
    fn long_lines_are_trimmed_around_the_span() {
        let text = format!("{}TARGET{}\n", "a".repeat(5000), "b".repeat(5000));
        let start = 5000;
        let out = render(&text, start..start + 6);
        assert!(out.contains("…") && out.contains("TARGET"), "{out}");
        assert!(out.len() < 2000, "{}", out.len());
        assert!(out.contains("[p.md:1:5001]"), "{out}");
    }

    #[test]
    fn never_panics_on_odd_spans() {
        let text = "ab\ncd\n\u{1b}é\n";
        for s in 0..=text.len() {
            for e in s..=text.len() {
                if text.is_char_boundary(s) && text.is_char_boundary(e) {
                    render(text, s..e);
                }
            }
        }
        render("", 0..0);
        let long = format!("{}\n", "é".repeat(3000));
        render(&long, 2..long.len());
        render(&long, long.len() - 1..long.len());
    }
}
