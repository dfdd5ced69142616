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
        let walker = ignore::WalkBuilder::new(p)
            .hidden(true)
            .git_ignore(true)
            .git_exclude(true)
            .require_git(false)
            // Siblings by name: the same order as by path, cheaper.
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = entry.map_err(|e| format!("{}: {e}", p.display()))?;
            if entry.file_type().is_some_and(|t| t.is_file()) && is_markdown(entry.path()) {
                files.push(entry.into_path());
            }
        }
    }
    Ok(files)
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
