//! A small, careful URL splitter for URLs *as written* in a page: every part
//! is a byte range into the string given, so that rules can edit one part
//! and leave the rest byte for byte. It never normalises or allocates and
//! never fails: what it cannot read as a URL comes back with no host.
//!
//! It follows RFC 3986's generic syntax (`scheme://userinfo@host:port/path
//! ?query#fragment`) and two spellings Markdown pages use: the scheme-less
//! `www.host/path` of GFM autolinks and the scheme-relative `//host/path`.

use std::ops::Range;

/// The parts of a URL, as byte ranges into the text it was split from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UrlParts {
    /// The scheme without its `:` (`https`).
    pub scheme: Option<Range<usize>>,
    /// The host (without user info, port or brackets around IPv6).
    pub host: Option<Range<usize>>,
    /// The port without its `:`.
    pub port: Option<Range<usize>>,
    /// The path (may be empty).
    pub path: Range<usize>,
    /// The query without its `?`.
    pub query: Option<Range<usize>>,
    /// The fragment without its `#`.
    pub fragment: Option<Range<usize>>,
}

impl UrlParts {
    /// Is this an `http`/`https` URL (or a scheme-less `www.` one) with a
    /// host?
    pub fn is_web(&self, url: &str) -> bool {
        self.host.is_some()
            && self.scheme.as_ref().is_none_or(|s| {
                let s = &url[s.clone()];
                s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https")
            })
    }
}

/// Is `s` a URI scheme (RFC 3986: a letter, then letters, digits, `+-.`)?
fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Split `url` into its parts.
pub fn split(url: &str) -> UrlParts {
    let bytes = url.as_bytes();
    let mut parts = UrlParts::default();
    // Fragment and query first: they end the path wherever it is.
    let hash = url.find('#');
    let before_hash = hash.unwrap_or(url.len());
    if let Some(h) = hash {
        parts.fragment = Some(h + 1..url.len());
    }
    let question = url[..before_hash].find('?');
    let before_query = question.unwrap_or(before_hash);
    if let Some(q) = question {
        parts.query = Some(q + 1..before_hash);
    }
    let mut i = 0;
    if let Some(colon) = url[..before_query].find(':')
        && is_scheme(&url[..colon])
        && !url[..colon].contains('/')
    {
        parts.scheme = Some(0..colon);
        i = colon + 1;
    }
    let authority_start = if url[i..before_query].starts_with("//") {
        Some(i + 2)
    } else if parts.scheme.is_none()
        && url.len() > 4
        && url.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www."))
    {
        Some(0)
    } else {
        None
    };
    if let Some(a) = authority_start {
        let end = url[a..before_query]
            .find('/')
            .map_or(before_query, |p| a + p);
        let authority = &url[a..end];
        let host_start = authority.rfind('@').map_or(a, |p| a + p + 1);
        let mut host_end = end;
        if bytes.get(host_start) == Some(&b'[') {
            // IPv6 literal: the host is inside the brackets.
            if let Some(close) = url[host_start..end].find(']') {
                let close = host_start + close;
                parts.host = Some(host_start + 1..close);
                if bytes.get(close + 1) == Some(&b':') {
                    parts.port = Some(close + 2..end);
                }
            }
        } else {
            if let Some(c) = url[host_start..end].rfind(':') {
                let port = &url[host_start + c + 1..end];
                if port.bytes().all(|b| b.is_ascii_digit()) {
                    host_end = host_start + c;
                    parts.port = Some(host_start + c + 1..end);
                }
            }
            if host_end > host_start {
                parts.host = Some(host_start..host_end);
            }
        }
        parts.path = end..before_query;
    } else {
        parts.path = i..before_query;
    }
    parts
}

/// One `name=value` pair of a query, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The pair (name, `=` and value).
    pub range: Range<usize>,
    pub name: Range<usize>,
}

