//! The formatting rules' safe fixes (what `pagelint fmt` applies) on every
//! real page of `../shared/corpus` (skipped, with a message, where that
//! folder is absent), one rule at a time, under the page's own style
//! (`consistent`) and under fixed styles: the guard refuses none of them
//! (a refused fix is a bug in the rule), the page renders to the same HTML
//! before and after (the whole page, by comrak with pagelint's options;
//! for MD013's `wrap`, which moves line breaks in prose, with each run of
//! whitespace counted as one space), and a second run changes nothing.
//!
//! `PAGELINT_FORMAT_RULES=MD060,MD003` limits the run to some rules. A
//! plain `cargo test` reads every eighth page (21 configurations over
//! 14,000 pages take minutes in a debug build); `PAGELINT_FORMAT_ALL=1`
//! reads them all (the figures in `docs/precision.md`).

use std::path::{Path, PathBuf};

use pagelint::config::Config;
use pagelint::diagnostic::Applicability;
use pagelint::rule::NoWorkspace;
use rayon::prelude::*;

mod common;

/// Each formatting rule and the configurations it is run under.
const CASES: &[(&str, &str)] = &[
    ("MD003", ""),
    ("MD003", "[rules.MD003]\nstyle = \"atx\"\n"),
    ("MD003", "[rules.MD003]\nstyle = \"atx_closed\"\n"),
    ("MD003", "[rules.MD003]\nstyle = \"setext\"\n"),
    ("MD003", "[rules.MD003]\nstyle = \"setext_with_atx\"\n"),
    ("MD004", ""),
    ("MD004", "[rules.MD004]\nstyle = \"dash\"\n"),
    ("MD004", "[rules.MD004]\nstyle = \"plus\"\n"),
    ("MD004", "[rules.MD004]\nstyle = \"sublist\"\n"),
    ("MD009", "[rules.MD009]\nhard-break = \"backslash\"\n"),
    ("MD009", "[rules.MD009]\nhard-break = \"spaces\"\n"),
    ("MD013", "[rules.MD013]\nline-length = 0\nwrap = 80\n"),
    (
        "MD013",
        "[rules.MD013]\nline-length = 0\nwrap = \"sentence\"\n",
    ),
    ("MD029", ""),
    ("MD029", "[rules.MD029]\nstyle = \"one\"\n"),
    ("MD029", "[rules.MD029]\nstyle = \"ordered\"\n"),
    ("MD029", "[rules.MD029]\nstyle = \"zero\"\n"),
    ("MD046", ""),
    ("MD046", "[rules.MD046]\nstyle = \"fenced\"\n"),
    ("MD046", "[rules.MD046]\nstyle = \"indented\"\n"),
    ("MD060", ""),
    ("MD060", "[rules.MD060]\nstyle = \"aligned\"\n"),
    ("MD060", "[rules.MD060]\nstyle = \"compact\"\n"),
    ("MD060", "[rules.MD060]\nstyle = \"tight\"\n"),
    (
        "MD060",
        "[rules.MD060]\nstyle = \"compact\"\naligned-delimiter = true\n",
    ),
];

fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .build()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    v.sort();
    v
}

fn html(text: &str) -> String {
    comrak::markdown_to_html(text, &pagelint::document::comrak_options())
}

