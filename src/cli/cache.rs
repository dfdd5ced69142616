//! The result cache: repeat runs skip the files that did not change.
//!
//! Like ruff's, it is keyed by the file's content, the configuration that
//! applies to it and the pagelint build, and it is only used when checking
//! (never with `--fix` or `--diff`, never for stdin).
//!
//! - **Where**: one file, `.pagelint_cache/<version>/results-<build>.bin`,
//!   beside the `pagelint.toml` that governs the pages checked (`--config`'s
//!   folder, or the one found walking up from the first path given), else
//!   at the root of their repository, else in the folder checked — never
//!   in the current folder when the pages are elsewhere;
//!   `--cache-dir` / `PAGELINT_CACHE_DIR` choose another folder,
//!   `--no-cache` / `PAGELINT_NO_CACHE` turn it off.
//! - **Whose**: the file's checksum is keyed with a secret of the user's
//!   (192 random bytes in `$XDG_CACHE_HOME/pagelint/secret`, else
//!   `~/.cache/pagelint/secret`, made on first use, mode 0600). A cache made
//!   elsewhere (committed to a repository, unpacked from an archive,
//!   restored by CI from another machine) or edited by hand fails the
//!   check and is ignored whole: a crafted cache cannot hide a finding.
//!   Without a usable secret the cache is off. (xxh3 with a secret is not
//!   a cryptographic MAC: it stops forged files, not someone who can read
//!   the secret file, who could edit the pages as well.)
//! - **Key of an entry**: the file's absolute path; the entry is valid when
//!   the file's bytes (128-bit xxh3), the configuration fingerprint (the
//!   resolved settings, the rule set with its severities, the config file's
//!   path) and the build (the version and the executable's size and
//!   modification time, so that every rebuild, whatever changed in `src/` or
//!   `rules/`, starts afresh) are all the same.
//! - **Files not read at all**: an entry also keeps the file's
//!   [`stat_signature`] (device, inode, size, modification and change times,
//!   mode) when the file had not changed for a few seconds before it was
//!   read. A later run that finds the same signature knows the bytes are the
//!   same without reading them (git's index does the same; the change time
//!   cannot be set back by anyone), and, when the result has no findings to
//!   show, uses it without opening the file. Anything else reads the file
//!   and compares the content hash, as above.
//! - **Answers from outside the file**: rules may ask the [`Workspace`]
//!   (what is at a path, a linked page's anchors, the repository and site,
//!   the closest existing path, how often a name is cited in this run).
//!   While a file is linted its workspace is wrapped in a [`Recorder`] that
//!   writes down every question and a fingerprint of its answer; a cached
//!   entry is used only if asking the same questions now gives the same
//!   answers. A question the recorder does not fingerprint (whether another
//!   page links a host with https://, learnt while the run reads its pages)
//!   makes the result uncacheable.
//! - **Safe under parallel runs**: the file is read once at the start and
//!   written once at the end, only when something new was learnt: the entries
//!   on disk at that moment are merged with this run's, written to a
//!   temporary file and renamed over the old one. Two runs at once may each
//!   lose the other's new entries (a later miss), never corrupt the file; a
//!   damaged or foreign file (checksum, magic, build) is ignored.
//! - **Size**: entries of files that a folder argument no longer yields
//!   (deleted, excluded) are dropped when the cache is written, and so are
//!   entries not seen for 30 days. A run that learnt only a few results
//!   (fewer than 32 and than 1/64 of the cache) does not rewrite it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64_with_secret, xxh3_128};

use super::process::Job;
use crate::config::{Config, find_config};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::engine::file::{FileResult, Note};
use crate::engine::mapped::{self, Bytes};
use crate::rule::{Collector, PathKind, Repository, Site, Tally, Workspace};
use crate::text::decode;

/// The cache folder's name.
pub const DIR_NAME: &str = ".pagelint_cache";
const MAGIC: &[u8; 16] = b"pagelint-cache\n\x02";
const HEADER: usize = 16 + 16 + 4;
const INDEX_ENTRY: usize = 16 + 8 + 8 + 4;
const MAX_AGE_SECS: u64 = 30 * 24 * 3600;
/// Fewer new entries than this, and than 1/64 of the cache, are not worth
/// rewriting the cache for.
const FEW: usize = 32;

/// The cache folder for a run started in `cwd` on `paths`: beside the
/// configuration (`--config`'s, or the one that governs the first path),
/// else at the root of the first path's repository, else in the folder
/// checked (the first path, or its folder for a file).
pub fn default_dir(cwd: &Path, config: Option<&Path>, paths: &[PathBuf]) -> PathBuf {
    if let Some(c) = config
        && let Some(dir) = std::path::absolute(c)
            .ok()
            .and_then(|c| c.parent().map(Path::to_path_buf))
    {
        return dir.join(DIR_NAME);
    }
    let first = paths
        .iter()
        .find(|p| p.as_os_str() != "-")
        .map_or_else(|| cwd.to_path_buf(), |p| super::files::absolute(cwd, p));
    let checked = if first.is_dir() {
        first
    } else {
        first
            .parent()
            .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf)
    };
    if let Some(c) = find_config(&checked)
        && let Some(dir) = c.parent()
    {
        return dir.join(DIR_NAME);
    }
    if let Some(root) = checked.ancestors().find(|a| a.join(".git").exists()) {
        return root.join(DIR_NAME);
    }
    checked.join(DIR_NAME)
}

/// Bytes of the user's cache secret.
const SECRET_LEN: usize = 192;

