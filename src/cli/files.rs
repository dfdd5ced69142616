//! Finding the files to check: explicit files, folders walked with
//! `.gitignore` honoured, configuration `exclude` patterns applied.

use std::path::{Path, PathBuf};

pub use crate::engine::repository::{EXTENSIONS, is_markdown};

/// Expand the command-line paths: the files found, and a one-line reason
/// naming each path that could not be used (missing, unreadable, not a
/// regular file or folder, a symlink leading out of the repository, an
/// unreadable folder inside a walk). The others are still checked.
pub fn discover(paths: &[PathBuf], cwd: &Path) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                errors.push(format!("{}: {}", p.display(), io_reason(&e)));
                continue;
            }
        };
        if let Some(e) = leaves_the_repository(p, cwd) {
            errors.push(e);
            continue;
        }
        if meta.is_file() {
            files.push(p.clone());
        } else if meta.is_dir() {
            let (found, errs) = walk(p);
            files.extend(found);
            errors.extend(errs);
        } else {
            errors.push(format!(
                "{}: not a regular file or folder ({}); not read",
                p.display(),
                kind_of(&meta)
            ));
        }
    }
    (files, errors)
}

/// What a special file is, in words.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = meta;
    "a special file"
}

/// The folder a command-line path may lead into: its repository's root
/// (the nearest folder above it holding `.git`), or, outside any
/// repository, the current folder.
pub fn repository_root_or(dir: &Path, cwd: &Path) -> PathBuf {
    dir.ancestors()
        .find(|a| a.join(".git").exists())
        .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf)
}

/// A symlink named on the command line whose target lies outside the
/// repository that holds the link (outside any repository: outside the
/// current folder): the reason it is not followed.
fn leaves_the_repository(p: &Path, cwd: &Path) -> Option<String> {
    let link = std::fs::symlink_metadata(p).ok()?;
    if !link.file_type().is_symlink() {
        return None;
    }
    let abs = absolute(cwd, p);
    let dir = abs.parent()?;
    let real_dir = std::fs::canonicalize(dir).ok()?;
    let root = std::fs::canonicalize(repository_root_or(&real_dir, cwd)).ok()?;
    let target = std::fs::canonicalize(&abs).ok()?;
    if target.starts_with(&root) {
        return None;
    }
    Some(format!(
        "{}: a symbolic link to {}, outside {}; not followed (name the target itself to check it)",
        p.display(),
        target.display(),
        root.display()
    ))
}

/// The Markdown files under `dir`, in the order of a depth-first walk with
/// siblings sorted by name. Walked on every core (`ignore`'s parallel
/// walker), then sorted. A folder that cannot be read is reported and the
/// walk goes on.
fn walk(dir: &Path) -> (Vec<PathBuf>, Vec<String>) {
    use ignore::WalkState;
    use std::sync::Mutex;
    let found: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    let errors: Mutex<Vec<String>> = Mutex::new(Vec::new());
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
            let errors = &errors;
            Box::new(move |entry: Result<ignore::DirEntry, ignore::Error>| {
                match entry {
                    Ok(e) => {
                        if e.file_type().is_some_and(|t| t.is_file()) && is_markdown(e.path()) {
                            batch.mine.push(e.into_path());
                        }
                    }
                    Err(e) => {
                        if let Some(reason) = walk_error(dir, &e) {
                            errors
                                .lock()
                                .unwrap_or_else(|p| p.into_inner())
                                .push(reason);
                        }
                    }
                }
                WalkState::Continue
            })
        });
    let mut errors = errors.into_inner().unwrap_or_else(|p| p.into_inner());
    errors.sort();
    let mut files = found.into_inner().unwrap_or_else(|p| p.into_inner());
    if files.len() < 1024 {
        files.sort_unstable_by(|a, b| walk_order(a, b));
    } else {
        use rayon::slice::ParallelSliceMut as _;
        files.par_sort_unstable_by(|a, b| walk_order(a, b));
    }
    (files, errors)
}

/// The reason of a walk error, naming the path it happened at; `None` for
/// an error that concerns no page (a malformed `.gitignore` line is the
/// walker's business, not a page's).
fn walk_error(dir: &Path, e: &ignore::Error) -> Option<String> {
    fn find(e: &ignore::Error) -> (Option<&Path>, Option<&std::io::Error>) {
        match e {
            ignore::Error::WithPath { path, err } => {
                let (_, io) = find(err);
                (Some(path), io)
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                find(err)
            }
            ignore::Error::Io(io) => (None, Some(io)),
            ignore::Error::Loop { child, .. } => (Some(child), None),
            _ => (None, None),
        }
    }
    match find(e) {
        (path, Some(io)) => Some(format!(
            "{}: {}; its pages are not checked",
            path.unwrap_or(dir).display(),
            io_reason(io)
        )),
        (Some(path), None) if matches!(e, ignore::Error::Loop { .. }) => Some(format!(
            "{}: a symbolic link loop; not followed",
            path.display()
        )),
        _ => None,
    }
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
        let (files, errors) = discover(&[root.to_path_buf()], root);
        assert!(errors.is_empty(), "{errors:?}");
        let got: Vec<String> = files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(got, ["a/b/y.md", "a/z.md", "a.md", "b.md"]);
    }

    #[test]
    fn a_missing_path_among_several_is_reported_and_the_others_found() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.md"), "x\n").unwrap();
        let (files, errors) = discover(&[root.join("nope.md"), root.join("a.md")], root);
        assert_eq!(files, [root.join("a.md")]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("nope.md: no such file"), "{errors:?}");
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_reported_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.md");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !status.is_ok_and(|s| s.success()) {
            return; // no mkfifo here
        }
        let (files, errors) = discover(&[fifo.clone(), PathBuf::from("/dev/null")], dir.path());
        assert!(files.is_empty());
        assert!(
            errors[0].contains("f.md: not a regular file or folder (a FIFO)"),
            "{errors:?}"
        );
        assert!(
            errors[1].contains("/dev/null: not a regular file or folder (a device)"),
            "{errors:?}"
        );
    }

    /// As root, permission bits do not stop a read: the walker's errors
    /// are checked as it reports them.
    #[test]
    fn unreadable_folders_are_named() {
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let e = ignore::Error::WithPath {
            path: PathBuf::from("site/private"),
            err: Box::new(ignore::Error::Io(denied)),
        };
        let e = ignore::Error::WithDepth {
            depth: 1,
            err: Box::new(e),
        };
        assert_eq!(
            walk_error(Path::new("site"), &e).unwrap(),
            "site/private: permission denied; its pages are not checked"
        );
        let glob = ignore::Error::Glob {
            glob: Some("[".into()),
            err: "unclosed".into(),
        };
        assert_eq!(walk_error(Path::new("site"), &glob), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_out_of_the_repository_is_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "x\n").unwrap();
        let repo = tempfile::tempdir().unwrap();
        let root = repo.path();
        std::fs::create_dir(root.join(".git")).unwrap();
        std::fs::write(root.join("in.md"), "x\n").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("out.md")).unwrap();
        std::os::unix::fs::symlink(root.join("in.md"), root.join("ok.md")).unwrap();
        let (files, errors) = discover(&[root.join("out.md"), root.join("ok.md")], root);
        assert_eq!(files, [root.join("ok.md")]);
        assert!(
            errors[0].contains("out.md: a symbolic link to"),
            "{errors:?}"
        );
        assert!(errors[0].contains("not followed"), "{errors:?}");
    }
}
