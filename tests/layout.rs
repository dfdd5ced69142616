//! The module map of CONTRIBUTING.md, checked: the command line and the
//! engine name no rule (rules declare what they need through the `Rule`
//! trait), and nothing below the command line imports it.

use std::path::{Path, PathBuf};

fn sources(dir: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The file without its test module and comments.
fn code(p: &Path) -> String {
    let text = std::fs::read_to_string(p).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A rule code as a string literal: `"MD009"`, `"LNK002"`.
fn rule_codes(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices('"') {
        let rest = &code[i + 1..];
        let letters = rest.bytes().take_while(u8::is_ascii_uppercase).count();
        let digits = rest[letters..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if (2..=3).contains(&letters) && digits == 3 && rest[letters + digits..].starts_with('"') {
            out.push(rest[..letters + digits].to_string());
        }
    }
    out
}

#[test]
fn the_command_line_and_the_engine_name_no_rule() {
    let mut bad = Vec::new();
    for dir in ["src/cli", "src/engine"] {
        for p in sources(dir) {
            let c = code(&p);
            for code in rule_codes(&c) {
                bad.push(format!("{}: \"{code}\"", p.display()));
            }
            // A single rule's module (`rules::not_utf8::…`); the registry
            // (`rules::ALL`, `rules::find`) is fine.
            for (i, _) in c.match_indices("rules::") {
                let rest = &c[i + 7..];
                let name: String = rest
                    .chars()
                    .take_while(|ch| ch.is_ascii_lowercase() || *ch == '_')
                    .collect();
                if !name.is_empty() && rest[name.len()..].starts_with("::") {
                    bad.push(format!("{}: rules::{name}::", p.display()));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "rule names in cli/engine:\n{}",
        bad.join("\n")
    );
}

#[test]
fn nothing_below_the_command_line_imports_it() {
    let mut bad = Vec::new();
    for dir in [
        "src/engine",
        "src/rules",
        "src/document",
        "src/text",
        "src/output",
    ] {
        for p in sources(dir) {
            if code(&p).contains("crate::cli") {
                bad.push(p.display().to_string());
            }
        }
    }
    assert!(
        bad.is_empty(),
        "imports the command line:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_checker_sees_what_it_looks_for() {
    assert_eq!(
        rule_codes(r#"is_enabled("LNK002") || x == "MD009""#),
        ["LNK002", "MD009"]
    );
    assert!(rule_codes(r#""MD0091" "ab" "MDX""#).is_empty());
}