/// The user's cache secret, made on first use; `None` when there is no
/// place for it (the cache is then off).
fn secret() -> Option<&'static [u8]> {
    static SECRET: OnceLock<Option<Vec<u8>>> = OnceLock::new();
    SECRET
        .get_or_init(|| {
            let dir = std::env::var_os("XDG_CACHE_HOME")
                .filter(|d| !d.is_empty())
                .map(PathBuf::from)
                .or_else(|| {
                    std::env::var_os("HOME")
                        .filter(|d| !d.is_empty())
                        .map(|h| PathBuf::from(h).join(".cache"))
                })?
                .join("pagelint");
            load_or_make_secret(&dir.join("secret"))
        })
        .as_deref()
}

fn load_or_make_secret(path: &Path) -> Option<Vec<u8>> {
    if let Ok(b) = std::fs::read(path) {
        return (b.len() == SECRET_LEN).then_some(b);
    }
    let mut fresh = vec![0u8; SECRET_LEN];
    {
        use std::io::Read as _;
        let mut urandom = std::fs::File::open("/dev/urandom").ok()?;
        urandom.read_exact(&mut fresh).ok()?;
    }
    std::fs::create_dir_all(path.parent()?).ok()?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(mut f) => {
            use std::io::Write as _;
            f.write_all(&fresh).ok()?;
            Some(fresh)
        }
        // Another run made it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let b = std::fs::read(path).ok()?;
            (b.len() == SECRET_LEN).then_some(b)
        }
        Err(_) => None,
    }
}

/// The build's identity: the version, and the executable's size and
/// modification time (any rebuild changes them).
fn build_id() -> u128 {
    let mut h = Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&[0]);
    if let Ok(exe) = std::env::current_exe()
        && let Ok(meta) = std::fs::metadata(exe)
    {
        h.update(&meta.len().to_le_bytes());
        if let Ok(t) = meta.modified()
            && let Ok(d) = t.duration_since(std::time::UNIX_EPOCH)
        {
            h.update(&d.as_nanos().to_le_bytes());
        }
    }
    h.digest128()
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A cache file, read and checked.
struct Store {
    bytes: Bytes,
    /// Sorted by key.
    index: Vec<IndexEntry>,
    /// The keys' high halves, in the same order: searched instead of the
    /// index (8 bytes an entry instead of 48: it stays in the CPU's cache).
    highs: Vec<u64>,
}

#[derive(Clone, Copy)]
struct IndexEntry {
    key: u128,
    stamp: u64,
    offset: usize,
    len: usize,
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}
fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}
fn u128_at(b: &[u8], at: usize) -> Option<u128> {
    Some(u128::from_le_bytes(b.get(at..at + 16)?.try_into().ok()?))
}

impl Store {
    /// Parse a cache file; `None` if it is damaged or of another build.
    fn parse(bytes: Bytes, build: u128, secret: &[u8]) -> Option<Store> {
        if bytes.len() < HEADER + 8 || &bytes[..16] != MAGIC || u128_at(&bytes, 16)? != build {
            return None;
        }
        let body = bytes.len() - 8;
        if xxh3_64_with_secret(&bytes[..body], secret) != u64_at(&bytes, body)? {
            return None;
        }
        let count = u32_at(&bytes, 32)? as usize;
        let blobs = HEADER.checked_add(count.checked_mul(INDEX_ENTRY)?)?;
        if blobs > body {
            return None;
        }
        let mut index = Vec::with_capacity(count);
        for i in 0..count {
            let at = HEADER + i * INDEX_ENTRY;
            let e = IndexEntry {
                key: u128_at(&bytes, at)?,
                stamp: u64_at(&bytes, at + 16)?,
                offset: usize::try_from(u64_at(&bytes, at + 24)?).ok()?,
                len: u32_at(&bytes, at + 32)? as usize,
            };
            if e.offset < blobs || e.offset.checked_add(e.len)? > body {
                return None;
            }
            if index.last().is_some_and(|l: &IndexEntry| l.key >= e.key) {
                return None;
            }
            index.push(e);
        }
        let highs = index.iter().map(|e| (e.key >> 64) as u64).collect();
        Some(Store {
            bytes,
            index,
            highs,
        })
    }

    fn read(path: &Path, build: u128, secret: &[u8]) -> Option<Store> {
        Store::parse(mapped::read(path).ok()?, build, secret)
    }

    fn get(&self, key: u128) -> Option<(&IndexEntry, &[u8])> {
        let high = (key >> 64) as u64;
        let start = self.highs.partition_point(|&h| h < high);
        let e = self.index[start..]
            .iter()
            .take_while(|e| (e.key >> 64) as u64 == high)
            .find(|e| e.key == key)?;
        Some((e, &self.bytes[e.offset..e.offset + e.len]))
    }
}

/// Serialize entries (sorted by key) into a cache file.
fn encode(build: u128, secret: &[u8], entries: &[(u128, u64, &[u8])]) -> Vec<u8> {
    let blobs: usize = entries.iter().map(|e| e.2.len()).sum();
    let mut out = Vec::with_capacity(HEADER + entries.len() * INDEX_ENTRY + blobs + 8);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&build.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    let mut offset = HEADER + entries.len() * INDEX_ENTRY;
    for (key, stamp, blob) in entries {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&stamp.to_le_bytes());
        out.extend_from_slice(&(offset as u64).to_le_bytes());
        out.extend_from_slice(&(blob.len() as u32).to_le_bytes());
        offset += blob.len();
    }
    for (_, _, blob) in entries {
        out.extend_from_slice(blob);
    }
    let sum = xxh3_64_with_secret(&out, secret);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Where an entry's path starts: after `content u128 | fingerprint u128 |
/// stat u128 | path len u32`.
const PATH_AT: usize = 16 * 3 + 4;

