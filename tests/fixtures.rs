//! The fixture harness. For every rule, `fixtures/rules/<CODE>/`:
//!
//! - `fire/<name>.md`: must produce at least one finding of the rule;
//!   `<name>.diag` is the expected diagnostics snapshot and `<name>.fixed.md`
//!   the expected text after `--fix` (safe fixes of this rule only);
//!   `<name>.unsafe.md`, when present, the text after `--fix --unsafe-fixes`.
//! - `pass/<name>.md`: must produce no finding of the rule.
//! - `<name>.toml` beside an input: its configuration (pagelint.toml syntax).
//!
//! Every fix must converge, be idempotent, and never trip the structural
//! guard. `PAGELINT_BLESS=1 cargo test --test fixtures` rewrites the
//! expected files; review them like code.
//!
//! The examples of each rule's documentation page are checked too: the
//! `## Example` block must fire, the `## Use instead` block must not.

use std::path::{Path, PathBuf};

use pagelint::config::Config;
use pagelint::diagnostic::{Applicability, Diagnostic};
use pagelint::document::LineIndex;
use pagelint::engine::file::FileResult;
use pagelint::engine::repository::FsWorkspace;
use pagelint::rule::NoWorkspace;
use pagelint::rules;

mod common;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules")
}

fn bless() -> bool {
    std::env::var_os("PAGELINT_BLESS").is_some()
}

fn config_for(input: &Path) -> Config {
    let toml = input.with_extension("toml");
    if toml.exists() {
        Config::load(&toml).unwrap_or_else(|e| panic!("{e}"))
    } else {
        Config::default()
    }
}

fn run(code: &str, input: &Path, fix_at: Option<Applicability>) -> FileResult {
    let bytes = std::fs::read(input).unwrap();
    run_at(code, &bytes, &config_for(input), fix_at, Some(input))
        .unwrap_or_else(|e| panic!("{}: {e}", input.display()))
}

fn run_bytes(
    code: &str,
    bytes: &[u8],
    config: &Config,
    fix_at: Option<Applicability>,
) -> Result<FileResult, String> {
    run_at(code, bytes, config, fix_at, None)
}

/// Rules that look at the working tree (LNK007) get the real workspace and
/// the fixture's path; the others run as on stdin, so that nothing outside
/// the fixture changes their findings.
fn run_at(
    code: &str,
    bytes: &[u8],
    config: &Config,
    fix_at: Option<Applicability>,
    input: Option<&Path>,
) -> Result<FileResult, String> {
    match input {
        Some(input) if code == "LNK007" => {
            let abs = std::path::absolute(input).unwrap();
            let workspace = FsWorkspace::new(vec![abs.clone()]);
            common::run_in(code, bytes, config, &workspace, Some(&abs), fix_at)
        }
        _ => common::run_in(code, bytes, config, &NoWorkspace, None, fix_at),
    }
}

/// The diagnostics snapshot: one finding per line, with help and fix.
fn snapshot(text: &str, diags: &[Diagnostic]) -> String {
    let lines = LineIndex::new(text);
    let mut s = String::new();
    for d in diags {
        let (l, c) = lines.line_col(text, d.range.start);
        let (el, ec) = lines.line_col(text, d.range.end);
        s.push_str(&format!(
            "{l}:{c}-{el}:{ec} {} {}: {}\n",
            d.rule.code,
            d.severity.as_str(),
            d.message
        ));
        if let Some(h) = &d.help {
            s.push_str(&format!("  help: {}\n", h.replace('\n', "\n        ")));
        }
        if let Some(f) = &d.fix {
            s.push_str(&format!(
                "  fix ({}): {}\n",
                f.applicability.as_str(),
                f.message
            ));
        }
    }
    s
}

fn check_expected(path: &Path, actual: &[u8], failures: &mut Vec<String>) {
    if bless() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    match std::fs::read(path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => failures.push(format!(
            "{}: differs\n--- expected\n{}\n--- actual\n{}",
            path.display(),
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual)
        )),
        Err(_) => failures.push(format!(
            "{}: missing (run with PAGELINT_BLESS=1 and review)",
            path.display()
        )),
    }
}

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| {
        let name = p.file_name().unwrap().to_string_lossy();
        name.ends_with(".md") && !name.ends_with(".fixed.md") && !name.ends_with(".unsafe.md")
    });
    v.sort();
    v
}

