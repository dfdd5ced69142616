//! MD048 `code-fence-style`: fenced code blocks whose fence character
//! (backticks or tildes) differs from the style: `consistent` (the first
//! fence's, the default), `backtick` or `tilde`. As in markdownlint.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD048",
    name: "code-fence-style",
    group: Group::Md,
    summary: "Code fence style",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD048"),
};

crate::rule_options! {
    /// Options of MD048 (markdownlint's names and defaults).
    pub struct Md048Options {
        /// Fence style: "consistent" (the first fence's), "backtick" or "tilde".
        pub style: String = "consistent".to_string();
    }
}

pub struct CodeFenceStyle;

fn style_of(fence: &str) -> &'static str {
    if fence.starts_with('~') {
        "tilde"
    } else {
        "backtick"
    }
}

impl Rule for CodeFenceStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md048Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        let o = ctx.settings.rules.get::<Md048Options>(META.code);
        let mut expected: Option<&str> = match o.style.as_str() {
            "backtick" => Some("backtick"),
            "tilde" => Some("tilde"),
            _ => None,
        };
        for f in &doc.marks.fences {
            let fence = &text[f.open.clone()];
            let actual = style_of(fence);
            let want = *expected.get_or_insert(actual);
            if want == actual {
                continue;
            }
            let c = if want == "tilde" { '~' } else { '`' };
            let n = fence.len();
            let new = c.to_string().repeat(n);
            // The new fence must not end early on a line of the content, and
            // a backtick fence's info string must hold no backtick.
            let info_end = text[f.open.end..]
                .find('\n')
                .map_or(text.len(), |p| f.open.end + p);
            let info = &text[f.open.end..info_end];
            let closes_early = text[f.content.clone()].lines().any(|l| {
                let t = l.trim_start_matches([' ', '>']);
                let k = t.chars().take_while(|&x| x == c).count();
                k >= n && t[k..].trim().is_empty()
            });
            let mut edits = vec![Edit::replace(f.open.clone(), new.clone())];
            if let Some(close) = &f.close {
                edits.push(Edit::replace(
                    close.clone(),
                    c.to_string().repeat(close.len()),
                ));
            }
            let d = Diagnostic::new(
                &META,
                f.open.clone(),
                format!("Code fence style: expected {want}, actual {actual}"),
            );
            out.push(if closes_early || (c == '`' && info.contains('`')) {
                d
            } else {
                d.with_fix(Fix::safe(format!("Write the fences with `{c}`"), edits))
            });
        }
    }
}
