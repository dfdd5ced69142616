//! Inline control comments:
//!
//! - `<!-- pagelint-disable [RULES] -->` … `<!-- pagelint-enable [RULES] -->`
//! - `<!-- pagelint-disable-next-line [RULES] -->`
//! - `<!-- pagelint-disable-line [RULES] -->`
//! - `<!-- pagelint-disable-file [RULES] -->`
//!
//! RULES are codes, names or group prefixes separated by spaces or commas;
//! none means every rule.
//!
//! And markdownlint's comments, with its semantics (RULES are markdownlint
//! codes, aliases or tags, any case; a comment acts on its whole line):
//! `markdownlint-disable`/`enable` (from the comment's line on),
//! `disable-line`, `disable-next-line`, `capture`/`restore` (save and bring
//! back the enabled rules), `disable-file`/`enable-file` (the whole file, in
//! order). `markdownlint-configure-file` is read with the configuration
//! ([`crate::markdownlint::configure_file_comments`]).

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::engine::selection::resolve;
use crate::rules;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Disable,
    Enable,
    NextLine,
    Line,
    File,
    /// markdownlint's: line-based disable/enable, capture/restore and
    /// enable-file.
    LineDisable,
    LineEnable,
    Capture,
    Restore,
    EnableFile,
    DisableFile,
    /// Read elsewhere (`configure-file`).
    Ignored,
}

#[derive(Debug)]
struct Directive {
    op: Op,
    /// Byte offset of the comment.
    offset: usize,
    line: usize,
    /// Registry indices; `None` means every rule.
    rules: Option<Vec<usize>>,
}

/// Problems in directives (unknown rules), reported to the user.
pub struct DirectiveError {
    pub offset: usize,
    pub message: String,
}

pub struct Directives {
    list: Vec<Directive>,
    pub errors: Vec<DirectiveError>,
}

