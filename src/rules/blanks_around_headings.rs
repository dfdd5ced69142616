//! MD022 `blanks-around-headings`: a heading needs blank lines above and
//! below it (one by default), as markdownlint counts them: a line of only
//! `>` markers or HTML comments is blank, the start and the end of the page
//! (and the front matter) count as blank.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::NodeKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD022",
    name: "blanks-around-headings",
    group: Group::Md,
    summary: "Headings should be surrounded by blank lines",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD022"),
};

/// A number of blank lines for every heading, or one per level (1 to 6;
/// levels beyond the list get 1). `-1` allows any number.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum Lines {
    All(i64),
    PerLevel(Vec<i64>),
}

impl Lines {
    fn for_level(&self, level: u8) -> i64 {
        match self {
            Lines::All(n) => *n,
            Lines::PerLevel(v) => v.get(usize::from(level) - 1).copied().unwrap_or(1),
        }
    }
}

crate::rule_options! {
    /// Options of MD022 (markdownlint's names and defaults).
    pub struct Md022Options {
        /// Blank lines above a heading (a number, or one per level 1–6; -1: any).
        pub lines_above: Lines = Lines::All(1);
        /// Blank lines below a heading (a number, or one per level 1–6; -1: any).
        pub lines_below: Lines = Lines::All(1);
    }
}

pub struct BlanksAroundHeadings;

impl Rule for BlanksAroundHeadings {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md022Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md022Options>(META.code);
        for node in &doc.outline {
            let NodeKind::Heading { level, .. } = node.kind else {
                continue;
            };
            let first = node.first_line;
            let last = node.last_line;
            let line = doc.lines.line_range(doc.text, first);
            let range = node.start.max(line.start)..line.end.max(node.start);
            let prefix = doc.container_prefix(node.start);
            let above = o.lines_above.for_level(level);
            if above >= 0 {
                let want = above as usize;
                let got = (1..=want)
                    .take_while(|&i| first <= i || doc.is_blank_line(first - i))
                    .count();
                if got < want {
                    let (at, text, same) = doc.blank_lines_at(first, &prefix, want - got);
                    out.push(finding(range.clone(), "above", want, got, at, text, same));
                }
            }
            let below = o.lines_below.for_level(level);
            if below >= 0 {
                let want = below as usize;
                let got = (1..=want)
                    .take_while(|&i| doc.is_blank_line(last + i))
                    .count();
                if got < want {
                    let (at, text, same) = doc.blank_lines_at(last + 1, &prefix, want - got);
                    out.push(finding(range.clone(), "below", want, got, at, text, same));
                }
            }
        }
    }
}

fn finding(
    range: std::ops::Range<usize>,
    side: &str,
    want: usize,
    got: usize,
    at: usize,
    text: String,
    same: bool,
) -> Diagnostic {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let msg = format!(
        "heading needs {want} blank line{} {side} it, found {got}",
        plural(want)
    );
    let n = want - got;
    let fix_msg = format!("Insert {n} blank line{} {side} the heading", plural(n));
    let edits = vec![Edit::insert(at, text)];
    let fix = if same {
        Fix::safe(fix_msg, edits)
    } else {
        // Inside a list item a blank line makes a tight list loose.
        Fix::display_only(format!("{fix_msg} (changes how the page renders)"), edits)
    };
    Diagnostic::new(&META, range, msg).with_fix(fix)
}
