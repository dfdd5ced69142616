//! MD041 `first-line-heading`: the page's first content is a top-level
//! heading (a `#` heading of `level`, or an HTML `<h1>`), unless the front
//! matter has a title. HTML comments may come first.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::NodeKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD041",
    name: "first-line-heading",
    group: Group::Md,
    summary: "First line in a file should be a top-level heading",
    fixable: Fixable::Never,
    default_enabled: false,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD041"),
};

crate::rule_options! {
    /// Options of MD041 (markdownlint's names and defaults).
    pub struct Md041Options {
        /// Allow content before the first heading.
        pub allow_preamble: bool = false;
        /// Pattern (regular expression, any case) of a front-matter line that is the title (`""`: ignore the front matter).
        pub front_matter_title: String = r#"^\s*"?title"?\s*[:=]"#.to_string();
        /// Level of the heading the page must start with.
        pub level: u8 = 1;
    }
}

pub struct FirstLineHeading;

impl Rule for FirstLineHeading {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md041Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md041Options>(META.code);
        if doc.front_matter_title_line(&o.front_matter_title).is_some() {
            return;
        }
        // A reference definition is content too (comrak keeps no node).
        let first_def = doc.definitions.first().map(|d| d.range.start);
        let mut error_line = None;
        for n in doc.outline.iter().filter(|n| n.parent.is_none()) {
            if doc.is_comment_block(n) {
                continue;
            }
            if let Some(d) = first_def.filter(|&d| d < n.start)
                && !o.allow_preamble
            {
                error_line = Some(doc.lines.line_of(d));
                break;
            }
            if let NodeKind::Heading { level, .. } = n.kind {
                if level != o.level {
                    error_line = Some(n.first_line);
                }
                break;
            }
            if n.kind == NodeKind::HtmlBlock
                && let Some(tag) = heading_tag(doc.slice(&doc.node_lines(n)))
            {
                if tag != o.level {
                    error_line = Some(n.first_line);
                }
                break;
            }
            if !o.allow_preamble {
                error_line = Some(n.first_line);
                break;
            }
        }
        let Some(line) = error_line else {
            return;
        };
        let r = doc.lines.line_range(doc.text, line);
        out.push(
            Diagnostic::new(
                &META,
                r,
                format!("the page does not start with a level-{} heading", o.level),
            )
            .with_help(format!(
                "start the page with its title (`{} Title`), or give the front matter a `title:`",
                "#".repeat(usize::from(o.level))
            )),
        );
    }
}

/// The level of an HTML block's first tag when it is `<h1>`…`<h6>`.
fn heading_tag(block: &str) -> Option<u8> {
    let t = block.trim_start().strip_prefix('<')?;
    if t.starts_with('!') {
        return None;
    }
    let name: String = t
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '/' && *c != '>')
        .collect();
    let name = name.to_ascii_lowercase();
    let level = name.strip_prefix('h')?.parse::<u8>().ok()?;
    (name.len() == 2 && (1..=6).contains(&level)).then_some(level)
}
