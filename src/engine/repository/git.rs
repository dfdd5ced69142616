//! A git checkout as read from its `.git` (no git binary involved): the
//! `origin` remote and branches from `config` and `HEAD`, worktrees and
//! submodules included (`.git` as a file pointing elsewhere), and the
//! tracked files with their stat data and object ids from git's own index
//! (`.git/index`, versions 2 to 4), parsed directly.

use std::path::{Path, PathBuf};

use crate::rule::Repository;

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

/// The git folder of the checkout whose working tree is `root` (`.git`, or
/// where a `.git` file points).
pub fn git_dir(root: &Path) -> Option<PathBuf> {
    let dot_git = root.join(".git");
    let meta = std::fs::metadata(&dot_git).ok()?;
    if meta.is_dir() {
        return Some(dot_git);
    }
    let s = std::fs::read_to_string(&dot_git).ok()?;
    Some(root.join(s.trim().strip_prefix("gitdir:")?.trim()))
}

/// One tracked file as git's index records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// `/`-separated, relative to the working tree's root.
    pub path: String,
    /// The staged blob's object id (SHA-1): a hash of the staged content.
    pub oid: [u8; 20],
    /// Seconds and nanoseconds of the last change and modification, size,
    /// inode, device and mode, as git last saw them (`git status`,
    /// `git add`).
    pub ctime: (u32, u32),
    pub mtime: (u32, u32),
    pub size: u32,
    pub ino: u32,
    pub dev: u32,
    pub mode: u32,
}

/// The entries (stage 0 only, regular files and symlinks) of a git index
/// file, versions 2 to 4; `None` for anything else (a SHA-256 repository,
/// a damaged or unknown file): the caller then walks the tree instead.
/// Extensions after the entries are not needed and not read.
pub fn parse_index(b: &[u8]) -> Option<Vec<IndexEntry>> {
    let be32 = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
    };
    if b.get(..4)? != b"DIRC" {
        return None;
    }
    let version = be32(4)?;
    if !(2..=4).contains(&version) {
        return None;
    }
    let count = be32(8)? as usize;
    let mut out = Vec::with_capacity(count.min(b.len() / 62));
    let mut at = 12;
    let mut prev: Vec<u8> = Vec::new();
    for _ in 0..count {
        let start = at;
        let field = |i: usize| be32(start + 4 * i);
        let (ctime, mtime) = ((field(0)?, field(1)?), (field(2)?, field(3)?));
        let (dev, ino, mode, size) = (field(4)?, field(5)?, field(6)?, field(9)?);
        let oid: [u8; 20] = b.get(start + 40..start + 60)?.try_into().ok()?;
        let flags = u16::from_be_bytes(b.get(start + 60..start + 62)?.try_into().ok()?);
        at = start + 62;
        if version >= 3 && flags & 0x4000 != 0 {
            at += 2;
        }
        let path: Vec<u8> = if version == 4 {
            // The number of bytes to drop from the previous path (git's
            // offset varint), then the rest of the path up to a NUL.
            let mut c = *b.get(at)?;
            at += 1;
            let mut drop = (c & 127) as usize;
            while c & 128 != 0 {
                c = *b.get(at)?;
                at += 1;
                drop = ((drop + 1) << 7) + (c & 127) as usize;
            }
            let keep = prev.len().checked_sub(drop)?;
            let nul = memchr::memchr(0, b.get(at..)?)?;
            let mut p = prev[..keep].to_vec();
            p.extend_from_slice(&b[at..at + nul]);
            at += nul + 1;
            p
        } else {
            let nul = memchr::memchr(0, b.get(at..)?)?;
            let p = b[at..at + nul].to_vec();
            // Entries are padded with 1 to 8 NULs to a multiple of 8.
            at = start + (at - start + nul + 8) / 8 * 8;
            p
        };
        let stage = (flags >> 12) & 3;
        let kind = mode >> 12;
        // 0o10 regular file, 0o12 symlink; gitlinks and sparse folders
        // are not files of this tree.
        if stage == 0 && (kind == 0o10 || kind == 0o12) {
            if let Ok(p) = std::str::from_utf8(&path) {
                out.push(IndexEntry {
                    path: p.to_string(),
                    oid,
                    ctime,
                    mtime,
                    size,
                    ino,
                    dev,
                    mode,
                });
            }
        }
        prev = path;
    }
    Some(out)
}

