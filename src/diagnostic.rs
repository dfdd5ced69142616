//! Diagnostics, edits and fixes.
//!
//! Everything here is expressed in byte offsets into the UTF-8 text a rule
//! was given. Lines and columns are computed once, at output
//! ([`crate::document::LineIndex`]).

use std::ops::Range;

use crate::rule::RuleMeta;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// How safe a fix is to apply without review. Ordered:
/// `DisplayOnly < Unsafe < Safe`, as in ruff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Shown to the user as a suggestion, never applied.
    DisplayOnly,
    /// Applied only with `--unsafe-fixes`.
    Unsafe,
    /// Applied by `--fix`.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace the bytes `range` with `content`. An empty range inserts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: Range<usize>,
    pub content: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, content: impl Into<String>) -> Edit {
        Edit {
            range,
            content: content.into(),
        }
    }

    pub fn delete(range: Range<usize>) -> Edit {
        Edit::replace(range, String::new())
    }

    pub fn insert(at: usize, content: impl Into<String>) -> Edit {
        Edit::replace(at..at, content)
    }
}

/// A set of edits that together repair one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// What the fix does, in words ("Remove 3 trailing spaces").
    pub message: String,
    /// Sorted by start, non-overlapping.
    pub edits: Vec<Edit>,
    /// The fix re-decodes the whole page (the mojibake page hypothesis,
    /// like ENC002's decoding): its span is the page, so the render guard
    /// has nothing outside it to compare, and the fix loop applies it
    /// alone.
    pub whole_page: bool,
}

impl Fix {
    fn new(applicability: Applicability, message: impl Into<String>, mut edits: Vec<Edit>) -> Fix {
        edits.sort_by_key(|e| (e.range.start, e.range.end));
        Fix {
            applicability,
            message: message.into(),
            edits,
            whole_page: false,
        }
    }

    /// This fix re-decodes the whole page (see [`Fix::whole_page`]).
    pub fn for_whole_page(mut self) -> Fix {
        self.whole_page = true;
        self
    }

    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(Applicability::Safe, message, edits)
    }

    pub fn unsafe_edit(message: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(Applicability::Unsafe, message, edits)
    }

    pub fn display_only(message: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix::new(Applicability::DisplayOnly, message, edits)
    }

    /// The smallest range covering every edit.
    pub fn span(&self) -> Range<usize> {
        let start = self.edits.first().map_or(0, |e| e.range.start);
        let end = self
            .edits
            .iter()
            .map(|e| e.range.end)
            .max()
            .unwrap_or(start);
        start..end
    }
}

/// One finding of one rule.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    /// The smallest span that is wrong.
    pub range: Range<usize>,
    pub message: String,
    /// Extra guidance shown as `help:`.
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic with the rule's default severity; the engine applies the
    /// configured severity afterwards.
    pub fn new(
        rule: &'static RuleMeta,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity,
            range,
            message: message.into(),
            help: None,
            fix: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }
}

/// Apply non-overlapping, sorted edits to `text`.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for e in edits {
        debug_assert!(e.range.start >= last, "edits overlap or are unsorted");
        out.push_str(&text[last..e.range.start]);
        out.push_str(&e.content);
        last = e.range.end;
    }
    out.push_str(&text[last..]);
    out
}
