//! The user's workflow (issue 6): the result cache, `pagelint init`, shell
//! completions, the manual page, subcommands beside folder names.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// pagelint with its cache in `cache` (the test's own folder).
fn pagelint(cache: &Path) -> Command {
    let mut c = Command::cargo_bin("pagelint").unwrap();
    c.env_remove("NO_COLOR")
        .env_remove("PAGELINT_NO_CACHE")
        .env("PAGELINT_CACHE_DIR", cache)
        .env("PAGELINT_CACHE_STATS", "1");
    c
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, content).unwrap();
    p
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// (hits, misses) from the `PAGELINT_CACHE_STATS` line.
fn stats(out: &Output) -> (usize, usize) {
    let err = stderr(out);
    let line = err
        .lines()
        .find(|l| l.starts_with("pagelint: cache: "))
        .unwrap_or_else(|| panic!("no cache line in {err}"));
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(2)
        .map(|s| s.parse().unwrap())
        .collect();
    (nums[0], nums[1])
}

/// A concise check of the folder `root`, run from inside it.
fn check_in(cache: &Path, root: &Path) -> Output {
    pagelint(cache)
        .current_dir(root)
        .arg("--output-format=concise")
        .output()
        .unwrap()
}

/// The number of files the cache spared reading, from the same line.
fn unread(out: &Output) -> usize {
    let err = stderr(out);
    let line = err
        .lines()
        .find(|l| l.starts_with("pagelint: cache: "))
        .unwrap();
    let at = line.find(" files not read").expect("an unread count");
    line[..at].rsplit(' ').next().unwrap().parse().unwrap()
}

const MESSY: &str = "# Título\n\nHola   \nmundo\n\n\n\nfin\n";
const CLEAN: &str = "# Título\n\nTexto.\n";

