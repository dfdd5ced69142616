//! MD059 `descriptive-link-text`: a link whose text says nothing about
//! where it goes (`[here](…)`, `[click here](…)`). As in markdownlint: the
//! text of Markdown links (inline and reference, not images, autolinks or
//! HTML), lowercased with every run of characters other than ASCII letters
//! and digits read as one space, compared with `prohibited_texts`; a text
//! with code or inline HTML in it is not checked.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LinkKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD059",
    name: "descriptive-link-text",
    group: Group::Md,
    summary: "Link text should be descriptive",
    fixable: Fixable::Never,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD059"),
};

crate::rule_options! {
    /// Options of MD059 (markdownlint's names and defaults).
    pub struct Md059Options {
        /// Link texts that say nothing (compared ignoring case and punctuation).
        pub prohibited_texts: Vec<String> = ["click here", "here", "link", "more"]
            .map(String::from)
            .to_vec();
    }
}

pub struct DescriptiveLinkText;

/// markdownlint's normalization: lowercase, every run of characters that
/// are not ASCII letters or digits (JavaScript's `[\W_]+`) one space, trimmed.
fn normalized(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

impl Rule for DescriptiveLinkText {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md059Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let opts = ctx.settings.rules.get::<Md059Options>(META.code);
        let prohibited: Vec<String> = opts
            .prohibited_texts
            .iter()
            .map(|t| normalized(t))
            .collect();
        if prohibited.is_empty() {
            return;
        }
        for link in &doc.links {
            if link.image
                || !matches!(link.kind, LinkKind::Inline | LinkKind::Reference)
                || link.text.is_empty()
            {
                continue;
            }
            // Code or inline HTML in the text (both lists are in document order).
            let (a, b) = (link.text.start, link.text.end);
            let i = doc.code.partition_point(|c| c.range.start < a);
            let j = doc.html.partition_point(|h| h.range.start < a);
            if doc.code.get(i).is_some_and(|c| c.range.start < b)
                || doc.html.get(j).is_some_and(|h| h.range.start < b)
            {
                continue;
            }
            let text = &doc.text[link.text.clone()];
            let norm = normalized(text);
            if prohibited.contains(&norm) {
                out.push(
                    Diagnostic::new(
                        &META,
                        link.text.clone(),
                        format!(
                            "Link text is not descriptive: `{}`",
                            text.replace('\n', " ")
                        ),
                    )
                    .with_help(
                        "Say where the link goes (the page's title or what the reader finds there)",
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalized;

    #[test]
    fn normalizes_like_markdownlint() {
        assert_eq!(normalized("Click here!!!!"), "click here");
        assert_eq!(normalized("click-here"), "click here");
        assert_eq!(normalized(" *link* "), "link");
        assert_eq!(normalized("~~link~~"), "link");
        assert_eq!(normalized("click\nhere"), "click here");
        assert_eq!(normalized("__more__"), "more");
    }
}
