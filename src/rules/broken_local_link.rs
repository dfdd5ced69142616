//! LNK007 `broken-local-link`: a relative link, or a GitHub URL into this
//! repository, whose file (or heading anchor) does not exist in the
//! working tree. The help names the closest existing path; when exactly
//! one path is close, a relative link gets it as an unsafe fix.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, PathKind, Rule, RuleMeta};
use crate::rules::link_sites::{Site, SiteKind, sites, web_url};
use crate::text::links::hosts::{GithubHost, default_branches, github_host};
use crate::text::links::url::{percent_decode, split};

pub static META: RuleMeta = RuleMeta {
    code: "LNK007",
    name: "broken-local-link",
    group: Group::Lnk,
    summary: "Relative link or GitHub URL into this repository whose file or anchor does not exist",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("LNK007"),
};

pub struct BrokenLocalLink;

/// Where a link leads, once read.
struct Target {
    /// The file or folder, absolute.
    path: PathBuf,
    /// The folder the help's suggestion is relative to (`None`: express it
    /// relative to the repository root, as in a GitHub URL).
    relative_from: Option<PathBuf>,
    /// The root to search for the closest existing path.
    search_root: Option<PathBuf>,
    fragment: Option<String>,
    /// A page (`.html`, no extension, `…/`) that a site generator may
    /// produce from elsewhere: silent when missing.
    maybe_generated: bool,
}

fn is_markdown(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "md" | "markdown"))
}

/// Join `rel` (`/`-separated, decoded) to `base`, resolving `.` and `..`
/// lexically. `None` when it climbs above the file-system root.
fn join(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut out = base.to_path_buf();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if !out.pop() {
                    return None;
                }
            }
            p => out.push(p),
        }
    }
    Some(out)
}

/// `to` relative to the folder `from`, `/`-separated.
fn relative(from: &Path, to: &Path) -> String {
    let f: Vec<Component> = from.components().collect();
    let t: Vec<Component> = to.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); f.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// Is this (lowercase) fragment one that no heading produces but that
/// works anyway?
fn fragment_is_special(f: &str) -> bool {
    let line_ref = f.strip_prefix('l').is_some_and(|r| {
        !r.is_empty()
            && r.split('-').all(|p| {
                let p = p.trim_start_matches('l');
                !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())
            })
    });
    f.is_empty()
        || f == "top"
        || line_ref
        || f.starts_with("fn")
        || f.starts_with("user-content-fn")
        || f.starts_with(':')
}

/// The closest of `candidates` to `wanted` by edit distance, if close.
fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a String>) -> Option<&'a String> {
    let mut best: Option<(usize, &String)> = None;
    for c in candidates {
        let d = strsim::levenshtein(wanted, c);
        // On a tie the longer name (GitHub's slug keeps accents that
        // kramdown's drops), then the first in order.
        if best.is_none_or(|(bd, bc)| {
            d < bd || d == bd && (c.len() > bc.len() || c.len() == bc.len() && c < bc)
        }) {
            best = Some((d, c));
        }
    }
    let (d, c) = best?;
    (d <= (wanted.chars().count() / 3).max(2)).then_some(c)
}

struct Checker<'c, 'a> {
    ctx: &'c Context<'a>,
    own_anchors: Option<Arc<HashSet<String>>>,
    /// The page's repository and Jekyll site, looked up once.
    repo: Option<Option<Arc<crate::rule::Repository>>>,
    site: Option<Option<Arc<crate::rule::Site>>>,
}

impl Checker<'_, '_> {
    fn repo(&mut self, doc_path: &Path) -> Option<Arc<crate::rule::Repository>> {
        let ws = self.ctx.workspace;
        self.repo
            .get_or_insert_with(|| ws.repository(doc_path))
            .clone()
    }

    fn own_anchors(&mut self) -> Arc<HashSet<String>> {
        self.own_anchors
            .get_or_insert_with(|| Arc::new(self.ctx.doc.anchors()))
            .clone()
    }