#[test]
fn warm_runs_print_exactly_what_cold_runs_print() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let pages = dir.path().join("pages");
    write(&pages, "a.md", MESSY);
    write(&pages, "b.md", CLEAN);
    write(
        &pages,
        "c.md",
        "---\ntitle: Introducción\n---\n\nCon\u{200B}tenido y y más.\n",
    );
    for format in ["full", "concise", "json", "github", "sarif"] {
        let run = |extra: &[&str]| {
            pagelint(&cache)
                .current_dir(&pages)
                .args(["--color=always", "--output-format", format])
                .args(extra)
                .output()
                .unwrap()
        };
        let uncached = run(&["--no-cache"]);
        assert!(
            !stderr(&uncached).contains("pagelint: cache:"),
            "--no-cache used the cache"
        );
        let first = run(&[]);
        let second = run(&[]);
        assert_eq!(stats(&second), (3, 0), "{format}: {}", stderr(&second));
        assert_eq!(stdout(&first), stdout(&uncached), "{format}");
        assert_eq!(stdout(&second), stdout(&uncached), "{format}");
        assert_eq!(second.status.code(), Some(1));
        let summary = |o: &Output| {
            stderr(o)
                .lines()
                .filter(|l| !l.starts_with("pagelint: cache:"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(summary(&second), summary(&uncached), "{format}");
    }
}

#[test]
fn a_changed_file_or_configuration_is_checked_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let root = dir.path().join("site");
    let a = write(&root, "a.md", MESSY);
    write(&root, "b.md", CLEAN);
    let run = || check_in(&cache, &root);
    let out = run();
    assert_eq!(stats(&out), (0, 2));
    // The file changes: only it is linted again, and its findings are new.
    write(&root, "a.md", CLEAN);
    let out = run();
    assert_eq!(stats(&out), (1, 1));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // Back to the first content: that result was replaced, linted again.
    std::fs::write(&a, MESSY).unwrap();
    let out = run();
    assert!(stdout(&out).contains("a.md:3:5: MD009"), "{}", stdout(&out));
    // The configuration changes: nothing cached applies.
    write(&root, "pagelint.toml", "ignore = [\"MD009\"]\n");
    let out = run();
    assert_eq!(stats(&out), (0, 2));
    assert!(!stdout(&out).contains("MD009"), "{}", stdout(&out));
    assert!(stdout(&out).contains("MD012"));
    // So do the project's words and the command line's selection.
    write(&root, ".pagelint-words.txt", "zanahoria\n");
    assert_eq!(stats(&run()), (0, 2));
    let out = pagelint(&cache)
        .current_dir(&root)
        .args(["--output-format=concise", "--select", "MD012"])
        .output()
        .unwrap();
    assert_eq!(stats(&out), (0, 2));
    // A severity changes the key too.
    write(
        &root,
        "pagelint.toml",
        "ignore = [\"MD009\"]\n[severity]\nMD012 = \"error\"\n",
    );
    let out = pagelint(&cache)
        .current_dir(&root)
        .args(["--output-format=json"])
        .output()
        .unwrap();
    assert_eq!(stats(&out), (0, 2));
    assert!(stdout(&out).contains("\"severity\": \"error\""));
}

/// TYP004 compares the citations of every file of the run: a file's result
/// depends on other files, and the cache must see that.
#[test]
fn results_that_depend_on_other_files_are_not_stale() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let root = dir.path().join("site");
    write(&root, "a.md", "Como dice (Bycorft, 2025).\n");
    write(&root, "b.md", "Nada que citar.\n");
    let run = || {
        pagelint(&cache)
            .current_dir(&root)
            .args(["--output-format=concise", "--select=TYP004"])
            .output()
            .unwrap()
    };
    let out = run();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stats(&out), (0, 2));
    // b.md now cites the right spelling twice: a.md, unchanged, is wrong.
    write(&root, "b.md", "Citas: (Bycroft, 2023), (Bycroft, 2024).\n");
    let out = run();
    assert_eq!(stats(&out), (0, 2), "a.md's cached result was reused");
    assert!(
        stdout(&out).contains("a.md:1:12: TYP004"),
        "{}",
        stdout(&out)
    );
    // Nothing changes: both come from the cache, same findings.
    let again = run();
    assert_eq!(stats(&again), (2, 0));
    assert_eq!(stdout(&again), stdout(&out));
    // b.md's citations go away again.
    write(&root, "b.md", "Nada que citar.\n");
    let out = run();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

/// Files whose size, times and inode are those of their entry, and that
/// were not changed in the seconds before they were read, are not read
/// again (as git's index does); anything else is.
#[cfg(unix)]
#[test]
fn unchanged_files_are_not_read_unless_something_says_they_may_differ() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let root = dir.path().join("site");
    write(&root, "a.md", "Como dice (Bycorft, 2025).\n");
    write(&root, "b.md", "Nada que citar.\n");
    let c = write(&root, "c.md", CLEAN);
    let run = || check_in(&cache, &root);
    // Files changed just now are always read: their times prove nothing.
    let out = run();
    assert_eq!((stats(&out), unread(&out)), ((0, 3), 0));
    let out = run();
    assert_eq!(
        (stats(&out), unread(&out)),
        ((3, 0), 0),
        "racy files trusted"
    );
    // Once they are older than the racy window, the next read stores times
    // that can be trusted; from then on nothing is read.
    std::thread::sleep(std::time::Duration::from_millis(3200));
    let out = run();
    assert_eq!(stats(&out), (3, 0));
    let out = run();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!((stats(&out), unread(&out)), ((3, 0), 3));
    // b.md now cites the right spelling: a.md, unchanged, is checked again
    // because its result depended on the other files' citations.
    write(&root, "b.md", "Citas: (Bycroft, 2023), (Bycroft, 2024).\n");
    let out = run();
    assert!(
        stdout(&out).contains("a.md:1:12: TYP004"),
        "{}",
        stdout(&out)
    );
    assert_eq!(unread(&out), 1, "only c.md may be left unread");
    // c.md changes with the same size, its modification time put back:
    // the change time (which no one can put back) gives it away.
    let old = std::fs::metadata(&c).unwrap().modified().unwrap();
    let same_size = "# Título\n\nTx.   \n";
    assert_eq!(same_size.len(), CLEAN.len());
    std::fs::write(&c, same_size).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&c)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let out = run();
    assert!(stdout(&out).contains("c.md:3:4: MD009"), "{}", stdout(&out));
}

