//! MD025 `single-title`: a page whose first content is a top-level heading
//! (or whose front matter has a title) has no other heading of that level.
//! markdownlint's semantics: HTML comments may come before the heading; the
//! front matter's title (markdownlint's `front_matter_title` pattern)
//! counts as the first one.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::NodeKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD025",
    name: "single-title",
    group: Group::Md,
    summary: "Multiple top-level headings in the same document",
    fixable: Fixable::Never,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD025"),
};

crate::rule_options! {
    /// Options of MD025 (markdownlint's names and defaults).
    pub struct Md025Options {
        /// Heading level that must be unique.
        pub level: u8 = 1;
        /// Pattern (regular expression, any case) of a front-matter line that is the title (`""`: ignore the front matter).
        pub front_matter_title: String = r#"^\s*"?title"?\s*[:=]"#.to_string();
    }
}

pub struct SingleTitle;

impl Rule for SingleTitle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md025Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md025Options>(META.code);
        let headings: Vec<usize> = doc
            .outline
            .iter()
            .enumerate()
            .filter(|(_, n)| matches!(n.kind, NodeKind::Heading { level, .. } if level == o.level))
            .filter(|(_, n)| !is_docfx_tab(doc, n))
            .map(|(i, _)| i)
            .collect();
        let Some(&first) = headings.first() else {
            return;
        };
        let title_line = doc.front_matter_title_line(&o.front_matter_title);
        let top = title_line.is_some() || {
            // Only HTML comments before the first such heading.
            doc.outline[first].parent.is_none()
                && doc.outline[..first]
                    .iter()
                    .filter(|n| n.parent.is_none())
                    .all(|n| doc.is_comment_block(n))
        };
        if !top {
            return;
        }
        let skip = usize::from(title_line.is_none());
        for &i in &headings[skip..] {
            let n = &doc.outline[i];
            let line = doc.lines.line_range(doc.text, n.first_line);
            let range = n.start.max(line.start)..line.end.max(n.start);
            let mut d = Diagnostic::new(
                &META,
                range,
                format!(
                    "another level-{} heading: the page already has its title",
                    o.level
                ),
            );
            d.help = Some(match title_line {
                Some(l) => format!(
                    "the front matter's title (line {l}) is the page's title; use a level-{} heading",
                    o.level + 1
                ),
                None => {
                    let l = doc.outline[first].first_line;
                    format!(
                        "the heading on line {l} is the page's title; use a level-{} heading",
                        o.level + 1
                    )
                }
            });
            out.push(d);
        }
    }
}

/// A DocFX tab (`# [Linux](#tab/linux)`): an ATX heading that is one inline
/// link to `#tab/…`; markdownlint does not count it as a heading.
fn is_docfx_tab(doc: &crate::document::Document<'_>, n: &crate::document::OutlineNode) -> bool {
    if !matches!(n.kind, NodeKind::Heading { setext: false, .. }) {
        return false;
    }
    let line = doc.lines.line_range(doc.text, n.first_line);
    let s = &doc.text[n.start.max(line.start)..line.end];
    let body = s.trim_start_matches('#');
    let lead = s.len() - body.len() + (body.len() - body.trim_start().len());
    let content = body.trim().trim_end_matches('#').trim_end();
    let start = n.start.max(line.start) + lead;
    let range = start..start + content.len();
    doc.links.iter().any(|l| {
        l.kind == crate::document::LinkKind::Inline
            && !l.image
            && l.range == range
            && l.dest
                .as_ref()
                .is_some_and(|d| doc.text[d.clone()].starts_with("#tab/"))
    })
}