    /// The target of a GitHub URL into this repository.
    fn github_target(&mut self, site: &Site) -> Option<Target> {
        let text = self.ctx.doc.text;
        let doc_path = self.ctx.path?;
        // Fast path: most URLs lead elsewhere.
        let written = &text[site.range.clone()];
        if !written.contains("github") && !written.contains("GitHub") {
            return None;
        }
        let url = web_url(text, site)?;
        let host = github_host(&url.host)?;
        let repo = self.repo(doc_path);
        let lnk = &self.ctx.settings.lnk;
        let slug = lnk
            .repository
            .clone()
            .or_else(|| repo.as_ref().and_then(|r| r.github.clone()))?;
        let root = repo
            .as_ref()
            .map(|r| r.root.clone())
            .or_else(|| lnk.repository_root.clone())?;
        let default_branches: Vec<String> = default_branches().map(String::from).collect();
        let branches: &[String] = match &repo {
            Some(r) if !r.branches.is_empty() => &r.branches,
            _ => &default_branches,
        };
        let path = &text[url.parts.path.clone()];
        let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let (owner, name, rest) = match host {
            GithubHost::Pages => {
                let [owner, name, kind, rest @ ..] = &segs[..] else {
                    return None;
                };
                if !matches!(*kind, "blob" | "tree" | "raw") {
                    return None;
                }
                (*owner, *name, rest)
            }
            GithubHost::Raw => {
                let [owner, name, rest @ ..] = &segs[..] else {
                    return None;
                };
                let rest = match rest {
                    ["refs", "heads", tail @ ..] => tail,
                    _ => rest,
                };
                (*owner, *name, rest)
            }
        };
        let (o, n) = slug.split_once('/')?;
        if !owner.eq_ignore_ascii_case(o) || !name.eq_ignore_ascii_case(n) {
            return None;
        }
        let [branch, file @ ..] = rest else {
            return None;
        };
        if *branch != "HEAD" && !branches.iter().any(|b| b == branch) {
            return None;
        }
        let rel = percent_decode(&file.join("/"))?;
        let fragment = url
            .parts
            .fragment
            .as_ref()
            .map(|f| text[f.clone()].to_string());
        Some(Target {
            path: join(&root, &rel)?,
            relative_from: None,
            search_root: Some(root),
            fragment,
            maybe_generated: false,
        })
    }

    /// The target of a relative or site-absolute link.
    fn local_target(&mut self, written: &str) -> Option<Target> {
        let doc_path = self.ctx.path?;
        let ws = self.ctx.workspace;
        let p = split(written);
        if p.scheme.is_some() || p.host.is_some() || written.starts_with("//") {
            return None;
        }
        let raw_path = &written[p.path.clone()];
        let path = percent_decode(raw_path)?;
        let fragment = p.fragment.map(|f| written[f].to_string());
        let dir = doc_path.parent()?;
        let repo = self.repo(doc_path);
        let site = self.site.get_or_insert_with(|| ws.site(doc_path)).clone();
        let root = repo
            .as_ref()
            .map(|r| r.root.clone())
            .or_else(|| self.ctx.settings.lnk.repository_root.clone());
        let page_like = {
            let last = path.rsplit('/').next().unwrap_or("");
            path.ends_with('/')
                || !last.contains('.')
                || last.ends_with(".html")
                || last.ends_with(".htm")
        };
        let target = if let Some(abs) = path.strip_prefix('/') {
            // Site-absolute: only inside a Jekyll site, under its baseurl.
            let site = site.as_ref()?;
            let under = if site.baseurl.is_empty() {
                abs
            } else {
                let base = site.baseurl.trim_start_matches('/');
                abs.strip_prefix(base)?.strip_prefix('/')?
            };
            Target {
                path: join(&site.root, under)?,
                relative_from: None,
                search_root: Some(site.root.clone()),
                fragment,
                maybe_generated: page_like,
            }
        } else {
            let target_path = join(dir, &path)?;
            // Outside a repository and a site, search the folder that holds
            // both the page and the target, up to two levels above the page.
            let common = dir
                .ancestors()
                .take(3)
                .find(|a| target_path.starts_with(a))
                .map(Path::to_path_buf);
            Target {
                path: target_path,
                relative_from: Some(dir.to_path_buf()),
                search_root: root
                    .clone()
                    .or_else(|| site.as_ref().map(|s| s.root.clone()))
                    .or(common),
                fragment,
                maybe_generated: page_like,
            }
        };
        if let Some(root) = &root
            && !target.path.starts_with(root)
        {
            return None; // outside the repository: not ours to judge
        }
        Some(target)
    }

