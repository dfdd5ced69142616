//! MD043 `required-headings`: the page's headings follow the list in
//! `headings` (`## Title` entries; `*` any number of headings, `+` at least
//! one, `?` exactly one), compared as markdownlint does. Nothing is checked
//! without the option.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::NodeKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD043",
    name: "required-headings",
    group: Group::Md,
    summary: "Required heading structure",
    fixable: Fixable::Never,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD043"),
};

crate::rule_options! {
    /// Options of MD043 (markdownlint's names and defaults).
    pub struct Md043Options {
        /// The headings every page must have, in order (`## Title`, `*`, `+`, `?`; empty: nothing checked).
        pub headings: Vec<String> = Vec::new();
        /// Compare the headings' case too.
        pub match_case: bool = false;
    }
}

pub struct RequiredHeadings;

impl Rule for RequiredHeadings {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md043Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md043Options>(META.code);
        let required = &o.headings;
        if required.is_empty() {
            return;
        }
        let case = |s: &str| {
            if o.match_case {
                s.to_string()
            } else {
                s.to_lowercase()
            }
        };
        let mut i = 0usize;
        let next = |i: &mut usize| {
            let e = required.get(*i).cloned().unwrap_or_else(|| "[None]".into());
            *i += 1;
            e
        };
        let mut match_any = false;
        let mut any_headings = false;
        for n in &doc.outline {
            let NodeKind::Heading { level, .. } = n.kind else {
                continue;
            };
            any_headings = true;
            let actual = format!(
                "{} {}",
                "#".repeat(usize::from(level)),
                heading_text(doc, n)
            );
            let expected = next(&mut i);
            match expected.as_str() {
                "*" => {
                    let following = next(&mut i);
                    if case(&following) != case(&actual) {
                        match_any = true;
                        i -= 1;
                    }
                }
                "+" => match_any = true,
                "?" => {}
                e if case(e) == case(&actual) => match_any = false,
                _ if match_any => i -= 1,
                _ => {
                    let line = doc.lines.line_range(doc.text, n.first_line);
                    out.push(
                        Diagnostic::new(
                            &META,
                            n.start.max(line.start)..line.end.max(n.start),
                            format!("expected the heading `{expected}`, found `{actual}`"),
                        )
                        .with_help("the project's required headings are set by MD043's `headings`"),
                    );
                    return;
                }
            }
        }
        let extra = required.len().saturating_sub(i);
        let missing = extra > 1 || (extra == 1 && required[i] != "*");
        if missing && (any_headings || !required.iter().all(|h| h == "*")) {
            // markdownlint reports the last line, the empty one after a
            // final newline included: the end of the page.
            let end = doc.text.len();
            let r = end..end;
            out.push(
                Diagnostic::new(
                    &META,
                    r,
                    format!("missing the required heading `{}`", required[i]),
                )
                .with_help("the project's required headings are set by MD043's `headings`"),
            );
        }
    }
}

/// A heading's text as written (markdownlint's `getHeadingText`): an ATX
/// heading without its hashes, a setext heading's lines joined by spaces.
fn heading_text(doc: &crate::document::Document<'_>, n: &crate::document::OutlineNode) -> String {
    match n.kind {
        NodeKind::Heading { setext: true, .. } => (n.first_line..n.last_line)
            .map(|l| doc.line_text(l).trim().trim_start_matches('>').trim())
            .collect::<Vec<_>>()
            .join(" "),
        _ => {
            let line = doc.lines.line_range(doc.text, n.first_line);
            let range = n.start.max(line.start)..line.end;
            crate::document::heading_content(doc, &range)
                .map(|r| doc.text[r].to_string())
                .unwrap_or_default()
        }
    }
}
