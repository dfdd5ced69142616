//! MD056 `table-column-count`: a table row with fewer or more cells than
//! the header row. As in markdownlint: every row (the delimiter row too) is
//! compared with the header; a short row is reported at its end, a long
//! one from its first extra cell.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::tables::rows;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD056",
    name: "table-column-count",
    group: Group::Md,
    summary: "Table column count",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD056"),
};

pub struct TableColumnCount;

impl Rule for TableColumnCount {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for table in &doc.marks.tables {
            let rows = rows(doc.text, table);
            let Some(expected) = rows.first().map(|r| r.cells.len()) else {
                continue;
            };
            for row in &rows[1..] {
                let actual = row.cells.len();
                if actual < expected {
                    // GFM renders the missing cells empty: writing them
                    // keeps the page.
                    let missing = expected - actual;
                    let mut add = " |".repeat(missing);
                    if row.trailing_pipe.is_none() {
                        add.push_str(" |");
                    }
                    let end = row.range.end;
                    let d = Diagnostic::new(
                        &META,
                        end - doc.text[..end]
                            .chars()
                            .next_back()
                            .map_or(0, char::len_utf8)..end,
                        format!(
                            "Table column count: expected {expected}, actual {actual}; too few cells, the row will be missing data"
                        ),
                    );
                    // Where the rows are not read as the renderer reads them
                    // (a byte-order mark before the header: property test
                    // seed), the cells would break the table: no fix.
                    out.push(if doc.edit_keeps_structure(end..end, &add) {
                        d.with_fix(Fix::safe(
                            format!("Add {missing} empty cell(s)"),
                            vec![Edit::insert(end, add)],
                        ))
                    } else {
                        d
                    });
                } else if actual > expected {
                    let from = row.cells[expected].start.saturating_sub(1);
                    out.push(
                        Diagnostic::new(
                            &META,
                            from..row.range.end,
                            format!(
                                "Table column count: expected {expected}, actual {actual}; too many cells, the extra data will be missing"
                            ),
                        )
                        .with_help("the renderer drops the cells beyond the header's: add a column to the header, or merge the extra text into a cell"),
                    );
                }
            }
        }
    }
}
