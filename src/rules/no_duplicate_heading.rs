//! MD024 `no-duplicate-heading`: a heading whose text repeats an earlier
//! heading's (of the page, or with `siblings_only` of the same parent).

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::BlockKind;
use crate::document::heading_content;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD024",
    name: "no-duplicate-heading",
    group: Group::Md,
    summary: "Multiple headings with the same content",
    fixable: Fixable::Never,
    default_enabled: false,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD024"),
};

crate::rule_options! {
    /// Options of MD024 (markdownlint's names and defaults).
    pub struct Md024Options {
        /// Only compare headings under the same parent heading.
        pub siblings_only: bool = false;
    }
}

pub struct NoDuplicateHeading;

impl Rule for NoDuplicateHeading {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md024Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let siblings_only = ctx
            .settings
            .rules
            .get::<Md024Options>(META.code)
            .siblings_only;
        // Known texts per level (index 0 for every level when not
        // `siblings_only`), as markdownlint keeps them: going deeper starts
        // empty sets for the levels in between, going up keeps the level's.
        let mut known: Vec<HashSet<String>> = vec![HashSet::new(); 7];
        let mut last_level = 1usize;
        for block in &doc.blocks {
            let BlockKind::Heading { level } = block.kind else {
                continue;
            };
            let Some(content) = heading_content(doc, &block.range) else {
                continue;
            };
            // A setext heading's text is every line above its underline.
            let atx = doc.text[block.range.start..].starts_with('#');
            let start = if atx {
                content.start
            } else {
                block.range.start.min(content.start)
            };
            let text = without_comments(&doc.text[start..content.end]);
            let level = usize::from(level).clamp(1, 6);
            let set = if siblings_only {
                while last_level < level {
                    last_level += 1;
                    known[last_level].clear();
                }
                last_level = level;
                &mut known[level]
            } else {
                &mut known[0]
            };
            if !set.insert(text.clone()) {
                let msg = format!("Heading `{text}` repeats an earlier heading");
                out.push(Diagnostic::new(&META, content, msg));
            }
        }
    }
}

/// The heading's text without HTML comments, trimmed, spaces around a
/// removed comment collapsed (markdownlint compares it so).
fn without_comments(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut rest = src;
    while let Some(open) = rest.find("<!--") {
        let Some(close) = rest[open + 4..].find("-->") else {
            break;
        };
        out.push_str(&rest[..open]);
        rest = &rest[open + 4 + close + 3..];
    }
    out.push_str(rest);
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn comments_are_not_text() {
        assert_eq!(super::without_comments("Headings <!-- a -->"), "Headings");
        assert_eq!(super::without_comments("A <!-- x --> B"), "A  B");
        assert_eq!(super::without_comments("A <!-- open"), "A <!-- open");
    }
}