impl Directives {
    pub fn parse(doc: &Document<'_>) -> Directives {
        let mut list = Vec::new();
        let mut errors = Vec::new();
        // Comments, and HTML blocks that hold one after a tag
        // (`<hr/><!-- markdownlint-disable-line -->`).
        for html in doc.html.iter().filter(|h| h.comment || h.block) {
            let src = doc.slice(&html.range);
            // An HTML block may hold several comments.
            let mut rest = src;
            let mut base = html.range.start;
            while let Some(open) = rest.find("<!--") {
                let after = &rest[open + 4..];
                let Some(close) = after.find("-->") else {
                    break;
                };
                let body = after[..close].trim();
                let offset = base + open;
                if let Some(d) = parse_one(body, offset, doc, &mut errors) {
                    list.push(d);
                }
                let consumed = open + 4 + close + 3;
                base += consumed;
                rest = &rest[consumed..];
            }
        }
        list.sort_by_key(|d| d.offset);
        Directives { list, errors }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Is this diagnostic silenced?
    pub fn suppresses(&self, doc: &Document<'_>, d: &Diagnostic) -> bool {
        if self.list.is_empty() {
            return false;
        }
        self.state(doc, d, false)
    }

    /// Does a markdownlint `enable` or `enable-file` comment name the rule
    /// at this registry index (or every rule)?
    pub fn may_enable(&self, index: usize) -> bool {
        self.list.iter().any(|d| {
            matches!(d.op, Op::LineEnable | Op::EnableFile)
                && d.rules.as_ref().is_none_or(|r| r.contains(&index))
        })
    }

    /// Is this finding of a rule the markdownlint configuration turned off
    /// silenced? It starts off, and only markdownlint's `enable` comments
    /// turn it on where they apply, as in markdownlint.
    pub fn suppresses_latent(&self, doc: &Document<'_>, d: &Diagnostic) -> bool {
        self.state(doc, d, true)
    }

    fn state(&self, doc: &Document<'_>, d: &Diagnostic, initially_disabled: bool) -> bool {
        let Some(index) = rules::ALL
            .iter()
            .position(|r| std::ptr::eq(r.meta(), d.rule))
        else {
            return false;
        };
        let line = doc.lines.line_of(d.range.start);
        let applies = |dir: &Directive| dir.rules.as_ref().is_none_or(|r| r.contains(&index));
        // File-wide state first, in order (markdownlint's disable-file and
        // enable-file; pagelint's disable-file wins outright).
        let mut disabled = initially_disabled;
        for dir in self.list.iter().filter(|d| applies(d)) {
            match dir.op {
                Op::File => return true,
                Op::EnableFile => disabled = false,
                Op::DisableFile => disabled = true,
                Op::NextLine if dir.line + 1 == line => return true,
                Op::Line if dir.line == line => return true,
                _ => {}
            }
        }
        let mut captured = disabled;
        for dir in &self.list {
            match dir.op {
                Op::Capture if dir.line <= line => captured = disabled,
                Op::Restore if dir.line <= line => disabled = captured,
                _ if !applies(dir) => {}
                Op::Disable if dir.offset <= d.range.start => disabled = true,
                Op::Enable if dir.offset <= d.range.start => disabled = false,
                Op::LineDisable if dir.line <= line => disabled = true,
                Op::LineEnable if dir.line <= line => disabled = false,
                _ => {}
            }
        }
        disabled
    }
}

fn parse_one(
    body: &str,
    offset: usize,
    doc: &Document<'_>,
    errors: &mut Vec<DirectiveError>,
) -> Option<Directive> {
    // markdownlint's keywords are case-insensitive.
    if body
        .get(..13)
        .is_some_and(|p| p.eq_ignore_ascii_case("markdownlint-"))
    {
        return parse_markdownlint(&body[13..], offset, doc, errors);
    }
    let rest = body.strip_prefix("pagelint-")?;
    let (word, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let op = match word {
        "disable" => Op::Disable,
        "enable" => Op::Enable,
        "disable-next-line" => Op::NextLine,
        "disable-line" => Op::Line,
        "disable-file" => Op::File,
        other => {
            errors.push(DirectiveError {
                offset,
                message: format!("unknown directive `pagelint-{other}`"),
            });
            return None;
        }
    };
    let mut selected = Vec::new();
    let mut any = false;
    for sel in args.split([',', ' ', '\t', '\n']).filter(|s| !s.is_empty()) {
        any = true;
        match resolve(sel) {
            Ok(v) => selected.extend(v),
            Err(e) => errors.push(DirectiveError { offset, message: e }),
        }
    }
    Some(Directive {
        op,
        offset,
        line: doc.lines.line_of(offset),
        rules: if any { Some(selected) } else { None },
    })
}

/// A `<!-- markdownlint-… -->` comment.
fn parse_markdownlint(
    rest: &str,
    offset: usize,
    doc: &Document<'_>,
    errors: &mut Vec<DirectiveError>,
) -> Option<Directive> {
    let (word, args) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let op = match word.to_ascii_lowercase().as_str() {
        "disable" => Op::LineDisable,
        "enable" => Op::LineEnable,
        "disable-line" => Op::Line,
        "disable-next-line" => Op::NextLine,
        "capture" => Op::Capture,
        "restore" => Op::Restore,
        "disable-file" => Op::DisableFile,
        "enable-file" => Op::EnableFile,
        "configure-file" => Op::Ignored,
        // markdownlint ignores what it does not know.
        _ => return None,
    };
    if op == Op::Ignored {
        return None;
    }
    let mut selected = Vec::new();
    let mut any = false;
    for sel in args.split_whitespace() {
        any = true;
        match crate::markdownlint::registry_indices(sel) {
            Ok(v) => selected.extend(v),
            Err(e) => errors.push(DirectiveError { offset, message: e }),
        }
    }
    Some(Directive {
        op,
        offset,
        line: doc.lines.line_of(offset),
        rules: if any { Some(selected) } else { None },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{LintOptions, RuleSet, lint};
    use crate::rule::NoWorkspace;
    use crate::settings::Settings;

    /// Lines of MD009 findings (trailing spaces) left by the directives.
    fn md009_lines(text: &str) -> Vec<usize> {
        let settings = Settings::default();
        let rules = RuleSet::new(Some(&["MD009".to_string()]), &[], &[]).unwrap();
        let r = lint(
            text,
            LintOptions {
                rules: &rules,
                settings: &settings,
                workspace: &NoWorkspace,
                path: None,
            },
        );
        let doc = Document::parse(text);
        r.diagnostics
            .iter()
            .map(|d| doc.lines.line_of(d.range.start))
            .collect()
    }

    #[test]
    fn markdownlint_comments_act_on_whole_lines() {
        // disable on a line disables that line too; enable re-enables its line.
        let t = "a \nb <!-- markdownlint-disable MD009 --> \nc \nd <!-- markdownlint-enable no-trailing-spaces --> \ne \n";
        assert_eq!(md009_lines(t), [1, 4, 5]);
        // Tags select; other rules' names leave the rule alone.
        let t =
            "<!-- MARKDOWNLINT-disable whitespace-->\na \n<!-- markdownlint-ENABLE MD013 -->\nb \n";
        assert!(md009_lines(t).is_empty());
        let t = "a \n<!-- markdownlint-disable-next-line -->\nb \nc  \t\nd \n<!-- markdownlint-disable-line -->  \n";
        assert_eq!(md009_lines(t), [1, 4, 5]);
    }

    #[test]
    fn comments_after_a_tag_in_an_html_block_count() {
        let t = "a \n\n<hr/><!-- markdownlint-disable-line MD009 -->  \n\nb \n";
        assert_eq!(md009_lines(t), [1, 5]);
    }

    #[test]
    fn capture_restore_and_file_scope() {
        let t = "<!-- markdownlint-disable -->\n<!-- markdownlint-capture -->\n<!-- markdownlint-enable -->\na \n<!-- markdownlint-restore -->\nb \n";
        assert_eq!(md009_lines(t), [4]);
        let t = "a \n<!-- markdownlint-disable-file MD009 -->\nb \n";
        assert!(md009_lines(t).is_empty());
        let t = "a \n<!-- markdownlint-disable-file MD009 -->\n<!-- markdownlint-enable-file MD009 -->\nb \n";
        assert_eq!(md009_lines(t), [1, 4]);
    }
}
