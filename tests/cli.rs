//! The command line, clause by clause of SPEC §3.

use std::path::Path;

use assert_cmd::Command;

fn pagelint() -> Command {
    let mut c = Command::cargo_bin("pagelint").unwrap();
    c.env_remove("NO_COLOR");
    // The result cache is on (as for users), kept out of the source tree.
    c.env(
        "PAGELINT_CACHE_DIR",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/cli-cache"),
    );
    c
}

fn write(dir: &Path, name: &str, content: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, content).unwrap();
    p
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

const MESSY: &str = "# Título\n\nHola   \nmundo\n\n\n\nfin\n";

#[test]
fn check_reports_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "page.md", MESSY);
    let out = pagelint()
        .arg(&p)
        .arg("--output-format=concise")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = stdout(&out);
    assert!(s.contains("page.md:3:5: MD009 3 trailing spaces"), "{s}");
    assert!(s.contains("page.md:6:1: MD012"), "{s}");
}

#[test]
fn clean_file_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "page.md", "# Título\n\nTexto.\n");
    let out = pagelint().arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn default_path_is_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/page.md", MESSY);
    write(dir.path(), "a/notes.txt", "x   \n");
    let out = pagelint()
        .current_dir(dir.path())
        .arg("--output-format=concise")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = stdout(&out);
    assert!(s.starts_with("a/page.md:"), "{s}");
    assert!(!s.contains("notes.txt"));
}

#[test]
fn diff_writes_nothing_then_fix_makes_it_clean() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "page.md", MESSY);
    let out = pagelint().arg("--diff").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let d = stdout(&out);
    // Three spaces make a hard line break: the fix keeps two.
    assert!(
        d.contains("--- a/") && d.contains("+++ b/") && d.contains("-Hola   \n+Hola  \n"),
        "{d}"
    );
    assert!(
        d.contains("“Hola···” → “Hola··”"),
        "invisible change named: {d}"
    );
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        MESSY,
        "--diff must not write"
    );

    let out = pagelint().arg("--fix").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "# Título\n\nHola  \nmundo\n\nfin\n"
    );
    let out = pagelint().arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn diff_applies_with_git_apply() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "page.md", "a  \t\nb\u{200b}c\n\n\n\nd");
    let out = pagelint()
        .current_dir(dir.path())
        .args(["--diff", "page.md"])
        .output()
        .unwrap();
    let patch = write(dir.path(), "fix.patch", &stdout(&out));
    let fixed = pagelint()
        .current_dir(dir.path())
        .args(["--fix", "page.md"])
        .output()
        .unwrap();
    assert_eq!(fixed.status.code(), Some(0), "{}", stderr(&fixed));
    let want = std::fs::read_to_string(dir.path().join("page.md")).unwrap();
    write(dir.path(), "page.md", "a  \t\nb\u{200b}c\n\n\n\nd");
    let git = std::process::Command::new("git")
        .current_dir(dir.path())
        .args(["apply", "--unsafe-paths"])
        .arg(&patch)
        .output();
    if let Ok(g) = git {
        assert!(
            g.status.success(),
            "git apply failed: {}",
            String::from_utf8_lossy(&g.stderr)
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("page.md")).unwrap(),
            want
        );
    }
}

