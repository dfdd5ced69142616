//! MD026 `no-trailing-punctuation`: a heading that ends with punctuation
//! (`## Instalación:`), by markdownlint's `punctuation` list; `?` is
//! allowed, and neither the `;` of an HTML entity (`&copy;`) nor the `:` of
//! an emoji shortcode (`:tada:`) is punctuation.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::BlockKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD026",
    name: "no-trailing-punctuation",
    group: Group::Md,
    summary: "Trailing punctuation in heading",
    fixable: Fixable::Always,
    default_enabled: false,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD026"),
};

crate::rule_options! {
    /// Options of MD026 (markdownlint's names and defaults).
    pub struct Md026Options {
        /// Characters that may not end a heading (`""` allows all).
        pub punctuation: String = ".,;:!。，；：！".to_string();
    }
}

pub struct NoTrailingPunctuation;

/// The heading's text: its first line for an ATX heading (without the
/// closing `#`s), the line above the underline for a setext one.
fn heading_text(src: &str, start: usize) -> Option<std::ops::Range<usize>> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = start;
    for l in src.split_inclusive('\n') {
        lines.push((at, l.trim_end_matches(['\n', '\r'])));
        at += l.len();
    }
    let (off, line) = match lines.last() {
        Some((_, l))
            if lines.len() > 1 && {
                let t = l.trim();
                !t.is_empty() && (t.bytes().all(|c| c == b'=') || t.bytes().all(|c| c == b'-'))
            } =>
        {
            lines[lines.len() - 2]
        }
        _ => *lines.first()?,
    };
    let mut text = line.trim_end();
    if text.starts_with('#') {
        // Closing sequence: spaces then `#`s at the end.
        let without = text.trim_end_matches('#');
        if without.len() < text.len()
            && (without.ends_with([' ', '\t']) || without.trim_start_matches('#').is_empty())
        {
            text = without.trim_end();
        }
    }
    Some(off..off + text.len())
}

impl Rule for NoTrailingPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md026Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let options = ctx.settings.rules.get::<Md026Options>(META.code);
        if options.punctuation.is_empty() {
            return;
        }
        for b in &doc.blocks {
            if !matches!(b.kind, BlockKind::Heading { .. }) {
                continue;
            }
            let Some(r) = heading_text(doc.slice(&b.range), b.range.start) else {
                continue;
            };
            let text = &doc.text[r.clone()];
            let Some(last) = text.chars().next_back() else {
                continue;
            };
            if !options.punctuation.contains(last)
                || (last == ';' && ends_with_entity(text))
                || (last == ':' && ends_with_shortcode(text))
            {
                continue;
            }
            let at = r.end - last.len_utf8();
            let d = Diagnostic::new(&META, at..r.end, format!("heading ends with “{last}”"))
                .with_help("a heading is a title, not a sentence");
            // A heading that is only the mark (`# .`) would be left empty.
            let only_mark = text.trim_start_matches('#').trim() == &text[at - r.start..];
            // After a literal autolink the mark is a text node of its own
            // ("http://r.org1."): removing it changes the heading's inline
            // structure, which the guard refuses (property test seed).
            out.push(if only_mark || !doc.edit_keeps_structure(at..r.end, "") {
                d
            } else {
                d.with_fix(Fix::unsafe_edit(
                    format!("Remove “{last}”"),
                    vec![Edit::delete(at..r.end)],
                ))
            });
        }
    }
}

/// Does `text` end with an HTML entity (`&copy;`, `&#169;`, `&#xA9;`)?
fn ends_with_entity(text: &str) -> bool {
    let body = &text[..text.len() - 1];
    let Some(amp) = body.rfind('&') else {
        return false;
    };
    let name = &body[amp + 1..];
    let name = name
        .strip_prefix('#')
        .map_or(name, |n| n.strip_prefix(['x', 'X']).unwrap_or(n));
    !name.is_empty() && name.bytes().all(|c| c.is_ascii_alphanumeric())
}

/// Does `text` end with an emoji shortcode (`:bug:`, `:t-rex:`)?
fn ends_with_shortcode(text: &str) -> bool {
    let body = &text[..text.len() - 1];
    let Some(open) = body.rfind(':') else {
        return false;
    };
    let name = &body[open + 1..];
    !name.is_empty()
        && name
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'+' | b'-'))
}