/// A commit hook checks the staged page alone; TYP004 still compares its
/// citations with those of the whole repository.
#[test]
fn citations_are_compared_across_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let make = |name: &str, git: bool| {
        let root = dir.path().join(name);
        if git {
            std::fs::create_dir_all(root.join(".git")).unwrap();
            std::fs::write(root.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
        }
        write(
            &root,
            "docs/otra.md",
            "Como muestran (Zwirblowski, 2019) y (Zwirblowski y Pérez, 2021).\n",
        );
        write(
            &root,
            "docs/nueva.md",
            "Según (Zwirbolwski, 2020), funciona.\n",
        );
        root
    };
    let run = |root: &Path| {
        let out = pagelint(&cache)
            .current_dir(root)
            .args([
                "--output-format=concise",
                "--select=TYP004",
                "docs/nueva.md",
            ])
            .output()
            .unwrap();
        stdout(&out)
    };
    let found = run(&make("repo", true));
    assert!(found.contains("docs/nueva.md:1:"), "{found}");
    assert!(found.contains("Zwirblowski"), "{found}");
    // Outside a checkout the page alone has nothing to compare with.
    let found = run(&make("loose", false));
    assert!(!found.contains("TYP004"), "{found}");
}

#[test]
fn fix_and_diff_never_use_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let p = write(dir.path(), "a.md", MESSY);
    let out = pagelint(&cache).arg(&p).output().unwrap();
    assert_eq!(stats(&out), (0, 1));
    let out = pagelint(&cache).arg("--diff").arg(&p).output().unwrap();
    assert!(!stderr(&out).contains("pagelint: cache:"));
    assert!(stdout(&out).contains("@@"));
    let out = pagelint(&cache).arg("--fix").arg(&p).output().unwrap();
    assert!(!stderr(&out).contains("pagelint: cache:"));
    assert_ne!(std::fs::read_to_string(&p).unwrap(), MESSY);
    let out = pagelint(&cache).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stats(&out), (0, 1));
}

#[test]
fn the_cache_lives_beside_pagelint_toml_and_stays_out_of_git() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "pagelint.toml", "");
    write(root, "docs/sub/a.md", CLEAN);
    let out = Command::cargo_bin("pagelint")
        .unwrap()
        .env_remove("PAGELINT_CACHE_DIR")
        .env_remove("PAGELINT_NO_CACHE")
        .current_dir(root.join("docs/sub"))
        .arg("a.md")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let cache = root.join(".pagelint_cache");
    assert!(cache.is_dir(), "no cache beside pagelint.toml");
    assert_eq!(
        std::fs::read_to_string(cache.join(".gitignore")).unwrap(),
        "# Created by pagelint.\n*\n"
    );
    assert!(cache.join("CACHEDIR.TAG").is_file());
    assert!(!root.join("docs/sub/.pagelint_cache").exists());
    // The cache folder is never linted (hidden), and --no-cache writes none.
    let other = tempfile::tempdir().unwrap();
    write(other.path(), "a.md", CLEAN);
    let out = Command::cargo_bin("pagelint")
        .unwrap()
        .env_remove("PAGELINT_CACHE_DIR")
        .current_dir(other.path())
        .arg("--no-cache")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!other.path().join(".pagelint_cache").exists());
    // PAGELINT_NO_CACHE does the same.
    let out = Command::cargo_bin("pagelint")
        .unwrap()
        .env_remove("PAGELINT_CACHE_DIR")
        .env("PAGELINT_NO_CACHE", "1")
        .current_dir(other.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!other.path().join(".pagelint_cache").exists());
}