#[test]
fn stdin_fix_prints_the_document() {
    let out = pagelint()
        .args(["--fix", "-"])
        .write_stdin("x   \n\n\n")
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "x\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn stdin_fix_sends_remaining_findings_to_stderr() {
    let out = pagelint()
        .args(["--fix", "--output-format=concise", "-"])
        .write_stdin("a\u{202e}b  \n")
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "a\u{202e}b  \n");
    assert!(stderr(&out).contains("-:1:2: ENC005"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn stdin_diff_and_stdin_filename() {
    let out = pagelint()
        .args(["--diff", "--stdin-filename", "docs/x.md", "-"])
        .write_stdin("x \n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("--- a/docs/x.md\n+++ b/docs/x.md\n"),
        "{}",
        stdout(&out)
    );
    let out = pagelint()
        .args([
            "--output-format=concise",
            "--stdin-filename",
            "docs/x.md",
            "-",
        ])
        .write_stdin("x \n")
        .output()
        .unwrap();
    assert!(
        stdout(&out).starts_with("docs/x.md:1:2: MD009"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let out = pagelint()
        .args(["--fix", "-"])
        .write_stdin("a\u{202e}b\n")
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "a\u{202e}b\n");
    let out = pagelint()
        .args(["--fix", "--unsafe-fixes", "-"])
        .write_stdin("a\u{202e}b\n")
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "ab\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn select_and_ignore_by_code_name_and_group() {
    for (args, fires) in [
        (vec!["--select", "MD009"], true),
        (vec!["--select", "no-trailing-spaces"], true),
        (vec!["--select", "MD"], true),
        (vec!["--select", "ENC,MD010"], false),
        (vec!["--ignore", "MD009"], false),
        (vec!["--ignore", "MD"], false),
        (vec!["--select", "ENC", "--extend-select", "MD009"], true),
    ] {
        let out = pagelint()
            .args(&args)
            .args(["--output-format=concise", "-"])
            .write_stdin("x  \t\n")
            .output()
            .unwrap();
        assert_eq!(
            stdout(&out).contains("MD009"),
            fires,
            "{args:?}: {}",
            stdout(&out)
        );
    }
}

#[test]
fn unknown_rule_is_a_usage_error_with_suggestion() {
    let out = pagelint()
        .args(["--select", "MD0009", "-"])
        .write_stdin("x\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = pagelint()
        .args(["--ignore", "no-trailing-space", "-"])
        .write_stdin("x\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `no-trailing-spaces`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rules_lists_every_rule() {
    let out = pagelint().arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = stdout(&out);
    assert!(s.lines().next().unwrap().contains("CODE"));
    for m in pagelint::rules::metas() {
        let line = s
            .lines()
            .find(|l| l.starts_with(m.code))
            .unwrap_or_else(|| panic!("{} missing", m.code));
        assert!(
            line.contains(m.name) && line.contains(m.group.title()),
            "{line}"
        );
        assert!(
            line.contains(if m.default_enabled { " on " } else { " off " }),
            "{line}"
        );
        assert!(line.contains(m.fixable.as_str()), "{line}");
    }
}

#[test]
fn explain_prints_the_page() {
    let out = pagelint().args(["explain", "MD009"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("# MD009 `no-trailing-spaces`"));
    let out = pagelint()
        .args(["explain", "no-hard-tabs"])
        .output()
        .unwrap();
    assert!(stdout(&out).starts_with("# MD010"));
    let out = pagelint().args(["explain", "MD999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn json_output_matches_the_spec_field_by_field() {
    let out = pagelint()
        .args(["--output-format", "json", "--stdin-filename", "p.md", "-"])
        .write_stdin("ñandú   \n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 1);
    let o = arr[0].as_object().unwrap();
    let mut keys: Vec<&str> = o.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "code",
            "column",
            "end_column",
            "end_line",
            "fix",
            "help",
            "line",
            "message",
            "name",
            "path",
            "severity"
        ]
    );
    assert_eq!(o["path"], "p.md");
    assert_eq!(o["code"], "MD009");
    assert_eq!(o["name"], "no-trailing-spaces");
    assert_eq!(o["severity"], "warning");
    // Columns are characters: "ñandú" is 5 characters (7 bytes).
    assert_eq!(
        (o["line"].as_u64(), o["column"].as_u64()),
        (Some(1), Some(6))
    );
    assert_eq!(
        (o["end_line"].as_u64(), o["end_column"].as_u64()),
        (Some(1), Some(9))
    );
    let fix = o["fix"].as_object().unwrap();
    assert_eq!(fix["applicability"], "safe");
    assert!(fix["message"].is_string());
    let edit = fix["edits"][0].as_object().unwrap();
    let mut ekeys: Vec<&str> = edit.keys().map(String::as_str).collect();
    ekeys.sort();
    assert_eq!(
        ekeys,
        ["column", "content", "end_column", "end_line", "line"]
    );
    assert_eq!(edit["content"], "");
    // A finding without a fix has "fix": null.
    let out = pagelint()
        .args(["--output-format", "json", "--select", "MD009", "--config"])
        .arg(write(
            tempfile::tempdir().unwrap().keep().as_path(),
            "pagelint.toml",
            "[md]\nstrict = true\nbr-spaces = 2\n",
        ))
        .arg("-")
        .write_stdin("a  \nb\n")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        0,
        "strict keeps a real break: {v}"
    );
}

#[test]
fn github_prints_one_command_per_finding() {
    let out = pagelint()
        .args([
            "--output-format",
            "github",
            "--stdin-filename",
            "a,b:c.md",
            "-",
        ])
        .write_stdin("x  \t\n\n\ny\u{202e}\n")
        .output()
        .unwrap();
    let s = stdout(&out);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), 4, "MD009, MD010, MD012, ENC005: {s}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::error file=a%2Cb%3Ac.md,line=4,col=2,")),
        "{s}"
    );
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")),
        "{s}"
    );
    assert!(
        lines[0].contains(",title=MD009 no-trailing-spaces::MD009 "),
        "{s}"
    );
}

#[test]
fn sarif_has_one_result_per_finding() {
    let out = pagelint()
        .args([
            "--output-format",
            "sarif",
            "--stdin-filename",
            "docs/a b.md",
            "-",
        ])
        .write_stdin("x  \t\n\n\ny\u{200b}\n")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "pagelint");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4, "MD009, MD010, MD012, ENC005");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "docs/a%20b.md");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn full_output_is_rustc_style() {
    let out = pagelint()
        .args([
            "--output-format",
            "full",
            "--color",
            "never",
            "--stdin-filename",
            "p.md",
            "-",
        ])
        .write_stdin("# T\n\nHola   \n")
        .output()
        .unwrap();
    let s = stdout(&out);
    assert!(s.contains("MD009 no-trailing-spaces"), "{s}");
    assert!(s.contains("[p.md:3:5]"), "{s}");
    assert!(s.contains("3 │ Hola"), "{s}");
    assert!(s.contains("── remove trailing whitespace"), "{s}");
    // The help adds to the label instead of repeating it.
    assert!(s.contains("help: fixable with --fix"), "{s}");
    assert!(!s.contains("help: Remove trailing whitespace"), "{s}");
    assert!(!s.contains("\x1b["), "no colour with --color never");
    let out = pagelint()
        .args(["--output-format", "full", "--color", "always", "-"])
        .write_stdin("Hola   \n")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("\x1b["), "colour with --color always");
}

