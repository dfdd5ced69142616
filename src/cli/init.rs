//! `pagelint init`: write the commented default `pagelint.toml`
//! (`rules/pagelint.default.toml`, embedded), or with `--from-markdownlint`
//! the one equivalent to a markdownlint configuration; never over an
//! existing file.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::config::{DEFAULT_CONFIG, FILE_NAME};

pub fn run(dir: &Path, from_markdownlint: Option<&Option<PathBuf>>) -> Result<u8, String> {
    let path = dir.join(FILE_NAME);
    let shown = path.display();
    if !dir.is_dir() {
        return Err(format!("{}: no such folder", dir.display()));
    }
    let (content, said) = match from_markdownlint {
        None => (
            DEFAULT_CONFIG.to_string(),
            format!("Wrote {shown} (the defaults, commented)."),
        ),
        Some(given) => {
            let source = match given {
                Some(file) => file.clone(),
                None => find_markdownlint(dir).ok_or_else(|| {
                    format!(
                        "{}: no markdownlint configuration here or above ({})",
                        dir.display(),
                        crate::markdownlint::FILE_NAMES.join(", ")
                    )
                })?,
            };
            let (object, ignores) =
                crate::markdownlint::read(&source, 0).map_err(|e| e.to_string())?;
            let name = source.display().to_string();
            let text = crate::markdownlint::to_pagelint_toml(&object, &ignores, &name)
                .map_err(|e| format!("{name}: {e}"))?;
            (text, format!("Wrote {shown} from {name}."))
        }
    };
    // `create_new` refuses an existing file (or symlink) atomically.
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(format!("{shown} already exists; not overwritten"));
        }
        Err(e) => return Err(format!("{shown}: {}", super::files::io_reason(&e))),
    };
    file.write_all(content.as_bytes())
        .map_err(|e| format!("{shown}: {}", super::files::io_reason(&e)))?;
    println!("{said}");
    Ok(0)
}

/// The nearest markdownlint configuration, from `dir` up.
fn find_markdownlint(dir: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(dir).ok()?;
    abs.ancestors().find_map(crate::markdownlint::find_in)
}
