//! Safe writes (SPEC §5, issue 10 item 2): a temporary file in the same
//! folder, permissions, owner and group copied, synced, renamed over the
//! original — and never over a file that changed on disk since pagelint
//! read it.
//!
//! What is checked, and when:
//! - before anything is written: the file is still the one read (the stat
//!   signature of the open file at read time: device, inode, size,
//!   modification and change times) and still holds the bytes read
//!   (128-bit xxh3);
//! - after the temporary file is complete and synced, immediately before
//!   the rename: the same checks again, on the path and on a descriptor
//!   opened on the original before the write began;
//! - after the rename: that descriptor (the replaced file) is checked once
//!   more. A process that wrote to the old file in the instant between the
//!   last check and the rename is detected there, and its version is put
//!   back (the fixes are dropped and the file is reported).
//!
//! A file without any write bit is reported, never rewritten. A file with
//! more than one hard link is written in place once the temporary copy is
//! complete, so that every link keeps seeing the same file. SIGINT and
//! SIGTERM during a write remove the temporary files before the process
//! dies ([`signals`]).

use std::fs::{File, Metadata};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::files::io_reason;

/// What identifies the state of a file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Signature {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl Signature {
    #[cfg(unix)]
    fn of(m: &Metadata) -> Signature {
        use std::os::unix::fs::MetadataExt;
        Signature {
            dev: m.dev(),
            ino: m.ino(),
            len: m.len(),
            mtime: (m.mtime(), m.mtime_nsec()),
            ctime: (m.ctime(), m.ctime_nsec()),
        }
    }

    #[cfg(not(unix))]
    fn of(m: &Metadata) -> Signature {
        let nanos = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos() as i64))
        };
        Signature {
            dev: 0,
            ino: 0,
            len: m.len(),
            mtime: nanos(m.modified()),
            ctime: (0, 0),
        }
    }
}

fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// Does `file` (read from its start) hold exactly `want` bytes with this
/// hash?
fn holds(file: &mut File, len: usize, want: u128) -> std::io::Result<bool> {
    file.rewind()?;
    let mut now = Vec::with_capacity(len + 1);
    file.take(len as u64 + 1).read_to_end(&mut now)?;
    Ok(now.len() == len && hash(&now) == want)
}

fn changed(path: &Path) -> String {
    format!(
        "{}: changed on disk while pagelint was working; not overwritten (the other change is kept; run pagelint again)",
        path.display()
    )
}

/// Replace `path` with `contents`, if it still holds `original` (and, when
/// `read_meta` is given, is still the file that was read then).
pub fn write_atomic(
    path: &Path,
    original: &[u8],
    read_meta: Option<&Metadata>,
    contents: &[u8],
) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("{}: {}", path.display(), io_reason(&e));
    // Write through symlinks, to the file they point at.
    let target = std::fs::canonicalize(path).map_err(fail)?;
    let want = hash(original);
    // The original, held open: after the rename it is how a late change
    // to the replaced file is seen.
    let mut held = File::open(&target).map_err(fail)?;
    let meta = held.metadata().map_err(fail)?;
    let signature = Signature::of(&meta);
    if read_meta.is_some_and(|m| Signature::of(m) != signature)
        || !holds(&mut held, original.len(), want).map_err(fail)?
    {
        return Err(changed(path));
    }
    if meta.permissions().readonly() {
        return Err(format!(
            "{}: read-only (no write permission bit); not rewritten",
            path.display()
        ));
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = Temp::new(dir).map_err(|e| {
        format!(
            "{}: cannot create a temporary file: {}",
            path.display(),
            io_reason(&e)
        )
    })?;
    tmp.file.write_all(contents).map_err(fail)?;
    tmp.file.set_permissions(meta.permissions()).map_err(fail)?;
    keep_owner(&tmp.file, &meta).map_err(fail)?;
    tmp.file.sync_all().map_err(fail)?;

    // Immediately before the rename: still the same file, same bytes.
    let still = |held: &mut File| -> std::io::Result<bool> {
        let now = std::fs::metadata(&target)?;
        Ok(Signature::of(&now) == signature
            && Signature::of(&held.metadata()?) == signature
            && holds(held, original.len(), want)?)
    };
    if !still(&mut held).map_err(fail)? {
        return Err(changed(path));
    }
    if links(&meta) > 1 {
        return write_in_place(path, &target, contents, tmp);
    }
    tmp.persist(&target).map_err(fail)?;
    // After: the replaced file must not have changed in the meantime.
    // (The rename unlinked it, which changes its change time: compared
    // without it.)
    let content = |s: Signature| Signature { ctime: (0, 0), ..s };
    match held.metadata() {
        Ok(m) if content(Signature::of(&m)) == content(signature) => Ok(()),
        _ => {
            put_back(&target, &mut held);
            Err(changed(path))
        }
    }
}