fn cache_file(cache: &Path) -> PathBuf {
    let version = std::fs::read_dir(cache)
        .unwrap()
        .flatten()
        .find(|e| e.path().is_dir())
        .unwrap()
        .path();
    std::fs::read_dir(version)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "bin"))
        .unwrap()
}

#[test]
fn a_damaged_cache_is_ignored_and_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let root = dir.path().join("site");
    write(&root, "a.md", MESSY);
    let run = || check_in(&cache, &root);
    let expected = stdout(&run());
    let file = cache_file(&cache);
    let mut bytes = std::fs::read(&file).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    std::fs::write(&file, &bytes).unwrap();
    let out = run();
    assert_eq!(stats(&out), (0, 1));
    assert_eq!(stdout(&out), expected);
    std::fs::write(&file, b"garbage").unwrap();
    let out = run();
    assert_eq!(stats(&out), (0, 1));
    assert_eq!(stdout(&out), expected);
    assert_eq!(stats(&run()), (1, 0));
}

#[test]
fn deleted_files_leave_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let root = dir.path().join("site");
    for i in 0..20 {
        write(&root, &format!("p{i:02}.md"), &format!("# Página {i}\n"));
    }
    let run = || pagelint(&cache).current_dir(&root).output().unwrap();
    run();
    let full = std::fs::metadata(cache_file(&cache)).unwrap().len();
    for i in 0..19 {
        std::fs::remove_file(root.join(format!("p{i:02}.md"))).unwrap();
    }
    // One new file makes the run write the cache; the gone ones are dropped.
    write(&root, "new.md", "# Nueva\n");
    assert_eq!(stats(&run()), (1, 1));
    let now = std::fs::metadata(cache_file(&cache)).unwrap().len();
    assert!(now * 4 < full, "{now} bytes left of {full}");
    assert_eq!(stats(&run()), (2, 0));
}

/// Several pagelint processes at once on one cache (pre-commit may start
/// them): every one prints the right findings, and the cache stays whole.
#[test]
fn parallel_runs_share_the_cache_safely() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let root = dir.path().join("site");
    for i in 0..60 {
        let text = if i % 3 == 0 { MESSY } else { CLEAN };
        write(&root, &format!("d{}/p{i:02}.md", i % 4), text);
    }
    let expected = stdout(
        &pagelint(&cache)
            .current_dir(&root)
            .args(["--no-cache", "--output-format=concise"])
            .output()
            .unwrap(),
    );
    for round in 0..3 {
        let children: Vec<_> = (0..6)
            .map(|i| {
                let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("pagelint"));
                c.env("PAGELINT_CACHE_DIR", &cache)
                    .current_dir(&root)
                    .arg("--output-format=concise");
                // Some runs check everything, some one folder.
                if i % 2 == 1 {
                    c.arg(format!("d{}", i % 4));
                }
                c.stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for (i, child) in children.into_iter().enumerate() {
            let out = child.wait_with_output().unwrap();
            assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
            assert!(
                !stderr(&out).contains("warning"),
                "round {round}: {}",
                stderr(&out)
            );
            let got = stdout(&out);
            if i % 2 == 0 {
                assert_eq!(got, expected, "round {round}, run {i}");
            } else {
                let folder = format!("d{}/", i % 4);
                let want: String = expected
                    .lines()
                    .filter(|l| l.starts_with(&folder))
                    .map(|l| format!("{l}\n"))
                    .collect();
                assert_eq!(got, want, "round {round}, run {i}");
            }
        }
    }
    // Whatever the interleaving, the file is whole: a full run now hits.
    let out = pagelint(&cache)
        .current_dir(&root)
        .arg("--output-format=concise")
        .output()
        .unwrap();
    assert_eq!(stdout(&out), expected);
    let (hits, misses) = stats(&out);
    assert_eq!(hits + misses, 60);
    assert!(hits > 0, "{hits} hits, {misses} misses");
}

