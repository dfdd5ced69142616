//! Outputs: diagnostics turned into records with lines and columns (the
//! only place offsets become positions), and the formats that print them.

mod diff;
mod full;
mod github;
mod sarif;

use serde::Serialize;

pub use diff::unified_diff;
pub use full::render_full;
pub use github::render_github;
pub use sarif::render_sarif;

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::LineIndex;
use crate::rule::RuleMeta;

/// Output formats of `--output-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Full,
    Concise,
    Json,
    Github,
    Sarif,
}

/// A position: 1-based line, 1-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EditRecord {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub content: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FixRecord {
    pub applicability: &'static str,
    pub message: String,
    pub edits: Vec<EditRecord>,
}

/// One finding with positions, ready for any format.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub path: String,
    pub code: &'static str,
    pub name: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub fix: Option<FixRecord>,
    #[serde(skip)]
    pub help: Option<String>,
    #[serde(skip)]
    pub rule: Option<&'static RuleMeta>,
    #[serde(skip)]
    pub level: Severity,
    #[serde(skip)]
    pub applicability: Option<Applicability>,
}

/// Turn a diagnostic on `text` into a record.
pub fn record(path: &str, text: &str, lines: &LineIndex, d: &Diagnostic) -> Record {
    let (line, column) = lines.line_col(text, d.range.start);
    let (end_line, end_column) = lines.line_col(text, d.range.end);
    let fix = d.fix.as_ref().map(|f| FixRecord {
        applicability: f.applicability.as_str(),
        message: f.message.clone(),
        edits: f
            .edits
            .iter()
            .map(|e| {
                let (line, column) = lines.line_col(text, e.range.start);
                let (end_line, end_column) = lines.line_col(text, e.range.end);
                EditRecord {
                    line,
                    column,
                    end_line,
                    end_column,
                    content: e.content.clone(),
                }
            })
            .collect(),
    });
    Record {
        path: path.to_string(),
        code: d.rule.code,
        name: d.rule.name,
        severity: d.severity.as_str(),
        message: d.message.clone(),
        line,
        column,
        end_line,
        end_column,
        fix,
        help: d.help.clone(),
        rule: Some(d.rule),
        level: d.severity,
        applicability: d.fix.as_ref().map(|f| f.applicability),
    }
}

/// `path:line:col: CODE message`
pub fn render_concise(records: &[Record], out: &mut String) {
    use std::fmt::Write;
    for r in records {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} {}",
            r.path, r.line, r.column, r.code, r.message
        );
    }
}

pub fn render_json(records: &[Record]) -> String {
    let mut s = serde_json::to_string_pretty(records).expect("records serialize");
    s.push('\n');
    s
}

/// Counts per rule, for `--statistics`.
pub fn render_statistics(records: &[Record], out: &mut String) {
    use std::collections::BTreeMap;
    use std::fmt::Write;
    let mut counts: BTreeMap<&str, (usize, usize, &str)> = BTreeMap::new();
    for r in records {
        let e = counts.entry(r.code).or_insert((0, 0, r.name));
        e.0 += 1;
        if r.applicability == Some(Applicability::Safe) {
            e.1 += 1;
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    for (code, (n, fixable, name)) in rows {
        let mark = if fixable == n {
            "[*]"
        } else if fixable > 0 {
            "[-]"
        } else {
            "[ ]"
        };
        let _ = writeln!(out, "{n:>6}\t{code:<7}\t{mark} {name}");
    }
}