/// The number of hard links of a file.
fn links(meta: &Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// Owner and group as they were (as root, a file owned by another user
/// stays theirs). Not being allowed to give a file away is not an error
/// when it already belongs to us.
fn keep_owner(file: &File, meta: &Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let mine = file.metadata()?;
        if mine.uid() == meta.uid() && mine.gid() == meta.gid() {
            return Ok(());
        }
        match std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())) {
            Ok(()) => Ok(()),
            // An ordinary user can keep the group, if a member.
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                if mine.uid() == meta.uid() {
                    std::os::unix::fs::fchown(file, None, Some(meta.gid())).or(Ok(()))
                } else {
                    Err(std::io::Error::new(
                        e.kind(),
                        "cannot keep the file's owner; not rewritten",
                    ))
                }
            }
            Err(e) => Err(e),
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, meta);
        Ok(())
    }
}

/// A file with several hard links: the new bytes are copied into the file
/// itself (the temporary copy is complete and synced first; it is removed
/// once the copy is done).
fn write_in_place(path: &Path, target: &Path, contents: &[u8], tmp: Temp) -> Result<(), String> {
    let done = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new().write(true).open(target)?;
        f.write_all(contents)?;
        f.set_len(contents.len() as u64)?;
        f.sync_all()
    })();
    done.map_err(|e| {
        // The complete copy stays, for the user to move into place.
        let kept = tmp.keep();
        format!(
            "{}: writing in place failed ({}); the fixed text is in {}",
            path.display(),
            io_reason(&e),
            kept.display()
        )
    })
}

