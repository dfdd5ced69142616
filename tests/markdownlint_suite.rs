//! markdownlint's own test suite, run by pagelint (issue 14 item 6).
//!
//! Every scenario file of `../shared/peer/markdownlint/test/` is checked
//! with its configuration (the suite's `.markdownlint.json`, then the file's
//! `markdownlint-configure-file` comments, read by pagelint's markdownlint
//! reader) and its findings (rule, line) and safe-fixed text are compared
//! with markdownlint's snapshot, for the rules pagelint implements. Each
//! difference must be listed, with its reason, in `docs/markdownlint-compat.md`;
//! the test fails on a difference that is not listed and on a listed one
//! that no longer happens. It prints the agreement per rule.
//!
//! Skipped, with a message, when `../shared` is absent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use pagelint::config::Config;
use pagelint::diagnostic::Applicability;
use pagelint::document::LineIndex;
use pagelint::markdownlint;
use pagelint::rule::{Group, NoWorkspace};
use pagelint::rules;

mod common;

fn suite() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peer/markdownlint/test");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

/// What markdownlint's snapshot says of one file.
#[derive(Debug, Default)]
struct Expected {
    /// (rule code, line, has a fix)
    findings: Vec<(String, usize, bool)>,
    fixed: Option<String>,
}

/// Read AVA's snapshot report: `## file`, then the errors (`lineNumber`,
/// `ruleNames`, `fixInfo`) and the `fixed` text (a template literal whose
/// lines end in `␊`, indented by six spaces).
fn read_snapshot(text: &str) -> BTreeMap<String, Expected> {
    let mut out: BTreeMap<String, Expected> = BTreeMap::new();
    let mut lines = text.lines().peekable();
    let mut cur: Option<String> = None;
    let mut line_no = 0;
    let mut fix = false;
    while let Some(l) = lines.next() {
        if let Some(name) = l.strip_prefix("## ") {
            cur = Some(name.to_string());
            out.entry(name.to_string()).or_default();
            continue;
        }
        let Some(file) = &cur else { continue };
        let t = l.trim();
        if let Some(fi) = t.strip_prefix("fixInfo: ") {
            fix = fi != "null,";
        } else if let Some(n) = t.strip_prefix("lineNumber: ") {
            line_no = n.trim_end_matches(',').parse().unwrap_or(0);
        } else if t == "ruleNames: [" {
            let code = lines
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(|c| c == '\'' || c == ',');
            out.get_mut(file)
                .unwrap()
                .findings
                .push((code.to_string(), line_no, fix));
        } else if t == "fixed: ''," {
            out.get_mut(file).unwrap().fixed = Some(String::new());
        } else if let Some(rest) = t.strip_prefix("fixed: `") {
            let mut raw = String::from(rest);
            while !ends_literal(&raw) {
                match lines.next() {
                    Some(next) => {
                        raw.push('\n');
                        raw.push_str(next);
                    }
                    None => break,
                }
            }
            out.get_mut(file).unwrap().fixed = Some(unescape(&raw));
        }
    }
    out
}

/// Does this raw text hold the literal's closing backtick (unescaped)?
fn ends_literal(raw: &str) -> bool {
    let mut escaped = false;
    for c in raw.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '`' if !escaped => return true,
            _ => escaped = false,
        }
    }
    false
}

fn unescape(raw: &str) -> String {
    let mut s = String::new();
    let mut it = raw.chars();
    while let Some(c) = it.next() {
        match c {
            '\\' => s.extend(it.next()),
            '`' => break,
            c => s.push(c),
        }
    }
    s.replace("␊\n      ", "\n").replace('␊', "\n")
}

/// One difference, as `docs/markdownlint-compat.md` lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Difference {
    file: String,
    /// A rule code, or `—` for the fixed text or the configuration.
    rule: String,
    /// A line, or `—`.
    line: String,
    /// `missing`, `extra`, `fixed` or `config`.
    kind: String,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "| `{}` | {} | {} | {} |",
            self.file, self.rule, self.line, self.kind
        )
    }
}

/// The differences the document lists (table rows starting with "| `").
fn listed() -> BTreeSet<Difference> {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/markdownlint-compat.md"),
    )
    .unwrap_or_default();
    doc.lines()
        .filter(|l| l.starts_with("| `"))
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            Some(Difference {
                file: cells.get(1)?.trim_matches('`').to_string(),
                rule: cells.get(2)?.to_string(),
                line: cells.get(3)?.to_string(),
                kind: cells.get(4)?.to_string(),
            })
        })
        .collect()
}

