//! MD054 `link-image-style`: links and images written in a style the
//! configuration does not allow (autolink, inline, full / collapsed /
//! shortcut reference, or an inline link whose text is its URL). With
//! markdownlint's defaults every style is allowed and the rule is silent.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Document, Link, LinkKind};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD054",
    name: "link-image-style",
    group: Group::Md,
    summary: "Link and image style",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD054"),
};

crate::rule_options! {
    /// Options of MD054 (markdownlint's names and defaults).
    pub struct Md054Options {
        /// Allow autolinks (`<https://…>`).
        pub autolink: bool = true;
        /// Allow inline links and images (`[text](url)`).
        pub inline: bool = true;
        /// Allow full reference links and images (`[text][label]`).
        pub full: bool = true;
        /// Allow collapsed reference links and images (`[label][]`).
        pub collapsed: bool = true;
        /// Allow shortcut reference links and images (`[label]`).
        pub shortcut: bool = true;
        /// Allow inline links whose text is their URL (`[https://…](https://…)`).
        pub url_inline: bool = false; markdownlint = true;
    }
}

pub struct LinkImageStyle;

/// The written form of a reference link: shortcut, collapsed or full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RefStyle {
    Shortcut,
    Collapsed,
    Full,
}

fn ref_style(doc: &Document<'_>, link: &Link) -> RefStyle {
    let after = &doc.text[link.text.end.min(link.range.end)..link.range.end];
    let after = after.strip_prefix(']').unwrap_or(after);
    if after.is_empty() {
        RefStyle::Shortcut
    } else if after.trim_start_matches([' ', '\t', '\n', '\r']) == "[]" {
        RefStyle::Collapsed
    } else {
        RefStyle::Full
    }
}

/// markdownlint's `autolinkAble`: an absolute URL without space or angle
/// brackets.
fn autolink_able(dest: &str) -> bool {
    let scheme_end = dest.find(':');
    let scheme_ok = scheme_end.is_some_and(|i| {
        i >= 1
            && dest[..i].starts_with(|c: char| c.is_ascii_alphabetic())
            && dest[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    scheme_ok && !dest.contains([' ', '<', '>'])
}

/// Backslash escapes of ASCII punctuation removed.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            continue;
        }
        out.push(c);
    }
    out
}

impl Rule for LinkImageStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md054Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let o = ctx.settings.rules.get::<Md054Options>(META.code);
        if o.autolink && o.inline && o.full && o.collapsed && o.shortcut && o.url_inline {
            return;
        }
        let doc = ctx.doc;
        for link in &doc.links {
            // A link whose syntax could not be read has no parts.
            if link.text.start == link.range.start && !link.range.is_empty() {
                continue;
            }
            let label = doc.slice(&link.text);
            let (error, dest, title) = match link.kind {
                LinkKind::Angle => {
                    // An e-mail autolink's destination is its `mailto:` URL.
                    (!o.autolink, link.url.clone(), None)
                }
                LinkKind::Inline => {
                    let Some(d) = &link.dest else { continue };
                    let dest = doc.slice(d);
                    if dest.is_empty() {
                        // markdownlint reads `[x]()` as having no destination.
                        continue;
                    }
                    let url_inline = !o.url_inline
                        && o.autolink
                        && !link.image
                        && link.title.is_none()
                        && label == dest
                        && autolink_able(dest);
                    (
                        !o.inline || url_inline,
                        dest.to_string(),
                        link.title.clone(),
                    )
                }
                LinkKind::Reference => {
                    let Some(d) = &link.dest else { continue };
                    let allowed = match ref_style(doc, link) {
                        RefStyle::Shortcut => o.shortcut,
                        RefStyle::Collapsed => o.collapsed,
                        RefStyle::Full => o.full,
                    };
                    (!allowed, doc.slice(d).to_string(), link.title.clone())
                }
                LinkKind::Bare | LinkKind::FrontMatter => continue,
            };
            if !error {
                continue;
            }
            let src = doc.slice(&link.range);
            let mut d = Diagnostic::new(
                &META,
                link.range.clone(),
                format!("Link and image style: `{}`", src.replace('\n', " ")),
            );
            if !src.contains('\n') && !doc.in_html_block(link.range.start) {
                let can_inline = o.inline && !label.is_empty();
                let can_autolink = o.autolink && !link.image && autolink_able(&dest);
                // The text is the URL: an autolink shows the same.
                let text_is_url = unescape(label) == unescape(&dest);
                let title = title.map(|t| format!(" {}", quoted(doc, &t)));
                let to_autolink = can_autolink
                    && title.is_none()
                    && (!can_inline || (!o.url_inline && text_is_url));
                let insert = if to_autolink {
                    Some((format!("<{}>", unescape(&dest)), text_is_url))
                } else if can_inline {
                    let prefix = if link.image { "!" } else { "" };
                    let label = escape_brackets(label);
                    Some((
                        format!(
                            "{prefix}[{label}]({}{})",
                            inline_dest(&dest),
                            title.unwrap_or_default()
                        ),
                        true,
                    ))
                } else {
                    None
                };
                if let Some((insert, same_text)) = insert {
                    let message = format!("Write it as `{insert}`");
                    let edits = vec![Edit::replace(link.range.clone(), insert)];
                    // An autolink in place of other text loses that text.
                    d = d.with_fix(if same_text {
                        Fix::safe(message, edits)
                    } else {
                        Fix::unsafe_edit(message, edits)
                    });
                }
            }
            out.push(d);
        }
    }
}

/// A title with its quotes or parentheses as written.
fn quoted<'a>(doc: &Document<'a>, t: &std::ops::Range<usize>) -> &'a str {
    let b = doc.text.as_bytes();
    let open = t.start.checked_sub(1).map(|i| b[i]);
    match (open, b.get(t.end)) {
        (Some(b'"'), Some(b'"')) | (Some(b'\''), Some(b'\'')) | (Some(b'('), Some(b')')) => {
            &doc.text[t.start - 1..t.end + 1]
        }
        _ => doc.slice(t),
    }
}

/// A destination as an inline link writes it: in angle brackets when it
/// has spaces, else with its parentheses escaped.
fn inline_dest(dest: &str) -> String {
    if dest.contains([' ', '\t']) && !dest.contains(['<', '>', '\n']) {
        format!("<{dest}>")
    } else {
        escape_parens(dest)
    }
}

fn escape_brackets(s: &str) -> String {
    escape(s, &['[', ']'])
}

fn escape_parens(s: &str) -> String {
    escape(s, &['(', ')'])
}

/// `set` characters escaped with a backslash, unless already escaped.
fn escape(s: &str, set: &[char]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut escaped = false;
    for c in s.chars() {
        if set.contains(&c) && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autolinkable_urls() {
        assert!(autolink_able("https://example.com/a"));
        assert!(autolink_able("mailto:a@b.c"));
        assert!(!autolink_able("example.com"));
        assert!(!autolink_able("./page.md"));
        assert!(!autolink_able("https://a.b/c d"));
    }

    #[test]
    fn escapes() {
        assert_eq!(escape_brackets("a [b] \\[c"), "a \\[b\\] \\[c");
        assert_eq!(escape_parens("u(1)"), "u\\(1\\)");
        assert_eq!(inline_dest("a b"), "<a b>");
        assert_eq!(inline_dest("a(b)"), "a\\(b\\)");
        assert_eq!(unescape("a\\_b\\x"), "a_b\\x");
    }
}
