//! MD031 `blanks-around-fences`: a fenced code block needs a blank line
//! before its opening fence and after its closing fence, as markdownlint
//! counts them (a line of only `>` markers or HTML comments is blank; the
//! page's edges count as blank).

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{BlankGap, NodeKind};
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
            for gap in doc.missing_blank_lines(n) {
                out.push(finding(gap));
            }
        }
    }
}

fn finding(gap: BlankGap) -> Diagnostic {
    let side = if gap.before {
        "before the opening fence"
    } else {
        "after the closing fence"
    };
    let msg = format!("no blank line {side} of a code block");
    let fix_msg = format!("Insert a blank line {side}");
    let edits = vec![Edit::insert(gap.at, gap.text)];
    let fix = if gap.same {
        Fix::safe(fix_msg, edits)
    } else {
        // In a list item the blank line makes a tight list loose (its
        // items become paragraphs): the author decides.
        Fix::display_only(format!("{fix_msg} (changes how the page renders)"), edits)
    };
    Diagnostic::new(&META, gap.range, msg).with_fix(fix)
}