/// The pairs of the query occupying `query` in `url`. Separators are `&`,
/// its entity spelling `&amp;` (pages write either) and `;`.
pub fn params(url: &str, query: &Range<usize>) -> Vec<Param> {
    let mut out = Vec::new();
    let mut start = query.start;
    let q = &url[query.clone()];
    let mut i = 0;
    let bytes = q.as_bytes();
    let push = |s: usize, e: usize, out: &mut Vec<Param>| {
        if e > s {
            let pair = &url[s..e];
            let name_end = pair.find('=').map_or(e, |p| s + p);
            out.push(Param {
                range: s..e,
                name: s..name_end,
            });
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'&' => {
                push(start, query.start + i, &mut out);
                let skip = if q[i..].starts_with("&amp;") { 5 } else { 1 };
                i += skip;
                start = query.start + i;
            }
            b';' => {
                push(start, query.start + i, &mut out);
                i += 1;
                start = query.start + i;
            }
            _ => i += 1,
        }
    }
    push(start, query.end, &mut out);
    out
}

/// Decode `%XX` escapes. `None` when an escape is malformed or the result
/// is not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Does `host` (lowercase) match `pattern`: an exact host, or `*.domain`
/// for any host strictly below `domain`?
pub fn host_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(domain) => {
            host.len() > domain.len() + 1
                && host.ends_with(domain)
                && host.as_bytes()[host.len() - domain.len() - 1] == b'.'
        }
        None => pattern == host,
    }
}

/// Is `s` a well-formed host pattern: lowercase labels of letters, digits
/// and `-`, optionally led by `*.`?
pub fn is_host_pattern(s: &str) -> bool {
    let rest = s.strip_prefix("*.").unwrap_or(s);
    rest.contains('.')
        && rest.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// Is `s` between `<` and `>` a CommonMark autolink: an absolute URI
/// (scheme of 2–32 characters, then no space, `<` or `>`) or an e-mail
/// address of CommonMark's grammar?
pub fn is_angle_autolink(s: &str) -> bool {
    if s.contains(|c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>') {
        return false;
    }
    if let Some((scheme, _)) = s.split_once(':') {
        let b = scheme.as_bytes();
        if (2..=32).contains(&b.len())
            && b[0].is_ascii_alphabetic()
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'))
        {
            return true;
        }
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&c));
    let label_ok = |l: &str| {
        let b = l.as_bytes();
        (1..=63).contains(&b.len())
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    };
    local_ok && domain.split('.').all(label_ok)
}

