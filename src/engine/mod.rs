//! The engine: runs the selected rules over a document, applies inline
//! directives and severities, and drives the fix loop. The only place that
//! changes text.

pub mod directives;
pub mod file;
mod fix;
pub mod format;
pub mod mapped;
pub mod repository;
pub mod selection;

pub use fix::{FixError, FixOutcome, InternalError, MAX_PASSES, fix};
pub use selection::RuleSet;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rule::{Context, Workspace};
use crate::settings::Settings;

/// What the engine needs to lint one file.
#[derive(Clone, Copy)]
pub struct LintOptions<'a> {
    pub settings: &'a Settings,
    pub rules: &'a RuleSet,
    pub workspace: &'a dyn Workspace,
    /// Absolute path of the document, if any.
    pub path: Option<&'a std::path::Path>,
}

/// A problem with an inline directive, reported beside the diagnostics.
#[derive(Debug, Clone)]
pub struct Note {
    pub offset: usize,
    pub message: String,
}

/// The findings for one text.
pub struct LintResult {
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<Note>,
}

/// Lint `text`: every selected rule, directives applied, sorted by position.
pub fn lint(text: &str, opts: LintOptions<'_>) -> LintResult {
    let doc = Document::parse(text);
    lint_document(&doc, opts)
}

pub fn lint_document(doc: &Document<'_>, opts: LintOptions<'_>) -> LintResult {
    let ctx = Context {
        doc,
        settings: opts.settings,
        workspace: opts.workspace,
        path: opts.path,
    };
    let mut diagnostics = Vec::new();
    for rule in opts.rules.rules() {
        rule.check(&ctx, &mut diagnostics);
    }
    let directives = directives::Directives::parse(doc);
    if !directives.is_empty() {
        diagnostics.retain(|d| !directives.suppresses(doc, d));
        // Rules the markdownlint configuration turned off run where its
        // `enable` comments turn them on.
        for (index, rule) in opts.rules.latent() {
            if directives.may_enable(index) {
                let mut found = Vec::new();
                rule.check(&ctx, &mut found);
                found.retain(|d| !directives.suppresses_latent(doc, d));
                diagnostics.extend(found);
            }
        }
    }
    suppress_inside_mojibake(doc, &mut diagnostics);
    for d in &mut diagnostics {
        if let Some(s) = opts.rules.severity_of(d.rule.code) {
            d.severity = s;
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule.code).cmp(&(b.range.start, b.range.end, b.rule.code))
    });
    let notes = directives
        .errors
        .into_iter()
        .map(|e| Note {
            offset: e.offset,
            message: e.message,
        })
        .collect();
    LintResult { diagnostics, notes }
}

/// SPEC §5: a garbled word is reported once, as mojibake, not also as a
/// typo or an invisible character. Other rules' findings that overlap a
/// mojibake repair are dropped (whether or not ENC001 itself runs).
fn suppress_inside_mojibake(doc: &Document<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let reports_mojibake = |d: &Diagnostic| {
        crate::rules::ALL
            .iter()
            .any(|r| r.reports_mojibake() && r.meta().code == d.rule.code)
    };
    let others = diagnostics.iter().any(|d| !reports_mojibake(d));
    if !others || doc.text.is_ascii() {
        return;
    }
    let repairs = &doc.mojibake().repairs;
    if repairs.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        reports_mojibake(d)
            || !repairs.iter().any(|r| {
                let touch_point = d.range.is_empty()
                    && r.range.start <= d.range.start
                    && d.range.start < r.range.end;
                touch_point || (d.range.start < r.range.end && r.range.start < d.range.end)
            })
    });
}
