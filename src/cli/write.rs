//! Safe writes (SPEC §5): a temporary file in the same folder, permissions
//! copied, synced, renamed over the original — and never over a file that
//! changed on disk since pagelint read it.

use std::io::Write;
use std::path::Path;

use super::files::io_reason;

/// Replace `path` with `contents`, if it still holds `original`.
pub fn write_atomic(path: &Path, original: &[u8], contents: &[u8]) -> Result<(), String> {
    // Write through symlinks, to the file they point at.
    let target = std::fs::canonicalize(path)
        .map_err(|e| format!("{}: {}", path.display(), io_reason(&e)))?;
    let now =
        std::fs::read(&target).map_err(|e| format!("{}: {}", path.display(), io_reason(&e)))?;
    if now != original {
        return Err(format!(
            "{}: changed on disk while pagelint was working; not overwritten",
            path.display()
        ));
    }
    let meta =
        std::fs::metadata(&target).map_err(|e| format!("{}: {}", path.display(), io_reason(&e)))?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".pagelint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| {
            format!(
                "{}: cannot create a temporary file: {}",
                path.display(),
                io_reason(&e)
            )
        })?;
    let fail = |e: std::io::Error| format!("{}: {}", path.display(), io_reason(&e));
    tmp.write_all(contents).map_err(fail)?;
    tmp.as_file()
        .set_permissions(meta.permissions())
        .map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(&target).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_file_changed_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "new\n").unwrap();
        let err = write_atomic(&p, b"old\n", b"fixed\n").unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new\n");
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "x  \n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&p, &link).unwrap();
        write_atomic(&link, b"x  \n", b"x\n").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "x\n");
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
}
