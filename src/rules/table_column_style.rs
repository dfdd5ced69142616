//! MD060 `table-column-style`: the pipes of a table laid out in none of the
//! styles allowed: `aligned` (every row's pipes under the header's, by
//! display width), `compact` (one space on each side of a pipe), `tight`
//! (no space), or `any` (the default: whichever of the three fits the table
//! best). As in markdownlint, with `aligned_delimiter` (the delimiter row's
//! pipes under the header's, for `compact` and `tight`).

use unicode_width::UnicodeWidthStr;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::tables::{Row, rows};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD060",
    name: "table-column-style",
    group: Group::Md,
    summary: "Table column style",
    fixable: Fixable::Sometimes,
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

/// A cell's text without the blanks around it (spaces and tabs only: the
/// renderer trims nothing else).
fn content<'t>(text: &'t str, cell: &std::ops::Range<usize>) -> &'t str {
    text[cell.clone()].trim_matches([' ', '\t'])
}

/// A delimiter cell's alignment: (colon on the left, colon on the right).
fn alignment(cell: &str) -> (bool, bool) {
    (cell.starts_with(':'), cell.len() > 1 && cell.ends_with(':'))
}

/// A delimiter cell of `width` characters (at least what its colons need).
fn delimiter(align: (bool, bool), width: usize) -> String {
    let colons = usize::from(align.0) + usize::from(align.1);
    let dashes = width.saturating_sub(colons).max(1);
    let mut s = String::new();
    if align.0 {
        s.push(':');
    }
    s.push_str(&"-".repeat(dashes));
    if align.1 {
        s.push(':');
    }
    s
}

/// `s` padded to `width` display columns, placed as the column's
/// alignment says (right for `--:`, centred for `:-:`).
fn pad(s: &str, width: usize, align: (bool, bool)) -> String {
    let room = width.saturating_sub(s.width());
    let (left, right) = match align {
        (false, true) => (room, 0),
        (true, true) => (room / 2, room - room / 2),
        _ => (0, room),
    };
    format!("{}{s}{}", " ".repeat(left), " ".repeat(right))
}

