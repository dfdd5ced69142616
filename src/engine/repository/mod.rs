//! The repository view: what the rules may know about the file system and
//! the git checkout beyond the page they check, computed lazily, once per
//! run, and shared by every file (the engine runs files in parallel).
//!
//! - [`git`]: the checkout (remote, branches) and git's own index of the
//!   tracked files, read as files (no git binary, nothing on the network).
//! - The repository's pages: from git's index in a checkout (no walk, no
//!   stat per file), else a walk that honours `.gitignore`.
//! - Contributions ([`Collector`]): what rules gather from every page,
//!   summed into a [`Tally`] per repository when a rule first asks; a page
//!   that asks nothing costs nothing beyond itself.
//!
//! The command line builds one [`FsWorkspace`] per run and hands it to the
//! engine; it never writes into it while files are checked.

pub mod git;
pub mod index;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::rule::{Collector, Contribution, PathKind, Repository, Site, Tally, Workspace};

pub use git::{find_repository, github_slug, origin_url};
use index::{Contributions, RepositoryIndex, Signature};

/// Seconds before the run's start within which a page's times do not
/// prove it unchanged.
const RACY_SECS: i64 = 3;

/// Up to this many pages of a run are read for their contributions rather
/// than looked up in the repository index.
const FEW_PAGES: usize = 64;

/// Markdown file extensions.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkd", "mkdn"];

/// Is this a Markdown file (by its extension)?
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Files larger than this are not read for anchors or contributions.
const MAX_READ: u64 = 8 * 1024 * 1024;