/// The suite's configuration for one file.
fn config_of(dir: &Path, text: &str) -> Result<Config, String> {
    let base = std::fs::read_to_string(dir.join(".markdownlint.json")).unwrap_or("{}".into());
    let mut object = markdownlint::parse_object(&base)?;
    for c in markdownlint::configure_file_comments(text) {
        object.merge(c?);
    }
    let mut config = Config::default();
    markdownlint::apply(&mut config, &object, &dir.join(".markdownlint.json"))
        .map_err(|e| e.message)?;
    Ok(config)
}

#[test]
fn markdownlint_scenarios_agree_or_differ_as_documented() {
    let Some(dir) = suite() else { return };
    let snapshot =
        std::fs::read_to_string(dir.join("snapshots/markdownlint-test-scenarios.mjs.md"))
            .expect("the snapshot");
    let expected = read_snapshot(&snapshot);
    let ours: BTreeSet<&str> = rules::metas()
        .filter(|m| m.group == Group::Md)
        .map(|m| m.code)
        .collect();
    let mut found = BTreeSet::new();
    // rule → (agreed, missing, extra)
    let mut per_rule: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let (mut fixed_same, mut fixed_compared) = (0, 0);
    let mut files = 0;
    for (name, want) in &expected {
        let path = dir.join(name);
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        files += 1;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let want_set: BTreeSet<(String, usize)> = want
            .findings
            .iter()
            .filter(|(c, _, _)| ours.contains(c.as_str()))
            .map(|(c, l, _)| (c.clone(), *l))
            .collect();
        let config = match config_of(&dir, &text) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{name}: configuration: {e}");
                found.insert(Difference {
                    file: name.clone(),
                    rule: "—".into(),
                    line: "—".into(),
                    kind: "config".into(),
                });
                for (c, _) in &want_set {
                    per_rule.entry(ours.get(c.as_str()).unwrap()).or_default().1 += 1;
                }
                continue;
            }
        };
        let result = common::run_in("MD", &bytes, &config, &NoWorkspace, None, None)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let index = LineIndex::new(&result.text);
        let got: BTreeSet<(String, usize)> = result
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.rule.code.to_string(),
                    index.line_col(&result.text, d.range.start).0,
                )
            })
            .collect();
        for (code, line) in want_set.union(&got) {
            let entry = per_rule
                .entry(ours.get(code.as_str()).unwrap())
                .or_default();
            let kind = match (
                want_set.contains(&(code.clone(), *line)),
                got.contains(&(code.clone(), *line)),
            ) {
                (true, true) => {
                    entry.0 += 1;
                    continue;
                }
                (true, false) => {
                    entry.1 += 1;
                    "missing"
                }
                _ => {
                    entry.2 += 1;
                    "extra"
                }
            };
            found.insert(Difference {
                file: name.clone(),
                rule: code.clone(),
                line: line.to_string(),
                kind: kind.into(),
            });
        }
        // The fixed text is comparable when every fix markdownlint made in
        // this file is one of pagelint's rules'.
        let comparable = want
            .findings
            .iter()
            .all(|(c, _, fix)| !fix || ours.contains(c.as_str()));
        if let (true, Some(fixed)) = (comparable, &want.fixed) {
            fixed_compared += 1;
            let ours_fixed = common::run_in(
                "MD",
                &bytes,
                &config,
                &NoWorkspace,
                None,
                Some(Applicability::Safe),
            )
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .text;
            if &ours_fixed == fixed {
                fixed_same += 1;
            } else {
                if std::env::var_os("PAGELINT_SUITE_DIFF").is_some() {
                    let first = ours_fixed
                        .lines()
                        .zip(fixed.lines())
                        .position(|(a, b)| a != b)
                        .unwrap_or(0);
                    eprintln!(
                        "{name}: fixed text differs first at line {}: pagelint {:?} markdownlint {:?}",
                        first + 1,
                        ours_fixed.lines().nth(first),
                        fixed.lines().nth(first)
                    );
                }
                found.insert(Difference {
                    file: name.clone(),
                    rule: "—".into(),
                    line: "—".into(),
                    kind: "fixed".into(),
                });
            }
        }
    }
    assert!(files > 300, "only {files} scenario files found");
    eprintln!(
        "markdownlint suite: {files} files; agreement per rule (agreed / all findings of either):"
    );
    let (mut a, mut all) = (0, 0);
    for (rule, (agreed, missing, extra)) in &per_rule {
        let n = agreed + missing + extra;
        a += agreed;
        all += n;
        eprintln!(
            "  {rule}: {agreed}/{n} = {:.1}% ({missing} missing, {extra} extra)",
            100.0 * *agreed as f64 / n.max(1) as f64
        );
    }
    eprintln!(
        "  all: {a}/{all} = {:.1}%; fixed text identical in {fixed_same} of {fixed_compared} comparable files",
        100.0 * a as f64 / all.max(1) as f64
    );
    let listed = listed();
    let unlisted: Vec<String> = found.difference(&listed).map(|d| d.to_string()).collect();
    let stale: Vec<String> = listed.difference(&found).map(|d| d.to_string()).collect();
    assert!(
        unlisted.is_empty() && stale.is_empty(),
        "docs/markdownlint-compat.md is not current.\nDifferences not listed (add each with its reason):\n{}\nListed but no longer found (remove):\n{}",
        unlisted.join("\n"),
        stale.join("\n")
    );
}