    /// The file a target resolves to (`Some(None)` for a folder), or
    /// `None` when nothing is there. `Err` when the workspace cannot tell.
    fn resolve(&self, path: &Path, written_dir: bool) -> Result<Option<Option<PathBuf>>, ()> {
        let ws = self.ctx.workspace;
        match ws.path_kind(path).ok_or(())? {
            PathKind::File if !written_dir => return Ok(Some(Some(path.to_path_buf()))),
            PathKind::File => {}
            PathKind::Dir => return Ok(Some(None)),
            PathKind::Missing => {}
        }
        // Generators turn `page.md` into `page.html` (mdBook, Jekyll) and
        // serve `page/` from `page.md` or `page/index.md` (pretty URLs).
        let name = path.file_name().ok_or(())?.to_string_lossy().into_owned();
        let parent = path.parent().ok_or(())?;
        let stem = name
            .strip_suffix(".html")
            .or_else(|| name.strip_suffix(".htm"));
        let mut alternates: Vec<PathBuf> = Vec::new();
        if let Some(stem) = stem {
            for ext in ["md", "markdown"] {
                alternates.push(parent.join(format!("{stem}.{ext}")));
            }
        } else if !name.contains('.') || written_dir {
            for ext in ["md", "markdown", "html"] {
                alternates.push(parent.join(format!("{name}.{ext}")));
            }
            for index in ["index.md", "index.html", "README.md"] {
                alternates.push(path.join(index));
            }
        }
        for alt in alternates {
            if ws.path_kind(&alt) == Some(PathKind::File) {
                return Ok(Some(Some(alt)));
            }
        }
        Ok(None)
    }

    fn check_site(&mut self, site: &Site, out: &mut Vec<Diagnostic>) {
        let doc = self.ctx.doc;
        let written = doc.slice(&site.range).trim();
        if written.is_empty() || written.contains("{{") || written.contains("{%") {
            return;
        }
        // Same-page anchor.
        if let Some(frag) = written.strip_prefix('#') {
            if site.kind == SiteKind::FrontMatter {
                return;
            }
            self.check_fragment(site, frag, None, "this page", out);
            return;
        }
        let target = match site.kind {
            SiteKind::Inline | SiteKind::Definition => self
                .local_target(written)
                .or_else(|| self.github_target(site)),
            SiteKind::Angle | SiteKind::Bare | SiteKind::FrontMatter => self.github_target(site),
        };
        let Some(target) = target else {
            return;
        };
        let written_dir = written
            .split(['?', '#'])
            .next()
            .is_some_and(|p| p.ends_with('/'));
        let resolved = match self.resolve(&target.path, written_dir) {
            Ok(r) => r,
            Err(()) => return,
        };
        match resolved {
            Some(Some(file)) => {
                if let Some(frag) = &target.fragment
                    && is_markdown(&file)
                {
                    let shown = match (&target.relative_from, &target.search_root) {
                        (Some(from), _) => relative(from, &file),
                        (None, Some(root)) => relative(root, &file),
                        _ => file.display().to_string(),
                    };
                    self.check_fragment(site, frag, Some(&file), &format!("`{shown}`"), out);
                }
            }
            Some(None) => {}
            None if target.maybe_generated => {}
            None => self.report_missing(site, written, &target, out),
        }
    }

    fn check_fragment(
        &mut self,
        site: &Site,
        frag: &str,
        file: Option<&Path>,
        place: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(decoded) = percent_decode(frag) else {
            return;
        };
        let lower = decoded.to_lowercase();
        let name = lower.strip_prefix("user-content-").unwrap_or(&lower);
        if fragment_is_special(name) {
            return;
        }
        let same_file = match (file, self.ctx.path) {
            (None, _) => true,
            (Some(f), Some(p)) => f == p,
            _ => false,
        };
        let anchors = if same_file {
            self.own_anchors()
        } else {
            match self.ctx.workspace.anchors(file.expect("not the same file")) {
                Some(a) => a,
                None => return,
            }
        };
        if anchors.contains(name) {
            return;
        }
        let mut d = Diagnostic::new(
            &META,
            site.range.clone(),
            format!("no heading or anchor `#{decoded}` in {place}"),
        );
        d = match closest(name, anchors.iter()) {
            Some(c) => d.with_help(format!("did you mean `#{c}`?")),
            None => d.with_help("anchors are made from heading text: lowercase, punctuation dropped, spaces turned into `-`"),
        };
        out.push(d);
    }

