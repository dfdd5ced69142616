//! Evaluation and benchmark, run by hand (ignored tests):
//!
//! - `python3 scripts/mojibake-eval.py` builds the corrupted sets with Python and runs
//!   `MOJIBAKE_EVAL=OUT cargo test --release mojibake_eval -- --ignored --nocapture`;
//! - `MOJIBAKE_BENCH=../shared/corpus/book:../shared/corpus/tldr cargo test --release
//!   mojibake_bench -- --ignored --nocapture` prints the throughput on clean text.
//!
//! Spans are simulated crudely: every non-blank line is a span (Prose, or
//! Code inside ``` / ~~~ fences), blocks are blank-line separated paragraphs.
use super::{Confidence, Scan, Span, SpanKind, scan};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Instant;

fn spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let (mut pos, mut block, mut fence) = (0usize, 0u32, false);
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let t = body.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
            block += 1;
        } else if body.trim().is_empty() {
            block += 1;
        } else {
            let kind = if fence {
                SpanKind::Code
            } else {
                SpanKind::Prose
            };
            out.push(Span {
                range: pos..pos + body.len(),
                kind,
                block,
            });
        }
        pos += line.len();
    }
    out
}

/// Applies Strong repairs; with `code`, in code spans too.
fn apply(text: &str, s: &Scan, code: bool) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for r in &s.repairs {
        if r.confidence != Confidence::Strong || (r.in_code && !code) {
            continue;
        }
        out.push_str(&text[pos..r.range.start]);
        out.push_str(&r.replacement);
        pos = r.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

fn first_diff(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n  got:  {x}\n  want: {y}", i + 1);
        }
    }
    "(line count differs)".into()
}

#[test]
#[ignore]
fn mojibake_eval() {
    let Ok(out) = std::env::var("MOJIBAKE_EVAL") else {
        eprintln!("skipped: set MOJIBAKE_EVAL (see scripts/mojibake-eval.py)");
        return;
    };
    let manifest = std::fs::read_to_string(format!("{out}/manifest.tsv")).unwrap();
    // kind -> (cases, exact with code fixed, exact prose-only, any ambiguous left)
    let mut stats: BTreeMap<String, [u32; 4]> = BTreeMap::new();
    let mut failures = String::new();
    for line in manifest.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let (kind, bad_p, good_p) = (f[0], f[1], f[2]);
        let bad = std::fs::read_to_string(bad_p).unwrap();
        let good = std::fs::read_to_string(good_p).unwrap();
        let s = scan(&bad, &spans(&bad));
        let all = apply(&bad, &s, true);
        let prose = apply(&bad, &s, false);
        let e = stats.entry(kind.to_string()).or_default();
        e[0] += 1;
        if all == good {
            e[1] += 1;
        } else {
            let _ = writeln!(
                failures,
                "== {kind} {bad_p} ({good_p})\n{}",
                first_diff(&all, &good)
            );
        }
        if prose == good {
            e[2] += 1;
        }
        if s.repairs
            .iter()
            .any(|r| r.confidence == Confidence::Ambiguous)
        {
            e[3] += 1;
        }
    }
    println!(
        "{:<12} {:>6} {:>8} {:>7} {:>11} {:>9}",
        "kind", "pages", "exact", "%", "prose-only", "ambiguous"
    );
    for (k, [n, ok, prose, amb]) in &stats {
        println!(
            "{k:<12} {n:>6} {ok:>8} {:>6.2}% {prose:>11} {amb:>9}",
            100.0 * *ok as f64 / *n as f64
        );
    }
    std::fs::write(format!("{out}/failures.txt"), failures).unwrap();
    // Clean pages: no finding at all.
    let clean = std::fs::read_to_string(format!("{out}/clean.tsv")).unwrap();
    let mut cs: BTreeMap<String, [u32; 2]> = BTreeMap::new();
    let mut findings = String::new();
    for line in clean.lines() {
        let (lang, p) = line.split_once('\t').unwrap();
        let text = std::fs::read_to_string(p).unwrap();
        let s = scan(&text, &spans(&text));
        let e = cs.entry(lang.to_string()).or_default();
        e[0] += 1;
        if !s.is_empty() {
            e[1] += 1;
            for r in &s.repairs {
                let _ = writeln!(
                    findings,
                    "{p}: {:?} -> {:?} {:?} {:?}",
                    &text[r.range.clone()],
                    r.replacement,
                    r.chain,
                    r.confidence
                );
            }
            for l in &s.lossy {
                let _ = writeln!(
                    findings,
                    "{p}: lossy {:?} {:?}",
                    &text[l.range.clone()],
                    l.candidate
                );
            }
        }
    }
    println!("\n{:<8} {:>6} {:>14}", "clean", "pages", "with findings");
    for (k, [n, bad]) in &cs {
        println!("{k:<8} {n:>6} {bad:>14}");
    }
    std::fs::write(format!("{out}/clean-findings.txt"), findings).unwrap();
    println!("\nfailures: {out}/failures.txt  clean findings: {out}/clean-findings.txt");
}

fn collect(dir: &std::path::Path, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "md") {
            if let Ok(t) = std::fs::read_to_string(&p) {
                out.push(t);
            }
        }
    }
}

#[test]
#[ignore]
fn mojibake_bench() {
    let dirs = std::env::var("MOJIBAKE_BENCH")
        .unwrap_or_else(|_| "../shared/corpus/book:../shared/corpus/tldr".into());
    let mut docs = Vec::new();
    for d in dirs.split(':') {
        collect(std::path::Path::new(&d), &mut docs);
    }
    let spans: Vec<Vec<Span>> = docs.iter().map(|d| spans(d)).collect();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let slow = docs
        .iter()
        .zip(&spans)
        .filter(|(d, s)| !scan(d, s).is_empty())
        .count();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let mut n = 0;
        for (d, s) in docs.iter().zip(&spans) {
            n += scan(d, s).repairs.len();
        }
        std::hint::black_box(n);
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} documents, {:.2} MB, {} with findings; best of 5: {:.1} ms = {:.0} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        slow,
        best * 1e3,
        bytes as f64 / 1e6 / best
    );
}