/// The replaced file changed between the last check and the rename: its
/// bytes (the other process's version) go back in place of the fixed file.
fn put_back(target: &Path, held: &mut File) {
    let mut theirs = Vec::new();
    if held.rewind().is_err() || held.read_to_end(&mut theirs).is_err() {
        return;
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let Ok(mut tmp) = Temp::new(dir) else {
        return;
    };
    if tmp.file.write_all(&theirs).is_err() {
        return;
    }
    if let Ok(m) = held.metadata() {
        let _ = tmp.file.set_permissions(m.permissions());
        let _ = keep_owner(&tmp.file, &m);
    }
    let _ = tmp.file.sync_all();
    let _ = tmp.persist(target);
}

/// A temporary file `.pagelint-….tmp` beside the target. Its name is
/// registered for removal on a signal before the file is created, so that
/// no instant exists where it is on disk and unknown to the handler; it is
/// removed on drop unless persisted or kept.
struct Temp {
    path: PathBuf,
    file: File,
    _signal: signals::Registered,
    done: bool,
}

impl Temp {
    fn new(dir: &Path) -> std::io::Result<Temp> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut last = None;
        for _ in 0..16 {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let name = format!(
                ".pagelint-{}-{n}-{:08x}.tmp",
                std::process::id(),
                xxhash_rust::xxh3::xxh3_64(
                    &[n.to_le_bytes(), u64::from(nanos).to_le_bytes()].concat()
                ) as u32
            );
            let path = dir.join(name);
            let registered = signals::Registered::new(&path);
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(file) => {
                    return Ok(Temp {
                        path,
                        file,
                        _signal: registered,
                        done: false,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
    }

    fn persist(mut self, to: &Path) -> std::io::Result<()> {
        std::fs::rename(&self.path, to)?;
        self.done = true;
        Ok(())
    }

    fn keep(mut self) -> PathBuf {
        self.done = true;
        self.path.clone()
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Temporary files are removed when SIGINT or SIGTERM ends the process
/// mid-write. The handler is installed with the first write; it unlinks
/// every registered path (`unlink` is async-signal-safe) and re-raises the
/// signal with its default action.
pub mod signals {
    use std::path::Path;

    #[cfg(unix)]
    mod imp {
        use std::ffi::CString;
        use std::sync::Once;
        use std::sync::atomic::{AtomicPtr, Ordering};

        const SLOTS: usize = 256;
        #[allow(clippy::declare_interior_mutable_const)]
        const EMPTY: AtomicPtr<libc::c_char> = AtomicPtr::new(std::ptr::null_mut());
        static PATHS: [AtomicPtr<libc::c_char>; SLOTS] = [EMPTY; SLOTS];
        static INSTALL: Once = Once::new();

        extern "C" fn on_signal(sig: libc::c_int) {
            for slot in &PATHS {
                let p = slot.load(Ordering::SeqCst);
                if !p.is_null() {
                    // SAFETY: `p` is a leaked, never freed C string.
                    unsafe { libc::unlink(p) };
                }
            }
            // SAFETY: async-signal-safe calls; the default action ends the
            // process with the signal's status.
            unsafe {
                libc::signal(sig, libc::SIG_DFL);
                libc::raise(sig);
            }
        }

        fn install() {
            INSTALL.call_once(|| {
                for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
                    // SAFETY: installing a handler that only makes
                    // async-signal-safe calls.
                    unsafe {
                        let mut action: libc::sigaction = std::mem::zeroed();
                        action.sa_sigaction = on_signal as *const () as libc::sighandler_t;
                        libc::sigemptyset(&mut action.sa_mask);
                        libc::sigaction(sig, &action, std::ptr::null_mut());
                    }
                }
            });
        }

        /// Register `path`; the slot it took (`None` when all are taken:
        /// the file is then removed on drop only).
        pub fn register(path: &std::path::Path) -> Option<usize> {
            use std::os::unix::ffi::OsStrExt;
            install();
            let c = CString::new(path.as_os_str().as_bytes()).ok()?;
            // Leaked on purpose: the handler may read it at any moment.
            let p = c.into_raw();
            for (i, slot) in PATHS.iter().enumerate() {
                if slot
                    .compare_exchange(std::ptr::null_mut(), p, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
                {
                    return Some(i);
                }
            }
            None
        }

        pub fn unregister(slot: usize) {
            PATHS[slot].store(std::ptr::null_mut(), Ordering::SeqCst);
        }
    }

    /// A temporary file registered for removal on a signal, while alive.
    pub struct Registered(Option<usize>);

    impl Registered {
        pub fn new(path: &Path) -> Registered {
            #[cfg(unix)]
            {
                Registered(imp::register(path))
            }
            #[cfg(not(unix))]
            {
                let _ = path;
                Registered(None)
            }
        }
    }

    impl Drop for Registered {
        fn drop(&mut self) {
            #[cfg(unix)]
            if let Some(slot) = self.0 {
                imp::unregister(slot);
            }
        }
    }
}

/// The temporary files pagelint may leave behind in `dir` if killed with
/// SIGKILL (no handler runs then): `.pagelint-*.tmp`.
pub fn leftovers(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(".pagelint-") && n.ends_with(".tmp"))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(p: &Path) -> Metadata {
        std::fs::metadata(p).unwrap()
    }

    #[test]
    fn refuses_a_file_changed_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "new\n").unwrap();
        let err = write_atomic(&p, b"old\n", None, b"fixed\n").unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new\n");
    }

    #[test]
    fn refuses_a_file_replaced_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "x  \n").unwrap();
        let read = meta(&p);
        // Same bytes, but another file now (an editor saved it again).
        let q = dir.path().join("b.md");
        std::fs::write(&q, "x  \n").unwrap();
        std::fs::rename(&q, &p).unwrap();
        let err = write_atomic(&p, b"x  \n", Some(&read), b"x\n").unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "x  \n");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn writes_when_nothing_changed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "x  \n").unwrap();
        let read = meta(&p);
        write_atomic(&p, b"x  \n", Some(&read), b"x\n").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "x\n");
        assert!(leftovers(dir.path()).is_empty());
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
        write_atomic(&link, b"x  \n", None, b"x\n").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "x\n");
        assert_eq!(meta(&p).permissions().mode() & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_reported_not_rewritten() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "x  \n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
        // As root the write would succeed: the bit is what is respected.
        let err = write_atomic(&p, b"x  \n", None, b"x\n").unwrap_err();
        assert!(err.contains("read-only"), "{err}");
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "x  \n");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_stay_one_file() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        let q = dir.path().join("b.md");
        std::fs::write(&p, "x  \n").unwrap();
        std::fs::hard_link(&p, &q).unwrap();
        let ino = meta(&p).ino();
        write_atomic(&p, b"x  \n", Some(&meta(&p)), b"x\n").unwrap();
        assert_eq!(std::fs::read_to_string(&q).unwrap(), "x\n");
        assert_eq!(meta(&p).ino(), ino);
        assert_eq!(meta(&p).nlink(), 2);
        assert!(leftovers(dir.path()).is_empty());
    }

    /// As root here: a file owned by another user stays theirs.
    #[cfg(unix)]
    #[test]
    fn owner_and_group_are_kept() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "x  \n").unwrap();
        if std::os::unix::fs::chown(&p, Some(12345), Some(23456)).is_err() {
            return; // not root: cannot set up another owner
        }
        write_atomic(&p, b"x  \n", None, b"x\n").unwrap();
        assert_eq!((meta(&p).uid(), meta(&p).gid()), (12345, 23456));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "x\n");
    }
}