/// One entry: `content u128 | fingerprint u128 | stat u128 | path len u32
/// | path | hosts len u32 | hosts ("\n"-separated) | payload (JSON; nothing
/// for the common payload with nothing in it)`.
fn encode_entry(key: &Key, payload: &Payload) -> Vec<u8> {
    let empty =
        payload.deps.is_empty() && payload.diagnostics.is_empty() && payload.notes.is_empty();
    let json = if empty {
        Vec::new()
    } else {
        serde_json::to_vec(payload).expect("payload serializes")
    };
    let hosts = &payload.hosts;
    let mut out = Vec::with_capacity(PATH_AT + key.path.len() + 4 + hosts.len() + json.len());
    out.extend_from_slice(&key.content.to_le_bytes());
    out.extend_from_slice(&key.fingerprint.to_le_bytes());
    out.extend_from_slice(&key.stat.to_le_bytes());
    out.extend_from_slice(&(key.path.len() as u32).to_le_bytes());
    out.extend_from_slice(key.path.as_bytes());
    out.extend_from_slice(&(hosts.len() as u32).to_le_bytes());
    out.extend_from_slice(hosts.as_bytes());
    out.extend_from_slice(&json);
    out
}

fn entry_path(blob: &[u8]) -> Option<&str> {
    let n = u32_at(blob, PATH_AT - 4)? as usize;
    std::str::from_utf8(blob.get(PATH_AT..PATH_AT.checked_add(n)?)?).ok()
}

/// An entry's payload (after its path).
fn entry_payload(blob: &[u8]) -> Option<Payload> {
    let at = PATH_AT + entry_path(blob)?.len();
    let n = u32_at(blob, at)? as usize;
    let hosts = std::str::from_utf8(blob.get(at + 4..(at + 4).checked_add(n)?)?).ok()?;
    let json = &blob[at + 4 + n..];
    let mut payload = if json.is_empty() {
        Payload::default()
    } else {
        serde_json::from_slice(json).ok()?
    };
    payload.hosts = hosts.to_string();
    Some(payload)
}

/// What identifies a file's result.
pub struct Key {
    slot: u128,
    content: u128,
    fingerprint: u128,
    /// The file's [`stat_signature`] when it was read (0: not to be
    /// trusted).
    stat: u128,
    path: String,
}

/// What the file system says about a file, hashed: device, inode, size,
/// modification and change times to the nanosecond, mode — what git's
/// index compares to skip reading unchanged files. 0 (never trusted) for
/// a file changed within `margin` seconds of `now` (a change in the same
/// clock tick as the read would leave the times as they were: git's "racy"
/// entries), and for anything not a regular file.
#[cfg(unix)]
fn stat_signature(meta: &std::fs::Metadata, now: i64, margin: i64) -> u128 {
    use std::os::unix::fs::MetadataExt as _;
    if !meta.is_file() || meta.mtime() > now - margin || meta.ctime() > now - margin {
        return 0;
    }
    let mut bytes = [0u8; 64];
    for (i, v) in [
        meta.dev(),
        meta.ino(),
        meta.len(),
        meta.mtime() as u64,
        meta.mtime_nsec() as u64,
        meta.ctime() as u64,
        meta.ctime_nsec() as u64,
        u64::from(meta.mode()),
    ]
    .into_iter()
    .enumerate()
    {
        bytes[i * 8..i * 8 + 8].copy_from_slice(&v.to_le_bytes());
    }
    xxh3_128(&bytes).max(1)
}

/// Elsewhere the change time is not known: files are always read.
#[cfg(not(unix))]
fn stat_signature(_meta: &std::fs::Metadata, _now: i64, _margin: i64) -> u128 {
    0
}

/// Whole seconds before the run's start (itself rounded down) within which a
/// file's times do not prove it unchanged: at least two real seconds, which
/// also covers file systems that keep times to two seconds (FAT).
const RACY_SECS: i64 = 3;

/// A question a rule asked the workspace, and a fingerprint of the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Dep {
    Exists {
        path: String,
        answer: Option<bool>,
    },
    /// The sum of the repository's contributions to a collector
    /// ([`Workspace::tally`]).
    Tally {
        collector: String,
        doc: Option<String>,
        answer: Option<[u64; 2]>,
    },
    /// The answers below are fingerprints of their `Debug` form (the types
    /// have no hash sets; anchors are sorted first).
    Repository {
        doc: String,
        answer: [u64; 2],
    },
    Site {
        doc: String,
        answer: [u64; 2],
    },
    PathKind {
        path: String,
        answer: [u64; 2],
    },
    Anchors {
        path: String,
        answer: [u64; 2],
    },
    ClosestPath {
        root: String,
        wanted: String,
        answer: Option<String>,
        /// [`Workspace::files_fingerprint`] of `root` when it was asked: the
        /// same list, the same answer, without searching it again.
        #[serde(default)]
        files: Option<[u64; 2]>,
    },
}

/// A fingerprint of a value's `Debug` form.
fn debug_fingerprint<T: std::fmt::Debug>(value: &T) -> [u64; 2] {
    split(xxh3_128(format!("{value:?}").as_bytes()))
}

/// A fingerprint of an anchor set, sorted.
fn anchors_fingerprint(set: &Option<Arc<HashSet<String>>>) -> [u64; 2] {
    match set {
        None => [0, 0],
        Some(s) => {
            let mut v: Vec<&String> = s.iter().collect();
            v.sort();
            debug_fingerprint(&v)
        }
    }
}

