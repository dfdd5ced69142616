//! MD049 `emphasis-style`: emphasis written with the other delimiter than the style:
//! `consistent` (the first emphasis span's, the default), `asterisk`
//! (`*`) or `underscore` (`_`). As in markdownlint: a span that would
//! need `_` inside a word is left alone.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD049",
    name: "emphasis-style",
    group: Group::Md,
    summary: "Emphasis style",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD049"),
};

crate::rule_options! {
    /// Options of MD049 (markdownlint's names and defaults).
    pub struct Md049Options {
        /// Style: "consistent" (the first span's), "asterisk" or "underscore".
        pub style: String = "consistent".to_string();
    }
}

pub struct EmphasisStyle;

impl Rule for EmphasisStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md049Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md049Options>(META.code);
        for m in doc.marks.emphasis_style(doc.text, false, &o.style) {
            let new = if m.expected == "asterisk" { "*" } else { "_" };
            // A delimiter next to a run of the new character would merge
            // with it (`**_a_**` → `***a***` nests the other way round).
            let c = new.as_bytes()[0];
            let b = doc.text.as_bytes();
            let touches = [&m.open, &m.close]
                .iter()
                .any(|r| (r.start > 0 && b[r.start - 1] == c) || b.get(r.end) == Some(&c));
            // The other character can pair differently with the text around
            // (`_` does not open or close inside a word, nor beside some
            // punctuation): the page must read the same.
            let rewritten = format!("{new}{}{new}", &doc.text[m.open.end..m.close.start]);
            let touches =
                touches || !doc.edit_keeps_structure(m.open.start..m.close.end, &rewritten);
            for r in [m.open.clone(), m.close.clone()] {
                let d = Diagnostic::new(
                    &META,
                    r.clone(),
                    format!(
                        "Emphasis style: expected {}, actual {}",
                        m.expected, m.actual
                    ),
                );
                out.push(if touches {
                    d
                } else {
                    d.with_fix(Fix::safe(
                        format!("Write `{new}`"),
                        // Both delimiters or neither: one alone would turn
                        // emphasis into literal text.
                        vec![
                            Edit::replace(m.open.clone(), new),
                            Edit::replace(m.close.clone(), new),
                        ],
                    ))
                });
            }
        }
    }
}
