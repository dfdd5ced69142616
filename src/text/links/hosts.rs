//! Host tables: canonical host aliases (`rules/data/links/host-aliases.tsv`)
//! and hosts known to serve HTTPS (`rules/data/links/https-hosts.tsv`).

use std::sync::OnceLock;

use super::entries;
use super::url::{host_matches, is_host_pattern};

pub const ALIASES: &str = crate::text::data::HOST_ALIASES;

pub const HTTPS: &str = crate::text::data::HTTPS_HOSTS;

/// One alias: a host pattern and the canonical host it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub alias: String,
    pub canonical: String,
    pub reason: String,
}

impl Alias {
    /// The canonical host for `host` (lowercase), if this alias matches it.
    pub fn apply(&self, host: &str) -> Option<String> {
        if !host_matches(&self.alias, host) {
            return None;
        }
        match self.alias.strip_prefix("*.") {
            Some(domain) => {
                let prefix = &host[..host.len() - domain.len() - 1];
                Some(self.canonical.replacen('*', prefix, 1))
            }
            None => Some(self.canonical.clone()),
        }
    }
}

/// Check one alias pair; `Err` says what is wrong.
pub fn check_alias(alias: &str, canonical: &str) -> Result<(), String> {
    if !is_host_pattern(alias) {
        return Err(format!(
            "`{alias}` is not a lowercase host or *.domain pattern"
        ));
    }
    if !is_host_pattern(canonical) {
        return Err(format!(
            "`{canonical}` is not a lowercase host or *.domain pattern"
        ));
    }
    if alias.starts_with("*.") != canonical.starts_with("*.") {
        return Err(format!(
            "`{alias}` and `{canonical}` must both start with `*.` or neither"
        ));
    }
    if alias == canonical {
        return Err(format!("`{alias}` is an alias of itself"));
    }
    Ok(())
}

pub fn parse_aliases(src: &str) -> Result<Vec<Alias>, String> {
    let mut out = Vec::new();
    for (n, line) in entries(src) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [alias, canonical, reason] = cols[..] else {
            return Err(format!("line {n}: expected 3 tab-separated columns"));
        };
        check_alias(alias, canonical).map_err(|e| format!("line {n}: {e}"))?;
        out.push(Alias {
            alias: alias.to_string(),
            canonical: canonical.to_string(),
            reason: reason.to_string(),
        });
    }
    Ok(out)
}

pub fn parse_https(src: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for (n, line) in entries(src) {
        let Some((pattern, reason)) = line.split_once('\t') else {
            return Err(format!("line {n}: expected 2 tab-separated columns"));
        };
        if !is_host_pattern(pattern) {
            return Err(format!("line {n}: `{pattern}` is not a host pattern"));
        }
        out.push((pattern.to_string(), reason.to_string()));
    }
    Ok(out)
}

/// The alias table indexed: exact hosts in a map, `*.` patterns in a list.
struct AliasTable {
    all: Vec<Alias>,
    exact: std::collections::HashMap<String, usize>,
    wild: Vec<usize>,
}

fn aliases() -> &'static AliasTable {
    static T: OnceLock<AliasTable> = OnceLock::new();
    T.get_or_init(|| {
        let all = parse_aliases(ALIASES).expect("host-aliases.tsv is checked by tests");
        let mut exact = std::collections::HashMap::new();
        let mut wild = Vec::new();
        for (i, a) in all.iter().enumerate() {
            if a.alias.starts_with("*.") {
                wild.push(i);
            } else {
                exact.insert(a.alias.clone(), i);
            }
        }
        AliasTable { all, exact, wild }
    })
}

fn https() -> &'static [(String, String)] {
    static T: OnceLock<Vec<(String, String)>> = OnceLock::new();
    T.get_or_init(|| parse_https(HTTPS).expect("https-hosts.tsv is checked by tests"))
}

/// The canonical host for `host` (lowercase) and the reason, from the
/// built-in table and then `extra` (`(alias, canonical)` pairs).
pub fn canonical_host(host: &str, extra: &[(String, String)]) -> Option<(String, String)> {
    for (alias, canonical) in extra {
        let a = Alias {
            alias: alias.clone(),
            canonical: canonical.clone(),
            reason: String::new(),
        };
        if let Some(c) = a.apply(host) {
            return Some((c, "configured in pagelint.toml".to_string()));
        }
    }
    let t = aliases();
    if let Some(&i) = t.exact.get(host) {
        let a = &t.all[i];
        return Some((a.canonical.clone(), a.reason.clone()));
    }
    t.wild.iter().find_map(|&i| {
        let a = &t.all[i];
        a.apply(host).map(|c| (c, a.reason.clone()))
    })
}

