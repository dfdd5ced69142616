//! `cargo bench`: pagelint on a fixed set of real pages (fixtures/bench/,
//! fixtures/examples/): parsing, the default rules, the fix loop, and the
//! mojibake scan on clean text. Corpus-wide wall-time comparisons with rumdl
//! and markdownlint-cli2 are in scripts/bench-corpus.sh.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pagelint::config::{Config, Overrides};
use pagelint::diagnostic::Applicability;
use pagelint::document::{Document, Shape, check_with};
use pagelint::engine::LintOptions;
use pagelint::engine::file::process;
use pagelint::rule::NoWorkspace;

fn pages() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut v = Vec::new();
    for dir in ["bench", "examples"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
            .collect();
        files.sort();
        for f in files {
            v.push((
                f.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&f).unwrap(),
            ));
        }
    }
    v
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let total: usize = pages.iter().map(|(_, t)| t.len()).sum();
    let config = Config::default();
    let rules = config.rule_set(None, &Overrides::default()).unwrap();
    let opts = LintOptions {
        settings: &config.settings,
        rules: &rules,
        workspace: &NoWorkspace,
        path: None,
    };
    let mut g = c.benchmark_group("pages");
    g.throughput(Throughput::Bytes(total as u64));
    g.bench_function("parse", |b| {
        b.iter(|| {
            for (_, t) in &pages {
                std::hint::black_box(Document::parse(t));
            }
        })
    });
    g.bench_function("check-default-rules", |b| {
        b.iter(|| {
            for (_, t) in &pages {
                std::hint::black_box(process(t.as_bytes(), opts, None).unwrap());
            }
        })
    });
    g.bench_function("fix-default-rules", |b| {
        b.iter(|| {
            for (_, t) in &pages {
                std::hint::black_box(
                    process(t.as_bytes(), opts, Some(Applicability::Safe)).unwrap(),
                );
            }
        })
    });
    // The render guard (SPEC §5) as the fix loop pays it on each pass that
    // applies fixes: the page's shape, then the page after the edits parsed,
    // rendered and compared outside the edited spans (here, no edits: the
    // whole page is compared). Its cost against `fix-default-rules` is the
    // guard's share of a fix run.
    g.bench_function("render-guard", |b| {
        b.iter(|| {
            for (_, t) in &pages {
                let shape = Shape::of(t);
                std::hint::black_box(check_with(t, &shape, t, &[], &[]).is_ok());
            }
        })
    });
    g.finish();

    // The mojibake scan on clean text (the common case): every clean page.
    let clean: Vec<&(String, String)> = pages
        .iter()
        .filter(|(n, _)| n != "course-page.md")
        .collect();
    let mut g = c.benchmark_group("mojibake");
    g.throughput(Throughput::Bytes(
        clean.iter().map(|(_, t)| t.len() as u64).sum(),
    ));
    // Parse plus scan: subtract `pages/parse` for the scan alone.
    g.bench_function("parse-and-scan-clean", |b| {
        b.iter(|| {
            for (_, t) in &clean {
                // A fresh document each time: the scan is cached per document.
                let d = Document::parse(t);
                std::hint::black_box(d.mojibake().repairs.len());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
