//! arXiv links: `arxiv.org/abs/ID` and `arxiv.org/pdf/ID[.pdf]`, with new
//! (`2101.03961`, `2101.03961v2`) and old (`hep-th/9901001`, `math.GT/0309136`)
//! identifiers. See <https://info.arxiv.org/help/arxiv_identifier.html>.

use std::ops::Range;

/// Which arXiv page a link opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Abs,
    Pdf,
}

impl Page {
    pub fn as_str(self) -> &'static str {
        match self {
            Page::Abs => "abs",
            Page::Pdf => "pdf",
        }
    }
}

/// An arXiv path as written, as byte ranges into the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArxivPath {
    pub page: Page,
    /// The `abs` or `pdf` segment.
    pub page_range: Range<usize>,
    /// The identifier, version included.
    pub id: Range<usize>,
    /// A `.pdf` suffix after the identifier.
    pub pdf_suffix: Option<Range<usize>>,
}

/// Is `host` (lowercase) an arXiv host whose paths this module reads?
/// (`rules/data/links/arxiv-hosts.txt`)
pub fn is_arxiv_host(host: &str) -> bool {
    crate::text::data::entries(crate::text::data::ARXIV_HOSTS).any(|h| h == host)
}

fn digits(s: &str, n: std::ops::RangeInclusive<usize>) -> bool {
    n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Is `s` exactly an identifier, with an optional `vN` version?
fn is_id(s: &str) -> bool {
    let body = match s.rfind('v') {
        Some(i) if i > 0 && digits(&s[i + 1..], 1..=3) => &s[..i],
        _ => s,
    };
    // New style: YYMM.NNNN(N).
    if let Some((a, b)) = body.split_once('.')
        && digits(a, 4..=4)
        && digits(b, 4..=5)
    {
        return true;
    }
    // Old style: archive(.SC)/YYMMNNN.
    if let Some((archive, num)) = body.split_once('/') {
        let (name, class) = archive.split_once('.').unwrap_or((archive, ""));
        return digits(num, 7..=7)
            && !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && (class.is_empty() || class.bytes().all(|b| b.is_ascii_uppercase()));
    }
    false
}

/// Read the path `url[path]` of an arXiv URL.
pub fn parse(url: &str, path: &Range<usize>) -> Option<ArxivPath> {
    let p = &url[path.clone()];
    let (page, rest_at) = if p.starts_with("/abs/") {
        (Page::Abs, 5)
    } else if p.starts_with("/pdf/") {
        (Page::Pdf, 5)
    } else {
        return None;
    };
    let rest = &p[rest_at..];
    let (id, suffix) = match rest.strip_suffix(".pdf") {
        Some(id) => (id, true),
        None => (rest, false),
    };
    if !is_id(id) {
        return None;
    }
    let id_start = path.start + rest_at;
    Some(ArxivPath {
        page,
        page_range: path.start + 1..path.start + 4,
        id: id_start..id_start + id.len(),
        pdf_suffix: suffix.then(|| id_start + id.len()..path.end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(url: &str) -> Option<(Page, &str, bool)> {
        let path = 17..url.find(['?', '#']).unwrap_or(url.len());
        parse(url, &path).map(|a| (a.page, &url[a.id.clone()], a.pdf_suffix.is_some()))
    }

    #[test]
    fn identifiers() {
        assert_eq!(
            read("https://arxiv.org/pdf/2101.03961.pdf"),
            Some((Page::Pdf, "2101.03961", true))
        );
        assert_eq!(
            read("https://arxiv.org/abs/1706.03762v7"),
            Some((Page::Abs, "1706.03762v7", false))
        );
        assert_eq!(
            read("https://arxiv.org/abs/hep-th/9901001"),
            Some((Page::Abs, "hep-th/9901001", false))
        );
        assert_eq!(
            read("https://arxiv.org/pdf/math.GT/0309136v1.pdf"),
            Some((Page::Pdf, "math.GT/0309136v1", true))
        );
        assert_eq!(read("https://arxiv.org/list/cs.CL/recent"), None);
        assert_eq!(read("https://arxiv.org/abs/1706.03762/"), None);
        assert_eq!(read("https://arxiv.org/html/2101.03961"), None);
    }
}
