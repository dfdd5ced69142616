//! The real [`Workspace`]: what the rules may know about the file system
//! and the git checkout, computed lazily, once per run, and shared by every
//! file (the engine runs files in parallel).
//!
//! Nothing here runs git or touches the network: `.git` is read as files
//! (the `origin` remote from `config`, the branch from `HEAD`), worktrees
//! and submodules included (`.git` as a file pointing elsewhere).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::rule::{PathKind, Repository, Site, Workspace};

/// Files larger than this are not read for anchors or HTTPS hosts.
const MAX_READ: u64 = 8 * 1024 * 1024;

type Lazy<T> = Arc<OnceLock<T>>;
type Anchors = Option<Arc<HashSet<String>>>;

/// Get or create the lazily filled slot for `key`, without holding the
/// lock while it is filled.
fn slot<K: std::hash::Hash + Eq + Clone, T>(map: &Mutex<HashMap<K, Lazy<T>>>, key: &K) -> Lazy<T> {
    let mut m = map.lock().unwrap_or_else(|e| e.into_inner());
    m.entry(key.clone()).or_default().clone()
}

#[derive(Default)]
pub struct FsWorkspace {
    /// The Markdown files of this run (absolute): where HTTPS hosts are
    /// collected for pages outside any repository.
    run_files: Vec<PathBuf>,
    /// Per folder: the checkout holding it.
    repos: Mutex<HashMap<PathBuf, Lazy<Option<Arc<Repository>>>>>,
    /// Per folder: the Jekyll site holding it.
    sites: Mutex<HashMap<PathBuf, Lazy<Option<Arc<Site>>>>>,
    anchors: Mutex<HashMap<PathBuf, Lazy<Anchors>>>,
    /// Per root: every file and folder below it, `/`-separated.
    indexes: Mutex<HashMap<PathBuf, Lazy<Vec<String>>>>,
    /// Hosts linked with https:// in the files read so far.
    seen_https: std::sync::RwLock<HashSet<String>>,
    /// Set once every file of the run has been read.
    complete: std::sync::atomic::AtomicBool,
    /// Pages that asked about a host before every file was read, and the
    /// hosts they asked about.
    pending: Mutex<HashMap<PathBuf, Vec<String>>>,
    /// Per repository root: hosts linked with https:// by its Markdown
    /// files that are not in this run.
    repo_https: Mutex<HashMap<PathBuf, Lazy<Arc<HashSet<String>>>>>,
    /// Per repository root: its Markdown files (`.gitignore` honoured).
    repo_markdown: Mutex<HashMap<PathBuf, Lazy<Arc<Vec<PathBuf>>>>>,
    /// The files of the run whose citations TYP004 compares (absolute);
    /// with the other Markdown files of their repositories, how often each
    /// surname is cited in them: counted when a rule first asks.
    cited_files: Vec<PathBuf>,
    cited_names: OnceLock<Option<HashMap<String, u32>>>,
    roots_cache: OnceLock<Vec<PathBuf>>,
    /// The folder that bounds a page outside any repository: the current
    /// folder when the page is under it, else the page's own folder.
    cwd: Option<PathBuf>,
    /// Folders below a root already resolved (symlinks followed only
    /// while they stay inside it): `None` when one leads out.
    resolved: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl FsWorkspace {
    /// The files whose surname counts TYP004 compares
    /// ([`super::citations::files`]).
    pub fn with_cited_files(mut self, files: Vec<PathBuf>) -> FsWorkspace {
        self.cited_files = files;
        self
    }

    pub fn new(run_files: Vec<PathBuf>) -> FsWorkspace {
        FsWorkspace {
            run_files,
            ..FsWorkspace::default()
        }
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
}

impl Workspace for FsWorkspace {
    /// Repository-wide: the run's files and every other Markdown file of
    /// their checkouts (a commit hook's one staged page is compared with
    /// the whole repository's citations). `None` when that is a single file
    /// (the rule then counts its own citations).
    fn cited_names(&self) -> Option<&HashMap<String, u32>> {
        self.cited_names
            .get_or_init(|| {
                let mut files = self.cited_files.clone();
                let run: HashSet<&PathBuf> = self.cited_files.iter().collect();
                let mut roots: Vec<PathBuf> = Vec::new();
                for f in &self.cited_files {
                    if let Some(r) = self.repository(f)
                        && !roots.contains(&r.root)
                    {
                        roots.push(r.root.clone());
                    }
                }
                for root in &roots {
                    let all = self.repository_markdown(root);
                    files.extend(all.iter().filter(|f| !run.contains(f)).cloned());
                }
                if files.len() < 2 {
                    return None;
                }
                Some(super::citations::count(&files))
            })
            .as_ref()
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

    fn closest_path(&self, root: &Path, wanted: &str) -> Option<String> {
        let roots = self.roots_cache.get_or_init(|| self.roots());
        if !roots.iter().any(|r| root.starts_with(r)) {
            return None;
        }
        let index = slot(&self.indexes, &root.to_path_buf());
        let files = index.get_or_init(|| file_index(root));
        closest_path(files, wanted)
    }

    fn links_with_https(&self, doc: Option<&Path>, host: &str) -> bool {
        use std::sync::atomic::Ordering;
        if self.seen(host) {
            return true;
        }
        let Some(doc) = doc else {
            return false;
        };
        if !self.complete.load(Ordering::Acquire) {
            // Not every file is read yet: note the question; the command
            // line checks this page again once they are.
            lock(&self.pending)
                .entry(doc.to_path_buf())
                .or_default()
                .push(host.to_string());
            return false;
        }
        self.repository_https(doc).contains(host)
    }

    fn https_hosts_read(&self, hosts: &str) {
        if hosts.is_empty() {
            return;
        }
        // Most hosts are known already: look under the shared lock, write
        // only what is new.
        let new: Vec<&str> = {
            let seen = self.seen_https.read().unwrap_or_else(|e| e.into_inner());
            hosts.lines().filter(|h| !seen.contains(*h)).collect()
        };
        if !new.is_empty() {
            let mut seen = self.seen_https.write().unwrap_or_else(|e| e.into_inner());
            for h in new {
                if !seen.contains(h) {
                    seen.insert(h.to_string());
                }
            }
        }
    }
}

impl FsWorkspace {
    /// Has a page of the run been read that links `host` with https://?
    fn seen(&self, host: &str) -> bool {
        self.seen_https
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .contains(host)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl FsWorkspace {
    /// Hosts that the Markdown files of `doc`'s repository outside this run
    /// link with https:// (read once per repository, only when asked).
    fn repository_https(&self, doc: &Path) -> Arc<HashSet<String>> {
        let Some(repo) = self.repository(doc) else {
            return Arc::default();
        };
        let root = repo.root.clone();
        let slot = slot(&self.repo_https, &root);
        let hosts = slot.get_or_init(|| {
            let run: HashSet<&PathBuf> = self.run_files.iter().collect();
            let others: Vec<PathBuf> = self
                .repository_markdown(&root)
                .iter()
                .filter(|f| !run.contains(f))
                .cloned()
                .collect();
            Arc::new(https_hosts(&others))
        });
        hosts.clone()
    }

    /// The Markdown files of the checkout at `root` (listed once per run).
    fn repository_markdown(&self, root: &Path) -> Arc<Vec<PathBuf>> {
        slot(&self.repo_markdown, &root.to_path_buf())
            .get_or_init(|| Arc::new(markdown_files(root)))
            .clone()
    }

    /// Every file has been read: the pages whose `https://` question has a
    /// different answer now, to be checked again.
    pub fn finish_pass(&self) -> Vec<PathBuf> {
        use std::sync::atomic::Ordering;
        self.complete.store(true, Ordering::Release);
        let pending = std::mem::take(&mut *lock(&self.pending));
        let mut again: Vec<PathBuf> = pending
            .into_iter()
            .filter(|(doc, hosts)| {
                hosts
                    .iter()
                    .any(|h| self.seen(h) || self.repository_https(doc).contains(h))
            })
            .map(|(doc, _)| doc)
            .collect();
        again.sort();
        again
    }
}

/// The closest entry of `files` to `wanted`: by edit distance over the
/// whole path, or a file of the same name elsewhere (a moved file).
pub fn closest_path(files: &[String], wanted: &str) -> Option<String> {
    let wanted_name = wanted.rsplit('/').next().unwrap_or(wanted);
    let mut best: Option<(usize, &String)> = None;
    for f in files {
        let d = strsim::levenshtein(wanted, f);
        if best.is_none_or(|(bd, bf)| d < bd || d == bd && f < bf) {
            best = Some((d, f));
        }
    }
    let limit = (wanted.chars().count() / 4).clamp(2, 8);
    if let Some((d, f)) = best
        && d <= limit
    {
        // Exactly one close name: several are a guess between them.
        let close = files
            .iter()
            .filter(|g| strsim::levenshtein(wanted, g) <= limit)
            .take(2)
            .count();
        return (close == 1).then(|| f.clone());
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
        .filter(|e| {
            e.file_type().is_some_and(|t| t.is_file()) && super::files::is_markdown(e.path())
        })
        .map(|e| e.into_path())
        .collect()
}

/// Hosts written after `https://` in these files (lowercase).
fn https_hosts(files: &[PathBuf]) -> HashSet<String> {
    let mut all = HashSet::new();
    for part in read_each(files, |hosts: &mut HashSet<String>, bytes| {
        let found = crate::text::links::hosts::scan_https_hosts(bytes);
        hosts.extend(found.lines().map(str::to_string));
    }) {
        all.extend(part);
    }
    all
}

/// Read every file (up to [`MAX_READ`] bytes; unreadable ones are skipped)
/// and fold its bytes into one value per thread. The files are read on
/// plain scoped threads, not rayon: this runs inside a rayon task that
/// holds a `OnceLock`, and a rayon wait could run another file's task that
/// asks for the same lock. One open and one read per file, into a reused
/// buffer.
pub(super) fn read_each<T: Default + Send>(
    files: &[PathBuf],
    fold: impl Fn(&mut T, &[u8]) + Sync,
) -> Vec<T> {
    use std::io::Read;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    let fold = &fold;
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut acc = T::default();
                    let mut buf = Vec::new();
                    for f in part {
                        buf.clear();
                        let read = std::fs::File::open(f)
                            .and_then(|file| file.take(MAX_READ).read_to_end(&mut buf));
                        if read.is_ok() {
                            fold(&mut acc, &buf);
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

/// The checkout holding `dir`: the nearest ancestor with a `.git`.
pub fn find_repository(dir: &Path) -> Option<Repository> {
    let mut d = Some(dir);
    while let Some(cur) = d {
        let dot_git = cur.join(".git");
        if let Ok(meta) = std::fs::metadata(&dot_git) {
            let git_dir = if meta.is_dir() {
                dot_git
            } else {
                // A worktree or submodule: `gitdir: <path>`.
                let s = std::fs::read_to_string(&dot_git).ok()?;
                let p = s.trim().strip_prefix("gitdir:")?.trim();
                cur.join(p)
            };
            let common = match std::fs::read_to_string(git_dir.join("commondir")) {
                Ok(c) => git_dir.join(c.trim()),
                Err(_) => git_dir.clone(),
            };
            let github = std::fs::read_to_string(common.join("config"))
                .ok()
                .and_then(|c| origin_url(&c))
                .and_then(|u| github_slug(&u));
            let mut branches = Vec::new();
            if let Ok(head) = std::fs::read_to_string(git_dir.join("HEAD"))
                && let Some(b) = head.trim().strip_prefix("ref: refs/heads/")
            {
                branches.push(b.to_string());
            }
            match std::fs::read_to_string(common.join("refs/remotes/origin/HEAD")) {
                Ok(h) => {
                    if let Some(b) = h.trim().strip_prefix("ref: refs/remotes/origin/") {
                        branches.push(b.to_string());
                    }
                }
                Err(_) => {
                    for b in ["main", "master"] {
                        branches.push(b.to_string());
                    }
                }
            }
            branches.sort();
            branches.dedup();
            return Some(Repository {
                root: cur.to_path_buf(),
                github,
                branches,
            });
        }
        d = cur.parent();
    }
    None
}

/// The `url` of `[remote "origin"]` in a git config file.
pub fn origin_url(config: &str) -> Option<String> {
    let mut in_origin = false;
    for line in config.lines() {
        let t = line.trim();
        if t.starts_with('#') || t.starts_with(';') || t.is_empty() {
            continue;
        }
        if t.starts_with('[') {
            let inner = t.trim_start_matches('[').trim_end_matches(']').trim();
            let (section, sub) = inner.split_once(' ').unwrap_or((inner, ""));
            in_origin =
                section.eq_ignore_ascii_case("remote") && sub.trim().trim_matches('"') == "origin";
            continue;
        }
        if in_origin
            && let Some((k, v)) = t.split_once('=')
            && k.trim().eq_ignore_ascii_case("url")
        {
            return Some(v.trim().trim_matches('"').to_string());
        }
    }
    None
}

/// `OWNER/NAME` of a GitHub remote URL (https, ssh, scp-like or git://).
pub fn github_slug(url: &str) -> Option<String> {
    let u = url.trim();
    let rest = if let Some(r) = u.split_once("://").map(|(_, r)| r) {
        // Drop user info and port.
        let r = r.rsplit_once('@').map_or(r, |(_, h)| h);
        let (host, path) = r.split_once('/')?;
        let host = host.split(':').next()?;
        if !matches!(
            host.to_ascii_lowercase().as_str(),
            "github.com" | "www.github.com"
        ) {
            return None;
        }
        path
    } else {
        // scp-like: git@github.com:OWNER/NAME.git
        let (host, path) = u.split_once(':')?;
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        if !host.eq_ignore_ascii_case("github.com") {
            return None;
        }
        path
    };
    let rest = rest.trim_matches('/');
    let rest = rest.strip_suffix(".git").unwrap_or(rest);
    let (owner, name) = rest.split_once('/')?;
    if owner.is_empty() || name.is_empty() || name.contains('/') {
        return None;
    }
    Some(format!("{owner}/{name}"))
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
    use super::*;

    #[test]
    fn remotes() {
        for u in [
            "https://github.com/mcd-unison/pln.git",
            "https://github.com/mcd-unison/pln",
            "https://user@github.com/mcd-unison/pln.git/",
            "git@github.com:mcd-unison/pln.git",
            "ssh://git@github.com:22/mcd-unison/pln.git",
            "git://github.com/mcd-unison/pln",
            "https://www.github.com/mcd-unison/pln",
        ] {
            assert_eq!(github_slug(u).as_deref(), Some("mcd-unison/pln"), "{u}");
        }
        for u in [
            "https://gitlab.com/a/b.git",
            "/srv/git/pln.git",
            "git@example.org:a/b.git",
            "https://github.com/onlyowner",
        ] {
            assert_eq!(github_slug(u), None, "{u}");
        }
    }

    #[test]
    fn git_config() {
        let c = "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://github.com/a/b\n[remote \"origin\"]\n\turl = git@github.com:c/d.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n";
        assert_eq!(origin_url(c).as_deref(), Some("git@github.com:c/d.git"));
        assert_eq!(origin_url("[core]\n"), None);
    }

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

    #[test]
    fn worktree_checkout() {
        let tmp = tempfile::tempdir().unwrap();
        let main_git = tmp.path().join("main/.git");
        std::fs::create_dir_all(main_git.join("worktrees/wt")).unwrap();
        std::fs::write(
            main_git.join("config"),
            "[remote \"origin\"]\n\turl = https://github.com/o/n.git\n",
        )
        .unwrap();
        std::fs::write(main_git.join("worktrees/wt/commondir"), "../..\n").unwrap();
        std::fs::write(
            main_git.join("worktrees/wt/HEAD"),
            "ref: refs/heads/feature\n",
        )
        .unwrap();
        let wt = tmp.path().join("wt");
        std::fs::create_dir_all(wt.join("docs")).unwrap();
        std::fs::write(
            wt.join(".git"),
            format!("gitdir: {}\n", main_git.join("worktrees/wt").display()),
        )
        .unwrap();
        let r = find_repository(&wt.join("docs")).unwrap();
        assert_eq!(r.root, wt);
        assert_eq!(r.github.as_deref(), Some("o/n"));
        assert!(r.branches.contains(&"feature".to_string()));
        assert!(r.branches.contains(&"main".to_string()));
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
