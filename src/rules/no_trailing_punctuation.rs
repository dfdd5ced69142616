//! MD026 `no-trailing-punctuation`: a heading whose text ends with one of
//! the `punctuation` characters. The trailing semicolon of an HTML entity
//! reference (`&copy;`) and the closing colon of an emoji shortcode
//! (`:tada:`) do not count, as in markdownlint.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{BlockKind, Document};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD026",
    name: "no-trailing-punctuation",
    group: Group::Md,
    summary: "Trailing punctuation in heading",
    fixable: Fixable::Sometimes,
    default_enabled: false,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD026"),
};

crate::rule_options! {
    /// Options of MD026 (markdownlint's names and defaults).
    pub struct Md026Options {
        /// Characters that may not end a heading.
        pub punctuation: String = ".,;:!。，；：！".to_string();
    }
}

pub struct NoTrailingPunctuation;

impl Rule for NoTrailingPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md026Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let opts = ctx.settings.rules.get::<Md026Options>(META.code);
        if opts.punctuation.is_empty() {
            return;
        }
        let is_punct = |c: char| opts.punctuation.contains(c);
        for block in &doc.blocks {
            if !matches!(block.kind, BlockKind::Heading { .. }) {
                continue;
            }
            let Some(content) = heading_content(doc, &block.range) else {
                continue;
            };
            let text = &doc.text[content.clone()];
            let kept = text.trim_end_matches(is_punct);
            if kept.len() == text.len() {
                continue;
            }
            if ends_with_entity(text) || ends_with_shortcode(text) {
                continue;
            }
            let kept = kept.trim_end();
            let cut = content.start + kept.len()..content.end;
            let found = &doc.text[cut.clone()];
            let last = found.chars().next_back().unwrap_or('.');
            let msg = format!("Heading ends with punctuation `{last}`");
            let mut d = Diagnostic::new(&META, cut.clone(), msg);
            // A heading of nothing but punctuation keeps it: removing all of
            // it would leave an empty heading.
            // One stray `.`, `:`, `;` or `,` is a slip; `!` or a run (`...`,
            // `..`) may be the title's own (`Hello, World!`, `panic!`).
            if !kept.is_empty() {
                let mark = found.trim_start();
                let msg = format!("Remove `{mark}`");
                let slip = mark.chars().count() == 1 && !matches!(last, '!' | '！');
                let edits = vec![Edit::delete(cut)];
                d = d.with_fix(if slip {
                    Fix::safe(msg, edits)
                } else {
                    Fix::unsafe_edit(msg, edits)
                });
            }
            out.push(d);
        }
    }
}

/// The source range of a heading's text: an ATX heading's line without its
/// opening and closing `#` sequences, a setext heading's last text line
/// (the line above its underline), without trailing whitespace.
pub(crate) fn heading_content(
    doc: &Document<'_>,
    range: &std::ops::Range<usize>,
) -> Option<std::ops::Range<usize>> {
    let text = doc.text;
    let first = doc.lines.line_of(range.start);
    let line = doc.lines.line_range(text, first);
    let start = range.start.max(line.start);
    let src = text.get(start..line.end)?;
    if src.trim_start().starts_with('#') {
        let s = src.trim_start();
        let lead = src.len() - s.len();
        let after = s.trim_start_matches('#');
        let mut body_start = start + lead + (s.len() - after.len());
        let mut body = after.trim_end();
        // A closing sequence: `#`s preceded by a space (or the whole rest).
        let no_close = body.trim_end_matches('#');
        if no_close.len() < body.len() && (no_close.is_empty() || no_close.ends_with([' ', '\t'])) {
            body = no_close.trim_end();
        }
        let trimmed = body.trim_start();
        body_start += body.len() - trimmed.len();
        Some(body_start..body_start + trimmed.len())
    } else {
        // Setext: the line above the underline.
        let last = doc
            .lines
            .line_of(range.end.saturating_sub(1).max(range.start));
        if last <= first {
            return None;
        }
        let l = doc.lines.line_range(text, last - 1);
        let s = text.get(l.clone())?;
        let t = s.trim_end();
        let lead = t.len() - t.trim_start().len();
        let from = if last - 1 == first {
            start.max(l.start + lead)
        } else {
            l.start + lead
        };
        (from <= l.start + t.len()).then(|| from..l.start + t.len())
    }
}

/// Ends with an HTML entity reference such as `&copy;`, `&#169;`, `&#xA9;`.
fn ends_with_entity(text: &str) -> bool {
    let Some(body) = text.strip_suffix(';') else {
        return false;
    };
    let Some(amp) = body.rfind('&') else {
        return false;
    };
    let name = &body[amp + 1..];
    if let Some(num) = name.strip_prefix('#') {
        if let Some(hex) = num.strip_prefix(['x', 'X']) {
            return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
        }
        return !num.is_empty() && num.chars().all(|c| c.is_ascii_digit());
    }
    (2..=31).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Ends with an emoji shortcode such as `:tada:` or `:+1:`.
fn ends_with_shortcode(text: &str) -> bool {
    let Some(body) = text.strip_suffix(':') else {
        return false;
    };
    let Some(colon) = body.rfind(':') else {
        return false;
    };
    let name = &body[colon + 1..];
    !name.is_empty()
        && name.len() <= 40
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_+-".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_shortcodes() {
        assert!(ends_with_entity("Copyright &copy;"));
        assert!(ends_with_entity("x &#169;"));
        assert!(ends_with_entity("x &#x000A9;"));
        assert!(!ends_with_entity("a; b;"));
        assert!(ends_with_shortcode("Done :tada:"));
        assert!(ends_with_shortcode("Yes :+1:"));
        assert!(!ends_with_shortcode("Note:"));
        assert!(!ends_with_shortcode("a: b c:"));
    }

    #[test]
    fn heading_content_ranges() {
        for (src, want) in [
            ("# Título.\n", "Título."),
            ("## Closed: ##\n", "Closed:"),
            ("#   spaced !  \n", "spaced !"),
            ("Setext heading;\n===\n", "Setext heading;"),
            ("> # Quoted.\n", "Quoted."),
            ("# C#\n", "C#"),
        ] {
            let doc = Document::parse(src);
            let b = doc
                .blocks
                .iter()
                .find(|b| matches!(b.kind, BlockKind::Heading { .. }))
                .unwrap();
            let r = heading_content(&doc, &b.range).unwrap();
            assert_eq!(&src[r], want, "{src:?}");
        }
    }
}