#[test]
fn init_writes_the_commented_defaults_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = pagelint(dir.path())
        .current_dir(dir.path())
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("pagelint.toml"));
    let written = std::fs::read_to_string(dir.path().join("pagelint.toml")).unwrap();
    let default = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/pagelint.default.toml"
    ))
    .unwrap();
    assert_eq!(written, default);
    assert!(written.lines().filter(|l| l.starts_with('#')).count() > 10);
    // The file it wrote is a valid configuration.
    write(dir.path(), "a.md", CLEAN);
    let out = pagelint(dir.path())
        .current_dir(dir.path())
        .arg("a.md")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Never over an existing file.
    std::fs::write(dir.path().join("pagelint.toml"), "ignore = [\"MD\"]\n").unwrap();
    let out = pagelint(dir.path())
        .current_dir(dir.path())
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pagelint.toml")).unwrap(),
        "ignore = [\"MD\"]\n"
    );
    // Into another folder.
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let out = pagelint(dir.path())
        .current_dir(dir.path())
        .args(["init", "sub"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(sub.join("pagelint.toml").is_file());
}

#[test]
fn completions_and_manual_come_from_the_options() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = pagelint(dir.path())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let s = stdout(&out);
        // fish writes `-l fail-on`, the others `--fail-on`.
        for option in ["fail-on", "exit-zero", "no-cache", "output-format"] {
            assert!(s.contains(option), "{shell} completion lacks {option}");
        }
    }
    let out = pagelint(dir.path())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = pagelint(dir.path()).arg("man").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let man = stdout(&out);
    assert!(
        man.starts_with(".ie") || man.contains(".TH pagelint"),
        "{man}"
    );
    for option in ["fail\\-on", "exit\\-zero", "no\\-cache", "stdin\\-filename"] {
        assert!(man.contains(option), "the manual lacks {option}");
    }
}

#[test]
fn a_folder_named_like_a_subcommand_needs_dot_slash() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "init/page.md", MESSY);
    write(dir.path(), "man/page.md", MESSY);
    for folder in ["./init", "./man"] {
        let out = pagelint(dir.path())
            .current_dir(dir.path())
            .args([folder, "--output-format=concise"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stdout(&out).contains("page.md:3:5: MD009"));
    }
    // `pagelint rules` and `explain` are unchanged.
    let out = pagelint(dir.path()).arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("CODE"));
    let out = pagelint(dir.path())
        .args(["explain", "MD009"])
        .output()
        .unwrap();
    assert!(stdout(&out).starts_with("# MD009"));
}

/// The progress bar is for terminals only: in a pipe (tests, CI logs,
/// pre-commit) stderr carries nothing but the report.
#[test]
fn no_progress_bar_in_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        write(dir.path(), &format!("p{i:03}.md"), CLEAN);
    }
    let out = Command::cargo_bin("pagelint")
        .unwrap()
        .env_remove("CI")
        .arg("--no-cache")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(stderr(&out), "All checks passed (300 files checked).\n");
}

/// Link rules ask the workspace whether files exist (LNK007) and which
/// hosts other pages link with https:// (LNK002): a page that did not
/// change must still follow the files around it.
#[test]
fn link_results_follow_the_files_around_them() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let root = dir.path().join("site");
    write(&root, "a.md", "Ver [la guía](guia.md).\n");
    write(&root, "b.md", "Un [sitio](http://docs.example.org/x).\n");
    write(&root, "c.md", "Nada.\n");
    let run = || {
        pagelint(&cache)
            .current_dir(&root)
            .args(["--output-format=concise", "--select=LNK"])
            .output()
            .unwrap()
    };
    let out = run();
    assert_eq!(stats(&out), (0, 3));
    assert!(
        stdout(&out).contains("a.md:1:15: LNK007"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("LNK002"), "{}", stdout(&out));
    // The linked page appears: a.md, unchanged, is fine now.
    write(&root, "guia.md", "# Guía\n");
    let out = run();
    assert!(!stdout(&out).contains("LNK007"), "{}", stdout(&out));
    // Another page links the host with https://: b.md, unchanged, is now
    // an insecure link.
    write(&root, "c.md", "Un [sitio](https://docs.example.org/y).\n");
    let out = run();
    assert!(
        stdout(&out).contains("b.md:1:12: LNK002"),
        "{}",
        stdout(&out)
    );
    // Nothing changes: the same findings, a.md and guia.md from the cache
    // (b.md and c.md asked about hosts: never cached).
    let again = run();
    assert_eq!(stdout(&again), stdout(&out));
    // (A page asking about a host before every page was read is checked
    // again at the end: a second miss.)
    let (hits, misses) = stats(&again);
    assert!(hits + misses >= 4);
    assert!(hits >= 2, "{hits} hits, {misses} misses");
    // The page goes away again: a.md reports it again.
    std::fs::remove_file(root.join("guia.md")).unwrap();
    let out = run();
    assert!(
        stdout(&out).contains("a.md:1:15: LNK007"),
        "{}",
        stdout(&out)
    );
}

