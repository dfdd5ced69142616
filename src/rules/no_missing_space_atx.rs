//! MD018 `no-missing-space-atx`: a line that starts with `#` followed by
//! text (`#Heading`) is a paragraph, not a heading, in CommonMark; it was
//! most likely meant as a heading. markdownlint's semantics: a line that
//! starts with `#` at its first column, outside code, HTML blocks and front
//! matter, whose hashes are followed by something other than `#`, a space
//! or a tab, and which does not end with `#` (closed headings are MD020's).

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD018",
    name: "no-missing-space-atx",
    group: Group::Md,
    summary: "No space after hash on atx style heading",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD018"),
};

pub struct NoMissingSpaceAtx;

impl Rule for NoMissingSpaceAtx {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        if memchr::memchr(b'#', text.as_bytes()).is_none() {
            return;
        }
        for line in 1..=doc.lines.line_count() {
            let r = doc.lines.line_range(text, line);
            let content = &text[r.clone()];
            if !content.starts_with('#') {
                continue;
            }
            let hashes = content.bytes().take_while(|&c| c == b'#').count();
            let rest = &content[hashes..];
            let Some(next) = rest.chars().next() else {
                continue;
            };
            // `#️⃣` (hash, U+FE0F, keycap) is an emoji, not a hash.
            if matches!(next, ' ' | '\t')
                || (hashes == 1 && next == '\u{fe0f}')
                || content.trim_end().ends_with('#')
                || doc.in_code_block(r.start)
                || doc.in_html_block(r.start)
                || doc.in_front_matter(r.start)
            {
                continue;
            }
            let at = r.start + hashes;
            let mut d = Diagnostic::new(
                &META,
                r.start..at,
                format!(
                    "no space after `{}`: this line is not a heading",
                    &content[..hashes]
                ),
            );
            if hashes <= 6 {
                // Shown, never applied: the line would become a heading, a
                // change of structure (what the rule is for, unless `#word`
                // was meant as text), which the fix guard refuses.
                d = d.with_fix(Fix::display_only(
                    "Add a space to make it a heading",
                    vec![Edit::insert(at, " ")],
                ));
            }
            out.push(d.with_help("write `# Heading`; escape the hash (`\\#word`) if it is text"));
        }
    }
}