impl Dep {
    /// Does the workspace give the same answer now?
    fn holds(&self, ws: &dyn Workspace, cache: &Cache) -> bool {
        match self {
            Dep::Exists { path, answer } => ws.exists(path) == *answer,
            Dep::Tally {
                collector,
                doc,
                answer,
            } => {
                let Some(c) = crate::rules::collector(collector) else {
                    return false;
                };
                let now = ws.tally(c, doc.as_deref().map(Path::new));
                cache.tally_fingerprint(now.as_ref()) == *answer
            }
            Dep::Repository { doc, answer } => {
                debug_fingerprint(&ws.repository(Path::new(doc))) == *answer
            }
            Dep::Site { doc, answer } => debug_fingerprint(&ws.site(Path::new(doc))) == *answer,
            Dep::PathKind { path, answer } => {
                debug_fingerprint(&ws.path_kind(Path::new(path))) == *answer
            }
            Dep::Anchors { path, answer } => {
                anchors_fingerprint(&ws.anchors(Path::new(path))) == *answer
            }
            Dep::ClosestPath {
                root,
                wanted,
                answer,
                files,
            } => {
                let root = Path::new(root);
                (files.is_some() && ws.files_fingerprint(root) == *files)
                    || ws.closest_path(root, wanted) == *answer
            }
        }
    }
}

#[derive(Default, Serialize, Deserialize)]
struct Payload {
    deps: Vec<Dep>,
    diagnostics: Vec<Diag>,
    notes: Vec<(usize, String)>,
    /// The hosts the file links with `https://`, one per line (when LNK002
    /// is on): what the run learns from the file without reading it. Stored
    /// beside the JSON.
    #[serde(skip)]
    hosts: String,
}

#[derive(Serialize, Deserialize)]
struct Diag {
    code: String,
    severity: String,
    start: usize,
    end: usize,
    message: String,
    help: Option<String>,
    fix: Option<FixRec>,
}

#[derive(Serialize, Deserialize)]
struct FixRec {
    applicability: String,
    message: String,
    edits: Vec<(usize, usize, String)>,
}

fn split(v: u128) -> [u64; 2] {
    [v as u64, (v >> 64) as u64]
}

fn applicability(s: &str) -> Option<Applicability> {
    [
        Applicability::Safe,
        Applicability::Unsafe,
        Applicability::DisplayOnly,
    ]
    .into_iter()
    .find(|a| a.as_str() == s)
}

impl Diag {
    fn from(d: &Diagnostic) -> Diag {
        Diag {
            code: d.rule.code.to_string(),
            severity: d.severity.as_str().to_string(),
            start: d.range.start,
            end: d.range.end,
            message: d.message.clone(),
            help: d.help.clone(),
            fix: d.fix.as_ref().map(|f| FixRec {
                applicability: f.applicability.as_str().to_string(),
                message: f.message.clone(),
                edits: f
                    .edits
                    .iter()
                    .map(|e| (e.range.start, e.range.end, e.content.clone()))
                    .collect(),
            }),
        }
    }

    fn to_diagnostic(&self, text: &str) -> Option<Diagnostic> {
        let ok = |r: &std::ops::Range<usize>| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        let range = self.start..self.end;
        if !ok(&range) {
            return None;
        }
        let fix = match &self.fix {
            None => None,
            Some(f) => {
                let mut edits = Vec::with_capacity(f.edits.len());
                for (s, e, c) in &f.edits {
                    if !ok(&(*s..*e)) {
                        return None;
                    }
                    edits.push(Edit::replace(*s..*e, c.clone()));
                }
                Some(Fix {
                    applicability: applicability(&f.applicability)?,
                    message: f.message.clone(),
                    edits,
                    // Cached findings are reported, never fixed from.
                    whole_page: false,
                })
            }
        };
        Some(Diagnostic {
            rule: crate::rules::find(&self.code)?.meta(),
            severity: Severity::parse(&self.severity)?,
            range,
            message: self.message.clone(),
            help: self.help.clone(),
            fix,
        })
    }
}

/// The workspace of one file being linted, writing down what it is asked.
pub struct Recorder<'a> {
    inner: &'a dyn Workspace,
    cache: &'a Cache,
    deps: Mutex<Vec<Dep>>,
    /// A question was asked whose answer is not fingerprinted: the result
    /// is not stored.
    opaque: std::sync::atomic::AtomicBool,
}

impl Recorder<'_> {
    fn push(&self, dep: Dep) {
        let mut deps = self.deps.lock().unwrap_or_else(|e| e.into_inner());
        if !deps.contains(&dep) {
            deps.push(dep);
        }
    }

    /// For a question whose answer is not recorded: the file's result will
    /// not be cached.
    fn opaque(&self) {
        self.opaque.store(true, Ordering::Relaxed);
    }
}

