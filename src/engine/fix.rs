//! The fix loop (SPEC §5): pick non-overlapping fixes, apply them together,
//! check the structure, lint again; stop when nothing changes. A bounded
//! number of passes; a text seen twice is a cycle.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::hash::{Hash, Hasher};

use super::{LintOptions, lint};
use crate::diagnostic::{Applicability, Diagnostic, Edit, apply_edits};
use crate::document::{Shape, check_with};

/// Passes before the loop gives up.
pub const MAX_PASSES: usize = 16;

/// A fix the guard refused: a bug in a rule, reported, never applied.
#[derive(Debug, Clone)]
pub struct InternalError {
    pub code: &'static str,
    /// Byte offset in the text the fix was computed on.
    pub offset: usize,
    /// Line in that text (1-based).
    pub line: usize,
    pub reason: String,
}

#[derive(Debug)]
pub struct FixOutcome {
    pub text: String,
    /// Fixes applied, per rule code.
    pub fixed: BTreeMap<&'static str, usize>,
    /// Diagnostics of the final text.
    pub remaining: Vec<Diagnostic>,
    pub internal_errors: Vec<InternalError>,
}

impl FixOutcome {
    pub fn fixed_count(&self) -> usize {
        self.fixed.values().sum()
    }
}

#[derive(Debug, Clone)]
pub enum FixError {
    /// The same text came back: these rules undo each other.
    Cycle { rules: Vec<&'static str> },
    /// Still changing after [`MAX_PASSES`].
    NoConvergence { rules: Vec<&'static str> },
}

impl std::fmt::Display for FixError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FixError::Cycle { rules } => write!(
                f,
                "fixes did not converge: {} undo each other's changes (a cycle); nothing was written",
                rules.join(", ")
            ),
            FixError::NoConvergence { rules } => write!(
                f,
                "fixes did not converge after {MAX_PASSES} passes (rules still fixing: {}); nothing was written",
                rules.join(", ")
            ),
        }
    }
}

fn hash(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// A fix the guard refused, remembered so that later passes do not offer it
/// again: where its span is now, its rule, the replaced text and the new
/// content. The place is part of it: the same edit elsewhere on the page
/// (one trailing space in prose, where the refused one was in a code span)
/// is a different fix.
type Refused = (usize, usize, &'static str, String);

fn refused_key(text: &str, d: &Diagnostic) -> Refused {
    let span = d.fix.as_ref().expect("only fixes are refused").span();
    let (code, key) = fix_key(text, d);
    (span.start, span.end, code, key)
}

/// The refusals after `edits` (sorted, not overlapping) are applied: each
/// span moves with the text before it; one that an edit touches is
/// forgotten (the guard judges that fix again if it comes back).
fn shift_refused(refused: HashSet<Refused>, edits: &[&Edit]) -> HashSet<Refused> {
    let mut before = Vec::with_capacity(edits.len() + 1);
    let mut delta = 0isize;
    before.push(0isize);
    for e in edits {
        delta += e.content.len() as isize - e.range.len() as isize;
        before.push(delta);
    }
    refused
        .into_iter()
        .filter_map(|(start, end, code, key)| {
            let k = edits.partition_point(|e| {
                e.range.end <= start && !(e.range.is_empty() && e.range.start == start)
            });
            if let Some(e) = edits.get(k)
                && (e.range.start < end || e.range.start == start)
            {
                return None;
            }
            let shift = |x: usize| (x as isize + before[k]) as usize;
            Some((shift(start), shift(end), code, key))
        })
        .collect()
}

/// A fix's identity across passes: rule, replaced text and new content.
fn fix_key(text: &str, d: &Diagnostic) -> (&'static str, String) {
    let mut key = String::new();
    for e in &d.fix.as_ref().expect("only fixes have keys").edits {
        key.push_str(&text[e.range.clone()]);
        key.push('\u{0}');
        key.push_str(&e.content);
        key.push('\u{0}');
    }
    (d.rule.code, key)
}

/// Pick fixes whose edits do not overlap any picked before (sorted by start;
/// touching edits wait for the next pass).
fn pick<'d>(candidates: &[&'d Diagnostic]) -> Vec<&'d Diagnostic> {
    let mut sorted: Vec<&Diagnostic> = candidates.to_vec();
    sorted.sort_by_key(|d| {
        let s = d.fix.as_ref().unwrap().span();
        (s.start, s.end)
    });
    let mut last_end: Option<usize> = None;
    let mut picked = Vec::new();
    for d in sorted {
        let span = d.fix.as_ref().unwrap().span();
        if last_end.is_some_and(|end| end >= span.start) {
            continue;
        }
        last_end = Some(span.end);
        picked.push(d);
    }
    picked
}