/// Issue 11: in a git checkout, a one-page run takes the other pages'
/// contributions (TYP004's cited names) from the repository index, keyed
/// by the stat data git's own index holds for them: they are not read, nor
/// even stat-ed. A page git has seen change (`git add`) is read again.
#[cfg(unix)]
#[test]
fn other_pages_are_known_from_the_repository_index_as_git_sees_them() {
    let git_ok = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok();
    if !git_ok {
        eprintln!("skipped: no git");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let root = dir.path().join("repo");
    let git = |args: &[&str]| {
        let o = std::process::Command::new("git")
            .args(args)
            .current_dir(&root)
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {o:?}");
    };
    let cites = "Como muestran (Zwirblowski, 2019) y (Zwirblowski y Pérez, 2021).\n";
    let other = write(&root, "docs/otra.md", cites);
    write(
        &root,
        "docs/nueva.md",
        "Según (Zwirbolwski, 2020), funciona.\n",
    );
    for i in 0..20 {
        write(&root, &format!("docs/p{i}.md"), "Nada que citar.\n");
    }
    // Pages written well before git looks at them (not "racy").
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for e in std::fs::read_dir(root.join("docs")).unwrap() {
        let f = std::fs::File::options()
            .write(true)
            .open(e.unwrap().path())
            .unwrap();
        f.set_modified(old).unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(3200));
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    let run = |args: &[&str]| {
        let out = pagelint(&cache)
            .current_dir(&root)
            .args(["--output-format=concise", "--select=TYP004"])
            .args(args)
            .output()
            .unwrap();
        stdout(&out)
    };
    // A whole run, then one page: the other pages are read once and kept
    // in the repository index.
    assert!(run(&[]).contains("docs/nueva.md:1:"));
    let found = run(&["docs/nueva.md"]);
    assert!(found.contains("Zwirblowski"), "{found}");
    // The sum of the other pages is kept too: the next run on this page
    // neither looks up each of them.
    let memos = |cache: &Path| -> usize {
        let mut n = 0;
        for d in std::fs::read_dir(cache).unwrap() {
            let d = d.unwrap().path();
            if !d.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(d).unwrap() {
                n += usize::from(f.unwrap().file_name().to_string_lossy().contains(".sum-"));
            }
        }
        n
    };
    assert_eq!(memos(&cache), 1);
    let found = run(&["docs/nueva.md"]);
    assert!(found.contains("Zwirblowski"), "{found}");
    // The other page changes behind git's back, size and times kept: as
    // git's index has it, nothing changed, and its citations still count.
    let same_size = cites.replace("Zwirblowski", "Abcdefghijk");
    std::fs::write(&other, &same_size).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&other)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let found = run(&["--no-cache", "docs/nueva.md"]);
    assert!(!found.contains("TYP004"), "read without the index: {found}");
    let found = run(&["docs/nueva.md"]);
    assert!(
        found.contains("Zwirblowski"),
        "not taken from the index: {found}"
    );
    // Once git has seen the change, the page is read again.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    git(&["add", "docs/otra.md"]);
    let found = run(&["docs/nueva.md"]);
    assert!(!found.contains("TYP004"), "stale after git add: {found}");
}
