//! The LNK group on the user's real pages (issue 5's acceptance), through
//! the binary. Skipped, with a message, when `../shared` is absent.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

fn shared() -> Option<PathBuf> {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"));
    if p.join("corpus/es-course").is_dir() {
        Some(p.to_path_buf())
    } else {
        // Past the harness's capture: visible in a normal `cargo test` run.
        let _ = writeln!(std::io::stderr(), "skipped: ../shared/corpus is absent");
        None
    }
}

fn pagelint() -> Command {
    Command::cargo_bin("pagelint").unwrap()
}

/// The clean course page, fixed with `--select LNK`: exactly the changes
/// the issue lists, and nothing else.
#[test]
fn material2_fix_changes_exactly_the_listed_things() {
    let Some(shared) = shared() else { return };
    let input = shared.join("corpus/es-course/pln/docs/material2.md");
    let original = std::fs::read_to_string(&input).unwrap();
    let out = pagelint()
        .args(["--select", "LNK", "--fix", "-"])
        .stdin(std::fs::File::open(&input).unwrap())
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    let fixed = String::from_utf8(out.stdout).unwrap();
    let expected_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/material2.lnk-fixed.md");
    let expected = std::fs::read_to_string(&expected_path).unwrap();
    assert_eq!(
        fixed,
        expected,
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "nothing left to report");

    // The expected file itself is the original with the listed edits only:
    // rebuild it line by line from the original.
    let mut rebuilt = String::new();
    let mut changed = 0;
    for line in original.split_inclusive('\n') {
        let mut l = line.replace("https://www.github.com/", "https://github.com/");
        for host in ["karpathy.github.io", "jalammar.github.io"] {
            l = l.replace(&format!("http://{host}"), &format!("https://{host}"));
        }
        l = l
            .replace("arxiv.org/pdf/1802.05365)", "arxiv.org/abs/1802.05365)")
            .replace("arxiv.org/pdf/2101.03961.pdf)", "arxiv.org/abs/2101.03961)")
            .replace("?si=al3CCBwB5hqQ5kPy", "")
            .replace("?si=ZmGJWo6ERkLwQdRg", "")
            .replace(" et al,", " et al.,");
        if l != line {
            changed += 1;
        }
        rebuilt.push_str(&l);
    }
    assert_eq!(rebuilt, expected);
    // 7 www.github.com, 5 github.io, 7 "et al" lines (2 with the arXiv
    // links), 2 YouTube links.
    assert_eq!(changed, 21);
    // The two http:// hosts no data says serve HTTPS are left alone.
    assert!(fixed.contains("http://hanj.cs.illinois.edu/"));
    assert!(fixed.contains("http://www.sepln.org"));
}

/// Copy `src` into a fresh folder that is a git checkout whose `origin` is
/// `remote`. Uses the git binary when there is one, else writes `.git`.
fn checkout(src: &Path, remote: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(src, tmp.path());
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(tmp.path())
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !(git(&["init", "-q"]) && git(&["config", "remote.origin.url", remote])) {
        let dot = tmp.path().join(".git");
        std::fs::create_dir_all(&dot).unwrap();
        std::fs::write(dot.join("HEAD"), "ref: refs/heads/main\n").unwrap();
        std::fs::write(
            dot.join("config"),
            format!("[remote \"origin\"]\n\turl = {remote}\n"),
        )
        .unwrap();
    }
    tmp
}

