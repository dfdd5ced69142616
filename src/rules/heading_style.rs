//! MD003 `heading-style`: headings written in another style than the
//! page's: `consistent` (the first heading's, the default), `atx`
//! (`# Title`), `atx_closed` (`# Title #`), `setext` (underlined), or
//! `setext_with_atx` / `setext_with_atx_closed` (setext for levels 1–2,
//! ATX for the others). As in markdownlint.

use unicode_width::UnicodeWidthStr;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Block, BlockKind, Document, heading_content};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD003",
    name: "heading-style",
    group: Group::Md,
    summary: "Heading style",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD003"),
};

crate::rule_options! {
    /// Options of MD003 (markdownlint's names and defaults).
    pub struct Md003Options {
        /// Style: "consistent", "atx", "atx_closed", "setext", "setext_with_atx" or "setext_with_atx_closed".
        pub style: String = "consistent".to_string();
    }
}

pub struct HeadingStyle;

/// The style of the heading whose first line is `line` (containers'
/// markers included): `atx`, `atx_closed` or `setext`.
pub(crate) fn style_of(line: &str) -> &'static str {
    let t = line.trim_start_matches([' ', '\t', '>']);
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    let after = &t[hashes..];
    if !(1..=6).contains(&hashes) || !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return "setext";
    }
    let rest = after.trim();
    let body = rest.trim_end_matches('#');
    let closing = rest.len() - body.len();
    if closing > 0 && (body.is_empty() || body.ends_with([' ', '\t'])) {
        "atx_closed"
    } else {
        "atx"
    }
}

/// The heading `b` (of `level`) written in `style` (`atx`, `atx_closed` or
/// `setext`), as one edit from its first character to the end of its last
/// line, the containers' prefixes kept. `None` where the style cannot hold
/// the heading (a setext heading of several lines, a level above 2 or an
/// empty heading as setext, containers other than block quotes before a
/// setext underline) or the page would read otherwise.
fn rewrite(doc: &Document<'_>, b: &Block, level: u8, actual: &str, style: &str) -> Option<Fix> {
    let text = doc.text;
    let first = doc.lines.line_of(b.range.start);
    let last = doc
        .lines
        .line_of(b.range.end.saturating_sub(1).max(b.range.start));
    let content = heading_content(doc, &b.range)?;
    let body = &text[content.clone()];
    if actual == "setext" && last != first + 1 {
        return None;
    }
    let end = doc.lines.line_range(text, last).end;
    let hashes = "#".repeat(level as usize);
    let new = match style {
        "atx" => format!("{hashes} {body}"),
        "atx_closed" => format!("{hashes} {body} {hashes}"),
        _ => {
            let prefix = &text[doc.lines.line_start(first)..b.range.start];
            if level > 2 || body.is_empty() || prefix.contains('\t') {
                return None;
            }
            // The underline's prefix: block quote markers kept, a list
            // item's marker as spaces (the item's indentation).
            let prefix: String = prefix
                .chars()
                .map(|c| if c == '>' { '>' } else { ' ' })
                .collect();
            let eol = if text[end..].starts_with("\r\n") {
                "\r\n"
            } else {
                "\n"
            };
            let under = if level == 1 { "=" } else { "-" };
            format!("{body}{eol}{prefix}{}", under.repeat(body.width().max(3)))
        }
    };
    let range = b.range.start..end;
    if new == text[range.clone()] || !doc.edit_keeps_page(range.clone(), &new) {
        return None;
    }
    Some(Fix::safe(
        format!("Write the heading in style {style}"),
        vec![Edit::replace(range, new)],
    ))
}

impl Rule for HeadingStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md003Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        let o = ctx.settings.rules.get::<Md003Options>(META.code);
        let mut style: Option<&str> = (o.style != "consistent").then_some(o.style.as_str());
        for b in &doc.blocks {
            let BlockKind::Heading { level } = b.kind else {
                continue;
            };
            let start = text[..b.range.start].rfind('\n').map_or(0, |p| p + 1);
            let end = text[start..].find('\n').map_or(text.len(), |p| start + p);
            let actual = style_of(&text[b.range.start.max(start)..end]);
            let want = *style.get_or_insert(actual);
            if want == actual {
                continue;
            }
            let h12 = level <= 2;
            let expected = match want {
                "setext_with_atx" => {
                    if (h12 && actual == "setext") || (!h12 && actual == "atx") {
                        continue;
                    }
                    if h12 { "setext" } else { "atx" }
                }
                "setext_with_atx_closed" => {
                    if (h12 && actual == "setext") || (!h12 && actual == "atx_closed") {
                        continue;
                    }
                    if h12 { "setext" } else { "atx_closed" }
                }
                other => other,
            };
            let d = Diagnostic::new(
                &META,
                start..end,
                format!("Heading style: expected {expected}, actual {actual}"),
            );
            out.push(match rewrite(doc, b, level, actual, expected) {
                Some(fix) => d.with_fix(fix),
                None => d,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::style_of;

    #[test]
    fn styles() {
        assert_eq!(style_of("# Título"), "atx");
        assert_eq!(style_of("## Título ##"), "atx_closed");
        assert_eq!(style_of("# C# #"), "atx_closed");
        assert_eq!(style_of("# C#"), "atx");
        assert_eq!(style_of("#"), "atx");
        assert_eq!(style_of("> # Cita"), "atx");
        assert_eq!(style_of("Título"), "setext");
        assert_eq!(style_of("#Título"), "setext");
    }
}