// Every method of `Workspace` must be forwarded here (a test checks that
// none is missed), and either record its answer (a `Dep`, checked again
// before a cached result is used) or call `self.opaque()`: an answer that is
// not recorded could make a cached result stale.
impl Workspace for Recorder<'_> {
    fn exists(&self, path: &str) -> Option<bool> {
        let answer = self.inner.exists(path);
        self.push(Dep::Exists {
            path: path.to_string(),
            answer,
        });
        answer
    }

    fn tally(&self, collector: &'static Collector, doc: Option<&Path>) -> Option<Arc<Tally>> {
        let answer = self.inner.tally(collector, doc);
        let doc = match doc.map(|d| d.to_str()) {
            None => None,
            Some(Some(d)) => Some(d.to_string()),
            Some(None) => {
                self.opaque();
                return answer;
            }
        };
        self.push(Dep::Tally {
            collector: collector.key.to_string(),
            doc,
            answer: self.cache.tally_fingerprint(answer.as_ref()),
        });
        answer
    }

    fn repository(&self, doc: &Path) -> Option<Arc<Repository>> {
        let answer = self.inner.repository(doc);
        match doc.to_str() {
            Some(d) => self.push(Dep::Repository {
                doc: d.to_string(),
                answer: debug_fingerprint(&answer),
            }),
            None => self.opaque(),
        }
        answer
    }

    fn site(&self, doc: &Path) -> Option<Arc<Site>> {
        let answer = self.inner.site(doc);
        match doc.to_str() {
            Some(d) => self.push(Dep::Site {
                doc: d.to_string(),
                answer: debug_fingerprint(&answer),
            }),
            None => self.opaque(),
        }
        answer
    }

    fn path_kind(&self, path: &Path) -> Option<PathKind> {
        let answer = self.inner.path_kind(path);
        match path.to_str() {
            Some(p) => self.push(Dep::PathKind {
                path: p.to_string(),
                answer: debug_fingerprint(&answer),
            }),
            None => self.opaque(),
        }
        answer
    }

    fn anchors(&self, path: &Path) -> Option<Arc<HashSet<String>>> {
        let answer = self.inner.anchors(path);
        match path.to_str() {
            Some(p) => self.push(Dep::Anchors {
                path: p.to_string(),
                answer: anchors_fingerprint(&answer),
            }),
            None => self.opaque(),
        }
        answer
    }

    fn closest_path(&self, root: &Path, wanted: &str) -> Option<String> {
        let answer = self.inner.closest_path(root, wanted);
        match root.to_str() {
            Some(r) => self.push(Dep::ClosestPath {
                root: r.to_string(),
                wanted: wanted.to_string(),
                answer: answer.clone(),
                files: self.inner.files_fingerprint(root),
            }),
            None => self.opaque(),
        }
        answer
    }

    /// Asked by the cache itself, not by rules: nothing to record.
    fn files_fingerprint(&self, root: &Path) -> Option<[u64; 2]> {
        self.inner.files_fingerprint(root)
    }
}

/// The cache of one run.
pub struct Cache {
    file: PathBuf,
    build: u128,
    /// The user's secret, that keys the file's checksum.
    secret: &'static [u8],
    old: Option<Store>,
    /// New entries: slot, encoded entry.
    fresh: Mutex<Vec<(u128, Vec<u8>)>>,
    /// Fingerprints of the configurations (with their rule sets) that
    /// have no per-file ignores, made before the files are processed: the
    /// hot path takes no lock.
    prepared: HashMap<usize, u128>,
    configs: Mutex<HashMap<usize, u128>>,
    rule_sets: Mutex<HashMap<usize, u128>>,
    /// Fingerprints of the tallies of this run, by address (the run's
    /// workspace keeps each tally alive until the end).
    tallies: Mutex<HashMap<usize, [u64; 2]>>,
    /// When the run started (seconds since the epoch).
    started: i64,
    pub hits: AtomicUsize,
    pub misses: AtomicUsize,
    /// Hits whose file was not read.
    pub unread: AtomicUsize,
}

impl Cache {
    /// Open the cache kept in `dir` (nothing is created until the end).
    pub fn open(dir: &Path, secret: &'static [u8]) -> Cache {
        let build = build_id();
        let file = dir
            .join(env!("CARGO_PKG_VERSION"))
            .join(format!("results-{:016x}.bin", build as u64));
        Cache {
            old: Store::read(&file, build, secret),
            file,
            build,
            secret,
            fresh: Mutex::new(Vec::new()),
            prepared: HashMap::new(),
            configs: Mutex::new(HashMap::new()),
            rule_sets: Mutex::new(HashMap::new()),
            tallies: Mutex::new(HashMap::new()),
            started: now_secs() as i64,
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            unread: AtomicUsize::new(0),
        }
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Where the repository index ([`crate::engine::repository::index`])
    /// of this build is kept: beside the results.
    pub fn index_file(&self) -> PathBuf {
        self.file
            .with_file_name(format!("index-{:016x}.bin", self.build as u64))
    }

    pub fn secret(&self) -> &'static [u8] {
        self.secret
    }

    pub fn build(&self) -> u128 {
        self.build
    }

    /// Fingerprint the run's configurations before the files are processed.
    pub fn prepare(&mut self, jobs: &[Job]) {
        for job in jobs {
            if job.config.per_file_ignores.is_empty() {
                let id = Arc::as_ptr(&job.config) as usize;
                if !self.prepared.contains_key(&id) {
                    let fp = self.job_fingerprint(job);
                    self.prepared.insert(id, fp);
                }
            }
        }
    }

    /// A tally's fingerprint, computed once per tally of the run.
    fn tally_fingerprint(&self, tally: Option<&Arc<Tally>>) -> Option<[u64; 2]> {
        let tally = tally?;
        let id = Arc::as_ptr(tally) as usize;
        if let Some(fp) = lock(&self.tallies).get(&id) {
            return Some(*fp);
        }
        let mut items: Vec<(&String, &u32)> = tally.counts.iter().collect();
        items.sort();
        let mut h = Xxh3::new();
        h.update(&tally.pages.to_le_bytes());
        for (s, n) in items {
            h.update(s.as_bytes());
            h.update(&[0]);
            h.update(&n.to_le_bytes());
        }
        let fp = split(h.digest128());
        lock(&self.tallies).insert(id, fp);
        Some(fp)
    }