#[test]
fn snapshot_reader_reads_findings_and_fixed_text() {
    let snap = "## a.md\n\n> Snapshot 1\n\n    {\n      errors: [\n        {\n          fixInfo: {\n            deleteCount: 1,\n          },\n          lineNumber: 3,\n          ruleNames: [\n            'MD009',\n            'no-trailing-spaces',\n          ],\n        },\n      ],\n      fixed: `x \\`y\\` \\\\␊\n      z␊\n      `,\n    }\n\n## b.md\n\n      fixed: '',\n";
    let got = read_snapshot(snap);
    assert_eq!(got["a.md"].findings, [("MD009".to_string(), 3, true)]);
    assert_eq!(got["a.md"].fixed.as_deref(), Some("x `y` \\\nz\n"));
    assert_eq!(got["b.md"].fixed.as_deref(), Some(""));
}

/// The command line reads a `.markdownlint.json` where no `pagelint.toml`
/// applies, and honours markdownlint's comments.
#[test]
fn command_line_reads_markdownlint_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.md");
    std::fs::write(
        &page,
        "# T\n\nline one   \n<!-- markdownlint-disable-next-line no-trailing-spaces -->\nline two   \n\n\n\nend\n",
    )
    .unwrap();
    let run = || {
        assert_cmd::Command::cargo_bin("pagelint")
            .unwrap()
            .current_dir(dir.path())
            .args(["--no-cache", "--select", "MD", "page.md"])
            .output()
            .unwrap()
    };
    let out = String::from_utf8_lossy(&run().stdout).into_owned();
    assert!(out.contains("MD009") && out.contains("MD012"), "{out}");
    std::fs::write(
        dir.path().join(".markdownlint.json"),
        "{ \"MD009\": { \"br_spaces\": 3 }, \"blank_lines\": false }",
    )
    .unwrap();
    let out = String::from_utf8_lossy(&run().stdout).into_owned();
    assert!(!out.contains("MD009") && !out.contains("MD012"), "{out}");
    std::fs::write(
        dir.path().join(".markdownlint.json"),
        "{ \"MD009\": { \"br_spacs\": 3 } }",
    )
    .unwrap();
    let out = run();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("did you mean `br_spaces`"),
        "{err}"
    );
}

/// markdownlint's `enable` comment turns on a rule its configuration turned
/// off, from the comment on; the command line's `--ignore` still wins.
#[test]
fn enable_comment_turns_on_a_rule_the_configuration_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("page.md"),
        "# T\n\na\ttab\n\n<!-- markdownlint-enable no-hard-tabs -->\n\nb\ttab\n\n<!-- markdownlint-disable MD010 -->\n\nc\ttab\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join(".markdownlint.json"),
        "{ \"MD010\": false }",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("pagelint")
            .unwrap()
            .current_dir(dir.path())
            .args(["--no-cache", "--output-format", "concise"])
            .args(extra)
            .arg("page.md")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.contains("MD010"))
            .map(|l| l.split(':').nth(1).unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(&[]), ["7"]);
    assert!(run(&["--ignore", "MD010"]).is_empty());
    assert!(run(&["--select", "MD009"]).is_empty());
}

