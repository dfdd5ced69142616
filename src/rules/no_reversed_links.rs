//! MD011 `no-reversed-links`: `(text)[destination]`, the two halves of an
//! inline link written in the wrong order. As in markdownlint: per line,
//! outside code, with its pattern `(^|[^\\])\(([^()]+)\)\[([^\]^][^\]]*)\](?!\()`
//! (a footnote `(note)[^1]` and an escaped parenthesis are not reported).

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD011",
    name: "no-reversed-links",
    group: Group::Md,
    summary: "Reversed link syntax",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD011"),
};

pub struct NoReversedLinks;

/// A reversed link in `line`: where `(` and the closing `]` are, the text
/// and the destination (offsets into `line`), searched from `from`.
struct Reversed {
    range: std::ops::Range<usize>,
    text: std::ops::Range<usize>,
    dest: std::ops::Range<usize>,
}

/// The next match of markdownlint's pattern at or after `from`, the
/// character before `(` (when there is one) counted from `from`.
fn next_reversed(line: &str, from: usize) -> Option<Reversed> {
    let b = line.as_bytes();
    let mut i = from;
    while i < b.len() {
        if b[i] != b'(' {
            i += 1;
            continue;
        }
        // `(^|[^\\])`: the start of the line, or one character before `(`
        // that is not a backslash and not used by the previous match.
        let pre_ok = if i == 0 {
            true
        } else {
            i > from && b[i - 1] != b'\\'
        };
        let open = i;
        i += 1;
        if !pre_ok {
            continue;
        }
        let close = b[open + 1..]
            .iter()
            .position(|&c| c == b'(' || c == b')')
            .map(|p| p + open + 1)?;
        if b[close] != b')' || close == open + 1 {
            continue;
        }
        if b.get(close + 1) != Some(&b'[') {
            continue;
        }
        let d = close + 2;
        if matches!(b.get(d), None | Some(b']') | Some(b'^')) {
            continue;
        }
        let Some(end) = b[d..].iter().position(|&c| c == b']').map(|p| p + d) else {
            continue;
        };
        if b.get(end + 1) == Some(&b'(') {
            continue;
        }
        return Some(Reversed {
            range: open..end + 1,
            text: open + 1..close,
            dest: d..end,
        });
    }
    None
}

impl Rule for NoReversedLinks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let mut at = 0;
        for raw in doc.text.split_inclusive('\n') {
            let start = at;
            at += raw.len();
            if !raw.contains('(')
                || doc.in_code_block(start)
                || doc.in_html_block(start)
                || doc.in_front_matter(start)
            {
                continue;
            }
            let line = raw.trim_end_matches(['\n', '\r']);
            let mut from = 0;
            while let Some(m) = next_reversed(line, from) {
                from = m.range.end;
                let range = start + m.range.start..start + m.range.end;
                if doc.in_code(range.start) || doc.in_code(range.end - 1) {
                    continue;
                }
                let (text, dest) = (&line[m.text], &line[m.dest]);
                if text.ends_with('\\') || dest.ends_with('\\') {
                    continue;
                }
                let fixed = format!("[{text}]({dest})");
                out.push(
                    Diagnostic::new(
                        &META,
                        range.clone(),
                        format!("Reversed link syntax: `{}`", &doc.text[range.clone()]),
                    )
                    .with_fix(Fix::display_only(
                        format!("Write it as `{fixed}`"),
                        vec![Edit::replace(range, fixed)],
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::next_reversed;

    fn all(line: &str) -> Vec<&str> {
        let mut v = Vec::new();
        let mut from = 0;
        while let Some(m) = next_reversed(line, from) {
            v.push(&line[m.range.clone()]);
            from = m.range.end;
        }
        v
    }

    #[test]
    fn pattern() {
        assert_eq!(all("Go to (site)[https://a.b]"), ["(site)[https://a.b]"]);
        assert_eq!(all("(a)[b] and (c)[d]"), ["(a)[b]", "(c)[d]"]);
        assert_eq!(all("Text (text(reversed)[link] x"), ["(reversed)[link]"]);
        assert!(all("x\\(a)[b]").is_empty());
        assert!(all("(note)[^1]").is_empty());
        assert!(all("()[text]").is_empty());
        assert!(all("(a)[b](c)").is_empty());
        assert!(all("(a)[]").is_empty());
    }
}