    /// The configuration's fingerprint: the resolved settings (set members
    /// sorted), where it was read from.
    fn config_fingerprint(&self, config: &Arc<Config>) -> u128 {
        let id = Arc::as_ptr(config) as usize;
        if let Some(fp) = self
            .configs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
        {
            return *fp;
        }
        let mut settings = config.settings.clone();
        let mut words: Vec<String> = std::mem::take(&mut settings.typ.words)
            .into_iter()
            .collect();
        words.sort();
        let text = format!(
            "{:?}\0{:?}\0{:?}\0{:?}",
            config.path, config.root, settings, words
        );
        let fp = xxh3_128(text.as_bytes());
        self.configs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, fp);
        fp
    }

    /// The configuration's fingerprint with the job's rules and their
    /// severities. Without per-file ignores every file of a configuration
    /// has the same rules (one command line per run): computed once.
    fn job_fingerprint(&self, job: &Job) -> u128 {
        let per_config = job.config.per_file_ignores.is_empty();
        let id = Arc::as_ptr(&job.config) as usize;
        if per_config && let Some(fp) = self.prepared.get(&id) {
            return *fp;
        }
        if per_config
            && let Some(fp) = self
                .rule_sets
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .get(&id)
        {
            return *fp;
        }
        let mut h = Xxh3::new();
        h.update(&self.config_fingerprint(&job.config).to_le_bytes());
        for rule in job.rules.rules() {
            let code = rule.meta().code;
            h.update(code.as_bytes());
            h.update(&[job.rules.severity_of(code).map_or(0, |s| s as u8 + 1)]);
        }
        let fp = h.digest128();
        if per_config {
            self.rule_sets
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(id, fp);
        }
        fp
    }

    fn key(&self, job: &Job, bytes: &[u8], meta: Option<&std::fs::Metadata>) -> Option<Key> {
        // (The command line drops `.` components from `abs`: `pagelint .`
        // and `pagelint docs` share entries.)
        let path = job.abs.as_ref()?.to_str()?.to_string();
        let fingerprint = self.job_fingerprint(job);
        let slot = xxh3_128(path.as_bytes());
        Some(Key {
            slot,
            content: xxh3_128(bytes),
            fingerprint,
            stat: meta.map_or(0, |m| stat_signature(m, self.started, RACY_SECS)),
            path,
        })
    }

    /// A file that need not even be read: its entry was stored with a
    /// trusted [`stat_signature`], the file system gives the same one now,
    /// and the result has nothing to show (findings need the text for
    /// their lines and excerpts).
    pub fn unread(&self, job: &Job, ws: &dyn Workspace) -> bool {
        self.unread_entry(job, ws).is_some()
    }

    fn unread_entry(&self, job: &Job, ws: &dyn Workspace) -> Option<()> {
        let super::process::Input::File(file) = &job.input else {
            return None;
        };
        let path = job.abs.as_ref()?.to_str()?;
        // The entry first: a cold run pays no system call here.
        let (_, blob) = self.old.as_ref()?.get(xxh3_128(path.as_bytes()))?;
        let stat = u128_at(blob, 32)?;
        if stat == 0 || u128_at(blob, 16)? != self.job_fingerprint(job) {
            return None;
        }
        if entry_path(blob)? != path {
            return None;
        }
        let meta = std::fs::metadata(file).ok()?;
        if stat_signature(&meta, self.started, RACY_SECS) != stat {
            return None;
        }
        let payload = entry_payload(blob)?;
        if !payload.diagnostics.is_empty() || !payload.notes.is_empty() {
            return None;
        }
        if !payload.deps.iter().all(|d| d.holds(ws, self)) {
            return None;
        }
        self.hits.fetch_add(1, Ordering::Relaxed);
        self.unread.fetch_add(1, Ordering::Relaxed);
        Some(())
    }

    /// A valid cached result for this key.
    fn get(&self, key: &Key, bytes: &[u8], ws: &dyn Workspace) -> Option<FileResult> {
        let (_, blob) = self.old.as_ref()?.get(key.slot)?;
        if u128_at(blob, 0)? != key.content || u128_at(blob, 16)? != key.fingerprint {
            return None;
        }
        if entry_path(blob)? != key.path {
            return None;
        }
        let payload = entry_payload(blob)?;
        if !payload.deps.iter().all(|d| d.holds(ws, self)) {
            return None;
        }
        // The same content under new times (a checkout, a touch, or a file
        // that was too new to trust when it was stored): store the times
        // that can be trusted now, so that the next run need not read it.
        if key.stat != 0 && u128_at(blob, 32)? != key.stat {
            let mut refreshed = blob.to_vec();
            refreshed[32..48].copy_from_slice(&key.stat.to_le_bytes());
            self.fresh
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((key.slot, refreshed));
        }
        let decoded = decode::decode(bytes).ok()?;
        let text = decoded.text.into_owned();
        let diagnostics = payload
            .diagnostics
            .iter()
            .map(|d| d.to_diagnostic(&text))
            .collect::<Option<Vec<_>>>()?;
        let notes = payload
            .notes
            .into_iter()
            .filter(|(offset, _)| *offset <= text.len())
            .map(|(offset, message)| Note { offset, message })
            .collect();
        Some(FileResult {
            original: text.clone(),
            text,
            diagnostics,
            notes,
            fixed: 0,
            internal_errors: Vec::new(),
            changed: false,
        })
    }

    fn put(&self, key: Key, deps: Vec<Dep>, hosts: &str, result: &FileResult) {
        if !result.internal_errors.is_empty() || result.changed || result.fixed > 0 {
            return;
        }
        let payload = Payload {
            deps,
            diagnostics: result.diagnostics.iter().map(Diag::from).collect(),
            notes: result
                .notes
                .iter()
                .map(|n| (n.offset, n.message.clone()))
                .collect(),
            hosts: hosts.to_string(),
        };
        let entry = encode_entry(&key, &payload);
        self.fresh
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((key.slot, entry));
    }

    /// Write what this run learnt. `roots` are the folders given on the
    /// command line (absolute): entries below them that this run did not
    /// see are of files that are gone.
    pub fn finish(self, roots: &[PathBuf], jobs: &[Job]) -> Result<(), String> {
        let fresh = self.fresh.into_inner().unwrap_or_else(|e| e.into_inner());
        // Rewriting a big cache for a few new entries costs more than
        // linting those files again next time (a commit hook's one page in
        // a large site): they are kept for a later run that learns more.
        let known = self.old.as_ref().map_or(0, |s| s.index.len());
        if fresh.is_empty() || (fresh.len() < FEW && fresh.len() * 64 < known) {
            return Ok(());
        }
        // The files of this run (their entries are kept and refreshed).
        let seen: HashSet<u128> = jobs
            .iter()
            .filter_map(|j| j.abs.as_ref()?.to_str())
            .map(|p| xxh3_128(p.as_bytes()))
            .collect();
        let now = now_secs();
        let dir = self.file.parent().expect("a file in a folder");
        let fail = |what: &str, e: std::io::Error| {
            format!(
                "cannot write the cache in {}: {what}: {} (use --no-cache to skip it)",
                dir.display(),
                super::files::io_reason(&e)
            )
        };
        let top = dir.parent().expect("the cache folder");
        if !top.exists() {
            std::fs::create_dir_all(top).map_err(|e| fail("create", e))?;
            // Keep the cache out of git and out of backups.
            let _ = std::fs::write(top.join(".gitignore"), "# Created by pagelint.\n*\n");
            let _ = std::fs::write(
                top.join("CACHEDIR.TAG"),
                "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by pagelint.\n",
            );
        }
        std::fs::create_dir_all(dir).map_err(|e| fail("create", e))?;
        // Another run may have written since we read: merge with what is
        // there now.
        let disk = Store::read(&self.file, self.build, self.secret);
        let mut merged: HashMap<u128, (u64, &[u8])> = HashMap::new();
        if let Some(store) = &disk {
            for e in &store.index {
                let blob = &store.bytes[e.offset..e.offset + e.len];
                let keep = if seen.contains(&e.key) {
                    true
                } else {
                    now.saturating_sub(e.stamp) < MAX_AGE_SECS
                        && !entry_path(blob)
                            .is_some_and(|p| roots.iter().any(|r| Path::new(p).starts_with(r)))
                };
                if keep {
                    let stamp = if seen.contains(&e.key) { now } else { e.stamp };
                    merged.insert(e.key, (stamp, blob));
                }
            }
        }
        for (slot, entry) in &fresh {
            merged.insert(*slot, (now, entry.as_slice()));
        }
        let mut entries: Vec<(u128, u64, &[u8])> =
            merged.into_iter().map(|(k, (s, b))| (k, s, b)).collect();
        entries.sort_by_key(|e| e.0);
        let bytes = encode(self.build, self.secret, &entries);
        let mut tmp = tempfile::Builder::new()
            .prefix(".results-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| fail("temporary file", e))?;
        use std::io::Write as _;
        tmp.write_all(&bytes).map_err(|e| fail("write", e))?;
        tmp.persist(&self.file)
            .map_err(|e| fail("rename", e.error))?;
        // Results of earlier builds of this version are of no more use.
        if let Ok(list) = std::fs::read_dir(dir) {
            for f in list.flatten() {
                let name = f.file_name();
                let name = name.to_string_lossy();
                if name.starts_with("results-") && name.ends_with(".bin") && f.path() != self.file {
                    let _ = std::fs::remove_file(f.path());
                }
            }
        }
        Ok(())
    }
}

