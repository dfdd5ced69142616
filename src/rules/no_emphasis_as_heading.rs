//! MD036 `no-emphasis-as-heading`: a paragraph of one line that is only
//! emphasized text (`**Setup**`, `_Notes_`), used as a heading. As in
//! markdownlint: top-level paragraphs only (not in lists or block quotes),
//! plain text inside the emphasis (no code, link or nested emphasis), and
//! not ending with one of the `punctuation` characters.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{BlockKind, Inline};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD036",
    name: "no-emphasis-as-heading",
    group: Group::Md,
    summary: "Emphasis used instead of a heading",
    fixable: Fixable::Never,
    default_enabled: false,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD036"),
};

crate::rule_options! {
    /// Options of MD036 (markdownlint's names and defaults).
    pub struct Md036Options {
        /// Characters that, ending the text, make it a sentence and not a heading.
        pub punctuation: String = ".,;:!?。，；：！？".to_string();
    }
}

pub struct NoEmphasisAsHeading;

impl Rule for NoEmphasisAsHeading {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md036Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let opts = ctx.settings.rules.get::<Md036Options>(META.code);
        // Each block's only text segment, if it has exactly one.
        let mut only: Vec<Option<Option<std::ops::Range<usize>>>> = vec![None; doc.blocks.len()];
        for s in &doc.segments {
            // Spaces between the emphasis and a comment are no text.
            if doc.text[s.range.clone()].trim().is_empty() {
                continue;
            }
            let Some(slot) = only.get_mut(s.block as usize) else {
                continue;
            };
            *slot = match slot {
                None if s.inline == Inline::Plain => Some(Some(s.range.clone())),
                _ => Some(None),
            };
        }
        for (i, block) in doc.blocks.iter().enumerate() {
            if block.kind != BlockKind::Paragraph || block.list_depth > 0 || block.quote_depth > 0 {
                continue;
            }
            let Some(Some(inner)) = &only[i] else {
                continue;
            };
            let (start, src) =
                without_edge_comments(block.range.start, &doc.text[block.range.clone()]);
            if src.contains('\n') {
                continue;
            }
            let Some(marker) = ["**", "__", "*", "_"]
                .into_iter()
                .find(|m| src.starts_with(m) && src.ends_with(m) && src.len() > 2 * m.len())
            else {
                continue;
            };
            // The text node must be exactly what the markers enclose.
            if inner.start != start + marker.len() || inner.end != start + src.len() - marker.len()
            {
                continue;
            }
            let text = &doc.text[inner.clone()];
            if text.ends_with(|c: char| opts.punctuation.contains(c)) {
                continue;
            }
            out.push(Diagnostic::new(
                &META,
                start..start + src.len(),
                format!("Emphasis used instead of a heading: `{text}`"),
            ));
        }
    }
}

/// The paragraph's source without HTML comments before or after it (which
/// markdownlint ignores), and where what is left starts.
fn without_edge_comments(mut start: usize, mut src: &str) -> (usize, &str) {
    loop {
        let t = src.trim_start();
        start += src.len() - t.len();
        src = t.trim_end();
        if src.starts_with("<!--") {
            if let Some(close) = src.find("-->") {
                start += close + 3;
                src = &src[close + 3..];
                continue;
            }
        }
        if src.ends_with("-->") {
            if let Some(open) = src.rfind("<!--") {
                src = &src[..open];
                continue;
            }
        }
        return (start, src);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn edge_comments() {
        assert_eq!(
            super::without_edge_comments(0, "*A* <!-- c -->\n"),
            (0, "*A*")
        );
        assert_eq!(
            super::without_edge_comments(10, "<!-- c --> __B__"),
            (21, "__B__")
        );
        assert_eq!(
            super::without_edge_comments(0, "<!-- open *A*"),
            (0, "<!-- open *A*")
        );
    }
}
