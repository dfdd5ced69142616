//! MD038 `no-space-in-code`: a code span whose code starts or ends with
//! spaces that are not CommonMark's padding. As in markdownlint: the span's
//! content is split as micromark splits it (one space or line ending on
//! each side is padding when both sides have one and there is data; data
//! runs end at line endings), spaces at the start of the first data run or
//! the end of the last are reported, one space next to a backtick of the
//! code is allowed when there is no padding, and a span of spaces only is
//! never reported.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD038",
    name: "no-space-in-code",
    group: Group::Md,
    summary: "Spaces inside code span elements",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD038"),
};

pub struct NoSpaceInCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Space,
    LineEnding,
    Data,
}

/// One reported run of spaces: what to delete (offsets into the content),
/// and whether the deletion stays on one line (a fix is offered).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Spaces {
    pub delete: Range<usize>,
    pub one_line: bool,
}

/// The content of a code span between its backtick runs. `prefix`: how
/// many bytes of indentation and `>` markers begin each continuation line
/// as the containers' prefix (the column where the span's block starts),
/// which is no content. Returns the spaces reported at the start and at
/// the end.
pub(crate) fn check_content(content: &str, prefix: usize) -> (Option<Spaces>, Option<Spaces>) {
    // micromark's tokens: one space, one line ending, or one data char;
    // the containers' prefix of a continuation line is no token (a
    // paragraph's own continuation indentation is: micromark keeps it).
    let b = content.as_bytes();
    let mut toks: Vec<(Tok, Range<usize>)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' => {
                toks.push((Tok::Space, i..i + 1));
                i += 1;
            }
            b'\n' | b'\r' => {
                let n = if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                toks.push((Tok::LineEnding, i..i + n));
                i += n;
                let line = i;
                while i < b.len() && i - line < prefix && matches!(b[i], b' ' | b'\t' | b'>') {
                    i += 1;
                }
            }
            _ => {
                let n = content[i..].chars().next().map_or(1, char::len_utf8);
                toks.push((Tok::Data, i..i + n));
                i += n;
            }
        }
    }
    let (mut head, mut tail) = (0, toks.len());
    let mut start_pad = None;
    let mut end_pad = None;
    if toks.len() >= 2
        && toks[0].0 != Tok::Data
        && toks[toks.len() - 1].0 != Tok::Data
        && toks.iter().any(|t| t.0 == Tok::Data)
    {
        start_pad = Some(toks[0].clone());
        end_pad = Some(toks[toks.len() - 1].clone());
        head = 1;
        tail -= 1;
    }
    // Data runs: maximal runs of tokens between line endings.
    let mut datas: Vec<Range<usize>> = Vec::new();
    let mut run: Option<Range<usize>> = None;
    for (t, r) in &toks[head..tail] {
        if *t == Tok::LineEnding {
            datas.extend(run.take());
        } else {
            run = Some(match run {
                Some(x) => x.start..r.end,
                None => r.clone(),
            });
        }
    }
    datas.extend(run);
    let (Some(first), Some(last)) = (datas.first(), datas.last()) else {
        return (None, None);
    };
    let is_ws = |c: char| c.is_whitespace();
    // /^(\s+)(\S)/ on the first data, /(\S)(\s+)$/ on the last.
    let fd = &content[first.clone()];
    let lead = fd.len() - fd.trim_start_matches(is_ws).len();
    let start = (lead > 0 && lead < fd.len()).then(|| {
        let backtick = fd[lead..].starts_with('`');
        let count = lead - usize::from(backtick && start_pad.is_none());
        (backtick, count)
    });
    let ld = &content[last.clone()];
    let trail = ld.len() - ld.trim_end_matches(is_ws).len();
    let end = (trail > 0 && trail < ld.len()).then(|| {
        let backtick = ld[..ld.len() - trail].ends_with('`');
        let count = trail - usize::from(backtick && end_pad.is_none());
        (backtick, count)
    });
    let start = start.filter(|s| s.1 > 0);
    let end = end.filter(|e| e.1 > 0);
    let remove_padding = match (&start, &end, &start_pad, &end_pad) {
        (Some((sb, _)), Some((eb, _)), Some(_), Some(_)) => !sb && !eb,
        _ => false,
    };
    let start = start.map(|(_, count)| {
        // Data spaces are single bytes (a tab or a space); so is the
        // padding unless it is a line ending.
        let (from, extra, one_line) = match (&start_pad, remove_padding) {
            (Some((t, r)), true) => (r.start, r.len(), *t == Tok::Space),
            _ => (first.start, 0, true),
        };
        Spaces {
            delete: from..from + count + extra,
            one_line,
        }
    });
    let end = end.map(|(_, count)| {
        let (to, extra, one_line) = match (&end_pad, remove_padding) {
            (Some((t, r)), true) => (r.end, r.len(), *t == Tok::Space),
            _ => (last.end, 0, true),
        };
        Spaces {
            delete: to - count - extra..to,
            one_line,
        }
    });
    (start, end)
}

