//! Whole files read for lookups (the result cache, git's index, the
//! repository index): mapped into memory where the platform allows, so that
//! a one-page run inside a large checkout does not copy megabytes into
//! fresh memory to read a few entries of them (the pre-commit case, issue
//! 11: reading the 5 MB result cache and the 2 MB git index page by page
//! cost as much as checking the page).
//!
//! The mapping is private and read-only. Every file read this way is
//! replaced by rename, never rewritten in place (pagelint's own caches;
//! git writes `index.lock` and renames it), so the mapped bytes cannot
//! change or shrink under the reader. Small files, and platforms without
//! `mmap`, are read into memory.

use std::ops::Deref;
use std::path::Path;

/// Below this size a plain read is as cheap as a mapping.
const MAP_FROM: u64 = 64 * 1024;

/// The bytes of a file.
pub struct Bytes {
    inner: Inner,
}

enum Inner {
    Owned(Vec<u8>),
    #[cfg(unix)]
    Mapped {
        ptr: *mut libc::c_void,
        len: usize,
    },
}

// SAFETY: the mapping is read-only and private; nothing writes through it.
unsafe impl Send for Bytes {}
// SAFETY: as above; shared reads of immutable memory.
unsafe impl Sync for Bytes {}

impl From<Vec<u8>> for Bytes {
    fn from(v: Vec<u8>) -> Bytes {
        Bytes {
            inner: Inner::Owned(v),
        }
    }
}

impl Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match &self.inner {
            Inner::Owned(v) => v,
            // SAFETY: `ptr` maps `len` readable bytes until `drop`.
            #[cfg(unix)]
            Inner::Mapped { ptr, len } => unsafe {
                std::slice::from_raw_parts(*ptr as *const u8, *len)
            },
        }
    }
}

impl Drop for Bytes {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Inner::Mapped { ptr, len } = self.inner {
            // SAFETY: `ptr`/`len` are the mapping made in `read`, unmapped once.
            unsafe {
                libc::munmap(ptr, len);
            }
        }
    }
}

/// The whole file at `path`.
pub fn read(path: &Path) -> std::io::Result<Bytes> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    #[cfg(unix)]
    if len >= MAP_FROM
        && let Ok(len) = usize::try_from(len)
        && let Some(b) = map(&file, len)
    {
        return Ok(b);
    }
    let mut v = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.read_to_end(&mut v)?;
    Ok(Bytes::from(v))
}

#[cfg(unix)]
fn map(file: &std::fs::File, len: usize) -> Option<Bytes> {
    use std::os::fd::AsRawFd as _;
    #[cfg(target_os = "linux")]
    let flags = libc::MAP_PRIVATE | libc::MAP_POPULATE;
    #[cfg(not(target_os = "linux"))]
    let flags = libc::MAP_PRIVATE;
    // SAFETY: a fresh read-only private mapping of an open file; checked
    // for failure below.
    let ptr = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ,
            flags,
            file.as_raw_fd(),
            0,
        )
    };
    (ptr != libc::MAP_FAILED).then_some(Bytes {
        inner: Inner::Mapped { ptr, len },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_and_large_files_read_the_same_bytes() {
        let dir = tempfile::tempdir().unwrap();
        for n in [0usize, 10, MAP_FROM as usize + 12_345] {
            let data: Vec<u8> = (0..n).map(|i| (i * 7 % 251) as u8).collect();
            let p = dir.path().join(format!("f{n}"));
            std::fs::write(&p, &data).unwrap();
            let b = read(&p).unwrap();
            assert_eq!(&*b, &data[..]);
        }
        assert!(read(&dir.path().join("missing")).is_err());
    }
}
