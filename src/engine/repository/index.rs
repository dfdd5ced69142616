//! The repository index: each page's contributions ([`Collector`]s), kept
//! between runs so that a run reads only the pages that changed.
//!
//! - **Key**: the page's absolute path; an entry holds the page's
//!   [`signature`] when it was read, the xxh3 of its bytes, and its
//!   contributions to every collector of that run.
//! - **Pages not read at all**: in a git checkout the signature of a page
//!   that is not in the run comes from git's own index (the stat data git
//!   recorded), not from the file system: one read of `.git/index` instead
//!   of a stat per file. git's index is trusted as git trusts it: a page
//!   whose entry is as new as the index file itself ("racy") is read.
//!   A page changed since git last looked at it (`git status`, `git add`
//!   refresh that) is known by its content as git last saw it.
//! - **Whose**: the file is checksummed with the user's secret, as the
//!   result cache is: an index made elsewhere is ignored whole.
//! - **Written** once at the end of a run, when it learnt something, by
//!   temporary file and rename; a damaged or foreign file is ignored.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use xxhash_rust::xxh3::{xxh3_64_with_secret, xxh3_128};

use super::git::IndexEntry;
use crate::engine::mapped::{self, Bytes};
use crate::rule::{Collector, Contribution};

const MAGIC: &[u8; 16] = b"pagelint-index\n\x01";

/// A page's contributions, per collector key.
pub type Contributions = Vec<(String, Contribution)>;

/// What identifies a page's contents without reading it: size, inode,
/// device, modification and change times (seconds and nanoseconds) and
/// git's file mode, each as git's index keeps it (32 bits). 0: not to be
/// trusted.
pub type Signature = u128;

fn signature_of(fields: [u32; 8]) -> Signature {
    let mut bytes = [0u8; 32];
    for (i, v) in fields.into_iter().enumerate() {
        bytes[i * 4..i * 4 + 4].copy_from_slice(&v.to_le_bytes());
    }
    xxh3_128(&bytes).max(1)
}

/// git's mode for a file: a symlink, an executable or a plain file.
#[cfg(unix)]
fn git_mode(mode: u32) -> u32 {
    if mode & 0o170000 == 0o120000 {
        0o120000
    } else if mode & 0o100 != 0 {
        0o100755
    } else {
        0o100644
    }
}

/// The signature of a file as the file system describes it now; 0 when it
/// changed within `margin` seconds of `now` (a change in the same clock
/// tick as the read would leave the times as they were) or is not a file.
#[cfg(unix)]
pub fn signature(meta: &std::fs::Metadata, now: i64, margin: i64) -> Signature {
    use std::os::unix::fs::MetadataExt as _;
    if !meta.is_file() || meta.mtime() > now - margin || meta.ctime() > now - margin {
        return 0;
    }
    signature_of([
        meta.ctime() as u32,
        meta.ctime_nsec() as u32,
        meta.mtime() as u32,
        meta.mtime_nsec() as u32,
        meta.dev() as u32,
        meta.ino() as u32,
        git_mode(meta.mode()),
        meta.len() as u32,
    ])
}

/// Elsewhere the change time is not known: files are always read.
#[cfg(not(unix))]
pub fn signature(_meta: &std::fs::Metadata, _now: i64, _margin: i64) -> Signature {
    0
}

/// The signature of a tracked file as git's index recorded it; 0 when the
/// entry was modified in the second the index file was written, or later
/// (`index_mtime`, seconds): git itself does not trust such ("racy")
/// entries' stat data.
pub fn signature_in_git(e: &IndexEntry, index_mtime: i64) -> Signature {
    if i64::from(e.mtime.0) >= index_mtime {
        return 0;
    }
    signature_of([
        e.ctime.0, e.ctime.1, e.mtime.0, e.mtime.1, e.dev, e.ino, e.mode, e.size,
    ])
}

/// One page's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    signature: Signature,
    content: u128,
    contributions: Contributions,
}

