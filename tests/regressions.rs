//! Every file of `fixtures/regressions/` (inputs that once crashed or hung
//! pagelint, many found by the fuzz target in `fuzz/`) is checked and fixed
//! with every rule: no panic (a contained panic is an error naming it), the
//! fix is idempotent, every finding's range lies on character boundaries,
//! and the command line exits 0 or 1 on it.

use std::path::Path;

use assert_cmd::Command;
use pagelint::diagnostic::Applicability;

mod common;

fn regressions() -> Vec<std::path::PathBuf> {
    // PAGELINT_REGRESSIONS_DIR: run the same checks over another folder
    // (a fuzz run's artifacts) before choosing which become fixtures.
    let dir = std::env::var_os("PAGELINT_REGRESSIONS_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/regressions"));
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                || std::env::var_os("PAGELINT_REGRESSIONS_DIR").is_some()
        })
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no regression fixtures in {}", dir.display());
    v
}

#[test]
fn regressions_do_not_panic_and_fixes_are_idempotent() {
    let mut failures = Vec::new();
    for p in regressions() {
        let bytes = std::fs::read(&p).unwrap();
        for at in [None, Some(Applicability::Safe), Some(Applicability::Unsafe)] {
            let once = match common::run("ALL", &bytes, at) {
                Ok(r) => r,
                Err(e) => {
                    if e.contains("panicked") {
                        failures.push(format!("{}: {at:?}: {e}", p.display()));
                    }
                    continue;
                }
            };
            for d in &once.diagnostics {
                let r = &d.range;
                if r.start > r.end
                    || !once.text.is_char_boundary(r.start)
                    || !once.text.is_char_boundary(r.end)
                {
                    failures.push(format!(
                        "{}: {at:?}: {} range {r:?} not on character boundaries",
                        p.display(),
                        d.rule.code
                    ));
                }
            }
            if at.is_some() && once.changed {
                match common::run("ALL", once.text.as_bytes(), at) {
                    Err(e) => failures.push(format!("{}: {at:?}: second fix: {e}", p.display())),
                    Ok(twice) if twice.text != once.text => {
                        failures.push(format!("{}: {at:?}: fix(fix(x)) != fix(x)", p.display()))
                    }
                    Ok(_) => {}
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn regressions_exit_0_or_1_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    for p in regressions() {
        let copy = dir.path().join(p.file_name().unwrap());
        std::fs::copy(&p, &copy).unwrap();
        for args in [&["--select", "ALL"][..], &["--select", "ALL", "--fix"][..]] {
            let out = Command::cargo_bin("pagelint")
                .unwrap()
                .env("PAGELINT_CACHE_DIR", dir.path().join("cache"))
                .args(args)
                .arg(&copy)
                .output()
                .unwrap();
            let code = out.status.code();
            assert!(
                matches!(code, Some(0 | 1)),
                "{} {args:?}: exit {code:?}\n{}",
                p.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
