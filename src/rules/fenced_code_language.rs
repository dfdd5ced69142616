//! MD040 `fenced-code-language`: a fenced code block without a language
//! (` ``` ` with no info string). As in markdownlint: the language is the
//! info string's first word; `allowed_languages` (when not empty) lists the
//! languages allowed, `language_only` also reports anything after the
//! language.

use crate::diagnostic::{Diagnostic, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD040",
    name: "fenced-code-language",
    group: Group::Md,
    summary: "Fenced code blocks should have a language specified",
    fixable: Fixable::Never,
    default_enabled: false,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD040"),
};

crate::rule_options! {
    /// Options of MD040 (markdownlint's names and defaults).
    pub struct Md040Options {
        /// Languages allowed (`[]`: any language).
        pub allowed_languages: Vec<String> = Vec::new();
        /// Report an info string with more than the language.
        pub language_only: bool = false;
    }
}

pub struct FencedCodeLanguage;

impl Rule for FencedCodeLanguage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md040Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md040Options>(META.code);
        for fence in &doc.marks.fences {
            let text = doc.text;
            let eol = text[fence.open.end..]
                .find(['\n', '\r'])
                .map_or(text.len(), |p| fence.open.end + p);
            let info = text[fence.open.end..eol].trim();
            let lang_len = info.find(char::is_whitespace).unwrap_or(info.len());
            let lang = &info[..lang_len];
            let meta = info[lang_len..].trim();
            let line = fence.open.start..eol;
            let fence_src = &text[line.clone()];
            if lang.is_empty() {
                out.push(
                    Diagnostic::new(
                        &META,
                        fence.open.clone(),
                        format!("Fenced code block without a language: {}", fence_src.trim()),
                    )
                    .with_help("name the code's language after the fence (```python, ```text for plain text)"),
                );
            } else if !o.allowed_languages.is_empty()
                && !o.allowed_languages.iter().any(|a| a == lang)
            {
                let at = fence.open.end + text[fence.open.end..].find(lang).unwrap_or(0);
                out.push(
                    Diagnostic::new(
                        &META,
                        at..at + lang.len(),
                        format!("Fenced code block language \"{lang}\" is not allowed"),
                    )
                    .with_help(format!("allowed: {}", o.allowed_languages.join(", "))),
                );
            }
            if o.language_only && !meta.is_empty() {
                out.push(Diagnostic::new(
                    &META,
                    line,
                    format!(
                        "Info string contains more than language: \"{}\"",
                        fence_src.trim()
                    ),
                ));
            }
        }
    }
}
