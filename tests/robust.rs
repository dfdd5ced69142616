//! Issue 10 (items 1 and 3) from the command line: decoding that cannot
//! corrupt, stdin behaving as a file, the size limit on stdin, and a
//! crash-free run on inputs that once panicked.

use std::path::Path;

use assert_cmd::Command;

mod common;

fn pagelint(cache: &Path) -> Command {
    let mut c = Command::cargo_bin("pagelint").unwrap();
    c.env_remove("NO_COLOR");
    c.env("PAGELINT_CACHE_DIR", cache.join("cache"));
    c
}

#[test]
fn utf32_with_a_bom_is_transcoded_not_corrupted() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("le.md", &b"\xff\xfe\x00\x00#\x00\x00\x00\n\x00\x00\x00"[..]),
        ("be.md", &b"\x00\x00\xfe\xff\x00\x00\x00#\x00\x00\x00\n"[..]),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let out = pagelint(dir.path())
            .args(["--fix", "--select", "ENC002"])
            .arg(&p)
            .output()
            .unwrap();
        assert!(out.status.code().unwrap() <= 1, "{out:?}");
        assert_eq!(std::fs::read(&p).unwrap(), b"#\n", "{name}");
    }
}

/// `pagelint --fix -` prints what `pagelint --fix FILE` leaves in FILE.
fn stdin_and_file_agree(bytes: &[u8], args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("page.md");
    std::fs::write(&p, bytes).unwrap();
    let file = pagelint(dir.path())
        .arg("--fix")
        .args(args)
        .arg(&p)
        .output()
        .unwrap();
    let stdin = pagelint(dir.path())
        .arg("--fix")
        .args(args)
        .arg("-")
        .write_stdin(bytes)
        .output()
        .unwrap();
    assert_eq!(
        stdin.stdout,
        std::fs::read(&p).unwrap(),
        "{args:?} {bytes:?}"
    );
    assert_eq!(
        stdin.status.code(),
        file.status.code(),
        "{args:?} {bytes:?}"
    );
}

#[test]
fn stdin_behaves_as_a_file() {
    // Invalid UTF-8 whose transcoding needs --unsafe-fixes: not applied.
    stdin_and_file_agree(b"\xc3\xad \xc3", &[]);
    stdin_and_file_agree(b"\xc3\xad \xc3", &["--unsafe-fixes"]);
    stdin_and_file_agree(b"# T\xedtulo\n\nHola   \n", &[]);
    stdin_and_file_agree(b"# T\n\nHola   \n", &[]);
    // Binary: an error, the bytes are kept.
    stdin_and_file_agree(b"a\x00b\n", &[]);
    let dir = tempfile::tempdir().unwrap();
    let out = pagelint(dir.path())
        .args(["--fix", "-"])
        .write_stdin(&b"\xc3\xad \xc3"[..])
        .output()
        .unwrap();
    assert_eq!(out.stdout, b"\xc3\xad \xc3");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ENC002"), "{err}");
}

#[test]
fn stdin_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = vec![b'a'; 64 * 1024 * 1024 + 1];
    let out = pagelint(dir.path())
        .args(["--fix", "-"])
        .write_stdin(big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("too large") && err.contains("64 MB"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn full_format_names_the_line_of_a_finding_far_into_the_page() {
    // The excerpt given to miette starts at the finding's lines: the
    // header still names the line and column in the whole page.
    let text = format!("{}ñé x   \nfin\n", "línea\n".repeat(300));
    let r = common::run("MD009", text.as_bytes(), None).unwrap();
    assert_eq!(r.diagnostics.len(), 1);
    let mut out = String::new();
    let lines = pagelint::document::LineIndex::new(&text);
    pagelint::output::render_full("page.md", &text, &lines, &r.diagnostics, false, &mut out);
    assert!(out.contains("[page.md:301:"), "{out}");
    assert!(out.contains("ñé x"), "{out}");
}