/// The repository index of one run: what was on disk, and what this run
/// learnt.
pub struct RepositoryIndex {
    file: PathBuf,
    secret: &'static [u8],
    /// Identifies the collectors (keys and versions) and the build: an
    /// index made by another build or for other collectors is not used.
    stamp: u128,
    /// The entries on disk, read when first needed (a run whose other
    /// pages' sum is memoised needs none).
    old: std::sync::OnceLock<Option<Stored>>,
    fresh: Mutex<HashMap<u128, Entry>>,
    /// Sums learnt this run, to be written: key, encoded sums.
    memos: Mutex<Vec<(u128, Vec<u8>)>>,
}

/// Sums of contributions, per collector key: pages and counts.
pub type Sums = Vec<(String, u32, Contribution)>;

/// How many memos of sums are kept (the most recent).
const MEMOS: usize = 8;

fn slot(path: &Path) -> u128 {
    xxh3_128(path.as_os_str().as_encoded_bytes())
}

impl RepositoryIndex {
    /// The index kept in `file` for these collectors and this build.
    pub fn open(
        file: PathBuf,
        secret: &'static [u8],
        build: u128,
        collectors: &[&'static Collector],
    ) -> RepositoryIndex {
        let mut keys: Vec<String> = collectors
            .iter()
            .map(|c| format!("{}@{}", c.key, c.version))
            .collect();
        keys.sort();
        let stamp = xxh3_128(format!("{build}\0{keys:?}").as_bytes());
        let old = std::sync::OnceLock::new();
        RepositoryIndex {
            file,
            secret,
            stamp,
            old,
            fresh: Mutex::new(HashMap::new()),
            memos: Mutex::new(Vec::new()),
        }
    }

    fn stored(&self) -> Option<&Stored> {
        self.old
            .get_or_init(|| {
                mapped::read(&self.file)
                    .ok()
                    .and_then(|b| Stored::parse(b, self.secret, self.stamp))
            })
            .as_ref()
    }

    /// Where the memo under `key` is kept.
    fn memo_file(&self, key: u128) -> PathBuf {
        let name = self
            .file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("index");
        self.file
            .with_file_name(format!("{name}.sum-{:032x}.bin", key))
    }

    /// The sums stored under `key` (a hash of every page summed and its
    /// signature: the same pages, unchanged, have the same sums).
    pub fn memo_get(&self, key: u128) -> Option<Sums> {
        let b = std::fs::read(self.memo_file(key)).ok()?;
        let body_len = b.len().checked_sub(8)?;
        let (body, sum) = b.split_at(body_len);
        if xxh3_64_with_secret(body, self.secret) != u64::from_le_bytes(sum.try_into().ok()?) {
            return None;
        }
        let mut r = Reader { b: body, at: 0 };
        if r.take(16)? != MAGIC || r.u128()? != self.stamp || r.u128()? != key {
            return None;
        }
        let n = r.u16()? as usize;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.str16()?;
            let pages = r.u32()?;
            let items = r.u32()? as usize;
            let mut c =
                Contribution::with_capacity_and_hasher(items.min(1 << 16), Default::default());
            for _ in 0..items {
                let s = r.str16()?;
                c.insert(s, r.u32()?);
            }
            out.push((k, pages, c));
        }
        (r.at == body.len()).then_some(out)
    }

