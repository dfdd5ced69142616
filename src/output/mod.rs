//! Outputs: diagnostics turned into records with lines and columns (the
//! only place offsets become positions), and the formats that print them.

mod diff;
pub mod escape;
mod full;
mod github;
mod sarif;

use serde::Serialize;

pub use diff::unified_diff;
pub use escape::line as escape_line;
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
    /// The rule's help: the suggestion, "did you mean …", the candidates.
    pub help: Option<String>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub fix: Option<FixRecord>,
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
        help: d.help.clone(),
        line,
        column,
        end_line,
        end_column,
        fix,
        rule: Some(d.rule),
        level: d.severity,
        applicability: d.fix.as_ref().map(|f| f.applicability),
    }
}

/// `path:line:col: CODE message`, with the path, position and code in
/// colour when `color`. Text from the page is escaped ([`escape`]).
pub fn render_concise(records: &[Record], color: bool, out: &mut String) {
    use std::fmt::Write;
    for r in records {
        let path = escape::line(&r.path);
        let message = escape::line(&r.message);
        if color {
            let code_color = match r.level {
                Severity::Error => "\x1b[1;31m",
                Severity::Warning => "\x1b[1;33m",
                Severity::Info => "\x1b[1;36m",
            };
            let _ = writeln!(
                out,
                "\x1b[1m{path}\x1b[0m\x1b[36m:\x1b[0m{}\x1b[36m:\x1b[0m{}\x1b[36m:\x1b[0m {code_color}{}\x1b[0m {message}",
                r.line, r.column, r.code
            );
        } else {
            let _ = writeln!(out, "{path}:{}:{}: {} {message}", r.line, r.column, r.code);
        }
    }
}

pub fn render_json(records: &[Record]) -> String {
    let mut s = serde_json::to_string_pretty(records).expect("records serialize");
    s.push('\n');
    s
}

/// One row of `--statistics`.
#[derive(Debug, Serialize)]
pub struct StatisticsRow {
    pub code: &'static str,
    pub name: &'static str,
    pub count: usize,
    /// Findings whose fix `--fix` applies.
    pub fixable: usize,
    /// Findings whose fix needs `--unsafe-fixes`.
    pub unsafe_fixable: usize,
}

/// Counts per rule, most frequent first.
pub fn statistics(records: &[Record]) -> Vec<StatisticsRow> {
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<&'static str, StatisticsRow> = BTreeMap::new();
    for r in records {
        let e = counts.entry(r.code).or_insert(StatisticsRow {
            code: r.code,
            name: r.name,
            count: 0,
            fixable: 0,
            unsafe_fixable: 0,
        });
        e.count += 1;
        match r.applicability {
            Some(Applicability::Safe) => e.fixable += 1,
            Some(Applicability::Unsafe) => e.unsafe_fixable += 1,
            _ => {}
        }
    }
    let mut rows: Vec<_> = counts.into_values().collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    rows
}

/// `--statistics`: counts per rule, with a legend of the marks.
pub fn render_statistics(records: &[Record], out: &mut String) {
    use std::fmt::Write;
    let rows = statistics(records);
    for r in &rows {
        let mark = if r.fixable == r.count {
            "[*]"
        } else if r.fixable > 0 {
            "[-]"
        } else if r.unsafe_fixable > 0 {
            "[~]"
        } else {
            "[ ]"
        };
        let _ = writeln!(out, "{:>6}\t{:<7}\t{mark} {}", r.count, r.code, r.name);
    }
    if !rows.is_empty() {
        out.push_str(
            "[*] every finding fixable with --fix; [-] some are; \
             [~] fixable with --unsafe-fixes; [ ] to fix by hand\n",
        );
    }
}

/// `--statistics --output-format json`.
pub fn render_statistics_json(records: &[Record]) -> String {
    let mut s = serde_json::to_string_pretty(&statistics(records)).expect("rows serialize");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(message: &str) -> Record {
        Record {
            path: "d\x1bir/a.md".into(),
            code: "MD009",
            name: "no-trailing-spaces",
            severity: "warning",
            message: message.into(),
            help: Some("did you mean x?".into()),
            line: 2,
            column: 3,
            end_line: 2,
            end_column: 4,
            fix: None,
            rule: None,
            level: Severity::Warning,
            applicability: Some(Applicability::Safe),
        }
    }

    #[test]
    fn json_carries_the_help_in_spec_order() {
        let j = render_json(&[record("m")]);
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v[0]["help"], "did you mean x?");
        let keys: Vec<&str> = v[0]
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert!(keys.contains(&"help"), "{keys:?}");
        let mut none = record("m");
        none.help = None;
        let v: serde_json::Value = serde_json::from_str(&render_json(&[none])).unwrap();
        assert!(v[0]["help"].is_null());
        assert!(v[0].get("help").is_some());
    }

    #[test]
    fn concise_escapes_and_colours() {
        let mut out = String::new();
        render_concise(&[record("x \x1b]0;PWNED\x07")], false, &mut out);
        assert_eq!(out, "d␛ir/a.md:2:3: MD009 x ␛]0;PWNED␇\n");
        let mut out = String::new();
        render_concise(&[record("m")], true, &mut out);
        assert!(out.contains("\x1b[") && out.contains("MD009"), "{out:?}");
        assert!(!out.contains("\x1b]"), "{out:?}");
    }

    #[test]
    fn statistics_have_a_legend_and_json() {
        let mut out = String::new();
        render_statistics(&[record("a"), record("b")], &mut out);
        assert!(
            out.starts_with("     2\tMD009  \t[*] no-trailing-spaces\n"),
            "{out}"
        );
        assert!(
            out.contains("[*] every finding fixable with --fix"),
            "{out}"
        );
        let v: serde_json::Value =
            serde_json::from_str(&render_statistics_json(&[record("a")])).unwrap();
        assert_eq!(v[0]["code"], "MD009");
        assert_eq!(v[0]["count"], 1);
        assert_eq!(v[0]["fixable"], 1);
    }
}