    fn report_missing(
        &self,
        site: &Site,
        written: &str,
        target: &Target,
        out: &mut Vec<Diagnostic>,
    ) {
        let shown = match (&target.relative_from, &target.search_root) {
            (Some(_), _) => written
                .split(['?', '#'])
                .next()
                .unwrap_or(written)
                .to_string(),
            (None, Some(root)) => relative(root, &target.path),
            _ => target.path.display().to_string(),
        };
        let what = if site.image { "image " } else { "" };
        let mut d = Diagnostic::new(
            &META,
            site.range.clone(),
            format!("{what}`{shown}` does not exist in the working tree"),
        );
        let lower = written.to_ascii_lowercase();
        let mut fix = None;
        let help =
            if target.relative_from.is_some() && written.contains('@') && !written.contains('/') {
                Some(format!(
                    "this looks like an e-mail address: write `mailto:{written}`"
                ))
            } else if target.relative_from.is_some()
                && (lower.starts_with("www.")
                    || lower.split('/').next().is_some_and(|h| {
                        [".com", ".org", ".net", ".io", ".edu"]
                            .iter()
                            .any(|t| h.ends_with(t))
                    }))
            {
                Some(format!(
                    "this looks like a web address: write `https://{written}`"
                ))
            } else {
                target.search_root.as_ref().and_then(|root| {
                    let wanted = relative(root, &target.path);
                    let found = self.ctx.workspace.closest_path(root, &wanted)?;
                    let suggestion = match &target.relative_from {
                        Some(from) => relative(from, &root.join(&found)),
                        None => found,
                    };
                    fix = self.path_fix(site, written, target, &suggestion);
                    Some(format!("did you mean `{suggestion}`?"))
                })
            };
        d = match help {
            Some(h) => d.with_help(h),
            None => d.with_help("no single existing file has a similar name"),
        };
        if let Some(f) = fix {
            d = d.with_fix(f);
        }
        out.push(d);
    }

    /// The closest existing path as an unsafe fix: the path part of a
    /// relative link replaced, its query and fragment kept. Only where the
    /// path is written as is (no percent-encoding, no characters a
    /// destination would need to encode).
    fn path_fix(
        &self,
        site: &Site,
        written: &str,
        target: &Target,
        suggestion: &str,
    ) -> Option<Fix> {
        target.relative_from.as_ref()?;
        let raw = self.ctx.doc.slice(&site.range);
        let lead = raw.len() - raw.trim_start().len();
        let path_len = written.find(['?', '#']).unwrap_or(written.len());
        let path = &written[..path_len];
        let plain = |s: &str| {
            !s.is_empty()
                && !s
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "%()<>?#\\".contains(c))
        };
        if !plain(path) || !plain(suggestion) || path.ends_with('/') {
            return None;
        }
        let start = site.range.start + lead;
        Some(Fix::unsafe_edit(
            format!("Link to `{suggestion}`"),
            vec![Edit::replace(start..start + path_len, suggestion)],
        ))
    }
}

impl Rule for BrokenLocalLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut checker = Checker {
            ctx,
            own_anchors: None,
            repo: None,
            site: None,
        };
        for site in sites(ctx.doc) {
            checker.check_site(&site, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            join(Path::new("/r/docs"), "../slides/./x.pdf").unwrap(),
            PathBuf::from("/r/slides/x.pdf")
        );
        assert_eq!(
            relative(Path::new("/r/docs"), Path::new("/r/slides/x.pdf")),
            "../slides/x.pdf"
        );
        assert_eq!(relative(Path::new("/r"), Path::new("/r/a/b")), "a/b");
    }

    #[test]
    fn special_fragments() {
        for f in ["l10", "l10-l20", "top", "fn-1", "fnref:2"] {
            assert!(fragment_is_special(f), "{f}");
        }
        for f in ["intro", "lists", "l10n"] {
            assert!(!fragment_is_special(f), "{f}");
        }
    }

    #[test]
    fn closest_names() {
        let c = [
            "slides/secuancias-largas.pdf".to_string(),
            "slides/transfer.pdf".to_string(),
        ];
        assert_eq!(
            closest("slides/secuencias-largas.pdf", c.iter()).map(String::as_str),
            Some("slides/secuancias-largas.pdf")
        );
        assert_eq!(closest("docs/other.md", c.iter()), None);
    }
}