    /// Keep `sums` under `key` (written by [`Self::save`]).
    pub fn memo_put(&self, key: u128, sums: &Sums) {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.stamp.to_le_bytes());
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&(sums.len() as u16).to_le_bytes());
        for (k, pages, items) in sums {
            str16(&mut out, k);
            out.extend_from_slice(&pages.to_le_bytes());
            out.extend_from_slice(&(items.len() as u32).to_le_bytes());
            for (s, n) in items {
                str16(&mut out, s);
                out.extend_from_slice(&n.to_le_bytes());
            }
        }
        let sum = xxh3_64_with_secret(&out, self.secret);
        out.extend_from_slice(&sum.to_le_bytes());
        self.memos
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((key, out));
    }

    /// The stored contributions of the page at `path`, if its signature is
    /// `signature` (never for 0).
    pub fn get(&self, path: &Path, signature: Signature) -> Option<Contributions> {
        if signature == 0 {
            return None;
        }
        let e = self.stored()?.get(slot(path))?;
        (e.signature == signature).then_some(e.contributions)
    }

    /// The stored contributions of a page read now: the same bytes as when
    /// they were stored. Learns the new signature.
    pub fn get_by_content(
        &self,
        path: &Path,
        signature: Signature,
        bytes: &[u8],
    ) -> Option<Contributions> {
        let e = self.stored()?.get(slot(path))?;
        if e.content != xxh3_128(bytes) {
            return None;
        }
        if signature != 0 && signature != e.signature {
            self.put(path, signature, bytes, e.contributions.clone());
        }
        Some(e.contributions)
    }

    /// Remember a page's contributions (not with signature 0: it could not
    /// be found again without reading the page, which costs as much as
    /// scanning it).
    pub fn put(&self, path: &Path, signature: Signature, bytes: &[u8], c: Contributions) {
        if signature == 0 {
            return;
        }
        let e = Entry {
            signature,
            content: xxh3_128(bytes),
            contributions: c,
        };
        self.fresh
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(slot(path), e);
    }

    /// Write the index if this run learnt something (old entries kept).
    pub fn save(&self) -> Result<(), String> {
        self.save_memos()?;
        let fresh = std::mem::take(&mut *self.fresh.lock().unwrap_or_else(|e| e.into_inner()));
        if fresh.is_empty() {
            return Ok(());
        }
        // Old entries are kept as they are stored; new ones replace them.
        let mut all: Vec<(u128, Vec<u8>)> =
            fresh.iter().map(|(k, e)| (*k, encode_entry(e))).collect();
        if let Some(old) = self.stored() {
            for i in 0..old.count {
                let (k, blob) = old.at(i);
                if !fresh.contains_key(&k) {
                    all.push((k, blob.to_vec()));
                }
            }
        }
        all.sort_by_key(|(k, _)| *k);
        let bytes = encode(&all, self.secret, self.stamp);
        let dir = self.file.parent().ok_or("the index has no folder")?;
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| e.to_string())?;
        std::fs::write(tmp.path(), bytes).map_err(|e| e.to_string())?;
        tmp.persist(&self.file).map_err(|e| e.to_string())?;
        Ok(())
    }
}

impl RepositoryIndex {
    /// Write the memos learnt, and keep only the [`MEMOS`] most recent.
    fn save_memos(&self) -> Result<(), String> {
        let memos = std::mem::take(&mut *self.memos.lock().unwrap_or_else(|e| e.into_inner()));
        if memos.is_empty() {
            return Ok(());
        }
        let dir = self.file.parent().ok_or("the index has no folder")?;
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for (key, bytes) in memos {
            let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| e.to_string())?;
            std::fs::write(tmp.path(), bytes).map_err(|e| e.to_string())?;
            tmp.persist(self.memo_file(key))
                .map_err(|e| e.to_string())?;
        }
        let stem = self
            .file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("index");
        let prefix = format!("{stem}.sum-");
        let mut all: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(dir)
            .map_err(|e| e.to_string())?
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with(&prefix))
            })
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        all.sort();
        let extra = all.len().saturating_sub(MEMOS);
        for (_, p) in all.into_iter().take(extra) {
            let _ = std::fs::remove_file(p);
        }
        Ok(())
    }
}

/// A string as `len u16 | bytes` (cut at a character boundary).
fn str16(out: &mut Vec<u8>, s: &str) {
    let mut n = s.len().min(u16::MAX as usize);
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    out.extend_from_slice(&(n as u16).to_le_bytes());
    out.extend_from_slice(&s.as_bytes()[..n]);
}

/// `MAGIC | stamp u128 | count u32 | table | entries | checksum u64`: the
/// table has `slot u128 | offset u32` per entry, sorted by slot (an entry
/// is found by binary search and decoded alone); an entry is
/// `signature u128 | content u128 | collectors u16 | (key | items u32 |
/// (string | count u32)…)…`, strings as `len u16 | bytes`.
fn encode(entries: &[(u128, Vec<u8>)], secret: &[u8], stamp: u128) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&stamp.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    let mut offset = 0u32;
    for (slot, blob) in entries {
        out.extend_from_slice(&slot.to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        offset += blob.len() as u32;
    }
    for (_, blob) in entries {
        out.extend_from_slice(blob);
    }
    let sum = xxh3_64_with_secret(&out, secret);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

fn encode_entry(e: &Entry) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&e.signature.to_le_bytes());
    out.extend_from_slice(&e.content.to_le_bytes());
    out.extend_from_slice(&(e.contributions.len() as u16).to_le_bytes());
    for (key, items) in &e.contributions {
        str16(&mut out, key);
        out.extend_from_slice(&(items.len() as u32).to_le_bytes());
        for (s, n) in items {
            str16(&mut out, s);
            out.extend_from_slice(&n.to_le_bytes());
        }
    }
    out
}

