//! Fixes that promise the reader sees the same page (SPEC §5, issue 10
//! item 4): for the whitespace and invisible-character rules, the expected
//! safe-fix output of every fixture must render to the same HTML as its
//! input. Independent of the guard: comrak renders both files here.
//!
//! The encoding rules remove or normalize characters a reader does not see,
//! so their comparison drops invisible characters and compares in NFC; a
//! C1 control that ENC005 repairs to the character its byte means in
//! windows-1252 ("\u{85}" is "…") compares as that character.
//! Runs of whitespace count as one space outside `<pre>`, `<code>` and
//! `<textarea>` (a browser shows a tab in prose as one space), and count
//! exactly inside them.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use pagelint::document::comrak_options;

/// Rules whose safe fixes must leave the rendered HTML as it is.
const EXACT: &[&str] = &["MD009", "MD010", "MD012", "MD047"];
/// Rules whose safe fixes only remove or normalize invisible differences.
const INVISIBLE: &[&str] = &["ENC003", "ENC005", "ENC006"];

fn render(text: &str) -> String {
    comrak::markdown_to_html(text, &comrak_options())
}

fn seen(html: &str) -> String {
    html.chars()
        .map(windows_1252)
        .collect::<String>()
        .nfc()
        .filter(|&c| c != '\u{feff}' && pagelint::text::invisible::lookup(c).is_none())
        .collect()
}

/// A C1 control as the windows-1252 character of its byte, where it has one.
fn windows_1252(c: char) -> char {
    let Ok(b) = u8::try_from(c as u32) else {
        return c;
    };
    if !(0x80..=0x9f).contains(&b) {
        return c;
    }
    let byte = [b];
    let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
    s.chars().next().filter(|m| !m.is_control()).unwrap_or(c)
}

/// Whitespace runs as one space outside elements that keep whitespace.
fn collapse(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut keep = 0usize;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = rest[..end].to_ascii_lowercase();
            let name: String = tag
                .trim_start_matches(['<', '/'])
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if matches!(name.as_str(), "pre" | "code" | "textarea") {
                if tag.starts_with("</") {
                    keep = keep.saturating_sub(1);
                } else {
                    keep += 1;
                }
            }
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if keep == 0 && c.is_ascii_whitespace() {
            let end = rest
                .find(|c: char| !c.is_ascii_whitespace())
                .unwrap_or(rest.len());
            out.push(' ');
            rest = &rest[end..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

#[test]
fn safe_fixes_of_whitespace_and_invisible_rules_keep_the_rendering() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut failures = Vec::new();
    let mut compared = 0;
    for (codes, invisible) in [(EXACT, false), (INVISIBLE, true)] {
        for code in codes {
            let dir = root.join(code).join("fire");
            let mut inputs: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let n = p.file_name().unwrap().to_string_lossy();
                    n.ends_with(".md") && !n.ends_with(".fixed.md") && !n.ends_with(".unsafe.md")
                })
                .collect();
            inputs.sort();
            for input in inputs {
                let fixed = input.with_extension("fixed.md");
                let (Ok(before), Ok(after)) =
                    (std::fs::read(&input), std::fs::read_to_string(&fixed))
                else {
                    continue;
                };
                // Fixtures that are not UTF-8 are about decoding, not rendering.
                let Ok(before) = String::from_utf8(before) else {
                    continue;
                };
                let (mut a, mut b) = (collapse(&render(&before)), collapse(&render(&after)));
                if invisible {
                    (a, b) = (seen(&a), seen(&b));
                }
                compared += 1;
                if a != b {
                    failures.push(format!(
                        "{}: the safe fix changes the rendering\n--- before\n{a}--- after\n{b}",
                        input.display()
                    ));
                }
            }
        }
    }
    assert!(compared > 20, "only {compared} fixtures compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every Markdown file under `dir`, relative to it.
fn markdown_files(dir: &Path, base: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            markdown_files(&p, base, out);
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p.strip_prefix(base).unwrap().to_path_buf());
        }
    }
}

/// The corpus check of issue 10 item 4, run by hand on two copies of a
/// folder, one of them fixed with the whitespace and invisible-character
/// rules only:
///
/// ```text
/// cp -r ../shared/corpus /tmp/before; cp -r ../shared/corpus /tmp/after
/// pagelint --fix --select MD009,MD010,MD012,MD047,ENC003,ENC005,ENC006 /tmp/after
/// RENDER_BEFORE=/tmp/before RENDER_AFTER=/tmp/after \
///     cargo test --release --test rendering -- --ignored
/// ```
///
/// Every page must render as before (invisible characters aside).
#[test]
#[ignore = "needs RENDER_BEFORE and RENDER_AFTER"]
fn fixed_copy_renders_like_the_original() {
    let (Some(before), Some(after)) = (
        std::env::var_os("RENDER_BEFORE"),
        std::env::var_os("RENDER_AFTER"),
    ) else {
        panic!("set RENDER_BEFORE and RENDER_AFTER");
    };
    let (before, after) = (Path::new(&before), Path::new(&after));
    let mut files = Vec::new();
    markdown_files(before, before, &mut files);
    files.sort();
    let (mut changed, mut differ) = (0, Vec::new());
    for f in &files {
        let (Ok(a), Ok(b)) = (std::fs::read(before.join(f)), std::fs::read(after.join(f))) else {
            continue;
        };
        if a == b {
            continue;
        }
        changed += 1;
        let (Ok(a), Ok(b)) = (String::from_utf8(a), String::from_utf8(b)) else {
            continue;
        };
        if seen(&collapse(&render(&a))) != seen(&collapse(&render(&b))) {
            differ.push(f.display().to_string());
        }
    }
    println!(
        "{} pages, {changed} changed, {} render differently",
        files.len(),
        differ.len()
    );
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
