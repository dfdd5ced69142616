//! MD053 `link-image-reference-definitions`: a reference definition no
//! link or image uses, or a second definition of a label. As in
//! markdownlint: labels compared as CommonMark matches them, footnote
//! definitions (`[^1]: …`) checked against the footnote calls, `ignored_definitions`
//! (default `["//"]`, the `[//]: # (comment)` idiom) never reported.

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Definition, Document, LinkKind};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD053",
    name: "link-image-reference-definitions",
    group: Group::Md,
    summary: "Link and image reference definitions should be needed",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD053"),
};

crate::rule_options! {
    /// Options of MD053 (markdownlint's names and defaults).
    pub struct Md053Options {
        /// Definition labels never reported (the `[//]: # (comment)` idiom by default).
        pub ignored_definitions: Vec<String> = vec!["//".to_string()];
    }
}

pub struct LinkImageReferenceDefinitions;

/// The whole line of a definition that sits alone on one line (label and
/// destination, title too), to delete; `None` when it spans lines or shares
/// its line with a container marker.
fn own_line(doc: &Document<'_>, d: &Definition) -> Option<std::ops::Range<usize>> {
    let text = doc.text;
    let start = text[..d.range.start].rfind('\n').map_or(0, |p| p + 1);
    let end = text[d.range.start..]
        .find('\n')
        .map_or(text.len(), |p| d.range.start + p + 1);
    let line = &text[start..end];
    let indent = line.len() - line.trim_start_matches(' ').len();
    let content_end = d.title.as_ref().map_or(d.dest.end, |t| t.end);
    // A title on the next line belongs to the definition too.
    let next = text[end..].split('\n').next().unwrap_or("").trim_start();
    let title_below = d.title.is_none() && next.starts_with(['"', '\'', '(']);
    (indent <= 3 && line[indent..].starts_with('[') && content_end <= end && !title_below)
        .then_some(start..end)
}

/// A footnote call (`[^1]`) or definition (`[^1]: …`), label with its `^`.
struct Footnote {
    label: String,
    range: std::ops::Range<usize>,
    definition: bool,
}

/// The footnote calls and definitions of the page, outside code, HTML
/// blocks and front matter.
fn footnotes(doc: &Document<'_>) -> Vec<Footnote> {
    let text = doc.text;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find("[^") {
        let at = from + p;
        from = at + 2;
        let Some(close) = text[at + 2..].find(|c: char| c == ']' || c == '[' || c.is_whitespace())
        else {
            break;
        };
        let close = at + 2 + close;
        if text.as_bytes()[close] != b']' || close == at + 2 {
            continue;
        }
        if doc.in_code(at) || doc.in_html_block(at) || doc.in_front_matter(at) {
            continue;
        }
        let line_start = text[..at].rfind('\n').map_or(0, |q| q + 1);
        let before = &text[line_start..at];
        let definition = text[close + 1..].starts_with(':')
            && before.len() <= 3
            && before.bytes().all(|b| b == b' ');
        out.push(Footnote {
            label: crate::document::normalize_label(&text[at + 1..close]),
            range: at..close + 1,
            definition,
        });
        from = close + 1;
    }
    out
}

impl Rule for LinkImageReferenceDefinitions {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md053Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let footnotes = footnotes(doc);
        if doc.definitions.is_empty() && footnotes.is_empty() {
            return;
        }
        let o = ctx.settings.rules.get::<Md053Options>(META.code);
        let ignored: HashSet<String> = o
            .ignored_definitions
            .iter()
            .map(|l| crate::document::normalize_label(l))
            .collect();
        let used: HashSet<&str> = doc
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::Reference)
            .filter_map(|l| l.label.as_deref())
            .collect();
        let mut seen: HashSet<&str> = HashSet::new();
        // Footnotes: a definition without a call, or defined twice.
        let calls: HashSet<&str> = footnotes
            .iter()
            .filter(|f| !f.definition)
            .map(|f| f.label.as_str())
            .collect();
        for f in footnotes.iter().filter(|f| f.definition) {
            let label = f.label.as_str();
            if ignored.contains(label) {
                continue;
            }
            let what = if !seen.insert(label) {
                "Duplicate"
            } else if !calls.contains(label) {
                "Unused"
            } else {
                continue;
            };
            let d = Diagnostic::new(
                &META,
                f.range.clone(),
                format!("{what} footnote definition: \"{label}\""),
            );
            // A one-line footnote (a blank line or the end after it) goes
            // with its line.
            let text = doc.text;
            let eol = text[f.range.end..]
                .find('\n')
                .map_or(text.len(), |p| f.range.end + p + 1);
            let next = text[eol..].split('\n').next().unwrap_or("");
            out.push(if next.trim().is_empty() {
                d.with_fix(Fix::safe(
                    "Remove the footnote definition",
                    vec![Edit::delete(f.range.start..eol)],
                ))
            } else {
                d
            });
        }
        for d in &doc.definitions {
            let label = d.label.as_str();
            if ignored.contains(label) {
                continue;
            }
            let first = seen.insert(label);
            let what = if !first {
                "Duplicate"
            } else if !used.contains(label) {
                "Unused"
            } else {
                continue;
            };
            let line = own_line(doc, d);
            let shown = doc.slice(&d.range).lines().next().unwrap_or("");
            let diag = Diagnostic::new(
                &META,
                d.range.clone(),
                format!("{what} link or image reference definition: \"{label}\" ({shown})"),
            );
            // The lines after a definition may be its paragraph's
            // continuation ("[x]: url⏎    code"): without the definition
            // they would start a block of their own. Offered only where the
            // page keeps its blocks (property test seed in
            // tests/properties.proptest-regressions).
            out.push(match line {
                Some(l) if doc.edit_keeps_page(l.clone(), "") => {
                    diag.with_fix(Fix::safe("Remove the definition", vec![Edit::delete(l)]))
                }
                _ => diag,
            });
        }
    }
}