#[test]
fn quiet_and_statistics() {
    let out = pagelint()
        .args(["--output-format=concise", "-"])
        .write_stdin("x \n")
        .output()
        .unwrap();
    assert!(stderr(&out).contains("Found 1 problem"), "{}", stderr(&out));
    let out = pagelint()
        .args(["--quiet", "--output-format=concise", "-"])
        .write_stdin("x \n")
        .output()
        .unwrap();
    assert!(stderr(&out).is_empty());
    assert!(stdout(&out).contains("MD009"));
    let out = pagelint()
        .args(["--statistics", "-"])
        .write_stdin("x \ny \n\n\n\nz")
        .output()
        .unwrap();
    let s = stdout(&out);
    assert!(
        s.lines()
            .any(|l| l.contains("2") && l.contains("MD009") && l.contains("no-trailing-spaces")),
        "{s}"
    );
    assert!(s.lines().any(|l| l.contains("MD047")), "{s}");
}

#[test]
fn missing_path_exits_2_naming_it() {
    let out = pagelint().arg("no/such/file.md").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("no/such/file.md"), "{e}");
}

#[test]
fn binary_and_invalid_utf8_get_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("image.md");
    std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let out = pagelint().arg(&bin).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("image.md: binary file"),
        "{}",
        stderr(&out)
    );

    let latin = dir.path().join("latin.md");
    std::fs::write(&latin, b"# Introducci\xf3n\n\nEl ni\xf1o.\n").unwrap();
    let out = pagelint()
        .arg(&latin)
        .arg("--output-format=concise")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("latin.md:1:13: ENC002 file is not valid UTF-8"),
        "{}",
        stdout(&out)
    );
    let out = pagelint().arg("--fix").arg(&latin).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&latin).unwrap(),
        "# Introducción\n\nEl niño.\n"
    );
}

#[test]
fn empty_and_whitespace_files() {
    let out = pagelint().arg("-").write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = pagelint()
        .args(["--fix", "-"])
        .write_stdin("\n\n\n")
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "");
}

#[test]
fn config_is_found_walking_up_and_validated() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pagelint.toml", "ignore = [\"MD009\"]\n");
    let p = write(dir.path(), "docs/deep/page.md", "x   \n");
    let out = pagelint().arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    write(dir.path(), "pagelint.toml", "ignroe = [\"MD009\"]\n");
    let out = pagelint().arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(
        e.contains("pagelint.toml:1: unknown key `ignroe` (did you mean `ignore`?)"),
        "{e}"
    );

    write(dir.path(), "pagelint.toml", "ignore = [\"MD09\"]\n");
    let out = pagelint().arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("MD09"), "{}", stderr(&out));
}

