//! MD060 `table-column-style`: the pipes of a table laid out in none of the
//! styles allowed: `aligned` (every row's pipes under the header's, by
//! display width), `compact` (one space on each side of a pipe), `tight`
//! (no space), or `any` (the default: whichever of the three fits the table
//! best). As in markdownlint, with `aligned_delimiter` (the delimiter row's
//! pipes under the header's, for `compact` and `tight`).

use unicode_width::UnicodeWidthStr;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::tables::{Row, rows};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD060",
    name: "table-column-style",
    group: Group::Md,
    summary: "Table column style",
    fixable: Fixable::Never,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD060"),
};

crate::rule_options! {
    /// Options of MD060 (markdownlint's names and defaults).
    pub struct Md060Options {
        /// Style: "any" (whichever fits best), "aligned", "compact" or "tight".
        pub style: String = "any".to_string();
        /// With "compact" or "tight": the delimiter row's pipes under the header's.
        pub aligned_delimiter: bool = false;
    }
}

pub struct TableColumnStyle;

/// A finding: the pipe's offset and what is wrong.
type Finding = (usize, &'static str);

/// The pipes of a row, in order.
fn pipes(row: &Row) -> Vec<usize> {
    let mut v: Vec<usize> = row.leading_pipe.into_iter().collect();
    v.extend(row.cells.iter().skip(1).map(|c| c.start - 1));
    v.extend(row.trailing_pipe);
    v
}

/// markdownlint's `checkStyleAligned`: each row's pipes at the header's
/// display columns.
fn aligned(text: &str, rows: &[Row], detail: &'static str) -> Vec<Finding> {
    let column = |p: usize| {
        let line_start = text[..p].rfind('\n').map_or(0, |i| i + 1);
        text[line_start..p].width()
    };
    let Some(header) = rows.first() else {
        return Vec::new();
    };
    let head: Vec<usize> = pipes(header).into_iter().map(column).collect();
    let mut out = Vec::new();
    for row in &rows[1..] {
        let mut remaining = head.clone();
        for p in pipes(row) {
            if remaining.is_empty() {
                break;
            }
            match remaining.iter().position(|&c| c == column(p)) {
                Some(i) => {
                    remaining.remove(i);
                }
                None => out.push((p, detail)),
            }
        }
    }
    out
}

/// The blanks just before and after each pipe: (compact findings, tight
/// findings).
fn spacing(text: &str, rows: &[Row]) -> (Vec<Finding>, Vec<Finding>) {
    let (mut compact, mut tight) = (Vec::new(), Vec::new());
    let blanks = |s: &str| s.len() - s.trim_start_matches([' ', '\t']).len();
    for row in rows {
        let ps = pipes(row);
        for &p in &ps {
            // Before the pipe: the end of the previous cell (none for a
            // leading pipe).
            if Some(p) != row.leading_pipe {
                let before = &text[row.range.start..p];
                let cell_start = before
                    .rfind('|')
                    .map_or(row.range.start, |i| row.range.start + i + 1);
                let cell = &text[cell_start..p];
                let ws = cell.len() - cell.trim_end_matches([' ', '\t']).len();
                if ws > 0 {
                    if ws != 1 {
                        compact.push((
                            p,
                            "Table pipe has extra space to the left for style \"compact\"",
                        ));
                    }
                    tight.push((p, "Table pipe has space to the left for style \"tight\""));
                } else {
                    compact.push((
                        p,
                        "Table pipe is missing space to the left for style \"compact\"",
                    ));
                }
            }
            // After the pipe: the start of the next cell (none after the
            // trailing pipe).
            if Some(p) != row.trailing_pipe {
                let after = &text[p + 1..row.range.end];
                let ws = blanks(after);
                if ws > 0 {
                    if p + 1 + ws != row.range.end {
                        if ws != 1 {
                            compact.push((
                                p,
                                "Table pipe has extra space to the right for style \"compact\"",
                            ));
                        }
                        tight.push((p, "Table pipe has space to the right for style \"tight\""));
                    }
                } else if p + 1 < row.range.end {
                    compact.push((
                        p,
                        "Table pipe is missing space to the right for style \"compact\"",
                    ));
                }
            }
        }
    }
    (compact, tight)
}

impl Rule for TableColumnStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md060Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        let o = ctx.settings.rules.get::<Md060Options>(META.code);
        let style = o.style.as_str();
        let any = !matches!(style, "aligned" | "compact" | "tight");
        let (al_ok, co_ok, ti_ok) = (
            any || style == "aligned",
            any || style == "compact",
            any || style == "tight",
        );
        for table in &doc.marks.tables {
            let rows = rows(text, table);
            let if_aligned = if al_ok {
                aligned(
                    text,
                    &rows,
                    "Table pipe does not align with header for style \"aligned\"",
                )
            } else {
                Vec::new()
            };
            let (mut if_compact, mut if_tight) = (Vec::new(), Vec::new());
            if (co_ok || ti_ok) && !(al_ok && if_aligned.is_empty()) {
                if o.aligned_delimiter {
                    let e = aligned(
                        text,
                        &rows[..rows.len().min(2)],
                        "Table pipe does not align with header for option \"aligned_delimiter\"",
                    );
                    if_compact.extend(e.iter().cloned());
                    if_tight.extend(e);
                }
                let (c, t) = spacing(text, &rows);
                if_compact.extend(c);
                if_tight.extend(t);
            }
            let mut chosen = &if_aligned;
            if co_ok && (if_compact.len() < chosen.len() || !al_ok) {
                chosen = &if_compact;
            }
            if ti_ok && (if_tight.len() < chosen.len() || (!al_ok && !co_ok)) {
                chosen = &if_tight;
            }
            for &(p, detail) in chosen {
                out.push(Diagnostic::new(
                    &META,
                    p..p + 1,
                    format!("Table column style: {detail}"),
                ));
            }
        }
    }
}