type Lazy<T> = Arc<OnceLock<T>>;
type Anchors = Option<Arc<HashSet<String>>>;
/// Per collector key, the sum of the contributions of some pages.
type Tallies = HashMap<&'static str, Tally>;
/// A repository root (or none: pages outside any) and a collector key.
type TallyKey = (Option<PathBuf>, &'static str);
/// The files git's index tracks, when there is a readable index.
/// Pages, each with its signature in git's index (0: unknown).
type Pages = Arc<Vec<(PathBuf, Signature)>>;
/// With the index file's modification time (seconds).
type Tracked = Option<Arc<(Vec<git::IndexEntry>, i64)>>;

/// Get or create the lazily filled slot for `key`, without holding the
/// lock while it is filled.
fn slot<K: std::hash::Hash + Eq + Clone, T>(map: &Mutex<HashMap<K, Lazy<T>>>, key: &K) -> Lazy<T> {
    let mut m = map.lock().unwrap_or_else(|e| e.into_inner());
    m.entry(key.clone()).or_default().clone()
}

/// A page of the run and the collectors its rules declare.
struct RunPage {
    path: PathBuf,
    collectors: Vec<&'static Collector>,
}

#[derive(Default)]
pub struct FsWorkspace {
    /// The Markdown files of this run (absolute).
    run_files: Vec<PathBuf>,
    /// The run's pages whose rules declare collectors.
    collecting: Vec<RunPage>,
    /// Every collector declared by a rule of the run.
    collectors: Vec<&'static Collector>,
    /// Pages whose text is not (or not yet) what the file holds: stdin
    /// with `--stdin-filename`, an editor's buffer.
    given: HashMap<PathBuf, Vec<u8>>,
    /// Per folder: the checkout holding it.
    repos: Mutex<HashMap<PathBuf, Lazy<Option<Arc<Repository>>>>>,
    /// Per folder: the Jekyll site holding it.
    sites: Mutex<HashMap<PathBuf, Lazy<Option<Arc<Site>>>>>,
    anchors: Mutex<HashMap<PathBuf, Lazy<Anchors>>>,
    /// Per root: every file and folder below it, `/`-separated.
    indexes: Mutex<HashMap<PathBuf, Lazy<Vec<String>>>>,
    /// Per root: a fingerprint of the files git tracks around it (asked
    /// once per cached broken link).
    files_fingerprints: Mutex<HashMap<PathBuf, Lazy<Option<[u64; 2]>>>>,
    /// The sum of the run's pages' contributions.
    run_tallies: OnceLock<Tallies>,
    /// Per repository root: the sum of the contributions of its Markdown
    /// pages that are not in this run.
    repo_tallies: Mutex<HashMap<PathBuf, Lazy<Tallies>>>,
    /// Per (repository root or none, collector key): the answer.
    tallies: Mutex<HashMap<TallyKey, Lazy<Arc<Tally>>>>,
    /// Per repository root: the files git's index tracks (`None` without
    /// a readable index).
    tracked: Mutex<HashMap<PathBuf, Lazy<Tracked>>>,
    /// Per repository root: its Markdown files.
    repo_markdown: Mutex<HashMap<PathBuf, Lazy<Pages>>>,
    /// The contributions of pages read in earlier runs.
    index: Option<RepositoryIndex>,
    /// When the run started (seconds since the epoch).
    started: i64,
    roots_cache: OnceLock<Vec<PathBuf>>,
    /// The folder that bounds a page outside any repository: the current
    /// folder when the page is under it, else the page's own folder.
    cwd: Option<PathBuf>,
    /// Folders below a root already resolved (symlinks followed only
    /// while they stay inside it): `None` when one leads out.
    resolved: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl FsWorkspace {
    pub fn new(run_files: Vec<PathBuf>) -> FsWorkspace {
        FsWorkspace {
            run_files,
            started: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64),
            ..FsWorkspace::default()
        }
    }

    /// Keep the pages' contributions between runs in `file` (keyed with
    /// the user's `secret` and the `build`). Call after every
    /// [`Self::collect_from`].
    pub fn with_index(mut self, file: PathBuf, secret: &'static [u8], build: u128) -> Self {
        self.index = Some(RepositoryIndex::open(file, secret, build, &self.collectors));
        self
    }

    /// A page of the run whose rules declare `collectors`: its
    /// contributions count in every [`Workspace::tally`] of the run.
    pub fn collect_from(mut self, page: PathBuf, collectors: Vec<&'static Collector>) -> Self {
        for c in &collectors {
            if !self.collectors.iter().any(|k| k.key == c.key) {
                self.collectors.push(c);
            }
        }
        if !collectors.is_empty() {
            self.collecting.push(RunPage {
                path: page,
                collectors,
            });
        }
        self
    }

    /// The text of a page of the run that is not read from its file.
    pub fn with_text(mut self, page: PathBuf, bytes: Vec<u8>) -> Self {
        self.given.insert(page, bytes);
        self
    }

    /// Bound link checking by the current folder for pages outside any
    /// repository (the command line's folder).
    pub fn with_cwd(mut self, cwd: PathBuf) -> FsWorkspace {
        self.cwd = Some(cwd);
        self
    }

    /// The checked root of a page's folder (issue 10 item 6): its
    /// repository's root; outside any repository, the current folder if
    /// the page is under it, else the page's own folder. Link checking
    /// never reads or stats a path outside it.
    fn root_of_dir(&self, dir: &Path) -> PathBuf {
        if let Some(r) = self.repo_of_dir(dir) {
            return r.root.clone();
        }
        match &self.cwd {
            Some(cwd) if dir.starts_with(cwd) => cwd.clone(),
            _ => dir.to_path_buf(),
        }
    }

    /// The roots of this run's pages.
    fn roots(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<&Path> = self.run_files.iter().filter_map(|f| f.parent()).collect();
        dirs.dedup();
        let mut roots: Vec<PathBuf> = Vec::new();
        for d in dirs {
            let r = self.root_of_dir(d);
            if !roots.contains(&r) {
                roots.push(r);
            }
        }
        roots
    }

    /// `path` (absolute, without `.` or `..`) with its symlinks resolved,
    /// if it and everything it leads through stay inside the root of one
    /// of the run's pages; `None` otherwise (nothing outside is stat-ed:
    /// each link is read, not followed, before its target is checked).
    fn inside(&self, path: &Path) -> Option<PathBuf> {
        let roots = self.roots_cache.get_or_init(|| self.roots());
        let root = roots
            .iter()
            .filter(|r| path.starts_with(r))
            .max_by_key(|r| r.as_os_str().len())?;
        let dir = self.resolve_dir(root, path.parent()?)?;
        let name = path.file_name()?;
        let joined = dir.join(name);
        // The folder is resolved already: only the last name is looked at,
        // unless it is itself a link.
        match std::fs::symlink_metadata(&joined) {
            Ok(m) if m.file_type().is_symlink() => resolve_below(root, &joined),
            _ => Some(joined),
        }
    }

    /// A folder below `root`, resolved once per run.
    fn resolve_dir(&self, root: &Path, dir: &Path) -> Option<PathBuf> {
        if let Some(r) = lock(&self.resolved).get(dir) {
            return r.clone();
        }
        let r = if dir == root {
            Some(root.to_path_buf())
        } else {
            resolve_below(root, dir)
        };
        lock(&self.resolved).insert(dir.to_path_buf(), r.clone());
        r
    }

    fn repo_of_dir(&self, dir: &Path) -> Option<Arc<Repository>> {
        slot(&self.repos, &dir.to_path_buf())
            .get_or_init(|| find_repository(dir).map(Arc::new))
            .clone()
    }

    /// The sum of the contributions of the run's pages, each to the
    /// collectors its rules declare (each page scanned once, for every
    /// collector of the run; from the index when it is unchanged).
    fn run_tallies(&self) -> &Tallies {
        self.run_tallies.get_or_init(|| {
            let mut all = Tallies::new();
            let (given, on_disk): (Vec<&RunPage>, Vec<&RunPage>) = self
                .collecting
                .iter()
                .partition(|p| self.given.contains_key(&p.path));
            for page in given {
                let c = scan(&self.collectors, &self.given[&page.path]);
                add_page(&mut all, &page.collectors, &c);
            }
            let pages: Vec<(&Path, Signature)> =
                on_disk.iter().map(|p| (p.path.as_path(), 0)).collect();
            // A few pages (a commit hook's) are read again rather than
            // looked up: cheaper than loading the index.
            let use_index = pages.len() > FEW_PAGES;
            let by_path: HashMap<&Path, &RunPage> =
                on_disk.iter().map(|p| (p.path.as_path(), *p)).collect();
            for part in self.each_page(&pages, use_index, |acc: &mut Tallies, path, c| {
                add_page(acc, &by_path[path].collectors, c);
            }) {
                merge(&mut all, part);
            }
            all
        })
    }

    /// The sum of the contributions of the Markdown pages of the checkout
    /// at `root` that are not in this run, to every collector of the run.
    fn repository_tallies(&self, root: &Path) -> Lazy<Tallies> {
        let slot = slot(&self.repo_tallies, &root.to_path_buf());
        slot.get_or_init(|| {
            // The same pages with the same signatures in git's index: the
            // same sums as the last run that summed them. (Looked up
            // straight from git's index: the pre-commit case stops here.)
            let memo = self.index.as_ref().zip(self.memo_key(root));
            if let Some((ix, key)) = memo
                && let Some(sums) = ix.memo_get(key)
                && let Some(all) = self.tallies_of_sums(sums)
            {
                return all;
            }
            let run = self.run_below(root);
            let markdown = self.repository_markdown(root);
            let others: Vec<(&Path, Signature)> = markdown
                .iter()
                .filter(|(f, _)| {
                    !f.strip_prefix(root)
                        .is_ok_and(|r| run.contains(r.as_os_str().as_encoded_bytes()))
                })
                .map(|(f, s)| (f.as_path(), *s))
                .collect();
            let collectors = &self.collectors;
            let mut all = Tallies::new();
            for part in self.each_page(&others, true, |acc: &mut Tallies, _, c| {
                add_page(acc, collectors, c);
            }) {
                merge(&mut all, part);
            }
            if let Some((ix, key)) = memo {
                let sums = all
                    .iter()
                    .map(|(k, t)| (k.to_string(), t.pages, t.counts.clone()))
                    .collect();
                ix.memo_put(key, &sums);
            }
            all
        });
        slot
    }

    /// Stored sums as tallies of this run's collectors (`None` when one is
    /// missing).
    fn tallies_of_sums(&self, sums: index::Sums) -> Option<Tallies> {
        let mut all = Tallies::new();
        for (k, pages, counts) in sums {
            let c = self.collectors.iter().find(|c| c.key == k)?;
            all.insert(c.key, Tally { pages, counts });
        }
        Some(all)
    }

    /// A page's contributions to every collector of the run: from the
    /// index when the page's signature (`known`, from git's index, else the
    /// file system's) is the one stored; otherwise the page is read and
    /// scanned, and the index learns it. `None` for a page that cannot be
    /// read.
    fn page_contributions(
        &self,
        path: &Path,
        known: Signature,
        use_index: bool,
        buf: &mut Vec<u8>,
    ) -> Option<Contributions> {
        use std::io::Read as _;
        let whole = |c: &Contributions| c.len() == self.collectors.len();
        let index = self.index.as_ref().filter(|_| use_index);
        if let Some(c) = index.and_then(|ix| ix.get(path, known))
            && whole(&c)
        {
            return Some(c);
        }
        let meta = std::fs::metadata(path).ok()?;
        let signature = index::signature(&meta, self.started, RACY_SECS);
        if signature != known
            && let Some(c) = index.and_then(|ix| ix.get(path, signature))
            && whole(&c)
        {
            return Some(c);
        }
        if !meta.is_file() || meta.len() > MAX_READ {
            return None;
        }
        buf.clear();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_READ).read_to_end(buf))
            .ok()?;
        if let Some(c) = index.and_then(|ix| ix.get_by_content(path, signature, buf))
            && whole(&c)
        {
            return Some(c);
        }
        let c = scan(&self.collectors, buf);
        if let Some(ix) = index {
            ix.put(path, signature, buf, c.clone());
        }
        Some(c)
    }

    /// Fold the contributions of these pages into one value per thread.
    /// Plain scoped threads, not rayon: this runs inside a rayon task that
    /// holds a `OnceLock`, and a rayon wait could run another file's task
    /// that asks for the same lock.
    fn each_page<T: Default + Send>(
        &self,
        pages: &[(&Path, Signature)],
        use_index: bool,
        fold: impl Fn(&mut T, &Path, &Contributions) + Sync,
    ) -> Vec<T> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = pages.len().div_ceil(threads).max(1);
        let fold = &fold;
        std::thread::scope(|scope| {
            let handles: Vec<_> = pages
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        let mut acc = T::default();
                        let mut buf = Vec::new();
                        for (path, known) in part {
                            let c = self.page_contributions(path, *known, use_index, &mut buf);
                            if let Some(c) = c {
                                fold(&mut acc, path, &c);
                            }
                        }
                        acc
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    /// Keep what this run learnt of its pages' contributions.
    pub fn save_index(&self) -> Result<(), String> {
        match &self.index {
            Some(ix) => ix.save(),
            None => Ok(()),
        }
    }
}

/// A page's contributions to each of these collectors.
fn scan(collectors: &[&'static Collector], bytes: &[u8]) -> Contributions {
    collectors
        .iter()
        .map(|c| {
            let mut page = Contribution::default();
            (c.scan)(bytes, &mut page);
            (c.key.to_string(), page)
        })
        .collect()
}

/// Add a page's contributions to the tallies of these collectors.
fn add_page(acc: &mut Tallies, collectors: &[&'static Collector], page: &Contributions) {
    for c in collectors {
        if let Some((_, items)) = page.iter().find(|(k, _)| k == c.key) {
            acc.entry(c.key).or_default().add(items);
        }
    }
}

fn merge(into: &mut Tallies, part: Tallies) {
    for (k, t) in part {
        let e = into.entry(k).or_default();
        e.pages += t.pages;
        for (s, n) in t.counts {
            *e.counts.entry(s).or_default() += n;
        }
    }
}

impl Workspace for FsWorkspace {
    /// The run's pages that collect for `collector`, and every other
    /// Markdown page of `doc`'s repository (a commit hook's one staged page
    /// is compared with the whole repository). Pages outside any
    /// repository: the run's pages only.
    fn tally(&self, collector: &'static Collector, doc: Option<&Path>) -> Option<Arc<Tally>> {
        let repo = doc.and_then(|d| self.repository(d));
        let key = (repo.as_ref().map(|r| r.root.clone()), collector.key);
        let slot = slot(&self.tallies, &key);
        let answer = slot.get_or_init(|| {
            let mut t = self
                .run_tallies()
                .get(collector.key)
                .cloned()
                .unwrap_or_default();
            if let Some(repo) = &repo {
                let others = self.repository_tallies(&repo.root);
                if let Some(o) = others.get().and_then(|o| o.get(collector.key)) {
                    t.pages += o.pages;
                    for (s, n) in &o.counts {
                        *t.counts.entry(s.clone()).or_default() += n;
                    }
                }
            }
            Arc::new(t)
        });
        Some(answer.clone())
    }

    fn repository(&self, doc: &Path) -> Option<Arc<Repository>> {
        self.repo_of_dir(doc.parent()?)
    }

    fn site(&self, doc: &Path) -> Option<Arc<Site>> {
        let dir = doc.parent()?.to_path_buf();
        let stop = self.root_of_dir(&dir);
        slot(&self.sites, &dir)
            .get_or_init(|| find_site(&dir, Some(&stop)).map(Arc::new))
            .clone()
    }

    fn path_kind(&self, path: &Path) -> Option<PathKind> {
        let path = self.inside(path)?;
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => Some(PathKind::Dir),
            Ok(_) => Some(PathKind::File),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(PathKind::Missing),
            // A file name that is not a folder's child ("a.md/b").
            Err(e) if e.raw_os_error() == Some(20) => Some(PathKind::Missing),
            Err(_) => None,
        }
    }

    fn anchors(&self, path: &Path) -> Option<Arc<HashSet<String>>> {
        slot(&self.anchors, &path.to_path_buf())
            .get_or_init(|| {
                let path = self.inside(path)?;
                let meta = std::fs::metadata(&path).ok()?;
                if !meta.is_file() || meta.len() > MAX_READ {
                    return None;
                }
                let text = std::fs::read_to_string(&path).ok()?;
                Some(Arc::new(crate::document::quick_anchors(&text)))
            })
            .clone()
    }

    /// In a checkout with an index: a hash of the tracked paths (the list
    /// `closest_path` searches is made from them and `root`).
    fn files_fingerprint(&self, root: &Path) -> Option<[u64; 2]> {
        let roots = self.roots_cache.get_or_init(|| self.roots());
        if !roots.iter().any(|r| root.starts_with(r)) {
            return None;
        }
        *slot(&self.files_fingerprints, &root.to_path_buf()).get_or_init(|| {
            let repo = self.repo_of_dir(root)?;
            let tracked = self.tracked(&repo.root)?;
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(root.as_os_str().as_encoded_bytes());
            for e in &tracked.0 {
                h.update(&[0]);
                h.update(e.path.as_bytes());
            }
            let v = h.digest128();
            Some([v as u64, (v >> 64) as u64])
        })
    }

    fn closest_path(&self, root: &Path, wanted: &str) -> Option<String> {
        let roots = self.roots_cache.get_or_init(|| self.roots());
        if !roots.iter().any(|r| root.starts_with(r)) {
            return None;
        }
        let index = slot(&self.indexes, &root.to_path_buf());
        let files = index.get_or_init(|| self.file_index(root));
        closest_path(files, wanted)
    }
}

/// A Markdown page git tracks, outside hidden folders (as the walk skips
/// them). On the `/`-separated path as git stores it: no `Path` is made
/// for each of the tens of thousands of entries.
fn tracked_markdown(e: &git::IndexEntry) -> bool {
    let p = e.path.as_str();
    let name = p.rsplit('/').next().unwrap_or(p);
    let markdown = match name.rfind('.') {
        Some(dot) if dot > 0 => EXTENSIONS
            .iter()
            .any(|x| x.eq_ignore_ascii_case(&name[dot + 1..])),
        _ => false,
    };
    markdown && !p.starts_with('.') && !p.contains("/.")
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl FsWorkspace {
    /// The files git's index tracks in the checkout at `root` (read once
    /// per run).
    fn tracked(&self, root: &Path) -> Tracked {
        slot(&self.tracked, &root.to_path_buf())
            .get_or_init(|| git::read_index(root).map(Arc::new))
            .clone()
    }

    /// The Markdown files of the checkout at `root` (listed once per run),
    /// each with its signature in git's index: the tracked ones (hidden
    /// folders skipped, as the walk does); without an index, a walk (and
    /// no signatures).
    fn repository_markdown(&self, root: &Path) -> Pages {
        slot(&self.repo_markdown, &root.to_path_buf())
            .get_or_init(|| {
                Arc::new(match self.tracked(root) {
                    Some(tracked) => tracked
                        .0
                        .iter()
                        .filter(|e| tracked_markdown(e))
                        .map(|e| (root.join(&e.path), index::signature_in_git(e, tracked.1)))
                        .collect(),
                    None => markdown_files(root).into_iter().map(|p| (p, 0)).collect(),
                })
            })
            .clone()
    }

    /// The run's pages below `root`, relative to it, as bytes (a page name
    /// need not be UTF-8).
    fn run_below(&self, root: &Path) -> rustc_hash::FxHashSet<&[u8]> {
        self.run_files
            .iter()
            .filter_map(|f| Some(f.strip_prefix(root).ok()?.as_os_str().as_encoded_bytes()))
            .collect()
    }

    /// What identifies the Markdown pages of the checkout at `root` that
    /// are not in this run, as git's index describes them: the root, each
    /// page's path and signature, read straight from the index (no path is
    /// built). `None` without an index, when there is no such page, or
    /// when a signature is unknown (a page git itself would not trust).
    fn memo_key(&self, root: &Path) -> Option<u128> {
        let tracked = self.tracked(root)?;
        let run = self.run_below(root);
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(root.as_os_str().as_encoded_bytes());
        let mut pages = 0usize;
        for e in tracked.0.iter().filter(|e| tracked_markdown(e)) {
            if run.contains(e.path.as_bytes()) {
                continue;
            }
            let s = index::signature_in_git(e, tracked.1);
            if s == 0 {
                return None;
            }
            h.update(&[0]);
            h.update(e.path.as_bytes());
            h.update(&s.to_le_bytes());
            pages += 1;
        }
        (pages > 0).then(|| h.digest128())
    }

    /// Every file and folder under `root`, `/`-separated and relative to
    /// it: in a checkout with an index, the tracked files below `root` and
    /// their folders (no walk); otherwise a walk.
    fn file_index(&self, root: &Path) -> Vec<String> {
        let Some(repo) = self.repo_of_dir(root) else {
            return file_index(root);
        };
        let Some(tracked) = self.tracked(&repo.root) else {
            return file_index(root);
        };
        let entries = &tracked.0;
        let Ok(below) = root.strip_prefix(&repo.root) else {
            return file_index(root);
        };
        let Some(below) = below.to_str() else {
            return file_index(root);
        };
        let prefix = if below.is_empty() {
            String::new()
        } else {
            format!("{}/", below.replace(std::path::MAIN_SEPARATOR, "/"))
        };
        let mut out: HashSet<&str> = HashSet::new();
        for e in entries.iter() {
            let Some(rel) = e.path.strip_prefix(&prefix) else {
                continue;
            };
            out.insert(rel);
            let mut at = rel.len();
            while let Some(slash) = rel[..at].rfind('/') {
                if !out.insert(&rel[..slash]) {
                    break;
                }
                at = slash;
            }
        }
        let mut out: Vec<String> = out.into_iter().map(str::to_string).collect();
        out.sort();
        out
    }
}

/// The closest entry of `files` to `wanted`: by edit distance over the
/// whole path, or a file of the same name elsewhere (a moved file).
pub fn closest_path(files: &[String], wanted: &str) -> Option<String> {
    use crate::text::distance::levenshtein_within;
    let wanted_name = wanted.rsplit('/').next().unwrap_or(wanted);
    let chars: Vec<char> = wanted.chars().collect();
    let limit = (chars.len() / 4).clamp(2, 8);
    // Exactly one close name: several are a guess between them.
    let mut close = files
        .iter()
        .filter(|f| levenshtein_within(&chars, f, limit).is_some());
    if let Some(f) = close.next() {
        return close.next().is_none().then(|| f.clone());
    }
    // Same file name in one other place only.
    let mut same = files
        .iter()
        .filter(|f| f.rsplit('/').next() == Some(wanted_name) && wanted_name.contains('.'));
    match (same.next(), same.next()) {
        (Some(f), None) => Some(f.clone()),
        _ => None,
    }
}

/// `path` below `root` with every symlink resolved, as long as each link
/// leads inside `root`; `None` as soon as one leads out (or links loop).
/// Links are read with `readlink`, never followed: nothing outside `root`
/// is stat-ed. A missing component ends the walk (the rest cannot exist).
fn resolve_below(root: &Path, path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let mut rest: Vec<std::ffi::OsString> = path
        .strip_prefix(root)
        .ok()?
        .components()
        .map(|c| c.as_os_str().to_os_string())
        .rev()
        .collect();
    let mut cur = root.to_path_buf();
    let mut hops = 0;
    while let Some(part) = rest.pop() {
        if part == ".." {
            cur.pop();
            if !cur.starts_with(root) {
                return None;
            }
            continue;
        }
        if part == "." {
            continue;
        }
        let next = cur.join(&part);
        match std::fs::symlink_metadata(&next) {
            Ok(m) if m.file_type().is_symlink() => {
                hops += 1;
                if hops > 32 {
                    return None;
                }
                let to = std::fs::read_link(&next).ok()?;
                let joined = if to.is_absolute() { to } else { cur.join(to) };
                // Lexically normalised, then walked again from the root.
                let mut norm = PathBuf::new();
                for c in joined.components() {
                    match c {
                        Component::ParentDir => {
                            norm.pop();
                        }
                        Component::CurDir => {}
                        c => norm.push(c),
                    }
                }
                let below = norm.strip_prefix(root).ok()?;
                rest.extend(
                    below
                        .components()
                        .map(|c| c.as_os_str().to_os_string())
                        .rev(),
                );
                cur = root.to_path_buf();
            }
            Ok(_) => cur = next,
            Err(_) => {
                cur = next;
                while let Some(p) = rest.pop() {
                    cur.push(p);
                }
                return Some(cur);
            }
        }
    }
    Some(cur)
}

/// Every file and folder under `root` (`.gitignore` honoured, `.git`
/// skipped), `/`-separated and relative to `root`.
fn file_index(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .require_git(false)
        .filter_entry(|e| e.file_name() != ".git")
        .build();
    for entry in walker.flatten() {
        if let Ok(rel) = entry.path().strip_prefix(root)
            && !rel.as_os_str().is_empty()
        {
            let s: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(s.join("/"));
        }
    }
    out.sort();
    out
}

fn markdown_files(root: &Path) -> Vec<PathBuf> {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .build();
    walker
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()) && is_markdown(e.path()))
        .map(|e| e.into_path())
        .collect()
}

/// The Jekyll site holding `dir`: the nearest ancestor (not above `stop`)
/// with a `_config.yml`.
fn find_site(dir: &Path, stop: Option<&Path>) -> Option<Site> {
    let mut d = Some(dir);
    while let Some(cur) = d {
        let config = cur.join("_config.yml");
        if config.is_file() {
            let text = std::fs::read_to_string(&config).unwrap_or_default();
            return Some(Site {
                root: cur.to_path_buf(),
                baseurl: baseurl(&text),
            });
        }
        if stop.is_some_and(|s| s == cur) {
            return None;
        }
        d = cur.parent();
    }
    None
}

/// `baseurl` of a `_config.yml`, without its trailing `/`.
fn baseurl(config: &str) -> String {
    for line in config.lines() {
        if let Some(v) = line.strip_prefix("baseurl:") {
            let v = v.split(" #").next().unwrap_or("").trim();
            let v = v.trim_matches(|c| c == '"' || c == '\'');
            return v.trim_end_matches('/').to_string();
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {

    #[test]
    fn tracked_markdown_agrees_with_the_walk() {
        for path in [
            "a.md",
            "docs/b.MD",
            "c.markdown",
            "d.mdx",
            "e.txt",
            ".md",
            "x/.md",
            "md",
            ".github/ISSUE.md",
            "a/.hidden/b.md",
            "a/b.c/d",
            "a.b/c.md",
            "README",
        ] {
            let e = git::IndexEntry {
                path: path.to_string(),
                oid: [0; 20],
                ctime: (0, 0),
                mtime: (0, 0),
                size: 0,
                ino: 0,
                dev: 0,
                mode: 0o100644,
            };
            let walk = is_markdown(Path::new(path)) && !path.split('/').any(|c| c.starts_with('.'));
            assert_eq!(tracked_markdown(&e), walk, "{path}");
        }
    }
    use super::*;

    #[test]
    fn jekyll_baseurl() {
        assert_eq!(
            baseurl("title: x\nbaseurl: \"/curso-hpcd\"\n"),
            "/curso-hpcd"
        );
        assert_eq!(baseurl("baseurl: \"/\"\n"), "");
        assert_eq!(baseurl("url: x\n"), "");
    }

    #[test]
    fn closest() {
        let files: Vec<String> = [
            "docs",
            "docs/index.md",
            "slides",
            "slides/secuancias-largas.pdf",
            "img/logo.png",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            closest_path(&files, "slides/secuencias-largas.pdf").as_deref(),
            Some("slides/secuancias-largas.pdf")
        );
        assert_eq!(
            closest_path(&files, "assets/logo.png").as_deref(),
            Some("img/logo.png")
        );
        assert_eq!(closest_path(&files, "other/thing.pdf"), None);
        // Two names as close: no single answer.
        let two: Vec<String> = ["a/tema1.md", "a/tema2.md", "docs/introduccion.md"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(closest_path(&two, "a/tema3.md"), None);
        assert_eq!(
            closest_path(&two, "docs/introducion.md").as_deref(),
            Some("docs/introduccion.md")
        );
    }

    /// Issue 10 item 6: link checking never stats a path outside the
    /// checked root, through `..` or through a symlinked folder.
    #[cfg(unix)]
    #[test]
    fn nothing_outside_the_root_is_looked_at() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "# S\n").unwrap();
        let repo = tempfile::tempdir().unwrap();
        let root = repo.path().canonicalize().unwrap();
        std::fs::create_dir(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("docs/real")).unwrap();
        std::fs::write(root.join("docs/real/in.md"), "# In\n").unwrap();
        std::fs::write(root.join("docs/page.md"), "x\n").unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("docs/out")).unwrap();
        std::os::unix::fs::symlink(root.join("docs/real"), root.join("docs/alias")).unwrap();
        std::os::unix::fs::symlink("real/in.md", root.join("docs/rel.md")).unwrap();
        let ws = FsWorkspace::new(vec![root.join("docs/page.md")]).with_cwd(root.join("docs"));
        assert_eq!(ws.path_kind(&root.join("docs/out/secret.md")), None);
        assert_eq!(ws.anchors(&root.join("docs/out/secret.md")), None);
        assert_eq!(
            ws.path_kind(&root.join("docs/alias/in.md")),
            Some(PathKind::File)
        );
        assert_eq!(
            ws.path_kind(&root.join("docs/rel.md")),
            Some(PathKind::File)
        );
        assert_eq!(
            ws.path_kind(&root.join("docs/alias/nope.md")),
            Some(PathKind::Missing)
        );
        assert!(
            ws.anchors(&root.join("docs/alias/in.md"))
                .unwrap()
                .contains("in")
        );
        // Outside the repository altogether.
        assert_eq!(ws.path_kind(&outside.path().join("secret.md")), None);
    }

    /// Outside any repository the current folder bounds the pages under it.
    #[test]
    fn outside_a_repository_the_current_folder_is_the_root() {
        let top = tempfile::tempdir().unwrap();
        let top = top.path().canonicalize().unwrap();
        std::fs::create_dir_all(top.join("a/b")).unwrap();
        std::fs::write(top.join("secret.md"), "# S\n").unwrap();
        std::fs::write(top.join("a/b/here.md"), "# H\n").unwrap();
        let ws = FsWorkspace::new(vec![top.join("a/b/page.md")]).with_cwd(top.join("a/b"));
        assert_eq!(ws.path_kind(&top.join("secret.md")), None);
        assert_eq!(ws.path_kind(&top.join("a/b/here.md")), Some(PathKind::File));
        assert_eq!(ws.path_kind(Path::new("/etc/passwd")), None);
    }
}
