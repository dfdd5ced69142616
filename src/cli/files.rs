//! Finding the files to check: explicit files, folders walked with
//! `.gitignore` honoured, configuration `exclude` patterns applied.

use std::path::{Path, PathBuf};

/// Markdown file extensions.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "mkdn"];

pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Expand the command-line paths. Errors name the path.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for p in paths {
        let meta =
            std::fs::metadata(p).map_err(|e| format!("{}: {}", p.display(), io_reason(&e)))?;
        if meta.is_file() {
            files.push(p.clone());
            continue;
        }
        files.extend(walk(p)?);
    }
    Ok(files)
}

/// The Markdown files under `dir`, in the order of a depth-first walk with
/// siblings sorted by name. Walked on every core (`ignore`'s parallel
/// walker), then sorted.
fn walk(dir: &Path) -> Result<Vec<PathBuf>, String> {
    use ignore::WalkState;
    use std::sync::Mutex;
    let found: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    let error: Mutex<Option<String>> = Mutex::new(None);
    ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .build_parallel()
        .run(|| {
            let mut batch = Batch {
                mine: Vec::new(),
                found: &found,
            };
            let error = &error;
            Box::new(move |entry: Result<ignore::DirEntry, ignore::Error>| {
                match entry {
                    Ok(e) => {
                        if e.file_type().is_some_and(|t| t.is_file()) && is_markdown(e.path()) {
                            batch.mine.push(e.into_path());
                        }
                    }
                    Err(e) => {
                        let mut slot = error.lock().unwrap_or_else(|p| p.into_inner());
                        slot.get_or_insert_with(|| format!("{}: {e}", dir.display()));
                        return WalkState::Quit;
                    }
                }
                WalkState::Continue
            })
        });
    if let Some(e) = error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    let mut files = found.into_inner().unwrap_or_else(|p| p.into_inner());
    {
        use rayon::slice::ParallelSliceMut as _;
        files.par_sort_unstable_by(|a, b| walk_order(a, b));
    }
    Ok(files)
}

/// One walker thread's files, handed over when the thread is done.
struct Batch<'a> {
    mine: Vec<PathBuf>,
    found: &'a std::sync::Mutex<Vec<PathBuf>>,
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        self.found
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .append(&mut self.mine);
    }
}

/// Depth-first order with siblings by name: the paths' bytes compared with
/// the separator below every other byte. (The walker joins names to one
/// root, so there are no `.` or doubled separators to normalise; this is
/// `Path::cmp` without its cost.)
fn walk_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let key = |c: u8| {
        if std::path::is_separator(c as char) {
            0
        } else {
            c
        }
    };
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    // The first difference decides (the mapping is one-to-one); the common
    // prefix is skipped eight bytes at a time.
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= n && a[i..i + 8] == b[i..i + 8] {
        i += 8;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    if i < n {
        key(a[i]).cmp(&key(b[i]))
    } else {
        a.len().cmp(&b.len())
    }
}

/// `path` made absolute against `cwd`, `.` components dropped and `..`
/// components resolved by the text (as Python's `os.path.abspath` and
/// ruff do; `std::path::absolute` keeps `..` and asks the OS for the
/// current folder each time). A page reached as `../site/a.md` is the same
/// page as `/work/site/a.md`: the same cache entry, and above all the same
/// ancestors, where its repository is looked for (with `..` kept, the
/// folder the command runs in would pass for one of them). The walker's
/// `./docs/a.md` is the common case, done cheaply.
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    use std::path::Component;
    let bytes = path.as_os_str().as_encoded_bytes();
    let rest = bytes.strip_prefix(b"./").unwrap_or(bytes);
    let simple = !rest.starts_with(b"./")
        && !rest.ends_with(b"/.")
        && rest != b"."
        && !rest.windows(3).any(|w| w == b"/./")
        && !rest.windows(2).any(|w| w == b"//")
        && !rest.windows(2).any(|w| w == b"..");
    if simple {
        if path.is_absolute() {
            return path.to_path_buf();
        }
        if let Ok(rel) = path.strip_prefix(".") {
            return cwd.join(rel);
        }
        return cwd.join(path);
    }
    let mut out = PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            Component::CurDir => {}
            // Above the root is the root.
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// [`absolute`] of every path. A folder's files come together (walk
/// order): the folder's absolute path is made once for all of them.
pub fn absolute_all(cwd: &Path, paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::with_capacity(paths.len());
    let mut folder: Option<(&Path, PathBuf)> = None;
    for f in paths {
        match (f.parent(), f.file_name()) {
            (Some(p), Some(name)) if !p.as_os_str().is_empty() => match &folder {
                Some((q, dir)) if p == *q => out.push(dir.join(name)),
                _ => {
                    let dir = absolute(cwd, p);
                    out.push(dir.join(name));
                    folder = Some((p, dir));
                }
            },
            _ => out.push(absolute(cwd, f)),
        }
    }
    out
}

