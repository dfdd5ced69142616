//! Unified diffs of fixes (`--diff`). The diff applies with `git apply`;
//! changes a reader could not see (trailing spaces, tabs, zero-width
//! characters, normalization) are spelled out after the hunk header, where
//! patch tools ignore text, and drawn inline when the output is coloured.
//! Control characters of the page are written escaped ([`super::escape`]),
//! never raw: a patch of a line holding one shows `␛` and does not apply
//! (`--fix` writes such a page).

use std::fmt::Write;

use similar::{ChangeTag, TextDiff};
use unicode_normalization::UnicodeNormalization;

use super::escape;
use crate::text::visible::{has_invisible, show};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

fn strip_eol(s: &str) -> &str {
    s.strip_suffix('\n')
        .map(|s| s.strip_suffix('\r').unwrap_or(s))
        .unwrap_or(s)
}

/// Would a reader miss this change? (Differences in invisible characters,
/// trailing whitespace, line endings or Unicode normalization only.)
fn invisible_change(old: &str, new: &str) -> bool {
    let (o, n) = (strip_eol(old), strip_eol(new));
    if has_invisible(o) || has_invisible(n) {
        return true;
    }
    o != n && o.nfc().eq(n.nfc())
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

/// What a line looks like to a reader: NFC, invisible characters dropped,
/// whitespace collapsed.
fn key(s: &str) -> String {
    let visible: String = s
        .nfc()
        .filter(|&c| !crate::text::visible::is_invisible(c) || c == '\t')
        .collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of two lines that differs, with a little context: the
/// common start and end are cut (`…`), so that a change at the end of a
/// long line shows that change, not the same first 40 characters twice.
fn changed_part(o: &str, n: &str) -> (String, String) {
    const CONTEXT: usize = 10;
    const MAX: usize = 40;
    let (o, n): (Vec<char>, Vec<char>) = (o.chars().collect(), n.chars().collect());
    let prefix = o.iter().zip(&n).take_while(|(a, b)| a == b).count();
    let max_suffix = o.len().min(n.len()) - prefix;
    let suffix = o
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let from = prefix.saturating_sub(CONTEXT);
    let cut = |s: &[char]| {
        let to = (s.len() - suffix + CONTEXT).min(s.len());
        let mut t = String::new();
        if from > 0 {
            t.push('…');
        }
        let part: String = s[from..to].iter().collect();
        t.push_str(&shorten(&part, MAX));
        if to < s.len() && !t.ends_with('…') {
            t.push('…');
        }
        t
    };
    (cut(&o), cut(&n))
}

/// A note that spells out an invisible change of a line.
fn note(old: &str, new: &str) -> String {
    let (o, n) = (strip_eol(old), strip_eol(new));
    if o != n && o.nfc().eq(n.nfc()) {
        let (o, n) = changed_part(o, n);
        return format!(
            "“{}” → “{}” (Unicode normalization)",
            crate::text::visible::spell(&o),
            n
        );
    }
    let (o, n) = changed_part(&show(o), &show(n));
    format!("“{o}” → “{n}”")
}

/// The unified diff from `old` to `new` for `path`; empty when equal.
pub fn unified_diff(path: &str, old: &str, new: &str, color: bool) -> String {
    let mut out = String::new();
    if old == new {
        return out;
    }
    let diff = TextDiff::from_lines(old, new);
    let (b, r) = if color { (BOLD, RESET) } else { ("", "") };
    let path = escape::line(path);
    let _ = writeln!(out, "{b}--- a/{path}{r}");
    let _ = writeln!(out, "{b}+++ b/{path}{r}");
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        let changes: Vec<_> = hunk.iter_changes().collect();
        // Pair the lines each replacement changes, for the notes.
        let mut notes: Vec<String> = Vec::new();
        for op in hunk.ops() {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            if tag != similar::DiffTag::Replace {
                continue;
            }
            // Pair each new line with the old line that looks the same
            // (keys computed once per line: a hunk can hold thousands).
            let mut by_key: std::collections::HashMap<String, &str> =
                std::collections::HashMap::new();
            for o in old_range.clone().filter_map(|o| diff.old_slice(o)) {
                by_key.entry(key(o)).or_insert(o);
            }
            let first_old = old_range.clone().find_map(|o| diff.old_slice(o));
            for n in new_range {
                let Some(n) = diff.new_slice(n) else { continue };
                if let Some(o) = by_key.get(&key(n)).copied().or(first_old)
                    && invisible_change(o, n)
                {
                    notes.push(note(o, n));
                }
            }
        }
        let header = hunk.header().to_string();
        let annotation = match notes.len() {
            0 => String::new(),
            1 => format!(" {}", notes[0]),
            n => format!(" {} (and {} more)", notes[0], n - 1),
        };
        let annotation = escape::line(&annotation);
        if color {
            let _ = writeln!(out, "{CYAN}{header}{RESET}{DIM}{annotation}{RESET}");
        } else {
            let _ = writeln!(out, "{header}{annotation}");
        }
        for c in &changes {
            let value = c.value();
            let (tag, col) = match c.tag() {
                ChangeTag::Delete => ('-', RED),
                ChangeTag::Insert => ('+', GREEN),
                ChangeTag::Equal => (' ', ""),
            };
            let line = strip_eol(value);
            let eol = &value[line.len()..];
            if color {
                let shown = if c.tag() != ChangeTag::Equal {
                    show(line)
                } else {
                    escape::line(line).into_owned()
                };
                let _ = write!(out, "{col}{tag}{shown}{RESET}");
            } else {
                let _ = write!(out, "{tag}{}", escape::line(line));
            }
            out.push_str(if eol.is_empty() { "\n" } else { eol });
            if eol.is_empty() {
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_diff_applies_and_notes_invisible_changes() {
        let d = unified_diff("p.md", "x   \ny\n", "x\ny\n", false);
        assert!(
            d.starts_with("--- a/p.md\n+++ b/p.md\n@@ -1,2 +1,2 @@ “x···” → “x”\n-x   \n+x\n y\n"),
            "{d}"
        );
    }

    #[test]
    fn notes_show_the_changed_part_of_a_long_line() {
        let old = format!("{} fin   \n", "palabra ".repeat(20));
        let new = format!("{} fin\n", "palabra ".repeat(20));
        let d = unified_diff("p.md", &old, &new, false);
        let header = d.lines().nth(2).unwrap();
        assert!(header.contains("fin···” → “…"), "{header}");
        assert!(header.ends_with("fin”"), "{header}");
    }

    #[test]
    fn control_characters_are_escaped() {
        let d = unified_diff(
            "p\x1b.md",
            "# x \x1b]0;PWNED\x07\nb\n",
            "# x ]0;PWNED\nb\n",
            false,
        );
        assert!(!d.contains('\x1b') && !d.contains('\x07'), "{d:?}");
        assert!(d.contains("-# x ␛]0;PWNED␇\n"), "{d}");
        let d = unified_diff("p.md", "\x1bx\nb  \n", "\x1bx\nb\n", true);
        assert!(!d.contains("\x1bx"), "{d:?}");
    }

    #[test]
    fn missing_newline_is_marked() {
        let d = unified_diff("p.md", "x", "x\n", false);
        assert!(d.contains("-x\n\\ No newline at end of file\n+x\n"), "{d}");
    }

    #[test]
    fn normalization_is_spelled_out() {
        let d = unified_diff("p.md", "cafe\u{301}\n", "café\n", false);
        assert!(d.contains("Unicode normalization"), "{d}");
    }
}