/// The table's rows laid out in `style` ("aligned", "compact" or "tight"):
/// the text replacing `text[rows[0].range.start..last.range.end]`, the
/// containers' prefixes between rows kept as written. The header's pipes
/// decide whether every row has a leading and a trailing pipe; a row with
/// fewer cells than the header gets the empty cells the renderer adds.
/// `None` when the table cannot be written so (prefixes of different widths,
/// tabs inside cells, an empty edge cell without its pipe).
fn layout(text: &str, rows: &[Row], style: &str, aligned_delimiter: bool) -> Option<String> {
    let header = rows.first()?;
    let n = header.cells.len();
    let lead = header.leading_pipe.is_some();
    let trail = header.trailing_pipe.is_some();
    let line_start = |p: usize| text[..p].rfind('\n').map_or(0, |i| i + 1);
    let prefix_width = |r: &Row| text[line_start(r.range.start)..r.range.start].width();
    if rows.iter().any(|r| prefix_width(r) != prefix_width(header)) {
        return None;
    }
    let aligns: Vec<(bool, bool)> = match rows.get(1) {
        Some(d) if d.delimiter => d
            .cells
            .iter()
            .map(|c| alignment(content(text, c)))
            .collect(),
        _ => return None,
    };
    // Each row's cells: the header's count at least (the renderer's empty
    // cells written out), the extra cells as written.
    let mut cells: Vec<Vec<&str>> = Vec::new();
    for r in rows {
        let mut row: Vec<&str> = r.cells.iter().map(|c| content(text, c)).collect();
        if row.iter().any(|c| c.contains('\t')) {
            return None;
        }
        if !r.delimiter && row.len() < n {
            row.resize(n, "");
        }
        cells.push(row);
    }
    // An edge cell left empty needs its pipe; a cell ending with a
    // backslash needs a space before the pipe (`\|` is an escaped pipe).
    for row in &cells {
        if (!lead && row.first().is_some_and(|c| c.is_empty()))
            || (!trail && row.last().is_some_and(|c| c.is_empty()))
            || (style == "tight" && row.iter().any(|c| c.ends_with('\\')))
        {
            return None;
        }
    }
    let widths: Vec<usize> = (0..n)
        .map(|i| {
            cells
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != 1)
                .filter_map(|(_, r)| r.get(i).map(|c| c.width()))
                .max()
                .unwrap_or(0)
                .max(3)
        })
        .collect();
    let mut out = String::new();
    for (k, (r, row)) in rows.iter().zip(&cells).enumerate() {
        if k > 0 {
            out.push_str(&text[rows[k - 1].range.end..r.range.start]);
        }
        let written: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let align = aligns.get(i).copied().unwrap_or_default();
                match (style, r.delimiter) {
                    ("aligned", true) if i < n => delimiter(align, widths[i]),
                    // Nothing to align after the last cell without a
                    // trailing pipe (no trailing blanks).
                    ("aligned", false) if i + 1 == n && !trail && row.len() == n => {
                        pad(c, widths[i], align).trim_end().to_string()
                    }
                    ("aligned", false) if i < n => pad(c, widths[i], align),
                    (_, true) if aligned_delimiter && i < n => {
                        let w = cells[0].get(i).map_or(0, |h| h.width());
                        let d = delimiter(align, w);
                        if d.len() != w {
                            return String::from("\u{0}");
                        }
                        d
                    }
                    _ => (*c).to_string(),
                }
            })
            .collect();
        if written.iter().any(|c| c == "\u{0}") {
            return None;
        }
        let last = written.len().saturating_sub(1);
        let pieces: Vec<String> = written
            .iter()
            .enumerate()
            .map(|(i, c)| match (style, c.is_empty()) {
                ("tight", _) => c.clone(),
                // An empty cell between pipes: one space, not two.
                (_, true) => " ".to_string(),
                _ => {
                    let left = if i > 0 || lead { " " } else { "" };
                    let right = if i < last || trail { " " } else { "" };
                    format!("{left}{c}{right}")
                }
            })
            .collect();
        if lead {
            out.push('|');
        }
        out.push_str(&pieces.join("|"));
        if trail {
            out.push('|');
        }
    }
    Some(out)
}

/// The table rewritten in `style`, as one edit: safe when the page reads
/// the same (the renderer ignores the blanks around a cell's text).
fn fix(
    doc: &crate::document::Document<'_>,
    rows: &[Row],
    style: &str,
    aligned_delimiter: bool,
) -> Option<Fix> {
    let range = rows.first()?.range.start..rows.last()?.range.end;
    let new = layout(doc.text, rows, style, aligned_delimiter)?;
    if new == doc.text[range.clone()] || !doc.edit_keeps_page(range.clone(), &new) {
        return None;
    }
    Some(Fix::safe(
        format!("Lay the table out in style \"{style}\""),
        vec![Edit::replace(range, new)],
    ))
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
            let (mut chosen, mut name) = (&if_aligned, "aligned");
            if co_ok && (if_compact.len() < chosen.len() || !al_ok) {
                (chosen, name) = (&if_compact, "compact");
            }
            if ti_ok && (if_tight.len() < chosen.len() || (!al_ok && !co_ok)) {
                (chosen, name) = (&if_tight, "tight");
            }
            let fix = (!chosen.is_empty())
                .then(|| fix(doc, &rows, name, o.aligned_delimiter))
                .flatten();
            for (k, &(p, detail)) in chosen.iter().enumerate() {
                let d = Diagnostic::new(&META, p..p + 1, format!("Table column style: {detail}"));
                out.push(match (&fix, k) {
                    (Some(f), 0) => d.with_fix(f.clone()),
                    _ => d,
                });
            }
        }
    }
}