/// Why `host` (lowercase) is known to serve HTTPS: the built-in table or
/// `extra` patterns. `None` when it is not known.
pub fn https_reason(host: &str, extra: &[String]) -> Option<String> {
    if extra.iter().any(|p| host_matches(p, host)) {
        return Some("listed in extra-https-hosts".to_string());
    }
    https()
        .iter()
        .find(|(p, _)| host_matches(p, host))
        .map(|(_, r)| r.clone())
}

/// The hosts written after `https://` in `bytes` (lowercase, sorted, each
/// once), one per line: what a page teaches LNK002 about the hosts its site
/// serves over HTTPS. A plain byte scan, not a parse: cheap enough to run on
/// every page of a run, code included.
pub fn scan_https_hosts(bytes: &[u8]) -> String {
    static FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let finder = FINDER.get_or_init(|| memchr::memmem::Finder::new(b"https://"));
    let mut hosts: Vec<String> = Vec::new();
    for at in finder.find_iter(bytes) {
        let rest = &bytes[at + 8..];
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')))
            .unwrap_or(rest.len());
        if end > 0
            && let Ok(h) = std::str::from_utf8(&rest[..end])
        {
            let h = h.trim_end_matches('.');
            if !h.is_empty() {
                hosts.push(h.to_ascii_lowercase());
            }
        }
    }
    hosts.sort_unstable();
    hosts.dedup();
    hosts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse() {
        assert!(parse_aliases(ALIASES).unwrap().len() >= 10);
        assert!(parse_https(HTTPS).unwrap().len() >= 20);
    }

    #[test]
    fn aliases_apply() {
        assert_eq!(
            canonical_host("www.github.com", &[]).unwrap().0,
            "github.com"
        );
        assert_eq!(
            canonical_host("en.m.wikipedia.org", &[]).unwrap().0,
            "en.wikipedia.org"
        );
        assert!(canonical_host("github.com", &[]).is_none());
        assert!(canonical_host("en.wikipedia.org", &[]).is_none());
        let extra = vec![("www.example.org".to_string(), "example.org".to_string())];
        assert_eq!(
            canonical_host("www.example.org", &extra).unwrap().0,
            "example.org"
        );
    }

    #[test]
    fn aliases_lead_to_no_further_alias() {
        // A canonical host is never itself an alias: one fix is final.
        for a in parse_aliases(ALIASES).unwrap() {
            let probe = a.canonical.replace('*', "en");
            assert!(
                canonical_host(&probe, &[]).is_none(),
                "{} → {}",
                a.alias,
                probe
            );
        }
    }

    #[test]
    fn https_hosts() {
        assert!(https_reason("karpathy.github.io", &[]).is_some());
        assert!(https_reason("github.com", &[]).is_some());
        assert!(https_reason("es.wikipedia.org", &[]).is_some());
        assert!(https_reason("example.org", &[]).is_none());
        assert!(https_reason("example.org", &["example.org".to_string()]).is_some());
    }

    #[test]
    fn bad_lines_are_refused() {
        assert!(parse_aliases("www.A.com\ta.com\tx\n").is_err());
        assert!(parse_aliases("*.m.x.org\tx.org\tx\n").is_err());
        assert!(parse_https("localhost\tx\n").is_err());
    }

    #[test]
    fn https_hosts_are_collected_once_in_lowercase() {
        let page = b"[a](https://GitHub.com/x) <https://arxiv.org.> https://github.com/y http://plain.org https://";
        assert_eq!(scan_https_hosts(page), "arxiv.org\ngithub.com");
        assert!(scan_https_hosts(b"no links").is_empty());
    }
}

/// What a GitHub host serves (`rules/data/links/github-hosts.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GithubHost {
    /// github.com's /OWNER/REPO/blob|tree/BRANCH/PATH pages.
    Pages,
    /// Raw files at /OWNER/REPO/BRANCH/PATH.
    Raw,
}

/// The kind of GitHub host `host` (lowercase) is, if it is one.
pub fn github_host(host: &str) -> Option<GithubHost> {
    crate::text::data::entries(crate::text::data::GITHUB_HOSTS).find_map(|l| {
        let mut cols = l.split('\t');
        (cols.next() == Some(host)).then(|| match cols.next() {
            Some("raw") => GithubHost::Raw,
            _ => GithubHost::Pages,
        })
    })
}

/// The branch names tried, in order, when a checkout cannot say which is
/// its default (`rules/data/links/default-branches.txt`).
pub fn default_branches() -> impl Iterator<Item = &'static str> {
    crate::text::data::entries(crate::text::data::DEFAULT_BRANCHES)
}
