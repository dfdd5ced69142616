//! MD012 `no-multiple-blanks`: more consecutive blank lines than allowed,
//! each extra line reported as markdownlint does (at the end of the file
//! too).

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD012",
    name: "no-multiple-blanks",
    group: Group::Md,
    summary: "Multiple consecutive blank lines",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD012"),
};

crate::rule_options! {
    /// Options of MD012 (markdownlint's names and defaults).
    pub struct Md012Options {
        /// Consecutive blank lines allowed.
        pub maximum: usize = 1;
    }
}

pub struct NoMultipleBlanks;

impl Rule for NoMultipleBlanks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md012Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        if text.len() <= doc.bom_len {
            return;
        }
        let max = ctx.settings.rules.get::<Md012Options>(META.code).maximum;
        let count = doc.lines.line_count();
        // As markdownlint splits the text, a final line ending is followed
        // by one more, empty line: `a⏎⏎` ends with two blank lines.
        let phantom = text.ends_with(['\n', '\r']);
        let last = count + usize::from(phantom);
        let is_blank = |line: usize| -> bool {
            if line > count {
                return true;
            }
            let r = doc.lines.line_range(text, line);
            text[r.clone()].trim().is_empty()
                && !doc.in_code_block(r.start)
                && !in_raw_html_block(doc, r.start)
                && !doc.in_front_matter(r.start)
        };
        let mut line = 1;
        while line <= last {
            if !is_blank(line) {
                line += 1;
                continue;
            }
            let run_start = line;
            while line <= last && is_blank(line) {
                line += 1;
            }
            let run_end = line - 1; // inclusive
            let run_len = run_end - run_start + 1;
            if run_len <= max {
                continue;
            }
            let first_extra = run_start + max;
            let extra = run_len - max;
            // One fix removes the run's extra lines; each extra line is a
            // finding, as markdownlint reports them.
            let start = doc.lines.line_start(first_extra);
            let removal = if run_end > count {
                // Up to the end: the line ending before the first extra
                // line goes too, so that `max` line endings remain.
                let before = if text[..start].ends_with("\r\n") {
                    2
                } else {
                    1
                };
                start - before..text.len()
            } else {
                start..doc.lines.line_start(run_end + 1)
            };
            let fix_msg = format!(
                "Remove {extra} blank line{}",
                if extra == 1 { "" } else { "s" }
            );
            let edit = vec![Edit::delete(removal.clone())];
            // Blank lines are content inside a code block that a list
            // item holds open; only remove what renders the same.
            let fix = if doc.edit_keeps_rendering(removal.clone(), "") {
                Fix::safe(fix_msg, edit)
            } else {
                continue_blank_note(fix_msg, edit)
            };
            for (k, l) in (first_extra..=run_end).enumerate() {
                let range = if l > count {
                    text.len()..text.len()
                } else {
                    doc.lines.line_start(l)..doc.lines.line_start(l + 1)
                };
                let n = max + k + 1;
                let msg = if l > count {
                    // The empty "line" after the last line ending is no
                    // blank line to a reader.
                    let blank = n - 1;
                    format!(
                        "{blank} blank line{} at the end of the file",
                        if blank == 1 { "" } else { "s" }
                    )
                } else {
                    format!("{n} consecutive blank lines (at most {max} allowed)")
                };
                out.push(Diagnostic::new(&META, range, msg).with_fix(fix.clone()));
            }
        }
    }
}

/// Is `offset` inside an HTML block whose blank lines are content (such as
/// `<pre>`)? Comments are not: their blank lines are as extra as any.
fn in_raw_html_block(doc: &crate::document::Document<'_>, offset: usize) -> bool {
    doc.in_html_block(offset)
        && !doc
            .html
            .iter()
            .any(|h| h.block && h.comment && h.range.start <= offset && offset <= h.range.end)
}

fn continue_blank_note(message: String, edits: Vec<Edit>) -> Fix {
    Fix::display_only(
        format!("{message} (they are part of a code block here)"),
        edits,
    )
}
