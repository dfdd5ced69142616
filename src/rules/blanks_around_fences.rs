//! MD031 `blanks-around-fences`: a fenced code block needs a blank line
//! before its opening fence and after its closing fence, as markdownlint
//! counts them (a line of only `>` markers or HTML comments is blank; the
//! page's edges count as blank).

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::NodeKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD031",
    name: "blanks-around-fences",
    group: Group::Md,
    summary: "Fenced code blocks should be surrounded by blank lines",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD031"),
};

crate::rule_options! {
    /// Options of MD031 (markdownlint's names and defaults).
    pub struct Md031Options {
        /// Also check fenced code blocks in list items.
        pub list_items: bool = true;
    }
}

pub struct BlanksAroundFences;

impl Rule for BlanksAroundFences {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md031Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md031Options>(META.code);
        for (i, n) in doc.outline.iter().enumerate() {
            if n.kind != (NodeKind::CodeBlock { fenced: true }) {
                continue;
            }
            if !o.list_items
                && doc
                    .outline_ancestors(i)
                    .any(|a| matches!(a.kind, NodeKind::List { .. }))
            {
                continue;
            }
            let prefix = doc.container_prefix(n.start);
            if !doc.is_blank_line(n.first_line - 1) {
                let line = doc.lines.line_range(doc.text, n.first_line);
                let (at, text, same) = doc.blank_lines_at(n.first_line, &prefix, 1);
                out.push(finding(
                    n.start.max(line.start)..line.end.max(n.start),
                    "before the opening fence",
                    at,
                    text,
                    same,
                ));
            }
            if !doc.is_blank_line(n.last_line + 1) && !doc.is_blank_line(n.last_line) {
                let line = doc.lines.line_range(doc.text, n.last_line);
                let from = line.start
                    + (doc.text[line.clone()].len()
                        - doc.text[line.clone()]
                            .trim_start_matches([' ', '>', '\t'])
                            .len());
                let (at, text, same) = doc.blank_lines_at(n.last_line + 1, &prefix, 1);
                out.push(finding(
                    from..line.end.max(from),
                    "after the closing fence",
                    at,
                    text,
                    same,
                ));
            }
        }
    }
}

fn finding(
    range: std::ops::Range<usize>,
    side: &str,
    at: usize,
    text: String,
    same: bool,
) -> Diagnostic {
    let msg = format!("no blank line {side} of a code block");
    let fix_msg = format!("Insert a blank line {side}");
    let edits = vec![Edit::insert(at, text)];
    let fix = if same {
        Fix::safe(fix_msg, edits)
    } else {
        // In a list item the blank line makes a tight list loose (its
        // items become paragraphs): the author decides.
        Fix::display_only(format!("{fix_msg} (changes how the page renders)"), edits)
    };
    Diagnostic::new(&META, range, msg).with_fix(fix)
}