/// `pagelint init --from-markdownlint` writes a `pagelint.toml` under which
/// pagelint finds exactly what it finds reading the markdownlint file: on
/// markdownlint's scenario files (or a small page where `../shared` is
/// absent), with rules turned off by code, alias and tag, and parameters.
#[test]
fn init_from_markdownlint_writes_an_equivalent_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(
        pages.join("page.md"),
        "# T\n\n* a\n\n<br> <b>b</b>\n\nline   \n\n\tcode\n",
    )
    .unwrap();
    if let Some(suite) = suite() {
        for e in std::fs::read_dir(&suite).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "md") {
                std::fs::copy(&p, pages.join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    std::fs::write(
        dir.path().join(".markdownlint.jsonc"),
        r#"{
  // a comment
  "MD013": { "line_length": 100 },
  "ul-style": { "style": "dash" },
  "whitespace": false,
  "no-hard-tabs": { "spaces_per_tab": 2 },
  "MD033": { "allowed_elements": ["br"] },
  "headings": false,
  "MD046": { "style": "fenced" },
  "MD033": { "allowed_elements": ["br"], "severity": "warning" },
}"#,
    )
    .unwrap();
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("pagelint")
            .unwrap()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    let check = || {
        let out = run(&["--no-cache", "--output-format", "concise", "pages"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let before = check();
    let page: String = before
        .lines()
        .filter(|l| l.starts_with("pages/page.md:"))
        .collect();
    assert!(page.contains("MD004") && page.contains("MD033"), "{page}");
    // `whitespace: false` turns MD009 off; the later `no-hard-tabs` key
    // turns MD010 on again.
    assert!(!page.contains("MD009") && page.contains("MD010"), "{page}");
    let out = run(&["init", "--from-markdownlint", "."]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(dir.path().join("pagelint.toml")).unwrap();
    assert!(
        written.contains("[rules.MD004]") && written.contains("style = \"dash\""),
        "{written}"
    );
    assert!(
        written.contains("[severity]\nMD033 = \"warning\""),
        "{written}"
    );
    std::fs::remove_file(dir.path().join(".markdownlint.jsonc")).unwrap();
    assert_eq!(check(), before, "pagelint.toml:\n{written}");
    // Never over an existing file; a missing configuration is an error.
    assert!(!run(&["init", "--from-markdownlint", "."]).status.success());
    std::fs::remove_file(dir.path().join("pagelint.toml")).unwrap();
    let out = run(&["init", "--from-markdownlint", "."]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no markdownlint configuration"));
}

/// A page's `markdownlint-configure-file` comment configures the command
/// line's run of that page, over the configuration that governs it; the
/// command line's `--ignore` still wins, and a broken comment is an error.
#[test]
fn configure_file_comment_configures_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.md");
    let body = "# T\n\ntrailing   \na line that is longer than twenty characters\n";
    std::fs::write(&page, body).unwrap();
    let run = |extra: &[&str]| {
        assert_cmd::Command::cargo_bin("pagelint")
            .unwrap()
            .current_dir(dir.path())
            .args(["--no-cache", "--output-format", "concise", "--select", "MD"])
            .args(extra)
            .arg("page.md")
            .output()
            .unwrap()
    };
    let codes = |out: &std::process::Output| {
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.split(' ').nth(1).map(str::to_string))
            .filter(|c| c.starts_with("MD"))
            .collect::<BTreeSet<_>>()
    };
    let plain = codes(&run(&[]));
    assert!(
        plain.contains("MD009") && !plain.contains("MD013"),
        "{plain:?}"
    );
    std::fs::write(
        &page,
        format!(
            "{body}\n<!-- markdownlint-configure-file {{ \"whitespace\": false, \"line-length\": {{ \"line_length\": 20 }} }} -->\n"
        ),
    )
    .unwrap();
    let configured = codes(&run(&[]));
    assert!(
        !configured.contains("MD009") && configured.contains("MD013"),
        "{configured:?}"
    );
    assert!(!codes(&run(&["--ignore", "MD013"])).contains("MD013"));
    std::fs::write(
        &page,
        format!("{body}\n<!-- markdownlint-configure-file {{ \"line-length\": {{ \"line_lenght\": 20 }} }} -->\n"),
    )
    .unwrap();
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line_length"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// markdownlint-cli2 files of the folders above merge their `config` under
/// the nearest one's, key by key.
#[test]
fn cli2_files_of_parent_folders_merge() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(
        dir.path().join(".markdownlint-cli2.jsonc"),
        r#"{ "config": { "MD009": false, "MD012": false } }"#,
    )
    .unwrap();
    std::fs::write(
        sub.join(".markdownlint-cli2.yaml"),
        "config:\n  MD009: true\n",
    )
    .unwrap();
    std::fs::write(sub.join("page.md"), "# T\n\ntrailing   \n\n\n\nend\n").unwrap();
    let out = assert_cmd::Command::cargo_bin("pagelint")
        .unwrap()
        .current_dir(&sub)
        .args(["--no-cache", "--output-format", "concise", "page.md"])
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("MD009") && !s.contains("MD012"), "{s}");
}
