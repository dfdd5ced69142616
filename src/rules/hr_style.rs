//! MD035 `hr-style`: thematic breaks written otherwise than the style:
//! `consistent` (the first break's text, the default) or the text itself
//! (`---`, `***`, `* * *`…). As in markdownlint: the break's characters are
//! compared as written, surrounding blanks excluded.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD035",
    name: "hr-style",
    group: Group::Md,
    summary: "Horizontal rule style",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD035"),
};

crate::rule_options! {
    /// Options of MD035 (markdownlint's names and defaults).
    pub struct Md035Options {
        /// Style: "consistent" (the first break's) or the break as written ("---", "***"…).
        pub style: String = "consistent".to_string();
    }
}

pub struct HrStyle;

/// Is `s` a thematic break (three or more of one of `-*_`, blanks between)?
fn is_break(s: &str) -> bool {
    let t: Vec<char> = s.chars().filter(|c| !matches!(c, ' ' | '\t')).collect();
    t.len() >= 3 && matches!(t[0], '-' | '*' | '_') && t.iter().all(|&c| c == t[0])
}

impl Rule for HrStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md035Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md035Options>(META.code);
        let style = o.style.trim();
        let mut expected: Option<&str> = (style != "consistent").then_some(style);
        for r in &doc.marks.breaks {
            let actual = &doc.text[r.clone()];
            let want = *expected.get_or_insert(actual);
            if want == actual {
                continue;
            }
            // `---` under a paragraph line would make it a heading: only
            // after a blank line (or at the top) is a dash break safe.
            let line_start = doc.text[..r.start].rfind('\n').map_or(0, |p| p + 1);
            let prev = doc.text[..line_start.saturating_sub(1)]
                .rsplit('\n')
                .next()
                .unwrap_or("");
            let after_blank = line_start == 0 || prev.trim().is_empty();
            // A break on a list item's line (`* ***`) would merge with the
            // bullet (`* ---` → `* ***` is one break, no item).
            let alone = doc.text[line_start..r.start]
                .chars()
                .all(|c| matches!(c, ' ' | '\t' | '>'));
            let fixable = alone && is_break(want) && (!want.starts_with('-') || after_blank);
            let d = Diagnostic::new(
                &META,
                r.clone(),
                format!("Horizontal rule style: expected {want}, actual {actual}"),
            );
            out.push(if fixable {
                d.with_fix(Fix::safe(
                    format!("Write `{want}`"),
                    vec![Edit::replace(r.clone(), want.to_string())],
                ))
            } else {
                d
            });
        }
    }
}
