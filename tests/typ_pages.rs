//! The TYP rules on real pages of `../shared` (skipped when it is absent):
//! the acceptance of issue 4 on the clean course page, and nothing reported
//! inside the seed page's garbled words.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use pagelint::config::Config;
use pagelint::diagnostic::Diagnostic;
use pagelint::rule::NoWorkspace;

mod common;

fn shared() -> Option<PathBuf> {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"));
    if p.is_dir() {
        Some(p.to_path_buf())
    } else {
        // Past the harness's capture: visible in a normal `cargo test` run.
        let _ = writeln!(std::io::stderr(), "skipped: {} is absent", p.display());
        None
    }
}

/// (code, flagged text, severity, fix or help text)
fn typ_findings(path: &Path) -> (String, Vec<Diagnostic>) {
    let bytes = std::fs::read(path).unwrap();
    let r = common::run_in(
        "TYP",
        &bytes,
        &Config::default(),
        &NoWorkspace,
        Some(path),
        None,
    )
    .unwrap();
    (r.text, r.diagnostics)
}

fn suggestion(d: &Diagnostic) -> String {
    let fix = d
        .fix
        .as_ref()
        .and_then(|f| f.edits.first())
        .map(|e| e.content.clone());
    fix.or_else(|| d.help.clone()).unwrap_or_default()
}

#[test]
fn material2_acceptance() {
    let Some(shared) = shared() else { return };
    let path = shared.join("corpus/es-course/pln/docs/material2.md");
    let (text, diags) = typ_findings(&path);
    let got: Vec<(&str, &str, &str, String)> = diags
        .iter()
        .map(|d| {
            (
                d.rule.code,
                &text[d.range.clone()],
                d.severity.as_str(),
                suggestion(d),
            )
        })
        .collect();
    let expected: Vec<(&str, &str, &str, &str)> = vec![
        (
            "TYP007",
            "One shoot learning",
            "warning",
            "One-shot learning",
        ),
        ("TYP003", "LagChain", "warning", "LangChain"),
        ("TYP003", "LMM", "warning", "LLM"),
        ("TYP004", "Bhadanau", "error", "Bahdanau"),
        ("TYP005", "2022", "warning", ""),
        ("TYP002", "mñas", "error", "más"),
        ("TYP001", "Lenguage", "error", "Lenguaje"),
        ("TYP002", "informñatica", "error", "informática"),
        ("TYP002", "Latinoamñerica", "error", "Latinoamérica"),
        ("TYP007", "en espacial", "warning", "en especial"),
    ];
    assert_eq!(got.len(), expected.len(), "findings: {got:#?}");
    for ((code, span, sev, sugg), (ecode, espan, esev, esugg)) in got.iter().zip(&expected) {
        assert_eq!((*code, *span, *sev), (*ecode, *espan, *esev), "{got:#?}");
        if !esugg.is_empty() {
            assert_eq!(sugg, esugg, "suggestion for {span}");
        }
    }
    // The Fedus warning says that the journal year may be meant.
    let fedus = diags.iter().find(|d| d.rule.code == "TYP005").unwrap();
    assert!(fedus.help.as_deref().unwrap_or("").contains("journal"));
}

#[test]
fn seed_page_garbled_words_are_not_typos() {
    let Some(shared) = shared() else { return };
    let (text, diags) = typ_findings(&shared.join("seed/course-page.md"));
    for d in &diags {
        let span = &text[d.range.clone()];
        assert!(
            span.chars().all(|c| (c as u32) < 0x1100),
            "{} reported garbled text {span:?}",
            d.rule.code
        );
    }
    // The real typos that survived the garbling are still found.
    assert!(diags.iter().any(|d| &text[d.range.clone()] == "Bhadanau"));
}

#[test]
fn course_pages_have_few_typ_findings() {
    // Precision guard on the four Spanish course sites (57 pages): every
    // finding there was reviewed by hand (docs/precision.md); a new
    // false alarm shows up here as a count above the reviewed one.
    let Some(shared) = shared() else { return };
    let mut n = 0;
    for e in ignore::Walk::new(shared.join("corpus/es-course")).flatten() {
        if e.path().extension().is_some_and(|x| x == "md") {
            n += typ_findings(e.path()).1.len();
        }
    }
    // 24 reviewed before issue 13, and 3 real "Intoducción" (ing-caract)
    // found by TYP001's confident tier.
    // And 15 TYP008 findings, all real missing accents (¿Que es…?, Como
    // hacer mapas, en ingles, La linea de comando).
    assert!(n <= 42, "{n} TYP findings on es-course (reviewed: 42)");
}

#[test]
fn real_surnames_never_match_each_other() {
    // Each real surname of the list, cited once with a year, next to all
    // the others: TYP004 must stay silent on every one (Chen is not a typo
    // of Cheng, Bron not of Brown).
    let list = pagelint::text::data::REAL_SURNAMES;
    let names: Vec<&str> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    assert!(names.len() > 300, "{}", names.len());
    let mut page = String::from("# Referencias\n\n");
    for n in &names {
        page.push_str(&format!("- Un trabajo ({n} et al., 2020).\n"));
    }
    let r = common::run_in(
        "TYP004",
        page.as_bytes(),
        &Config::default(),
        &NoWorkspace,
        None,
        None,
    )
    .unwrap();
    let flagged: Vec<&str> = r
        .diagnostics
        .iter()
        .map(|d| &r.text[d.range.clone()])
        .collect();
    assert!(flagged.is_empty(), "real surnames flagged: {flagged:?}");
}