fn copy_tree(src: &Path, dst: &Path) {
    for entry in std::fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        let to = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
            copy_tree(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
}

/// LNK007 findings in `dir` as (path, line, message, help).
fn lnk007(dir: &Path) -> Vec<(String, u64, String, String)> {
    let out = pagelint()
        .args(["--select", "LNK007", "--output-format", "json", "."])
        .current_dir(dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    // JSON has no help (SPEC §3's fields): read it from the full report,
    // where findings come in the same order.
    let full = pagelint()
        .args([
            "--select",
            "LNK007",
            "--output-format",
            "full",
            "--color",
            "never",
            ".",
        ])
        .current_dir(dir)
        .output()
        .unwrap();
    let full = String::from_utf8(full.stdout).unwrap();
    let helps: Vec<String> = full
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("help: "))
        .map(str::to_string)
        .collect();
    let records = v.as_array().unwrap();
    assert_eq!(records.len(), helps.len(), "{full}");
    records
        .iter()
        .zip(helps)
        .map(|(r, help)| {
            (
                r["path"].as_str().unwrap().to_string(),
                r["line"].as_u64().unwrap(),
                r["message"].as_str().unwrap().to_string(),
                help,
            )
        })
        .collect()
}

#[test]
fn broken_slide_link_names_the_real_file() {
    let Some(shared) = shared() else { return };
    let tree = checkout(
        &shared.join("corpus/es-course/pln"),
        "https://github.com/mcd-unison/pln.git",
    );
    let found = lnk007(tree.path());
    assert_eq!(found.len(), 1, "{found:?}");
    let (path, line, message, help) = &found[0];
    assert_eq!(path, "docs/material2.md");
    assert_eq!(*line, 26);
    assert!(
        message.contains("slides/secuencias-largas.pdf"),
        "{message}"
    );
    assert!(help.contains("slides/secuancias-largas.pdf"), "{help}");
    // The slide really is missing, and the suggestion really exists.
    assert!(!tree.path().join("slides/secuencias-largas.pdf").exists());
    assert!(tree.path().join("slides/secuancias-largas.pdf").exists());
}

#[test]
fn ssh_remote_and_other_repositories() {
    let Some(shared) = shared() else { return };
    // The same tree under an ssh remote: the same finding.
    let tree = checkout(
        &shared.join("corpus/es-course/pln"),
        "git@github.com:mcd-unison/pln.git",
    );
    assert_eq!(lnk007(tree.path()).len(), 1);
    // Under another repository's remote, the GitHub URLs are not ours.
    let other = checkout(
        &shared.join("corpus/es-course/pln"),
        "https://github.com/someone/else.git",
    );
    assert!(lnk007(other.path()).is_empty());
}

/// Every LNK007 finding across the course repositories, each checked out
/// under its own remote, reviewed by hand: each target really is missing.
#[test]
fn course_repositories_findings_are_real() {
    let Some(shared) = shared() else { return };
    let mut all = Vec::new();
    for name in ["pln", "ing-caract", "curso-hpcd", "llm"] {
        let tree = checkout(
            &shared.join("corpus/es-course").join(name),
            &format!("https://github.com/mcd-unison/{name}.git"),
        );
        for (path, line, message, help) in lnk007(tree.path()) {
            // Independent check of "really missing".
            if let Some(target) = message.split('`').nth(1)
                && message.contains("does not exist")
            {
                let base = if message.contains("slides/") {
                    tree.path().to_path_buf()
                } else {
                    tree.path().join(&path).parent().unwrap().to_path_buf()
                };
                assert!(!base.join(target).exists(), "{target} exists");
            }
            all.push(format!("{name}/{path}:{line}: {message} ({help})"));
        }
    }
    all.sort();
    assert_eq!(
        all,
        vec![
            "ing-caract/README.md:7: `julio.waissman@unison.mx` does not exist in the working tree (this looks like an e-mail address: write `mailto:julio.waissman@unison.mx`)",
            "llm/README.md:12: no heading or anchor `#evaluación` in this page (did you mean `#evaluacion`?)",
            "pln/docs/material2.md:26: `slides/secuencias-largas.pdf` does not exist in the working tree (did you mean `slides/secuancias-largas.pdf`?)",
        ]
    );
}

fn concise(dir: &Path, rule: &str) -> String {
    let out = pagelint()
        .args(["--select", rule, "--output-format", "concise", "-q", "."])
        .current_dir(dir)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Site-absolute links in a Jekyll site, under its `baseurl`; pages a
/// generator makes are not judged. Needs no `../shared`.
#[test]
fn jekyll_site_links() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("slides")).unwrap();
    std::fs::create_dir_all(root.join("docs")).unwrap();
    std::fs::write(root.join("_config.yml"), "title: x\nbaseurl: \"/pln\"\n").unwrap();
    std::fs::write(root.join("slides/atencion.pdf"), "").unwrap();
    std::fs::write(root.join("docs/otra.md"), "# Otra\n\n## Sección uno\n").unwrap();
    std::fs::write(
        root.join("docs/page.md"),
        "# Página\n\n\
         - [ok](/pln/slides/atencion.pdf)\n\
         - [missing](/pln/slides/atention.pdf)\n\
         - [other site](/otro/slides/x.pdf)\n\
         - [a page](/pln/acerca/)\n\
         - [html of a md](otra.html#sección-uno)\n\
         - [bad anchor](otra.html#seccion-dos)\n\
         - [template]({{ site.baseurl }}/nada.pdf)\n",
    )
    .unwrap();
    let out = concise(root, "LNK007");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("docs/page.md:4:"), "{out}");
    assert!(lines[0].contains("slides/atention.pdf"), "{out}");
    assert!(lines[1].starts_with("docs/page.md:8:"), "{out}");
    assert!(lines[1].contains("#seccion-dos"), "{out}");
}

