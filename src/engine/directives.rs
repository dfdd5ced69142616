//! Inline control comments:
//!
//! - `<!-- pagelint-disable [RULES] -->` … `<!-- pagelint-enable [RULES] -->`
//! - `<!-- pagelint-disable-next-line [RULES] -->`
//! - `<!-- pagelint-disable-line [RULES] -->`
//! - `<!-- pagelint-disable-file [RULES] -->`
//!
//! RULES are codes, names or group prefixes separated by spaces or commas;
//! none means every rule.

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
        for html in doc.html.iter().filter(|h| h.comment) {
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
        let Some(index) = rules::ALL
            .iter()
            .position(|r| std::ptr::eq(r.meta(), d.rule))
        else {
            return false;
        };
        let line = doc.lines.line_of(d.range.start);
        let applies = |dir: &Directive| dir.rules.as_ref().is_none_or(|r| r.contains(&index));
        let mut disabled = false;
        for dir in &self.list {
            if !applies(dir) {
                continue;
            }
            match dir.op {
                Op::File => return true,
                Op::NextLine if dir.line + 1 == line => return true,
                Op::Line if dir.line == line => return true,
                Op::Disable if dir.offset <= d.range.start => disabled = true,
                Op::Enable if dir.offset <= d.range.start => disabled = false,
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