const HEADER: usize = 16 + 16 + 4;
const ROW: usize = 16 + 4;

/// An index file as read, checked, and decoded one entry at a time.
struct Stored {
    bytes: Bytes,
    /// The length of `bytes` without the checksum.
    len: usize,
    count: usize,
    /// Where the entries start.
    blobs: usize,
}

impl Stored {
    fn parse(b: Bytes, secret: &[u8], stamp: u128) -> Option<Stored> {
        let body_len = b.len().checked_sub(8)?;
        let (body, sum) = b.split_at(body_len);
        if xxh3_64_with_secret(body, secret) != u64::from_le_bytes(sum.try_into().ok()?) {
            return None;
        }
        let mut r = Reader { b: body, at: 0 };
        if r.take(16)? != MAGIC || r.u128()? != stamp {
            return None;
        }
        let count = r.u32()? as usize;
        let blobs = HEADER.checked_add(count.checked_mul(ROW)?)?;
        if blobs > body_len {
            return None;
        }
        Some(Stored {
            bytes: b,
            len: body_len,
            count,
            blobs,
        })
    }

    fn row(&self, i: usize) -> (u128, usize) {
        let at = HEADER + i * ROW;
        let slot = u128::from_le_bytes(self.bytes[at..at + 16].try_into().expect("16 bytes"));
        let off = u32::from_le_bytes(self.bytes[at + 16..at + 20].try_into().expect("4 bytes"));
        (slot, off as usize)
    }

    /// The `i`-th entry's slot and bytes.
    fn at(&self, i: usize) -> (u128, &[u8]) {
        let (slot, start) = self.row(i);
        let end = if i + 1 < self.count {
            self.row(i + 1).1
        } else {
            self.len - self.blobs
        };
        let blob = self
            .bytes
            .get(self.blobs + start..self.blobs + end.max(start))
            .unwrap_or(&[]);
        (slot, blob)
    }

    fn get(&self, slot: u128) -> Option<Entry> {
        let (mut lo, mut hi) = (0, self.count);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.row(mid).0.cmp(&slot) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return decode_entry(self.at(mid).1),
            }
        }
        None
    }
}

