//! The `full` format: rustc-style reports rendered by miette.

use std::fmt;

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::LineIndex;
use crate::text::visible::{has_invisible, show};

/// A source with a name, borrowed (miette's `NamedSource` wants `'static`).
struct Source<'a> {
    name: &'a str,
    text: &'a str,
    /// miette finds a span's line by scanning the text from its start: only
    /// the lines around the span are given to it, so that many findings
    /// stay linear in the page.
    lines: &'a LineIndex,
}

impl SourceCode for Source<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let len = self.text.len();
        let start = span.offset().min(len);
        let end = (span.offset() + span.len()).clamp(start, len);
        let first = self.lines.line_of(start).saturating_sub(before).max(1);
        let last = self.lines.line_of(end) + after;
        let from = self.lines.line_start(first);
        let to = self.lines.line_start(last + 1).max(end);
        let excerpt = &self.text[from..to];
        let inner = excerpt.read_span(
            &SourceSpan::new((start - from).into(), end - start),
            before,
            after,
        )?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
            inner.line() + first - 1,
            inner.column(),
            inner.line_count(),
        )))
    }
}

struct Report<'a> {
    d: &'a Diagnostic,
    code: String,
    source: Source<'a>,
    help: Option<String>,
    label: Option<String>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.d.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.d.message)
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
        let r = &self.d.range;
        Some(Box::new(std::iter::once(LabeledSpan::new(
            self.label.clone(),
            r.start,
            r.end - r.start,
        ))))
    }
}

/// Render every diagnostic of one file.
pub fn render_full(
    path: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    color: bool,
    out: &mut String,
) {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let lines = LineIndex::new(text);
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    for d in diagnostics {
        let (help, label) = explain(d);
        let report = Report {
            d,
            code: format!("{} {}", d.rule.code, d.rule.name),
            source: Source {
                name: path,
                text,
                lines: &lines,
            },
            help,
            label,
        };
        let _ = handler.render_report(out, &report);
        out.push('\n');
    }
}

/// The `help:` line and the label under the span.
fn explain(d: &Diagnostic) -> (Option<String>, Option<String>) {
    let mut help = d.help.clone();
    let mut label = None;
    if let Some(f) = &d.fix {
        let how = match f.applicability {
            Applicability::Safe => "fixable with --fix",
            Applicability::Unsafe => "fixable with --fix --unsafe-fixes",
            Applicability::DisplayOnly => "suggestion, not applied automatically",
        };
        let mut suggestion = format!("{} ({how})", f.message);
        // Show what an invisible change does.
        if let [e] = f.edits.as_slice()
            && !e.content.is_empty()
            && has_invisible(&e.content)
        {
            suggestion.push_str(&format!(": “{}”", show(&e.content)));
        }
        help = Some(match help {
            Some(h) => format!("{h}\n{suggestion}"),
            None => suggestion,
        });
        let mut chars = f.message.chars();
        label = chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect());
    }
    (help, label)
}