/// `[lnk] repository` stands in for the git remote; the folder of that
/// `pagelint.toml` is the repository root. Needs no `../shared`.
#[test]
fn configured_repository_without_git() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("docs")).unwrap();
    std::fs::create_dir_all(root.join("slides")).unwrap();
    std::fs::write(root.join("slides/transfer.pdf"), "").unwrap();
    std::fs::write(
        root.join("pagelint.toml"),
        "[lnk]\nrepository = \"Owner/Repo\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("docs/page.md"),
        "- [a](https://github.com/owner/repo/blob/main/slides/transfer.pdf)\n\
         - [b](https://github.com/owner/repo/raw/main/slides/transfr.pdf)\n\
         - [c](https://raw.githubusercontent.com/owner/repo/refs/heads/main/slides/transfer.pdf)\n\
         - [d](https://github.com/owner/repo/blob/v1.0/slides/gone.pdf)\n\
         - [e](https://github.com/someone/else/blob/main/gone.pdf)\n",
    )
    .unwrap();
    let out = concise(root, "LNK007");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].starts_with("docs/page.md:2:"), "{out}");
    assert!(lines[0].contains("slides/transfr.pdf"), "{out}");
}

/// LNK002 learns the HTTPS hosts of the whole run (and of the rest of the
/// git checkout), even from pages read after the one that needs them.
#[test]
fn https_hosts_of_the_run_and_the_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(
        root.join("a.md"),
        "See [the lab](http://lab.example.org/x).\n",
    )
    .unwrap();
    std::fs::write(root.join("b.md"), "Home: <https://lab.example.org>.\n").unwrap();
    std::fs::write(
        root.join("c.md"),
        "Not known: [x](http://other.example.org/).\n",
    )
    .unwrap();
    let out = concise(root, "LNK002");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("a.md:1:"), "{out}");
    // --diff shows the fix; --fix writes it and reports nothing left.
    let diff = pagelint()
        .args(["--select", "LNK002", "--diff", "."])
        .current_dir(root)
        .output()
        .unwrap();
    let diff = String::from_utf8(diff.stdout).unwrap();
    assert!(
        diff.contains("+See [the lab](https://lab.example.org/x)."),
        "{diff}"
    );
    let fixed = pagelint()
        .args(["--select", "LNK002", "--fix", "."])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(
        fixed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&fixed.stderr)
    );
    assert!(String::from_utf8_lossy(&fixed.stderr).contains("Fixed 1 problem"));
    assert_eq!(
        std::fs::read_to_string(root.join("a.md")).unwrap(),
        "See [the lab](https://lab.example.org/x).\n"
    );
    // One page checked alone inside a git checkout: the other pages of the
    // checkout count too. Without a checkout, only the run's pages do.
    std::fs::write(
        root.join("a.md"),
        "See [the lab](http://lab.example.org/x).\n",
    )
    .unwrap();
    let alone = |dir: &Path| {
        let o = pagelint()
            .args([
                "--select",
                "LNK002",
                "--output-format",
                "concise",
                "-q",
                "a.md",
            ])
            .current_dir(dir)
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    assert_eq!(alone(root), "");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(root.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    assert!(alone(root).starts_with("a.md:1:"), "{}", alone(root));
}

/// LNK007 reads the anchors of linked pages line by line (a full parse of
/// every linked page cost as much as linting it again): on every page of
/// the corpus, that reading finds every anchor the full parse finds.
#[test]
fn quick_anchors_cover_parsed_anchors_on_the_corpus() {
    let Some(shared) = shared() else { return };
    let mut checked = 0;
    let mut stack = vec![shared.join("corpus")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                let full = pagelint::document::Document::parse(&text).anchors();
                let quick = pagelint::document::quick_anchors(&text);
                let missing: Vec<&String> = full.iter().filter(|a| !quick.contains(*a)).collect();
                assert!(missing.is_empty(), "{}: {missing:?}", path.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "{checked}");
}