fn decode_entry(blob: &[u8]) -> Option<Entry> {
    let mut r = Reader { b: blob, at: 0 };
    let signature = r.u128()?;
    let content = r.u128()?;
    let n = r.u16()? as usize;
    let mut contributions = Vec::with_capacity(n);
    for _ in 0..n {
        let key = r.str16()?;
        let items = r.u32()? as usize;
        let mut c = Contribution::with_capacity_and_hasher(items.min(1024), Default::default());
        for _ in 0..items {
            let s = r.str16()?;
            c.insert(s, r.u32()?);
        }
        contributions.push((key, c));
    }
    (r.at == blob.len()).then_some(Entry {
        signature,
        content,
        contributions,
    })
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }
    fn str16(&mut self) -> Option<String> {
        let n = self.u16()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SECRET: [u8; 192] = [7; 192];

    fn page(items: &[(&str, u32)]) -> Contributions {
        vec![(
            "k".to_string(),
            items.iter().map(|(s, n)| (s.to_string(), *n)).collect(),
        )]
    }

    #[test]
    fn round_trip_damage_and_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("index.bin");
        let a = Path::new("/r/a.md");
        let ix = RepositoryIndex::open(file.clone(), &SECRET, 1, &[]);
        ix.put(a, 5, b"text", page(&[("x", 2), ("y", 1)]));
        ix.put(Path::new("/r/b.md"), 0, b"racy", page(&[("z", 1)]));
        ix.save().unwrap();
        let ix = RepositoryIndex::open(file.clone(), &SECRET, 1, &[]);
        assert_eq!(ix.get(a, 5), Some(page(&[("x", 2), ("y", 1)])));
        assert_eq!(ix.get(a, 6), None, "another signature");
        assert_eq!(ix.get(a, 0), None, "never trusted");
        assert_eq!(ix.get(Path::new("/r/b.md"), 0), None);
        // The same bytes under a new signature are known by their content.
        assert!(ix.get_by_content(a, 9, b"text").is_some());
        assert!(ix.get_by_content(a, 9, b"other").is_none());
        // Another build or other collectors: ignored whole.
        assert!(
            RepositoryIndex::open(file.clone(), &SECRET, 2, &[])
                .stored()
                .is_none()
        );
        // Another user's secret, or a damaged file: ignored whole.
        assert!(
            RepositoryIndex::open(file.clone(), &[8; 192], 1, &[])
                .stored()
                .is_none()
        );
        // A second run keeps the first run's entries beside its own.
        ix.put(Path::new("/r/c.md"), 3, b"c", page(&[("w", 1)]));
        ix.save().unwrap();
        let again = RepositoryIndex::open(file.clone(), &SECRET, 1, &[]);
        // `a` was seen again under signature 9 with the same bytes.
        assert!(again.get(a, 9).is_some() && again.get(a, 5).is_none());
        assert_eq!(again.get(Path::new("/r/c.md"), 3), Some(page(&[("w", 1)])));
        let mut bytes = std::fs::read(&file).unwrap();
        bytes[40] ^= 1;
        std::fs::write(&file, bytes).unwrap();
        assert!(
            RepositoryIndex::open(file, &SECRET, 1, &[])
                .stored()
                .is_none()
        );
    }

    #[test]
    fn memos_round_trip_and_only_the_recent_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("index.bin");
        let ix = RepositoryIndex::open(file.clone(), &SECRET, 1, &[]);
        let sums: Sums = vec![("k".into(), 3, page(&[("x", 2)])[0].1.clone())];
        for key in 0..10u128 {
            ix.memo_put(key, &sums);
        }
        ix.save().unwrap();
        let ix = RepositoryIndex::open(file.clone(), &SECRET, 1, &[]);
        let kept = (0..10u128).filter(|k| ix.memo_get(*k).is_some()).count();
        assert_eq!(kept, MEMOS);
        assert_eq!(ix.memo_get(9), Some(sums));
        assert!(ix.memo_get(11).is_none());
        // Another build or secret: not used.
        assert!(
            RepositoryIndex::open(file.clone(), &SECRET, 2, &[])
                .memo_get(9)
                .is_none()
        );
        assert!(
            RepositoryIndex::open(file, &[8; 192], 1, &[])
                .memo_get(9)
                .is_none()
        );
    }

    /// The signature git's index records for a file is the one the file
    /// system gives for it, once git has looked at the file after its last
    /// change (and not in the same second as it wrote its index).
    #[cfg(unix)]
    #[test]
    fn git_and_the_file_system_agree() {
        if std::process::Command::new("git")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("skipped: no git");
            return;
        }
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let git = |args: &[&str]| {
            let o = std::process::Command::new("git")
                .args(args)
                .current_dir(root)
                .output()
                .unwrap();
            assert!(o.status.success(), "{args:?}: {o:?}");
        };
        git(&["init", "-q"]);
        std::fs::write(root.join("a.md"), "# A\n").unwrap();
        // Old times, so that neither side takes the file for racy.
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(root.join("a.md"))
            .unwrap()
            .set_modified(old)
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        git(&["add", "a.md"]);
        let index = super::super::git::tracked_files(root).unwrap();
        let index_mtime = {
            use std::os::unix::fs::MetadataExt as _;
            std::fs::metadata(root.join(".git/index")).unwrap().mtime()
        };
        let meta = std::fs::metadata(root.join("a.md")).unwrap();
        let now = index_mtime + 10;
        let from_git = signature_in_git(&index[0], index_mtime);
        let from_fs = signature(&meta, now, 3);
        // The change time is when the test wrote the file (git's index
        // keeps it too): as new as the index only if git ran in the same
        // second, which the pause above rules out.
        assert_ne!(from_fs, 0);
        assert_eq!(from_git, from_fs);
        std::fs::write(root.join("a.md"), "# B, longer\n").unwrap();
        let changed = std::fs::metadata(root.join("a.md")).unwrap();
        assert_ne!(signature(&changed, now + 100, 3), from_git);
    }
}
