//! MD037 `no-space-in-emphasis`: `* text *`, `** text **`: emphasis markers
//! with spaces inside, which CommonMark does not read as emphasis. As in
//! markdownlint: the delimiter runs left as text (`*`, `**`, `***`, `_`,
//! `__`, `___`, unescaped, outside code) of one text container (a block's
//! text outside emphasis) are paired in order, per marker; the spaces
//! after the first of a pair and before the second, on their lines, are
//! reported. Link texts and image alts are not checked, as in markdownlint.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::Inline;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD037",
    name: "no-space-in-emphasis",
    group: Group::Md,
    summary: "Spaces inside emphasis markers",
    fixable: Fixable::Always,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD037"),
};

pub struct NoSpaceInEmphasis;

/// The delimiter runs of `*` or `_` in `src` (starting at `base`), escapes
/// skipped: (marker, range).
fn runs(src: &str, base: usize, out: &mut Vec<(String, Range<usize>)>) {
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c @ (b'*' | b'_') => {
                let n = b[i..].iter().take_while(|&&x| x == c).count();
                if n <= 3 {
                    out.push((src[i..i + n].to_string(), base + i..base + i + n));
                }
                i += n;
            }
            _ => i += 1,
        }
    }
}

fn is_ws(c: char) -> bool {
    c.is_whitespace()
}

impl Rule for NoSpaceInEmphasis {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let text = doc.text;
        if !text.contains(['*', '_']) {
            return;
        }
        // Block → runs in document order, outside emphasis. Link texts and
        // image alts are not checked (markdownlint does not).
        let marks = &doc.marks.emphasis;
        let mut groups: BTreeMap<u32, Vec<(String, Range<usize>)>> = BTreeMap::new();
        let mut found = Vec::new();
        for s in &doc.segments {
            if s.inline != Inline::Plain || doc.in_front_matter(s.range.start) {
                continue;
            }
            let src = doc.slice(&s.range);
            if !src.contains(['*', '_']) {
                continue;
            }
            found.clear();
            runs(src, s.range.start, &mut found);
            for (marker, r) in found.drain(..) {
                // Runs inside emphasis are not checked (markdownlint's
                // parser merges them into the emphasis' text).
                let i = marks.partition_point(|m| m.open.end <= r.start);
                if marks[..i].iter().any(|m| r.end <= m.close.start) {
                    continue;
                }
                groups.entry(s.block).or_default().push((marker, r));
            }
        }
        let first = out.len();
        let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |p| p + 1);
        let line_end = |at: usize| text[at..].find(['\n', '\r']).map_or(text.len(), |p| at + p);
        for runs in groups.values() {
            for marker in ["*", "**", "***", "_", "__", "___"] {
                let mine: Vec<&Range<usize>> = runs
                    .iter()
                    .filter(|(m, _)| m == marker)
                    .map(|(_, r)| r)
                    .collect();
                for pair in mine.chunks_exact(2) {
                    let (open, close) = (pair[0], pair[1]);
                    // /^\s+\S/ after the opening run.
                    let after = &text[open.end..line_end(open.end)];
                    let lead = after.len() - after.trim_start_matches(is_ws).len();
                    if lead > 0 && lead < after.len() {
                        let range = open.end..open.end + lead;
                        out.push(self.finding(range, marker, true));
                    }
                    // /\S\s+$/ before the closing run.
                    let before = &text[line_start(close.start)..close.start];
                    let trail = before.len() - before.trim_end_matches(is_ws).len();
                    if trail > 0 && trail < before.len() {
                        let range = close.start - trail..close.start;
                        out.push(self.finding(range, marker, false));
                    }
                }
            }
        }
        out[first..].sort_by_key(|d| d.range.start);
    }
}

impl NoSpaceInEmphasis {
    fn finding(&self, range: Range<usize>, marker: &str, open: bool) -> Diagnostic {
        let side = if open { "after" } else { "before" };
        Diagnostic::new(
            &META,
            range.clone(),
            format!("Spaces inside emphasis markers: space {side} `{marker}`"),
        )
        .with_fix(Fix::display_only(
            format!("Remove the spaces {side} `{marker}`"),
            vec![Edit::delete(range)],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::runs;

    #[test]
    fn delimiter_runs() {
        let mut v = Vec::new();
        runs(r"a * b ** c \* d ____ e _x_", 10, &mut v);
        let got: Vec<(&str, std::ops::Range<usize>)> =
            v.iter().map(|(m, r)| (m.as_str(), r.clone())).collect();
        assert_eq!(
            got,
            [("*", 12..13), ("**", 16..18), ("_", 33..34), ("_", 35..36)]
        );
    }
}
