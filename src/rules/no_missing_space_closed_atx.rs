//! MD020 `no-missing-space-closed-atx`: a closed ATX heading without a
//! space between its text and the hashes (`#Título#`, `# Título#`), found
//! line by line as markdownlint does (outside code, HTML and front matter).

use std::sync::OnceLock;

use regex::Regex;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD020",
    name: "no-missing-space-closed-atx",
    group: Group::Md,
    summary: "No space inside hashes on closed atx style heading",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD020"),
};

/// markdownlint's pattern of a closed ATX heading line.
fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(#+)([ \t]*)([^# \t\\]|[^# \t][^#]*?[^# \t\\])([ \t]*)((?:\\#)?)(#+)(\s*)$")
            .expect("MD020 pattern")
    })
}

pub struct NoMissingSpaceClosedAtx;

impl Rule for NoMissingSpaceClosedAtx {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for line_no in 1..=doc.lines.line_count() {
            let r = doc.lines.line_range(doc.text, line_no);
            if !doc.text[r.clone()].starts_with('#')
                || doc.in_code_block(r.start)
                || doc.in_html_block(r.start)
                || doc.in_front_matter(r.start)
            {
                continue;
            }
            let line = &doc.text[r.clone()];
            let Some(c) = pattern().captures(line) else {
                continue;
            };
            let get = |i: usize| c.get(i).map_or("", |m| m.as_str());
            let (left_hash, content, right_escape, right_hash) = (get(1), get(3), get(5), get(6));
            let left = get(2).is_empty();
            let right = get(4).is_empty() || !right_escape.is_empty();
            if !left && !right {
                continue;
            }
            let range = if left {
                r.start..r.start + left_hash.len()
            } else {
                let m = c.get(6).unwrap();
                r.start + m.start()..r.start + m.end()
            };
            let escape = if right_escape.is_empty() {
                String::new()
            } else {
                format!("{right_escape} ")
            };
            let fixed = format!("{left_hash} {content} {escape}{right_hash}");
            let msg = match (left, right) {
                (true, true) => "no space inside the hashes of a closed heading",
                (true, false) => "no space after the opening hashes of a closed heading",
                _ => "no space before the closing hashes of a closed heading",
            };
            let same = doc.edit_keeps_page(r.clone(), &fixed);
            let edits = vec![Edit::replace(r.clone(), fixed)];
            let fix = if same {
                Fix::safe("Add the missing spaces", edits)
            } else if left {
                // Without a space after `#` the line is a paragraph: the fix
                // makes it a heading, which only the author can confirm.
                Fix::display_only("Add the spaces (makes the line a heading)", edits)
            } else {
                // The closing hashes are the heading's text: the fix makes
                // them a closing sequence, and they leave the page.
                Fix::unsafe_edit(
                    "Add a space before the closing hashes (they stop being text)",
                    edits,
                )
            };
            out.push(Diagnostic::new(&META, range, msg).with_fix(fix));
        }
    }
}