/// The HTML with each run of whitespace as one space: what a reader sees
/// of prose whose line breaks moved (MD013's `wrap`).
fn squeezed(text: &str) -> String {
    html(text)
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn formatting_fixes_keep_every_corpus_page() {
    let Some(root) = common::corpus() else { return };
    let only = std::env::var("PAGELINT_FORMAT_RULES").ok();
    let files = markdown_files(&root);
    let mut failures: Vec<String> = Vec::new();
    for (code, toml) in CASES {
        if only
            .as_ref()
            .is_some_and(|o| !o.split(',').any(|c| c == *code))
        {
            continue;
        }
        let config = Config::parse(toml, Path::new("pagelint.toml")).unwrap();
        let run = |bytes: &[u8]| {
            common::run_in(
                code,
                bytes,
                &config,
                &NoWorkspace,
                None,
                Some(Applicability::Safe),
            )
        };
        let all = std::env::var_os("PAGELINT_FORMAT_ALL").is_some();
        let pages: Vec<&PathBuf> = files
            .iter()
            .enumerate()
            .filter(|(i, _)| all || i % 8 == 0)
            .map(|(_, p)| p)
            .collect();
        let ((changed, left), mut bad): ((usize, usize), Vec<String>) = pages
            .par_iter()
            .map(|p| {
                let bytes = std::fs::read(p).unwrap();
                let name = format!("{code} {toml:?} {}", p.display());
                let once = match run(&bytes) {
                    Ok(r) => r,
                    Err(e) => return ((0, 0), vec![format!("{name}: {e}")]),
                };
                let mut bad = Vec::new();
                for e in &once.internal_errors {
                    bad.push(format!("{name}: guard refused a fix: {e:?}"));
                }
                let same = if *code == "MD013" {
                    squeezed(&once.text) == squeezed(&once.original)
                } else {
                    html(&once.text) == html(&once.original)
                };
                if once.text != once.original && !same {
                    bad.push(format!("{name}: the rendered page changed"));
                }
                match run(once.text.as_bytes()) {
                    Ok(twice) if twice.text != once.text => {
                        bad.push(format!("{name}: a second run changes the page"))
                    }
                    Err(e) => bad.push(format!("{name}: second run: {e}")),
                    _ => {}
                }
                let left = once.diagnostics.len();
                ((usize::from(once.text != once.original), left), bad)
            })
            .reduce(
                || ((0, 0), Vec::new()),
                |mut a, b| {
                    a.0.0 += b.0.0;
                    a.0.1 += b.0.1;
                    a.1.extend(b.1);
                    a
                },
            );
        eprintln!(
            "{code} {toml:?}: {changed} of {} pages changed, {left} findings left, {} failures",
            pages.len(),
            bad.len()
        );
        failures.append(&mut bad);
    }
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Pieces of Markdown the formatting rules rewrite, and what surrounds
/// them in real pages.
fn piece() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        Just("# Título".to_string()),
        Just("## Título ##".to_string()),
        Just("Título\n======".to_string()),
        Just("Sub\n---".to_string()),
        Just("Dos\nlíneas\n---".to_string()),
        Just("- a\n- b".to_string()),
        Just("* c\n* d".to_string()),
        Just("+ e".to_string()),
        Just("  - anidado".to_string()),
        Just("1. uno\n1. dos".to_string()),
        Just("3. tres\n5. cinco".to_string()),
        Just("    sangrado".to_string()),
        Just("- item\n\n      en lista\n\n  más".to_string()),
        Just("> ```\n> q\n>\n> r\n> ```".to_string()),
        Just("```\nvalla\n```".to_string()),
        Just("~~~sh\nls\n~~~".to_string()),
        Just("| 名前 | b |\n|:-|--:|\n| 数学 \\| x | `c \\| d` |".to_string()),
        Just("a | b\n--|--\n🤗 | |".to_string()),
        Just("> | q |\n> |---|\n> | largo |".to_string()),
        Just("Una frase. Otra frase con [un enlace largo](http://e.org) y `código`.".to_string()),
        Just("línea con salto  \nduro".to_string()),
        Just("日本語の文章は\nスペースなしで".to_string()),
        Just("texto - 1. no lista # ni título".to_string()),
        Just("<pre>\n a  b\n</pre>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("$a + b$ {{ x }}".to_string()),
        Just("\\".to_string()),
        Just("> cita larga de varias palabras".to_string()),
        "[a-zñ]{1,12}( [a-zñ]{1,12}){0,12}".prop_map(|s| s),
    ]
}

fn page() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop::collection::vec(
        (piece(), prop_oneof![Just("\n"), Just("\n\n"), Just(" ")]),
        1..12,
    )
    .prop_map(|v| v.into_iter().map(|(p, s)| p + s).collect())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 200,
        rng_seed: proptest::test_runner::RngSeed::Fixed(20261204),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// The formatting fixes on generated pages, under every configuration
    /// of `CASES` and MD013's `wrap = 20`: no fix refused, the same HTML,
    /// idempotent.
    #[test]
    fn formatting_fixes_keep_generated_pages(text in page()) {
        let wrap20 = ("MD013", "[rules.MD013]\nline-length = 0\nwrap = 20\n");
        for (code, toml) in CASES.iter().chain([&wrap20]) {
            let config = Config::parse(toml, Path::new("pagelint.toml")).unwrap();
            let run = |bytes: &[u8]| {
                common::run_in(code, bytes, &config, &NoWorkspace, None, Some(Applicability::Safe))
            };
            let once = run(text.as_bytes()).map_err(proptest::test_runner::TestCaseError::fail)?;
            proptest::prop_assert!(
                once.internal_errors.is_empty(),
                "{code} {toml:?}: refused {:?}", once.internal_errors
            );
            let same = if *code == "MD013" {
                squeezed(&once.text) == squeezed(&once.original)
            } else {
                html(&once.text) == html(&once.original)
            };
            proptest::prop_assert!(same, "{code} {toml:?}: rendering changed:\n{}", once.text);
            let twice = run(once.text.as_bytes()).map_err(proptest::test_runner::TestCaseError::fail)?;
            proptest::prop_assert_eq!(&twice.text, &once.text, "{} {:?}: not idempotent", code, toml);
        }
    }
}