/// A short reason for an I/O error, without the OS error number.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_drops_dot_components() {
        let cwd = Path::new("/work/site");
        for (p, want) in [
            ("./docs/a.md", "/work/site/docs/a.md"),
            ("docs/a.md", "/work/site/docs/a.md"),
            ("./a.md", "/work/site/a.md"),
            ("docs/./a.md", "/work/site/docs/a.md"),
            ("./././a.md", "/work/site/a.md"),
            ("docs//a.md", "/work/site/docs/a.md"),
            ("/abs/./x.md", "/abs/x.md"),
            ("/abs/x.md", "/abs/x.md"),
        ] {
            let got = absolute(cwd, Path::new(p));
            assert_eq!(got, PathBuf::from(want), "{p}");
            assert_eq!(got.to_str().unwrap(), want, "{p}");
            assert_eq!(got, std::path::absolute(cwd.join(p)).unwrap(), "{p}");
        }
    }

    #[test]
    fn absolute_all_is_absolute_of_each() {
        let cwd = Path::new("/work/site");
        let paths: Vec<PathBuf> = [
            "./docs/a.md",
            "./docs/b.md",
            "docs/./c.md",
            "a.md",
            "../up/x.md",
            "../up/y.md",
            "/abs/z.md",
            "./docs/a.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let each: Vec<PathBuf> = paths.iter().map(|p| absolute(cwd, p)).collect();
        assert_eq!(absolute_all(cwd, &paths), each);
    }

    #[test]
    fn absolute_resolves_parent_components() {
        let cwd = Path::new("/work/site");
        for (p, want) in [
            ("../up.md", "/work/up.md"),
            ("../shared/corpus/a.md", "/work/shared/corpus/a.md"),
            ("docs/../a.md", "/work/site/a.md"),
            ("./docs/./../b/c.md", "/work/site/b/c.md"),
            ("/abs/x/../y.md", "/abs/y.md"),
            ("../../../../a.md", "/a.md"),
            // A name that only contains two dots is a name.
            ("docs/a..b.md", "/work/site/docs/a..b.md"),
        ] {
            assert_eq!(absolute(cwd, Path::new(p)).to_str().unwrap(), want, "{p}");
        }
    }

    #[test]
    fn walk_order_is_path_order() {
        let mut paths: Vec<PathBuf> = [
            "./a.md",
            "./a/x.md",
            "./a-b.md",
            "./a/b/c.md",
            "./a/b.md",
            "./b.md",
            "./a.b/z.md",
            "./A.md",
            "./ñ.md",
            "./a/b c/d.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let mut by_path = paths.clone();
        by_path.sort();
        paths.sort_by(|a, b| walk_order(a, b));
        assert_eq!(paths, by_path);
    }

    #[test]
    fn walks_sorted_and_skips_hidden_and_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b.md",
            "a/z.md",
            "a/b/y.md",
            "a.md",
            ".hidden/x.md",
            "skip/x.md",
            "n.txt",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x\n").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "skip/\n").unwrap();
        let got: Vec<String> = discover(&[root.to_path_buf()])
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(got, ["a/b/y.md", "a/z.md", "a.md", "b.md"]);
    }
}