/// The cache for a check run, unless turned off (`--no-cache`, stdin,
/// `--fix`, `--diff`).
pub fn for_run(args: &super::CheckArgs, checking: bool, cwd: &Path, jobs: &[Job]) -> Option<Cache> {
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if args.no_cache || !checking || stdin || args.write_baseline {
        return None;
    }
    let dir = match &args.cache_dir {
        Some(d) => cwd.join(d),
        None => default_dir(cwd, args.config.as_deref(), &args.paths),
    };
    let mut cache = Cache::open(&dir, secret()?);
    cache.prepare(jobs);
    Some(cache)
}

/// Write the cache at the end of a run; a warning line if that failed.
pub fn close(cache: Option<Cache>, paths: &[PathBuf], cwd: &Path, jobs: &[Job]) -> Option<String> {
    let cache = cache?;
    if std::env::var_os("PAGELINT_CACHE_STATS").is_some() {
        eprintln!(
            "pagelint: cache: {} hits, {} misses, {} files not read ({})",
            cache.hits.load(Ordering::Relaxed),
            cache.misses.load(Ordering::Relaxed),
            cache.unread.load(Ordering::Relaxed),
            cache.file().display()
        );
    }
    let roots: Vec<PathBuf> = if paths.is_empty() {
        vec![cwd.to_path_buf()]
    } else {
        paths
            .iter()
            .filter(|p| p.is_dir())
            .filter_map(|p| std::path::absolute(p).ok())
            .collect()
    };
    cache
        .finish(&roots, jobs)
        .err()
        .map(|e| format!("pagelint: warning: {e}"))
}

/// What the command line read of a file.
pub struct Read<'a> {
    pub bytes: &'a [u8],
    /// The open file's metadata, taken before reading it.
    pub meta: Option<&'a std::fs::Metadata>,
}

