//! MD001 `heading-increment`: heading levels go down one level at a time
//! (`#` then `##`, never `#` then `###`), with markdownlint's semantics: the
//! first heading may be of any level, unless the front matter has a title,
//! which counts as the level-1 heading.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::BlockKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD001",
    name: "heading-increment",
    group: Group::Md,
    summary: "Heading levels should only increment by one level at a time",
    fixable: Fixable::Never,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD001"),
};

crate::rule_options! {
    /// Options of MD001 (markdownlint's names).
    pub struct Md001Options {
        /// Pattern (regular expression, any case) of a front-matter line that is the title, the page's level-1 heading (`""`: ignore the front matter).
        pub front_matter_title: String = r#"^\s*"?title"?\s*[:=]"#.to_string();
    }
}

pub struct HeadingIncrement;

impl Rule for HeadingIncrement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md001Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let options = ctx.settings.rules.get::<Md001Options>(META.code);
        let title = doc
            .front_matter_title_line(&options.front_matter_title)
            .is_some();
        let mut prev: u8 = if title { 1 } else { 0 };
        for b in &doc.blocks {
            let BlockKind::Heading { level } = b.kind else {
                continue;
            };
            if prev > 0 && level > prev + 1 {
                let mut d = Diagnostic::new(
                    &META,
                    b.range.clone(),
                    format!(
                        "heading level {level} after level {prev}: expected level {}",
                        prev + 1
                    ),
                );
                d.help = Some(if prev == 1 && title {
                    "the front matter's title is the page's level-1 heading".into()
                } else {
                    format!(
                        "use `{}` or add the missing levels",
                        "#".repeat(usize::from(prev) + 1)
                    )
                });
                out.push(d);
            }
            prev = level;
        }
    }
}
