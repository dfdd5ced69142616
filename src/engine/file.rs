//! A whole file, from bytes: decode (ENC002), then lint or fix. Shared by
//! the command line and the fixture tests.

use super::{LintOptions, fix, lint};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::not_utf8;

pub use super::Note;
pub use super::fix::{FixError, InternalError};

/// The result for one file.
#[derive(Debug)]
pub struct FileResult {
    /// The text after fixes (the decoded text when checking).
    pub text: String,
    /// The text as read (decoded), for diffs.
    pub original: String,
    /// Findings on `text`.
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<Note>,
    pub fixed: usize,
    pub internal_errors: Vec<InternalError>,
    /// Would writing `text` change the file's bytes?
    pub changed: bool,
}

/// Why a file could not be processed.
#[derive(Debug, Clone)]
pub enum FileError {
    Binary { offset: usize },
    Fix(FixError),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Binary { offset } => {
                write!(f, "binary file (NUL byte at offset {offset}), not checked")
            }
            FileError::Fix(e) => write!(f, "{e}"),
        }
    }
}

/// Check (`fix_at == None`) or fix (fixes at or above `fix_at`) a file.
pub fn process(
    bytes: &[u8],
    opts: LintOptions<'_>,
    fix_at: Option<Applicability>,
) -> Result<FileResult, FileError> {
    let decoded = not_utf8::decode(bytes).map_err(|b| FileError::Binary { offset: b.offset })?;
    let enc002 = decoded
        .finding
        .as_ref()
        .filter(|_| opts.rules.is_enabled(not_utf8::META.code))
        .map(|f| {
            let msg = format!("Transcode the file from {} to UTF-8", f.encoding);
            let fix = if f.safe {
                Fix::safe(msg, vec![])
            } else {
                Fix::unsafe_edit(msg, vec![])
            };
            let mut d =
                Diagnostic::new(&not_utf8::META, f.range.clone(), f.message.clone()).with_fix(fix);
            if let Some(s) = opts.rules.severity_of(not_utf8::META.code) {
                d.severity = s;
            }
            d
        });
    let text: &str = &decoded.text;
    // Only a file that may be written as UTF-8 is fixed at all.
    let may_write = match (&decoded.finding, &enc002, fix_at) {
        (_, _, None) => false,
        (None, _, Some(_)) => true,
        (Some(_), Some(d), Some(min)) => d.fix.as_ref().is_some_and(|f| f.applicability >= min),
        (Some(_), None, Some(_)) => false,
    };
    let mut result = if may_write {
        let outcome = fix(text, opts, fix_at.expect("fixing")).map_err(FileError::Fix)?;
        let transcoded = decoded.finding.is_some();
        FileResult {
            fixed: outcome.fixed_count() + usize::from(transcoded),
            changed: outcome.text.as_bytes() != bytes,
            text: outcome.text,
            original: text.to_string(),
            diagnostics: outcome.remaining,
            notes: Vec::new(),
            internal_errors: outcome.internal_errors,
        }
    } else {
        let r = lint(text, opts);
        if let Some(d) = enc002 {
            let mut diags = vec![d];
            diags.extend(r.diagnostics);
            return Ok(FileResult {
                text: text.to_string(),
                original: text.to_string(),
                diagnostics: diags,
                notes: r.notes,
                fixed: 0,
                internal_errors: Vec::new(),
                changed: false,
            });
        }
        FileResult {
            text: text.to_string(),
            original: text.to_string(),
            diagnostics: r.diagnostics,
            notes: r.notes,
            fixed: 0,
            internal_errors: Vec::new(),
            changed: false,
        }
    };
    if fix_at.is_none() {
        result.changed = false;
    }
    Ok(result)
}