/// Lint one file through the cache: a valid entry is used as is; otherwise
/// `lint` runs with a recording workspace and its result is stored.
pub fn through<E>(
    cache: Option<&Cache>,
    job: &Job,
    read: Read<'_>,
    workspace: &dyn Workspace,
    lint: impl FnOnce(&dyn Workspace) -> Result<FileResult, E>,
) -> Result<FileResult, E> {
    let Some((cache, key)) = cache.and_then(|c| Some((c, c.key(job, read.bytes, read.meta)?)))
    else {
        return lint(workspace);
    };
    if let Some(hit) = cache.get(&key, read.bytes, workspace) {
        cache.hits.fetch_add(1, Ordering::Relaxed);
        return Ok(hit);
    }
    cache.misses.fetch_add(1, Ordering::Relaxed);
    let recorder = Recorder {
        inner: workspace,
        cache,
        deps: Mutex::new(Vec::new()),
        opaque: std::sync::atomic::AtomicBool::new(false),
    };
    let result = lint(&recorder)?;
    if !recorder.opaque.load(Ordering::Relaxed) {
        let deps = recorder
            .deps
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        cache.put(key, deps, "", &result);
    }
    Ok(result)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_round_trip_and_damage() {
        let entries: Vec<(u128, u64, &[u8])> = vec![(1, 5, b"abc"), (7, 6, b""), (9, 7, b"xyz!")];
        let key = [7u8; SECRET_LEN];
        let bytes = encode(42, &key, &entries);
        let s = Store::parse(bytes.clone().into(), 42, &key).unwrap();
        assert_eq!(s.get(9).unwrap().1, b"xyz!");
        assert_eq!(s.get(7).unwrap().1, b"");
        assert_eq!(s.get(1).unwrap().0.stamp, 5);
        assert!(s.get(2).is_none());
        // Another build, a flipped byte, a truncated file: ignored.
        assert!(Store::parse(bytes.clone().into(), 43, &key).is_none());
        // Made with another user's secret (or crafted without it): ignored.
        assert!(Store::parse(bytes.clone().into(), 42, &[8u8; SECRET_LEN]).is_none());
        for i in [0, 20, 40, bytes.len() - 12, bytes.len() - 1] {
            let mut bad = bytes.clone();
            bad[i] ^= 1;
            assert!(
                Store::parse(bad.into(), 42, &key).is_none(),
                "flipped byte {i}"
            );
        }
        for n in 0..bytes.len() {
            assert!(
                Store::parse(bytes[..n].to_vec().into(), 42, &key).is_none(),
                "cut at {n}"
            );
        }
    }

    #[test]
    fn a_secret_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pagelint/secret");
        let a = load_or_make_secret(&p).unwrap();
        assert_eq!(a.len(), SECRET_LEN);
        assert_eq!(load_or_make_secret(&p).unwrap(), a);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // A damaged secret turns the cache off rather than trusting it.
        std::fs::write(&p, b"short").unwrap();
        assert!(load_or_make_secret(&p).is_none());
    }

    /// The cache goes beside the configuration, else at the repository
    /// root, else in the folder checked: never in the current folder when
    /// the pages are elsewhere (issue 10 item 6).
    #[test]
    fn the_cache_folder_follows_the_pages() {
        let home = tempfile::tempdir().unwrap();
        let site = tempfile::tempdir().unwrap();
        let (home, site) = (home.path(), site.path());
        std::fs::create_dir_all(site.join("docs")).unwrap();
        std::fs::write(site.join("docs/a.md"), "x\n").unwrap();
        let dir = |paths: &[&Path]| {
            let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
            default_dir(home, None, &paths)
        };
        assert_eq!(dir(&[site]), site.join(DIR_NAME));
        assert_eq!(
            dir(&[&site.join("docs/a.md")]),
            site.join("docs").join(DIR_NAME)
        );
        std::fs::create_dir(site.join(".git")).unwrap();
        assert_eq!(dir(&[&site.join("docs/a.md")]), site.join(DIR_NAME));
        std::fs::write(site.join("docs/pagelint.toml"), "").unwrap();
        assert_eq!(dir(&[&site.join("docs")]), site.join("docs").join(DIR_NAME));
        assert_eq!(dir(&[]), home.join(DIR_NAME));
        assert!(!dir(&[site]).starts_with(home));
    }

    /// The configuration's fingerprint is the same for the same file read
    /// twice (no hash-set order in it), and differs when a setting does.
    #[test]
    fn config_fingerprints_are_stable() {
        let words: Vec<String> = (0..50).map(|i| format!("\"palabra{i}\"")).collect();
        let text = format!(
            "{}\n",
            crate::config::DEFAULT_CONFIG
                .replace("words = []", &format!("words = [{}]", words.join(", ")))
        );
        let path = Path::new("/p/pagelint.toml");
        let cache = Cache::open(Path::new("/nonexistent/cache"), &[7u8; SECRET_LEN]);
        let a = Arc::new(Config::parse(&text, path).unwrap());
        let b = Arc::new(Config::parse(&text, path).unwrap());
        assert_eq!(a.settings.typ.words.len(), 50);
        assert_eq!(cache.config_fingerprint(&a), cache.config_fingerprint(&b));
        let c = Arc::new(Config::parse(&text.replace("maximum = 1", "maximum = 2"), path).unwrap());
        assert_ne!(cache.config_fingerprint(&a), cache.config_fingerprint(&c));
        let d = Arc::new(Config::parse(&text, Path::new("/q/pagelint.toml")).unwrap());
        assert_ne!(cache.config_fingerprint(&a), cache.config_fingerprint(&d));
    }

    /// Every method of `Workspace` (src/rule.rs) is forwarded and recorded
    /// by `Recorder`: a new one that is not would let the rules see nothing
    /// through the cache, or make its results stale.
    #[test]
    fn recorder_forwards_every_workspace_method() {
        let rule_rs = include_str!("../rule.rs");
        let start = rule_rs.find("pub trait Workspace").unwrap();
        let body = &rule_rs[start..];
        let body = &body[..body.find("\n}\n").unwrap()];
        let own = include_str!("cache.rs");
        let imp = own.find("impl Workspace for Recorder").unwrap();
        let imp = &own[imp..];
        let imp = &imp[..imp.find("\n}\n").unwrap()];
        let mut n = 0;
        for line in body.lines() {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix("fn ") {
                let name = &rest[..rest.find(['(', '<']).unwrap()];
                assert!(
                    imp.contains(&format!("fn {name}(")),
                    "Workspace::{name} is not forwarded and recorded by cache::Recorder"
                );
                n += 1;
            }
        }
        assert!(n >= 2);
    }
}
