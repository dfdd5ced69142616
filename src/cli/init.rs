//! `pagelint init`: write the commented default `pagelint.toml`
//! (`rules/pagelint.default.toml`, embedded), never over an existing file.

use std::io::Write as _;
use std::path::Path;

use crate::config::{DEFAULT_CONFIG, FILE_NAME};

pub fn run(dir: &Path) -> Result<u8, String> {
    let path = dir.join(FILE_NAME);
    let shown = path.display();
    if !dir.is_dir() {
        return Err(format!("{}: no such folder", dir.display()));
    }
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
    file.write_all(DEFAULT_CONFIG.as_bytes())
        .map_err(|e| format!("{shown}: {}", super::files::io_reason(&e)))?;
    println!("Wrote {shown} (the defaults, commented).");
    Ok(0)
}
