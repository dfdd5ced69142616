//! Tracking parameters (`rules/data/links/tracking-parameters.tsv`).

use std::sync::OnceLock;

use super::entries;
use super::url::{host_matches, is_host_pattern};

pub const TABLE: &str = crate::text::data::TRACKING_PARAMETERS;

/// One tracking parameter: a name (or `prefix*`) and where it tracks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tracker {
    /// Lowercase name; a final `*` matches any name with that prefix.
    pub name: String,
    /// Host patterns; empty means every host.
    pub hosts: Vec<String>,
    pub reason: String,
}

impl Tracker {
    /// Is the parameter `name` on `host` (lowercase) this tracker?
    pub fn matches(&self, name: &str, host: &str) -> bool {
        let name_ok = match self.name.strip_suffix('*') {
            Some(prefix) => {
                // Bytes, not `str` slicing: the name may have a multi-byte
                // character where the prefix ends.
                name.len() > prefix.len()
                    && name.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
            }
            None => name.eq_ignore_ascii_case(&self.name),
        };
        name_ok && (self.hosts.is_empty() || self.hosts.iter().any(|p| host_matches(p, host)))
    }
}

fn is_name(s: &str) -> bool {
    let s = s.strip_suffix('*').unwrap_or(s);
    !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-' | b'.')
        })
}

/// Parse a user entry: `name` (every host) or `name@host-pattern`.
pub fn parse_user(entry: &str) -> Result<Tracker, String> {
    let lower = entry.to_ascii_lowercase();
    let (name, hosts) = match lower.split_once('@') {
        Some((n, h)) => (n.to_string(), vec![h.to_string()]),
        None => (lower.clone(), Vec::new()),
    };
    if !is_name(&name) {
        return Err(format!("`{entry}`: `{name}` is not a parameter name"));
    }
    if let Some(h) = hosts.iter().find(|h| !is_host_pattern(h)) {
        return Err(format!(
            "`{entry}`: `{h}` is not a host or *.domain pattern"
        ));
    }
    Ok(Tracker {
        name,
        hosts,
        reason: "configured in pagelint.toml".to_string(),
    })
}

pub fn parse_table(src: &str) -> Result<Vec<Tracker>, String> {
    let mut out = Vec::new();
    for (n, line) in entries(src) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [name, hosts, reason] = cols[..] else {
            return Err(format!("line {n}: expected 3 tab-separated columns"));
        };
        if !is_name(name) {
            return Err(format!(
                "line {n}: `{name}` is not a lowercase parameter name"
            ));
        }
        let hosts: Vec<String> = if hosts == "*" {
            Vec::new()
        } else {
            hosts.split(',').map(str::to_string).collect()
        };
        if let Some(h) = hosts.iter().find(|h| !is_host_pattern(h)) {
            return Err(format!("line {n}: `{h}` is not a host pattern"));
        }
        out.push(Tracker {
            name: name.to_string(),
            hosts,
            reason: reason.to_string(),
        });
    }
    Ok(out)
}

fn table() -> &'static [Tracker] {
    static T: OnceLock<Vec<Tracker>> = OnceLock::new();
    T.get_or_init(|| parse_table(TABLE).expect("tracking-parameters.tsv is checked by tests"))
}

/// The tracker that parameter `name` on `host` is, if any: the built-in
/// table, then `extra`.
pub fn find<'a>(name: &str, host: &str, extra: &'a [Tracker]) -> Option<&'a Tracker> {
    let builtin: &'a [Tracker] = table();
    builtin
        .iter()
        .chain(extra.iter())
        .find(|t| t.matches(name, host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert!(find("utm_source", "example.org", &[]).is_some());
        assert!(find("UTM_Medium", "example.org", &[]).is_some());
        assert!(find("utm_", "example.org", &[]).is_none());
        // A multi-byte character where the `utm_*` prefix ends.
        assert!(find("utm\u{e9}", "example.org", &[]).is_none());
        assert!(find("\u{e9}\u{e9}\u{e9}x", "example.org", &[]).is_none());
        assert!(find("si", "youtu.be", &[]).is_some());
        assert!(find("si", "www.youtube.com", &[]).is_some());
        assert!(find("si", "example.org", &[]).is_none());
        // `t` is a start time on YouTube, a share token only on Twitter/X.
        assert!(find("t", "www.youtube.com", &[]).is_none());
        assert!(find("v", "www.youtube.com", &[]).is_none());
        let extra = vec![parse_user("share@example.org").unwrap()];
        assert!(find("share", "example.org", &extra).is_some());
        assert!(find("share", "other.org", &extra).is_none());
        assert!(parse_user("bad name").is_err());
        assert!(parse_user("x@Bad Host").is_err());
    }

    #[test]
    fn table_parses() {
        assert!(parse_table(TABLE).unwrap().len() >= 10);
    }
}
