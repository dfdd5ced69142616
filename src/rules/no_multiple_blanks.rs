//! MD012 `no-multiple-blanks`: more consecutive blank lines than allowed.
//! Blank lines at the end of the file belong to MD047.

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
        let max = ctx.settings.rules.get::<Md012Options>(META.code).maximum;
        let count = doc.lines.line_count();
        // Lines after the last non-blank line are MD047's.
        let last_content = (1..=count)
            .rev()
            .find(|&l| !text[doc.lines.line_range(text, l)].trim().is_empty())
            .unwrap_or(0);
        let mut run_start = 0usize; // first blank line of the current run
        let mut run_len = 0usize;
        for line in 1..=last_content + 1 {
            let blank = line <= last_content && {
                let r = doc.lines.line_range(text, line);
                text[r.clone()].trim().is_empty()
                    && !doc.in_code_block(r.start)
                    && !doc.in_html_block(r.start)
                    && !doc.in_front_matter(r.start)
            };
            if blank {
                if run_len == 0 {
                    run_start = line;
                }
                run_len += 1;
                continue;
            }
            if run_len > max {
                let first_extra = run_start + max;
                let start = doc.lines.line_start(first_extra);
                let end = doc.lines.line_start(run_start + run_len);
                let extra = run_len - max;
                let msg = format!("{run_len} consecutive blank lines (at most {max} allowed)");
                let fix_msg = format!(
                    "Remove {extra} blank line{}",
                    if extra == 1 { "" } else { "s" }
                );
                let edit = vec![Edit::delete(start..end)];
                // Blank lines are content inside a code block that a list
                // item holds open; only remove what renders the same.
                let fix = if doc.edit_keeps_rendering(start..end, "") {
                    Fix::safe(fix_msg, edit)
                } else {
                    continue_blank_note(fix_msg, edit)
                };
                out.push(Diagnostic::new(&META, start..end, msg).with_fix(fix));
            }
            run_len = 0;
        }
    }
}

fn continue_blank_note(message: String, edits: Vec<Edit>) -> Fix {
    Fix::display_only(
        format!("{message} (they are part of a code block here)"),
        edits,
    )
}
