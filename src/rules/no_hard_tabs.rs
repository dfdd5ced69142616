//! MD010 `no-hard-tabs`: tab characters, outside code blocks by default.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD010",
    name: "no-hard-tabs",
    group: Group::Md,
    summary: "Hard tabs",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD010"),
};

/// CommonMark expands tabs to the next multiple of four columns.
const TAB_STOP: usize = 4;

crate::rule_options! {
    /// Options of MD010 (markdownlint's names).
    pub struct Md010Options {
        /// Also report tabs inside code blocks and code spans.
        pub code_blocks: bool = false; markdownlint = true;
        /// Languages of fenced code blocks whose content is not checked even
        /// with `code_blocks` (a block without a language counts as one of
        /// them once the list is not empty, as in markdownlint).
        pub ignore_code_languages: Vec<String> = Vec::new();
        /// Spaces that replace each tab in the fix; `"tab-stop"`: those that
        /// reach the next multiple of four columns, as CommonMark expands it.
        pub spaces_per_tab: SpacesPerTab = SpacesPerTab::TabStop; markdownlint = SpacesPerTab::Count(1);
    }
}

/// What a tab becomes in the fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum SpacesPerTab {
    /// A fixed number of spaces per tab (markdownlint's `spaces_per_tab`).
    Count(usize),
    /// The string `"tab-stop"`.
    #[serde(with = "tab_stop")]
    TabStop,
}

mod tab_stop {
    pub fn serialize<S: serde::Serializer>(s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("tab-stop")
    }
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<(), D::Error> {
        let v = <String as serde::Deserialize>::deserialize(d)?;
        if v == "tab-stop" {
            Ok(())
        } else {
            Err(serde::de::Error::custom(format!(
                "expected a number of spaces or \"tab-stop\", found {v:?}"
            )))
        }
    }
}

pub struct NoHardTabs;

impl Rule for NoHardTabs {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md010Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        if memchr::memchr(b'\t', text.as_bytes()).is_none() {
            return;
        }
        let options = ctx.settings.rules.get::<Md010Options>(META.code);
        let in_blocks = options.code_blocks;
        let ignored: Vec<String> = options
            .ignore_code_languages
            .iter()
            .map(|l| l.to_lowercase())
            .collect();
        // The fenced blocks whose content `ignore_code_languages` skips.
        let skipped: Vec<std::ops::Range<usize>> = if in_blocks && !ignored.is_empty() {
            doc.code
                .iter()
                .filter(|c| {
                    c.block
                        && !doc
                            .marks
                            .indented_code
                            .iter()
                            .any(|r| r.contains(&c.range.start))
                        && c.lang
                            .as_ref()
                            .is_none_or(|l| ignored.contains(&l.to_lowercase()))
                })
                .map(|c| c.content.clone())
                .collect()
        } else {
            Vec::new()
        };
        // markdownlint does not look inside HTML comments.
        let comments = crate::document::html_comment_text(text);
        for line in 1..=doc.lines.line_count() {
            let r = doc.lines.line_range(text, line);
            let content = &text[r.clone()];
            if !content.contains('\t') || doc.in_front_matter(r.start) {
                continue;
            }
            // The fence lines (and the info string) are checked always.
            let code_content = doc.in_code_content(r.start);
            if code_content && (!in_blocks || skipped.iter().any(|c| c.contains(&r.start))) {
                continue;
            }
            // Runs of tabs, with the columns they expand to.
            let mut col = 0usize;
            let mut run: Option<(usize, usize)> = None; // (byte start, spaces)
            let mut flush = |run: &mut Option<(usize, usize)>, end: usize| {
                if let Some((start, spaces)) = run.take() {
                    let range = r.start + start..r.start + end;
                    let tabs = end - start;
                    if crate::document::in_ranges(&comments, range.start) {
                        return;
                    }
                    let spaces = match options.spaces_per_tab {
                        SpacesPerTab::TabStop => spaces,
                        SpacesPerTab::Count(n) => n * tabs,
                    };
                    let in_span = doc.in_code(range.start) && !doc.in_code_block(range.start);
                    // Code spans count as code, as in markdownlint.
                    if in_span && !in_blocks {
                        return;
                    }
                    let msg = if tabs == 1 {
                        "hard tab (“→”)".to_string()
                    } else {
                        format!("{tabs} hard tabs (“{}”)", "→".repeat(tabs))
                    };
                    let edit = vec![Edit::replace(range.clone(), " ".repeat(spaces))];
                    let fix_msg = format!(
                        "Replace with {spaces} space{}",
                        if spaces == 1 { "" } else { "s" }
                    );
                    // Inside code, a tab is content: changing it is the
                    // author's call.
                    // In the indentation, a tab decides nesting: check.
                    // Spaces at the end of a line can make a hard break.
                    let trailing = text[range.end..r.end]
                        .trim_end_matches([' ', '\t'])
                        .is_empty();
                    let leading = text[r.start..range.start].chars().all(|c| {
                        c.is_whitespace() || c.is_ascii_digit() || "-*+.)>\u{feff}".contains(c)
                    });
                    // A fence's info string is read by tools (the
                    // language, attributes): only shown.
                    let fix = if doc.in_code_block(range.start) && !doc.in_code_content(range.start)
                    {
                        Fix::display_only(fix_msg, edit)
                    } else if in_span || doc.in_code_content(range.start) {
                        Fix::unsafe_edit(fix_msg, edit)
                    } else if (leading || trailing)
                        && !doc.edit_keeps_structure(range.clone(), &" ".repeat(spaces))
                    {
                        Fix::display_only(fix_msg, edit)
                    } else {
                        Fix::safe(fix_msg, edit)
                    };
                    out.push(Diagnostic::new(&META, range, msg).with_fix(fix));
                }
            };
            for (i, c) in content.char_indices() {
                if c == '\u{feff}' && r.start + i < doc.bom_len {
                    // The byte-order mark takes no column.
                    continue;
                }
                if c == '\t' {
                    let width = TAB_STOP - col % TAB_STOP;
                    col += width;
                    match &mut run {
                        Some((_, s)) => *s += width,
                        None => run = Some((i, width)),
                    }
                } else {
                    flush(&mut run, i);
                    col += 1;
                }
            }
            flush(&mut run, content.len());
        }
    }
}
