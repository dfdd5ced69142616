//! MD055 `table-pipe-style`: table rows whose leading and trailing pipes
//! differ from the style: `consistent` (the first row's, the default),
//! `leading_and_trailing`, `leading_only`, `trailing_only` or
//! `no_leading_or_trailing`. As in markdownlint: every row, the delimiter
//! row included; a missing and an unexpected pipe are separate findings.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::tables::rows;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD055",
    name: "table-pipe-style",
    group: Group::Md,
    summary: "Table pipe style",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD055"),
};

crate::rule_options! {
    /// Options of MD055 (markdownlint's names and defaults).
    pub struct Md055Options {
        /// Style: "consistent", "leading_and_trailing", "leading_only", "trailing_only" or "no_leading_or_trailing".
        pub style: String = "consistent".to_string();
    }
}

pub struct TablePipeStyle;

fn style_of(leading: bool, trailing: bool) -> &'static str {
    match (leading, trailing) {
        (true, true) => "leading_and_trailing",
        (true, false) => "leading_only",
        (false, true) => "trailing_only",
        (false, false) => "no_leading_or_trailing",
    }
}

impl Rule for TablePipeStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md055Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        let o = ctx.settings.rules.get::<Md055Options>(META.code);
        let mut expected: Option<(bool, bool)> = match o.style.as_str() {
            "consistent" => None,
            "no_leading_or_trailing" => Some((false, false)),
            "leading_only" => Some((true, false)),
            "trailing_only" => Some((false, true)),
            _ => Some((true, true)),
        };
        for table in &doc.marks.tables {
            for row in rows(text, table) {
                let actual = (row.leading_pipe.is_some(), row.trailing_pipe.is_some());
                let want = *expected.get_or_insert(actual);
                let (ws, as_) = (style_of(want.0, want.1), style_of(actual.0, actual.1));
                // A row of one cell needs a pipe to stay a table row.
                let fixable = row.cells.len() > 1 || (want.0 || want.1);
                let start = row.range.start
                    + (text[row.range.clone()].len() - text[row.range.clone()].trim_start().len());
                if actual.0 != want.0 {
                    let (msg, edit) = match row.leading_pipe {
                        Some(p) => {
                            // The pipe and the blanks after it.
                            let after = text[p + 1..row.range.end].len()
                                - text[p + 1..row.range.end].trim_start().len();
                            ("Unexpected leading pipe", Edit::delete(p..p + 1 + after))
                        }
                        None => ("Missing leading pipe", Edit::insert(start, "| ")),
                    };
                    // The row's first character, whole (it may be é or 🤗).
                    let first = text[start..].chars().next().map_or(0, char::len_utf8);
                    let d = Diagnostic::new(
                        &META,
                        start..start + first,
                        format!("Table pipe style: expected {ws}, actual {as_}; {msg}"),
                    );
                    out.push(if fixable {
                        d.with_fix(Fix::safe(
                            msg.replace("Unexpected", "Remove the")
                                .replace("Missing", "Add the"),
                            vec![edit],
                        ))
                    } else {
                        d
                    });
                }
                if actual.1 != want.1 {
                    let end = row.range.end;
                    let (msg, edit) = match row.trailing_pipe {
                        Some(p) => {
                            let before = text[row.range.start..p].len()
                                - text[row.range.start..p].trim_end().len();
                            ("Unexpected trailing pipe", Edit::delete(p - before..p + 1))
                        }
                        None => ("Missing trailing pipe", Edit::insert(end, " |")),
                    };
                    let d = Diagnostic::new(
                        &META,
                        end - doc.text[..end]
                            .chars()
                            .next_back()
                            .map_or(0, char::len_utf8)..end,
                        format!("Table pipe style: expected {ws}, actual {as_}; {msg}"),
                    );
                    out.push(if fixable {
                        d.with_fix(Fix::safe(
                            msg.replace("Unexpected", "Remove the")
                                .replace("Missing", "Add the"),
                            vec![edit],
                        ))
                    } else {
                        d
                    });
                }
            }
        }
    }
}