#[test]
fn explicit_config_and_per_file_ignores() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = write(
        dir.path(),
        "cfg/custom.toml",
        "[per-file-ignores]\n\"legacy/**\" = [\"MD009\"]\n",
    );
    write(dir.path(), "legacy/a.md", "x   \n");
    write(dir.path(), "new/b.md", "x   \n");
    let out = pagelint()
        .current_dir(dir.path())
        .args(["--output-format=concise", "--config"])
        .arg(&cfg)
        .arg(".")
        .output()
        .unwrap();
    let s = stdout(&out);
    // Patterns are relative to the configuration file's folder (cfg/), so
    // nothing matches here; with the file at the root they apply.
    assert!(s.contains("new/b.md") && s.contains("legacy/a.md"), "{s}");
    write(
        dir.path(),
        "pagelint.toml",
        "[per-file-ignores]\n\"legacy/**\" = [\"MD009\"]\n",
    );
    let out = pagelint()
        .current_dir(dir.path())
        .args(["--output-format=concise", "."])
        .output()
        .unwrap();
    let s = stdout(&out);
    assert!(s.contains("new/b.md") && !s.contains("legacy/a.md"), "{s}");
}

#[test]
fn gitignore_and_exclude_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".gitignore", "_site/\n");
    write(dir.path(), "pagelint.toml", "exclude = [\"vendor\"]\n");
    write(dir.path(), "_site/a.md", "x  \t\n");
    write(dir.path(), "vendor/b.md", "x  \t\n");
    write(dir.path(), "docs/c.md", "x  \t\n");
    let out = pagelint()
        .current_dir(dir.path())
        .args(["--output-format=concise", "."])
        .output()
        .unwrap();
    let s = stdout(&out);
    assert!(s.contains("docs/c.md"), "{s}");
    assert!(!s.contains("_site") && !s.contains("vendor"), "{s}");
}