/// The tracked files of the checkout at `root`, from its index; `None`
/// when there is no readable index.
pub fn tracked_files(root: &Path) -> Option<Vec<IndexEntry>> {
    read_index(root).map(|(entries, _)| entries)
}

/// The tracked files of the checkout at `root` and the index file's
/// modification time (seconds): entries modified since are "racy".
pub fn read_index(root: &Path) -> Option<(Vec<IndexEntry>, i64)> {
    let path = git_dir(root)?.join("index");
    let meta = std::fs::metadata(&path).ok()?;
    let bytes = crate::engine::mapped::read(&path).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs() as i64;
    Some((parse_index(&bytes)?, mtime))
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

    /// The index git itself writes, in each version, parses to the files
    /// `git ls-files -s` lists.
    #[test]
    fn index_as_git_writes_it() {
        if std::process::Command::new("git")
            .arg("--version")
            .output()
            .is_err()
        {
            eprintln!("skipped: no git");
            return;
        }
        for version in ["2", "3", "4"] {
            let tmp = tempfile::tempdir().unwrap();
            let root = tmp.path();
            let git = |args: &[&str]| {
                let o = std::process::Command::new("git")
                    .args(args)
                    .current_dir(root)
                    .output()
                    .unwrap();
                assert!(o.status.success(), "{args:?}: {o:?}");
                String::from_utf8(o.stdout).unwrap()
            };
            git(&["init", "-q"]);
            std::fs::create_dir_all(root.join("docs/deep/er")).unwrap();
            for p in [
                "a.md",
                "docs/b.md",
                "docs/deep/er/c d.md",
                "docs/deep/ñ.md",
                "z.txt",
            ] {
                std::fs::write(root.join(p), p).unwrap();
            }
            // A long name, to exercise the padding and v4's prefixes.
            let long = format!("docs/deep/{}.md", "x".repeat(120));
            std::fs::write(root.join(&long), "long").unwrap();
            git(&["add", "-A"]);
            git(&["update-index", "--index-version", version]);
            let entries = tracked_files(root).expect("an index");
            let listed = git(&["-c", "core.quotepath=off", "ls-files", "-s"]);
            let want: Vec<(String, String)> = listed
                .lines()
                .map(|l| {
                    let (meta, path) = l.split_once('\t').unwrap();
                    (
                        path.to_string(),
                        meta.split(' ').nth(1).unwrap().to_string(),
                    )
                })
                .collect();
            let got: Vec<(String, String)> = entries
                .iter()
                .map(|e| {
                    let hex: String = e.oid.iter().map(|b| format!("{b:02x}")).collect();
                    (e.path.clone(), hex)
                })
                .collect();
            assert_eq!(got, want, "index version {version}");
            let meta = std::fs::metadata(root.join("docs/b.md")).unwrap();
            let b = entries.iter().find(|e| e.path == "docs/b.md").unwrap();
            assert_eq!(b.size as u64, meta.len());
        }
    }

    #[test]
    fn not_an_index() {
        assert_eq!(parse_index(b""), None);
        assert_eq!(parse_index(b"DIRC\0\0\0\x09\0\0\0\0"), None);
        // Says it has an entry it does not have.
        assert_eq!(parse_index(b"DIRC\0\0\0\x02\0\0\0\x01"), None);
        assert_eq!(parse_index(b"DIRC\0\0\0\x02\0\0\0\0"), Some(vec![]));
    }
}