/// GFM's literal autolinks in plain text, roughly as its extension finds
/// them: `http://`, `https://` or `www.` after a non-word character, up to
/// whitespace or `<`, trailing punctuation (`?!.,:*_~'"`) and an unbalanced
/// `)` left out. For rules that must leave URLs written as text alone.
pub fn literal_autolinks(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    while i < text.len() {
        let rest = &lower[i..];
        let starts =
            rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.");
        let boundary = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '_');
        if !(starts && boundary) {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let end = text[i..]
            .find(|c: char| c.is_whitespace() || c == '<')
            .map_or(text.len(), |p| i + p);
        let mut e = end;
        loop {
            let s = &text[i..e];
            let punct = s.ends_with(['?', '!', '.', ',', ':', '*', '_', '~', '\'', '"']);
            let paren = s.ends_with(')') && s.matches(')').count() > s.matches('(').count();
            if !(punct || paren) {
                break;
            }
            e -= 1;
        }
        out.push(i..e);
        i = end.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(url: &str) -> Vec<(&'static str, &str)> {
        let p = split(url);
        let mut v = Vec::new();
        for (k, r) in [
            ("scheme", p.scheme),
            ("host", p.host),
            ("port", p.port),
            ("path", Some(p.path)),
            ("query", p.query),
            ("fragment", p.fragment),
        ] {
            if let Some(r) = r {
                v.push((k, &url[r]));
            }
        }
        v
    }

    #[test]
    fn full_url() {
        assert_eq!(
            parts("https://user:pw@www.GitHub.com:8443/a/b.pdf?x=1&y=2#sec"),
            vec![
                ("scheme", "https"),
                ("host", "www.GitHub.com"),
                ("port", "8443"),
                ("path", "/a/b.pdf"),
                ("query", "x=1&y=2"),
                ("fragment", "sec"),
            ]
        );
    }

    #[test]
    fn odd_spellings() {
        assert_eq!(
            parts("www.example.org/x?q"),
            vec![("host", "www.example.org"), ("path", "/x"), ("query", "q")]
        );
        assert_eq!(
            parts("//cdn.example.org"),
            vec![("host", "cdn.example.org"), ("path", "")]
        );
        assert_eq!(
            parts("http://[::1]:80/"),
            vec![
                ("scheme", "http"),
                ("host", "::1"),
                ("port", "80"),
                ("path", "/")
            ]
        );
        assert_eq!(
            parts("mailto:a@b.org"),
            vec![("scheme", "mailto"), ("path", "a@b.org")]
        );
        assert_eq!(
            parts("../docs/a b.md#Título"),
            vec![("path", "../docs/a b.md"), ("fragment", "Título")]
        );
        assert_eq!(parts("c:/x"), vec![("scheme", "c"), ("path", "/x")]);
        assert_eq!(parts("a/b:c"), vec![("path", "a/b:c")]);
        assert_eq!(parts("#top"), vec![("path", ""), ("fragment", "top")]);
        assert_eq!(parts(""), vec![("path", "")]);
        assert_eq!(parts("https://"), vec![("scheme", "https"), ("path", "")]);
        // A '?' inside the fragment is part of the fragment.
        assert_eq!(
            parts("https://a.org/p#f?x"),
            vec![
                ("scheme", "https"),
                ("host", "a.org"),
                ("path", "/p"),
                ("fragment", "f?x")
            ]
        );
    }

    #[test]
    fn query_pairs() {
        let url = "https://a.org/?v=1&amp;utm_source=x;si=2&&end";
        let p = split(url);
        let names: Vec<&str> = params(url, p.query.as_ref().unwrap())
            .iter()
            .map(|p| &url[p.name.clone()])
            .collect();
        assert_eq!(names, vec!["v", "utm_source", "si", "end"]);
    }

    #[test]
    fn decoding_and_patterns() {
        assert_eq!(
            percent_decode("Mapas%20coropl%C3%A9ticos.pdf").as_deref(),
            Some("Mapas coropléticos.pdf")
        );
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%C3"), None);
        assert!(host_matches("*.github.io", "karpathy.github.io"));
        assert!(!host_matches("*.github.io", "github.io"));
        assert!(!host_matches("*.github.io", "xgithub.io"));
        assert!(host_matches("github.com", "github.com"));
        assert!(is_host_pattern("*.wikipedia.org"));
        assert!(!is_host_pattern("GitHub.com"));
        assert!(!is_host_pattern("localhost"));
    }
}

#[cfg(test)]
mod angle_autolink_tests {
    use super::is_angle_autolink as angle_autolink;

    #[test]
    fn commonmark_autolinks() {
        assert!(angle_autolink("https://example.org/a?b=c"));
        assert!(angle_autolink("http://www.example.org"));
        assert!(angle_autolink("ana.perez@unison.mx"));
        assert!(!angle_autolink("+@.a"));
        assert!(!angle_autolink("www.example.org"));
        assert!(!angle_autolink("a@b_c.org"));
    }
}

#[cfg(test)]
mod literal_autolink_tests {
    use super::literal_autolinks;

    #[test]
    fn urls_in_text() {
        let t = "Ver https://example.com/a_(b). y (www.x.org) o xhttps://no";
        let got: Vec<&str> = literal_autolinks(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(got, ["https://example.com/a_(b)", "www.x.org"]);
    }
}