fn ranges(fixes: &[&Diagnostic]) -> Vec<std::ops::Range<usize>> {
    edits_of(fixes).iter().map(|e| e.range.clone()).collect()
}

/// The render guard on a batch (SPEC §5): safe fixes are held to "the
/// reader sees the same", unsafe ones to "nothing changes outside the span".
fn guard(
    current: &str,
    shape: &Shape,
    next: &str,
    batch: &[&Diagnostic],
    extra: Extra<'_>,
) -> Result<(), String> {
    let safe: Vec<&Diagnostic> = batch
        .iter()
        .copied()
        .filter(|d| d.fix.as_ref().unwrap().applicability >= Applicability::Safe)
        .collect();
    check_with(current, shape, next, &ranges(batch), &ranges(&safe))?;
    extra(current, next)
}

/// A further check on each pass, from the text before to the text after
/// (the formatter's whole-page rendering): a refusal drops the culprits as
/// the render guard's does.
pub(crate) type Extra<'e> = &'e dyn Fn(&str, &str) -> Result<(), String>;

fn no_extra(_: &str, _: &str) -> Result<(), String> {
    Ok(())
}

fn edits_of<'d>(fixes: &[&'d Diagnostic]) -> Vec<&'d Edit> {
    let mut edits: Vec<&Edit> = fixes
        .iter()
        .flat_map(|d| d.fix.as_ref().unwrap().edits.iter())
        .collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    edits
}

/// How many whole-page guard checks one pass may spend finding which fixes
/// of a refused batch are the culprits: 48, fewer on large pages (about
/// 64 MB parsed in all, at least 8). Each check parses the page, so the
/// search stays linear in the page however many fixes the batch has.
fn culprit_checks(page_len: usize) -> usize {
    (64 * 1024 * 1024 / page_len.max(1)).clamp(8, 48)
}