#[test]
fn inline_directives() {
    let text = "<!-- pagelint-disable MD009 -->\na \n<!-- pagelint-enable MD009 -->\nb \n<!-- pagelint-disable-next-line no-trailing-spaces -->\nc \nd \n";
    let out = pagelint()
        .args(["--output-format=concise", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let s = stdout(&out);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(
        lines,
        [
            "-:4:2: MD009 1 trailing space (“·”)",
            "-:7:2: MD009 1 trailing space (“·”)"
        ],
        "{s}"
    );
    let out = pagelint()
        .args(["--output-format=concise", "-"])
        .write_stdin("<!-- pagelint-disable MD999 -->\n")
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("-:1:1: warning: unknown rule or group `MD999`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fix_keeps_crlf_and_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "w.md", "uno  \t\r\ndos\r\n\r\n\r\n\r\ntres");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let out = pagelint().arg("--fix").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "uno\r\ndos\r\n\r\ntres\r\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn help_and_version() {
    let out = pagelint().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("--output-format"));
    let out = pagelint().arg("--version").output().unwrap();
    assert!(stdout(&out).starts_with("pagelint "));
    let out = pagelint().arg("--output-format=xml").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

// Exit-code controls (issue 6): --exit-zero, --exit-non-zero-on-fix, --fail-on.

#[test]
fn exit_zero_still_prints_findings_but_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "page.md", MESSY);
    let out = pagelint()
        .args(["--exit-zero", "--output-format=concise"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("MD009"), "{}", stdout(&out));
    // An error is still an error.
    let out = pagelint()
        .arg("--exit-zero")
        .arg(dir.path().join("missing.md"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // --diff too: the diff is printed, the status is 0.
    let out = pagelint()
        .args(["--exit-zero", "--diff"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("@@"));
}

#[test]
fn exit_non_zero_on_fix() {
    let dir = tempfile::tempdir().unwrap();
    // Only safely fixable problems: --fix leaves nothing.
    let fixable = "# Título\n\nHola  \n\n\n\nfin";
    let p = write(dir.path(), "page.md", fixable);
    let out = pagelint().arg("--fix").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fixed = std::fs::read_to_string(&p).unwrap();
    assert_ne!(fixed, fixable);
    write(dir.path(), "page.md", fixable);
    let out = pagelint()
        .args(["--fix", "--exit-non-zero-on-fix"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&p).unwrap(), fixed);
    // Nothing left to fix: 0.
    let out = pagelint()
        .args(["--fix", "--exit-non-zero-on-fix"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The two controls contradict each other.
    let out = pagelint()
        .args(["--fix", "--exit-non-zero-on-fix", "--exit-zero"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = tempfile::tempdir().unwrap();
    // MD009 and MD012 are warnings by default.
    let p = write(dir.path(), "page.md", MESSY);
    let run = |args: &[&str]| {
        pagelint()
            .current_dir(dir.path())
            .args(args)
            .arg("--output-format=concise")
            .arg(&p)
            .output()
            .unwrap()
    };
    let out = run(&["--fail-on", "error"]);
    assert_eq!(out.status.code(), Some(0));
    // Below the threshold: printed all the same.
    assert!(stdout(&out).contains("MD009"), "{}", stdout(&out));
    assert!(stdout(&out).contains("MD012"));
    assert_eq!(run(&["--fail-on", "warning"]).status.code(), Some(1));
    assert_eq!(run(&["--fail-on", "info"]).status.code(), Some(1));
    assert_eq!(run(&[]).status.code(), Some(1));
    // A severity raised in the configuration counts.
    write(
        dir.path(),
        "pagelint.toml",
        "[severity]\nMD012 = \"error\"\nMD009 = \"info\"\n",
    );
    assert_eq!(run(&["--fail-on", "error"]).status.code(), Some(1));
    write(
        dir.path(),
        "pagelint.toml",
        "[severity]\nMD012 = \"info\"\nMD009 = \"info\"\n",
    );
    let out = run(&["--fail-on", "warning"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("MD009"));
    assert_eq!(run(&["--fail-on", "info"]).status.code(), Some(1));
    // A bad level is a usage error.
    assert_eq!(run(&["--fail-on", "fatal"]).status.code(), Some(2));
}

#[test]
fn readme_lists_every_rule() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for m in pagelint::rules::metas() {
        let row = format!(
            "| {} | `{}` | {} |",
            m.code,
            m.name,
            if m.default_enabled { "on" } else { "off" }
        );
        assert!(
            readme.contains(&row),
            "README.md lacks the row for {}: {row}",
            m.code
        );
    }
}

/// Issue 3's acceptance: the example page (the user's page, garbled through
/// Johab) comes back exactly as Python's `encode('johab').decode('utf-8')`.
#[test]
fn mojibake_repair_matches_python() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/examples");
    let garbled = std::fs::read(format!("{dir}/course-page.md")).unwrap();
    let want = std::fs::read_to_string(format!("{dir}/course-page.python-johab.md")).unwrap();
    let out = pagelint()
        .args(["--select", "ENC001", "--fix", "-"])
        .write_stdin(garbled)
        .output()
        .unwrap();
    assert_eq!(stdout(&out), want);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // And the check names the code page once, with line and column, and
    // each distinct garbled word once (39 repairs, 30 words).
    let out = pagelint()
        .args(["--select", "ENC001", "--output-format", "concise"])
        .arg(format!("{dir}/course-page.md"))
        .output()
        .unwrap();
    let s = stdout(&out);
    assert!(
        s.contains("course-page.md:12:4: ENC001 the whole page is UTF-8 text read as Johab (cp1361) (30 garbled words): “Introducci칩n” should be “Introducción”"),
        "{s}"
    );
    assert_eq!(s.lines().count(), 30, "{s}");
    assert_eq!(s.matches("Johab").count(), 1, "{s}");
}

/// Issue 10 item 6: a page's terminal escapes never reach the terminal,
/// in any human format.
#[test]
fn no_escape_sequence_from_the_page_in_any_human_format() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "e.md", "# x \x1b]0;PWNED\x07\n\nb  \n");
    for args in [
        &["--output-format", "full"][..],
        &["--output-format", "concise"],
        &["--output-format", "github"],
        &["--diff"],
        &["--diff", "--unsafe-fixes"],
        &["--statistics"],
        &["--output-format", "full", "--color", "always"],
        &["--output-format", "concise", "--color", "always"],
    ] {
        let out = pagelint()
            .current_dir(dir.path())
            .args(args)
            .arg("e.md")
            .output()
            .unwrap();
        for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            // Colour codes (`ESC [`) are pagelint's own; `ESC ]` and BEL
            // come only from the page.
            let s = String::from_utf8_lossy(bytes);
            assert!(
                !s.contains("\x1b]") && !s.contains('\x07'),
                "{args:?} {name}: {s:?}"
            );
        }
    }
}

/// Issue 10 item 7: one coordinate system, columns in characters, in every
/// format.
#[test]
fn full_and_concise_and_json_agree_on_columns() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.md", "# Título\n\nEspañol ñandú  é   \n");
    let run = |format: &str| {
        let out = pagelint()
            .current_dir(dir.path())
            .args(["--color", "never", "--output-format", format, "p.md"])
            .output()
            .unwrap();
        stdout(&out)
    };
    let concise = run("concise");
    let full = run("full");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let first = &json[0];
    let at = format!("{}:{}", first["line"], first["column"]);
    assert!(concise.contains(&format!("p.md:{at}:")), "{concise}");
    assert!(full.contains(&format!("[p.md:{at}]")), "{full}");
    assert_eq!(at, "3:17");
}

/// SPEC §3: a missing path among several is reported and the others are
/// still checked; exit 2 at the end.
#[test]
fn a_missing_path_among_several_does_not_stop_the_run() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "# A\n\nb   \n");
    let out = pagelint()
        .current_dir(dir.path())
        .args(["--output-format", "concise", "nope.md", "a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("a.md:3:2: MD009"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("nope.md: no such file"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_on_the_command_line_is_reported_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("f.md");
    if !std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        return;
    }
    let out = pagelint().arg(&fifo).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("(a FIFO)"), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("All checks passed"),
        "{}",
        stderr(&out)
    );
}

/// `--stdin-filename` alone reads stdin as that file; beside a path it is
/// an error, never a silent run over `.`.
#[test]
fn stdin_filename_without_dash() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "other.md", "x   \n");
    let out = pagelint()
        .current_dir(dir.path())
        .args(["--output-format", "concise", "--stdin-filename", "p.md"])
        .write_stdin("y   \n")
        .output()
        .unwrap();
    let s = stdout(&out);
    assert!(s.contains("p.md:1:2: MD009"), "{s}");
    assert!(!s.contains("other.md"), "{s}");
    let out = pagelint()
        .current_dir(dir.path())
        .args(["--stdin-filename", "p.md", "other.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--stdin-filename"),
        "{}",
        stderr(&out)
    );
}

/// With `-`, `--stdin-filename` makes the page behave as that file: its
/// relative links and anchors resolve from where it lives.
#[test]
fn stdin_filename_resolves_links_from_that_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    write(dir.path(), "docs/target.md", "# Real heading\n");
    let page = "# P\n\n[a](target.md#real-heading) [b](target.md#nope) [c](missing.md)\n";
    let out = pagelint()
        .current_dir(dir.path())
        .args([
            "--output-format",
            "concise",
            "--select",
            "LNK007",
            "--stdin-filename",
            "docs/p.md",
            "-",
        ])
        .write_stdin(page)
        .output()
        .unwrap();
    let s = stdout(&out);
    assert!(s.contains("#nope"), "{s}");
    assert!(s.contains("missing.md"), "{s}");
    assert_eq!(s.lines().count(), 2, "{s}");
}

/// Issue 10 item 2: a read-only file is reported, never rewritten, and
/// nothing is said to be fixed.
#[cfg(unix)]
#[test]
fn fix_leaves_a_read_only_file_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "ro.md", "x   \n");
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = pagelint().arg("--fix").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(e.contains("read-only") && !e.contains("Fixed"), "{e}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "x   \n");
}

/// Issue 10 item 6: running in one folder on pages elsewhere creates no
/// cache in the current folder.
#[test]
fn the_cache_goes_with_the_pages_not_the_current_folder() {
    let home = tempfile::tempdir().unwrap();
    let site = tempfile::tempdir().unwrap();
    let secrets = tempfile::tempdir().unwrap();
    write(site.path(), "a.md", "# A\n\nb\n");
    let out = pagelint()
        .env_remove("PAGELINT_CACHE_DIR")
        .env_remove("PAGELINT_NO_CACHE")
        .env("XDG_CACHE_HOME", secrets.path())
        .current_dir(home.path())
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!home.path().join(".pagelint_cache").exists());
    assert!(site.path().join(".pagelint_cache").exists());
    assert!(secrets.path().join("pagelint/secret").exists());
}