impl Rule for NoSpaceInCode {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for code in doc.code.iter().filter(|c| !c.block) {
            let src = doc.slice(&code.range);
            let n = src.bytes().take_while(|&b| b == b'`').count();
            if n == 0 || src.len() < 2 * n || !src.ends_with(&"`".repeat(n)) {
                continue;
            }
            let content = &src[n..src.len() - n];
            // The column where the span's block starts: its continuation
            // lines begin with that much container prefix.
            let i = doc
                .blocks
                .partition_point(|b| b.range.start <= code.range.start);
            let prefix = doc.blocks[..i]
                .iter()
                .rev()
                .find(|b| b.range.contains(&code.range.start))
                .map_or(0, |b| {
                    b.range.start - doc.text[..b.range.start].rfind('\n').map_or(0, |p| p + 1)
                });
            let (start, end) = check_content(content, prefix);
            let base = code.range.start + n;
            let shown = src.replace(['\n', '\r'], " ");
            for s in [start, end].into_iter().flatten() {
                let range = base + s.delete.start..base + s.delete.end;
                let d = Diagnostic::new(
                    &META,
                    range.clone(),
                    format!("Spaces inside code span elements: {shown}"),
                );
                out.push(if s.one_line {
                    d.with_fix(Fix::unsafe_edit(
                        "Remove the spaces inside the backticks",
                        vec![Edit::delete(range)],
                    ))
                } else {
                    d
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check_content;

    fn deleted(content: &str) -> Vec<&str> {
        let (s, e) = check_content(content, 0);
        [s, e]
            .into_iter()
            .flatten()
            .map(|s| &content[s.delete])
            .collect()
    }

    #[test]
    fn padding_and_spaces() {
        assert!(deleted(" code ").is_empty());
        assert!(deleted("code").is_empty());
        assert!(deleted("   ").is_empty());
        assert!(deleted(" `x` ").is_empty());
        assert!(deleted(" `x`").is_empty());
        assert_eq!(deleted("  `x`"), [" "]);
        assert_eq!(deleted(" code"), [" "]);
        assert_eq!(deleted("code "), [" "]);
        // Both sides: the padding goes too.
        assert_eq!(deleted("  code  "), ["  ", "  "]);
        // One side only: the padding stays.
        assert_eq!(deleted("  code "), [" "]);
        assert!(deleted("x` ").is_empty());
        // Line endings are no data: a span over lines is checked at its
        // first data and its last.
        assert_eq!(deleted("a\nb "), [" "]);
        // A paragraph's continuation indentation is data (micromark).
        assert_eq!(deleted("\n  code\n"), ["  "]);
        let (s, e) = check_content("a\n> b ", 2);
        assert!(s.is_none() && e.is_some_and(|e| e.delete == (5..6)));
        assert!(deleted("\ncode\n").is_empty());
        assert_eq!(deleted("\tcode"), ["\t"]);
    }
}