/// Split a batch the guard refused into fixes it accepts (`good`) and
/// culprits (`bad`, with the reason) by halving: a half that passes is
/// good as a whole, a single fix that fails is a culprit. Fixes left when
/// `budget` checks are spent are dropped too, with a reason saying so.
#[allow(clippy::too_many_arguments)]
fn isolate<'d>(
    current: &str,
    shape: &Shape,
    extra: Extra<'_>,
    batch: &[&'d Diagnostic],
    budget: &mut usize,
    good: &mut Vec<&'d Diagnostic>,
    bad: &mut Vec<(&'d Diagnostic, String)>,
) {
    if batch.is_empty() {
        return;
    }
    if *budget == 0 {
        bad.extend(batch.iter().map(|d| {
            (
                *d,
                "the guard refused it together with other fixes and there were too many to try \
                 one by one"
                    .to_string(),
            )
        }));
        return;
    }
    *budget -= 1;
    let next = apply_edits(current, &edits_of(batch));
    match guard(current, shape, &next, batch, extra) {
        Ok(()) => good.extend_from_slice(batch),
        Err(reason) if batch.len() == 1 => bad.push((batch[0], reason)),
        Err(_) => {
            let (a, b) = batch.split_at(batch.len() / 2);
            isolate(current, shape, extra, a, budget, good, bad);
            isolate(current, shape, extra, b, budget, good, bad);
        }
    }
}

/// Apply every fix at or above `min` until the text stops changing.
pub fn fix(text: &str, opts: LintOptions<'_>, min: Applicability) -> Result<FixOutcome, FixError> {
    fix_with(text, |t| lint(t, opts).diagnostics, min, &no_extra)
}

/// The fix loop over any lint function (the tests drive it with rules that
/// disagree on purpose).
pub(crate) fn fix_with(
    text: &str,
    lint: impl Fn(&str) -> Vec<Diagnostic>,
    min: Applicability,
    extra: Extra<'_>,
) -> Result<FixOutcome, FixError> {
    let mut current = text.to_string();
    let mut fixed: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut internal_errors = Vec::new();
    let mut refused: HashSet<Refused> = HashSet::new();
    // The text changed since the guard refused what `refused` holds: its
    // verdicts were given on another page (a neighbour fixed since may
    // make a refused fix acceptable), so the fixed point re-judges them.
    let mut refused_stale = false;
    let mut seen: Vec<u64> = vec![hash(&current)];
    // Rules that applied fixes, per pass.
    let mut pass_rules: Vec<BTreeSet<&'static str>> = Vec::new();
    for _ in 0..MAX_PASSES {
        let diagnostics = lint(&current);
        let candidates: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability >= min && !f.edits.is_empty())
            })
            .filter(|d| !refused.contains(&refused_key(&current, d)))
            .collect();
        if candidates.is_empty() {
            if refused_stale {
                // One more pass with every fix on offer, exactly as a
                // second run would see the page: what it applies is
                // applied now, so fix(fix(x)) == fix(x).
                refused.clear();
                refused_stale = false;
                continue;
            }
            return Ok(FixOutcome {
                text: current,
                fixed,
                remaining: diagnostics,
                internal_errors,
            });
        }
        // A fix that re-decodes the whole page goes alone: its span is the
        // page, so the guard has nothing outside it to hold it to.
        let whole_page = candidates
            .iter()
            .find(|d| d.fix.as_ref().is_some_and(|f| f.whole_page))
            .copied();
        let mut batch = match whole_page {
            Some(d) => vec![d],
            None => pick(&candidates),
        };
        let shape = Shape::of(&current);
        let mut next = apply_edits(&current, &edits_of(&batch));
        if whole_page.is_none() && guard(&current, &shape, &next, &batch, extra).is_err() {
            // Find the culprits (bounded work), then apply the rest.
            let mut good = Vec::new();
            let mut bad = Vec::new();
            let mut budget = culprit_checks(current.len());
            isolate(
                &current,
                &shape,
                extra,
                &batch,
                &mut budget,
                &mut good,
                &mut bad,
            );
            let lines = crate::document::LineIndex::new(&current);
            for (d, reason) in &bad {
                let offset = d.fix.as_ref().unwrap().span().start;
                let error = InternalError {
                    code: d.rule.code,
                    offset,
                    line: lines.line_of(offset),
                    reason: format!("the fix of {} was dropped: {reason}", d.rule.code),
                };
                // A refusal judged again at the fixed point is one error.
                if !internal_errors.iter().any(|e: &InternalError| {
                    e.code == error.code && e.line == error.line && e.reason == error.reason
                }) {
                    internal_errors.push(error);
                }
                refused.insert(refused_key(&current, d));
            }
            batch = good;
            next = apply_edits(&current, &edits_of(&batch));
            if !batch.is_empty() && guard(&current, &shape, &next, &batch, extra).is_err() {
                // Fixes fine alone but not together: one at a time.
                batch.truncate(1);
                next = apply_edits(&current, &edits_of(&batch));
            }
            if batch.is_empty() {
                continue;
            }
        }
        let rules: BTreeSet<&'static str> = batch.iter().map(|d| d.rule.code).collect();
        for d in &batch {
            *fixed.entry(d.rule.code).or_default() += 1;
        }
        pass_rules.push(rules);
        let h = hash(&next);
        if let Some(pos) = seen.iter().position(|&s| s == h) {
            let rules: BTreeSet<&'static str> =
                pass_rules[pos..].iter().flatten().copied().collect();
            return Err(FixError::Cycle {
                rules: rules.into_iter().collect(),
            });
        }
        seen.push(h);
        refused = shift_refused(refused, &edits_of(&batch));
        refused_stale = !refused.is_empty();
        current = next;
    }
    // Did the last pass leave anything to fix?
    let diagnostics = lint(&current);
    let still: BTreeSet<&'static str> = diagnostics
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability >= min && !f.edits.is_empty())
        })
        .filter(|d| !refused.contains(&refused_key(&current, d)))
        .map(|d| d.rule.code)
        .collect();
    if still.is_empty() {
        return Ok(FixOutcome {
            text: current,
            fixed,
            remaining: diagnostics,
            internal_errors,
        });
    }
    Err(FixError::NoConvergence {
        rules: still.into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;
    use crate::rule::{Fixable, Group, RuleMeta};

    fn meta(code: &'static str) -> &'static RuleMeta {
        Box::leak(Box::new(RuleMeta {
            code,
            name: "test-rule",
            group: Group::Md,
            summary: "",
            fixable: Fixable::Always,
            default_enabled: true,
            severity: crate::diagnostic::Severity::Warning,
            doc: "",
        }))
    }

    fn replace(m: &'static RuleMeta, text: &str, from: &str, to: &str) -> Option<Diagnostic> {
        let at = text.find(from)?;
        let range = at..at + from.len();
        Some(
            Diagnostic::new(m, range.clone(), "x")
                .with_fix(Fix::safe("x", vec![Edit::replace(range, to)])),
        )
    }

    #[test]
    fn rules_that_undo_each_other_are_a_cycle_naming_both() {
        let (a, b) = (meta("XX001"), meta("XX002"));
        let lint = |t: &str| {
            let mut v = Vec::new();
            v.extend(replace(a, t, "colour", "color"));
            v.extend(replace(b, t, "color", "colour"));
            v
        };
        let err = fix_with("the colour\n", lint, Applicability::Safe, &no_extra).unwrap_err();
        match err {
            FixError::Cycle { rules } => assert_eq!(rules, vec!["XX001", "XX002"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_rule_that_never_stops_does_not_converge() {
        let a = meta("XX003");
        let lint = |t: &str| replace(a, t, "x", "xx").into_iter().collect();
        let err = fix_with("x\n", lint, Applicability::Safe, &no_extra).unwrap_err();
        assert!(
            matches!(err, FixError::NoConvergence { ref rules } if rules == &vec!["XX003"]),
            "{err:?}"
        );
        assert!(err.to_string().contains("nothing was written"));
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let (a, b) = (meta("XX004"), meta("XX005"));
        let lint = |t: &str| {
            let mut v = Vec::new();
            v.extend(replace(a, t, "ab", "AB"));
            v.extend(replace(b, t, "bc", "BC"));
            v
        };
        let out = fix_with("abc\n", lint, Applicability::Safe, &no_extra).unwrap();
        // "ab" goes first; "bc" no longer matches after it.
        assert_eq!(out.text, "ABc\n");
        assert_eq!(out.fixed_count(), 1);
    }

    #[test]
    fn the_guard_drops_a_fix_that_breaks_the_structure() {
        let a = meta("XX006");
        let lint = |t: &str| {
            replace(a, t, "Title", "# Title")
                .into_iter()
                .filter(|_| !t.contains("# "))
                .collect()
        };
        let out = fix_with("Title\n\ntext\n", lint, Applicability::Safe, &no_extra).unwrap();
        assert_eq!(out.text, "Title\n\ntext\n");
        assert_eq!(out.internal_errors.len(), 1);
        assert!(
            out.internal_errors[0].reason.contains("block structure"),
            "{:?}",
            out.internal_errors
        );
    }

    #[test]
    fn the_guard_drops_a_repeated_word_removed_across_a_hard_break() {
        // What TYP006 proposed for `a  \na` (issue 10 item 4): the edit is
        // its own span, but the hard break inside it goes too.
        let a = meta("XX008");
        let lint = |t: &str| replace(a, t, "  \na", "").into_iter().collect();
        let out = fix_with("a  \na\n", lint, Applicability::Safe, &no_extra).unwrap();
        assert_eq!(out.text, "a  \na\n");
        assert_eq!(out.internal_errors.len(), 1);
        assert!(
            out.internal_errors[0].reason.contains("hard break"),
            "{:?}",
            out.internal_errors
        );
        // Across a soft break the same edit is fine.
        let out = fix_with(
            "a\na\n",
            |t: &str| replace(a, t, "\na", "").into_iter().collect(),
            Applicability::Safe,
            &no_extra,
        )
        .unwrap();
        assert_eq!(out.text, "a\n");
        assert!(out.internal_errors.is_empty());
    }

    #[test]
    fn a_refused_fix_does_not_mute_the_same_edit_elsewhere() {
        // Found by fuzzing (fixtures/regressions/refused-fix-key-mutes-same-
        // fix-elsewhere.md): removing one trailing space inside a code span
        // that spans lines is refused; the same edit on a prose line, which
        // only appears after another fix, must still be applied in this run
        // (before, a second run applied it: fix(fix(x)) != fix(x)).
        let (space, marker) = (meta("XX009"), meta("XX010"));
        let lint = |t: &str| {
            let mut v = Vec::new();
            let mut one_space = |at: usize| {
                v.push(
                    Diagnostic::new(space, at..at + 1, "x")
                        .with_fix(Fix::safe("x", vec![Edit::replace(at..at + 1, "")])),
                )
            };
            one_space(t.find("a  \n").unwrap() + 2);
            if let Some(at) = t.find("c \n")
                && !t.contains('M')
            {
                one_space(at + 1);
            }
            v.extend(replace(marker, t, "M", ""));
            v
        };
        let text = "`a  \nb`\n\nMc \n";
        let out = fix_with(text, lint, Applicability::Safe, &no_extra).unwrap();
        assert_eq!(out.text, "`a  \nb`\n\nc\n", "{:?}", out.internal_errors);
        assert_eq!(out.internal_errors.len(), 1, "{:?}", out.internal_errors);
    }

    #[test]
    fn a_whole_page_redecoding_goes_alone_and_unguarded() {
        // A garbled page where the garbling swallowed a `]`: re-decoding
        // it restores a link, a change of structure the guard refuses for
        // an ordinary fix; the page's own decoding is the page.
        let a = meta("XX011");
        let lint = |t: &str, whole: bool| -> Vec<Diagnostic> {
            t.find("X")
                .map(|at| {
                    let fix = Fix::safe("x", vec![Edit::replace(at..at + 1, "]")]);
                    let fix = if whole { fix.for_whole_page() } else { fix };
                    Diagnostic::new(a, at..at + 1, "x").with_fix(fix)
                })
                .into_iter()
                .collect()
        };
        let text = "see [the bookX(https://e.org) here\n";
        let out = fix_with(text, |t| lint(t, false), Applicability::Safe, &no_extra).unwrap();
        assert_eq!(out.text, text);
        assert_eq!(out.internal_errors.len(), 1);
        let out = fix_with(text, |t| lint(t, true), Applicability::Safe, &no_extra).unwrap();
        assert_eq!(out.text, "see [the book](https://e.org) here\n");
        assert!(out.internal_errors.is_empty());
    }

    #[test]
    fn unsafe_fixes_wait_for_the_flag() {
        let a = meta("XX007");
        let lint = |t: &str| {
            t.find("bad")
                .map(|at| {
                    Diagnostic::new(a, at..at + 3, "x").with_fix(Fix::unsafe_edit(
                        "x",
                        vec![Edit::replace(at..at + 3, "good")],
                    ))
                })
                .into_iter()
                .collect()
        };
        assert_eq!(
            fix_with("bad\n", lint, Applicability::Safe, &no_extra)
                .unwrap()
                .text,
            "bad\n"
        );
        assert_eq!(
            fix_with("bad\n", lint, Applicability::Unsafe, &no_extra)
                .unwrap()
                .text,
            "good\n"
        );
    }

    /// Paragraphs `pN`, one per block; the fixes of the lines listed in
    /// `bad` turn the paragraph into a heading (the guard refuses them).
    fn culprit_lint(bad: &'static [usize]) -> impl Fn(&str) -> Vec<Diagnostic> {
        let m = meta("XX006");
        move |t: &str| {
            let mut v = Vec::new();
            let mut at = 0;
            for (i, line) in t.split_inclusive('\n').enumerate() {
                if line.starts_with('p') {
                    let to = if bad.contains(&i) { "# q" } else { "q" };
                    let range = at..at + 1;
                    v.push(
                        Diagnostic::new(m, range.clone(), "x")
                            .with_fix(Fix::safe("x", vec![Edit::replace(range, to)])),
                    );
                }
                at += line.len();
            }
            v
        }
    }

    #[test]
    fn culprits_of_a_refused_batch_are_found_and_the_rest_applied() {
        let text = "p\n\n".repeat(10);
        let out = fix_with(
            &text,
            culprit_lint(&[2, 12]),
            Applicability::Safe,
            &no_extra,
        )
        .unwrap();
        // Lines 2 and 12 are paragraphs 2 and 7.
        assert_eq!(out.internal_errors.len(), 2, "{:?}", out.internal_errors);
        assert_eq!(out.text.matches("q\n").count(), 8, "{}", out.text);
        assert_eq!(out.text.matches("p\n").count(), 2, "{}", out.text);
    }

    #[test]
    fn a_batch_of_many_culprits_costs_a_bounded_number_of_checks() {
        // Every fix is refused: without a bound, each would be checked
        // alone against the whole page (quadratic).
        static ALL: [usize; 4000] = {
            let mut a = [0; 4000];
            let mut i = 0;
            while i < 4000 {
                a[i] = 2 * i;
                i += 1;
            }
            a
        };
        let text = "p\n\n".repeat(2000);
        let out = fix_with(&text, culprit_lint(&ALL), Applicability::Safe, &no_extra).unwrap();
        assert_eq!(out.text, text);
        assert_eq!(out.internal_errors.len(), 2000);
        assert!(
            out.internal_errors
                .iter()
                .any(|e| e.reason.contains("too many to try one by one"))
        );
    }
}