#[test]
fn every_rule_has_fixtures_that_fire_and_pass() {
    let mut failures = Vec::new();
    for rule in rules::ALL {
        let code = rule.meta().code;
        let dir = root().join(code);
        let fire = inputs(&dir.join("fire"));
        let pass = inputs(&dir.join("pass"));
        if fire.is_empty() || pass.is_empty() {
            failures.push(format!(
                "{code}: needs fixtures in {}/fire and /pass",
                dir.display()
            ));
            continue;
        }
        for input in &fire {
            let checked = run(code, input, None);
            let own: Vec<Diagnostic> = checked
                .diagnostics
                .iter()
                .filter(|d| d.rule.code == code)
                .cloned()
                .collect();
            if own.is_empty() {
                failures.push(format!("{}: expected {code} to fire", input.display()));
            }
            if rule.meta().fixable == pagelint::rule::Fixable::Never
                && own.iter().any(|d| d.fix.is_some())
            {
                failures.push(format!(
                    "{}: {code} declares no fixes but offers one",
                    input.display()
                ));
            }
            let snap = snapshot(&checked.text, &checked.diagnostics);
            check_expected(
                &input.with_extension("diag"),
                snap.as_bytes(),
                &mut failures,
            );
            for (at, suffix) in [
                (Applicability::Safe, "fixed.md"),
                (Applicability::Unsafe, "unsafe.md"),
            ] {
                let expected = input.with_extension(suffix);
                if at == Applicability::Unsafe && !expected.exists() && !bless() {
                    continue;
                }
                if at == Applicability::Unsafe
                    && bless()
                    && !own.iter().any(|d| {
                        d.fix
                            .as_ref()
                            .is_some_and(|f| f.applicability == Applicability::Unsafe)
                    })
                {
                    continue;
                }
                let fixed = run(code, input, Some(at));
                if !fixed.internal_errors.is_empty() {
                    failures.push(format!(
                        "{}: the guard refused a fix: {:?}",
                        input.display(),
                        fixed.internal_errors
                    ));
                }
                check_expected(&expected, fixed.text.as_bytes(), &mut failures);
                // Idempotent: fixing the fixed text changes nothing.
                let again = run_at(
                    code,
                    fixed.text.as_bytes(),
                    &config_for(input),
                    Some(at),
                    Some(input),
                )
                .unwrap();
                if again.text != fixed.text {
                    failures.push(format!("{}: fix is not idempotent", input.display()));
                }
            }
        }
        for input in &pass {
            let checked = run(code, input, None);
            let own: Vec<String> = checked
                .diagnostics
                .iter()
                .filter(|d| d.rule.code == code)
                .map(|d| d.message.clone())
                .collect();
            if !own.is_empty() {
                failures.push(format!(
                    "{}: {code} must not fire, but said {own:?}",
                    input.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The first ```toml block of a documentation section: the configuration
/// its example needs.
fn doc_toml(doc: &str, heading: &str) -> Option<String> {
    let start = doc.find(&format!("\n{heading}\n"))?;
    let section = &doc[start + heading.len() + 2..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let open = section.find("```toml\n")? + "```toml\n".len();
    let close = section[open..].find("\n```")?;
    Some(section[open..open + close + 1].to_string())
}

/// The first ```markdown block of a documentation section, and whether it
/// is marked `no-final-newline`.
fn doc_block(doc: &str, heading: &str) -> Option<String> {
    let start = doc.find(&format!("\n{heading}\n"))?;
    let section = &doc[start + heading.len() + 2..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let mut open = section.find("```markdown")?;
    // A longer fence (````markdown) lets the example hold ``` fences.
    while open > 0 && section.as_bytes()[open - 1] == b'`' {
        open -= 1;
    }
    let fence = &section[open..open + section[open..].find("markdown")?];
    let info_end = open + section[open..].find('\n')?;
    let info = &section[open..info_end];
    let body = &section[info_end + 1..];
    let close = body.find(&format!("\n{fence}"))?;
    let mut block = body[..close + 1].to_string();
    if info.contains("no-final-newline") {
        block.pop();
    }
    Some(block)
}

#[test]
fn documentation_examples_fire_and_alternatives_pass() {
    let mut failures = Vec::new();
    for rule in rules::ALL {
        let m = rule.meta();
        assert!(
            m.doc.starts_with(&format!("# {} `{}`", m.code, m.name)),
            "{}: doc page must start with its title",
            m.code
        );
        for section in ["## What it does", "## Why", "## Fix safety"] {
            if !m.doc.contains(section) {
                failures.push(format!("{}: doc page lacks {section}", m.code));
            }
        }
        let Some(example) = doc_block(m.doc, "## Example") else {
            if m.code != "ENC002" {
                failures.push(format!("{}: doc page needs a ```markdown example", m.code));
            }
            continue;
        };
        // A rule that does nothing without configuration shows it in a
        // ```toml block of its example section.
        let config = doc_toml(m.doc, "## Example")
            .map(|t| Config::parse(&t, Path::new("pagelint.toml")).unwrap())
            .unwrap_or_default();
        let fired = run_bytes(m.code, example.as_bytes(), &config, None).unwrap();
        if !fired.diagnostics.iter().any(|d| d.rule.code == m.code) {
            failures.push(format!("{}: the documented example does not fire", m.code));
        }
        if let Some(instead) = doc_block(m.doc, "## Use instead") {
            let r = run_bytes(m.code, instead.as_bytes(), &config, None).unwrap();
            if r.diagnostics.iter().any(|d| d.rule.code == m.code) {
                failures.push(format!("{}: the documented alternative fires", m.code));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
