//! Author–year citations in parentheses: "(Surname, 2019)",
//! "(Hochreiter y Schmidhuber, 1997)", "(Vaswani et al., 2017)",
//! "(Karpathy, 2023, youtube)", "(Devlin et al., 2019; Raffel et al., 2020)".
//! Knows nothing about Markdown; ranges are byte ranges into the text given.

use std::ops::Range;

/// One author of a citation: the whole name, and its capitalised words
/// (the surname parts, without particles such as "van der").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub range: Range<usize>,
    pub parts: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The citation inside its parentheses (one of several separated by `;`).
    pub range: Range<usize>,
    /// The whole parenthesised group, parentheses included.
    pub group: Range<usize>,
    pub authors: Vec<Author>,
    /// "et al" with its period, when present.
    pub et_al: Option<Range<usize>>,
    pub year: u16,
    pub year_range: Range<usize>,
}

const PARTICLES: &[&str] = &[
    "al", "bin", "da", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el", "la",
    "le", "ten", "ter", "van", "von", "zu",
];
const JOINERS: &[&str] = &["y", "and", "&", "e", "und", "et"];

/// Every citation in `text`.
pub fn citations(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(off) = memchr::memchr(b'(', &bytes[from..]) {
        let open = from + off;
        from = open + 1;
        // The closing parenthesis on the same line, with no other opening.
        let Some(len) = bytes[open + 1..]
            .iter()
            .position(|&b| matches!(b, b')' | b'(' | b'\n'))
        else {
            break;
        };
        let close = open + 1 + len;
        if bytes[close] != b')' {
            continue;
        }
        let inner = open + 1..close;
        // Cheap rejection: a citation holds a four-digit year.
        if !has_year(&bytes[inner.clone()]) {
            continue;
        }
        let mut start = inner.start;
        for part in text[inner.clone()].split(';') {
            let r = start..start + part.len();
            start = r.end + 1;
            if let Some(c) = parse_one(text, r, open..close + 1) {
                out.push(c);
            }
        }
        from = close + 1;
    }
    out
}

/// Citations in every form the TYP rules compare with a link: the
/// parenthetical ones of [`citations`], narrative ones (`Brown et al.
/// (2020)`, `Bahdanau y Cho (2014)`), and a text that is a citation without
/// parentheses (a link text `Brown et al., 2020`).
pub fn all_citations(text: &str) -> Vec<Citation> {
    let mut out = citations(text);
    out.extend(narrative_citations(text));
    if !text.contains('(') && has_year(text.as_bytes()) {
        let r = 0..text.trim_end().len();
        let lead = text.len() - text.trim_start().len();
        if let Some(c) = parse_one(text, lead..r.end, lead..r.end) {
            out.push(c);
        }
    }
    out
}

/// Narrative citations: one surname (with particles) before `et al.`, or
/// two joined by y/and/&, then the year in parentheses: `Brown et al.
/// (2020)`, `Bahdanau and Cho (2014)`. A single name before a year is not
/// taken (`Python (2020)` is no citation).
pub fn narrative_citations(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(off) = memchr::memchr(b'(', &bytes[from..]) {
        let open = from + off;
        from = open + 1;
        let Some(len) = bytes[open + 1..]
            .iter()
            .position(|&b| b == b')' || b == b'\n')
        else {
            break;
        };
        let close = open + 1 + len;
        if bytes[close] != b')' {
            continue;
        }
        let inner = text[open + 1..close].trim();
        let Some(year) = is_year(inner) else {
            continue;
        };
        let ys = open + 1 + text[open + 1..close].find(inner).unwrap_or(0);
        let year_range = ys..ys + inner.len();
        // The words before the parenthesis, last first.
        let before = &text[..open];
        let toks = tokens(before, 0..before.len());
        let n = toks.len();
        let t = |i: usize| &before[toks[i].clone()];
        let mut authors = Vec::new();
        let mut et_al = None;
        let mut k = n;
        if n >= 3 && t(n - 2) == "et" && matches!(t(n - 1), "al." | "al") {
            et_al = Some(toks[n - 2].start..toks[n - 1].end);
            k = n - 2;
            if let Some(a) = author_before(before, &toks, k) {
                authors.push(a);
            }
        } else if n >= 3 && JOINERS.contains(&t(n - 2)) && t(n - 2) != "et" {
            if let (Some(b), Some(a)) = (
                author_before(before, &toks, n),
                author_before(before, &toks, n - 2),
            ) {
                authors.push(a);
                authors.push(b);
            }
            k = 0;
        }
        let _ = k;
        if authors.is_empty() {
            continue;
        }
        let range = authors[0].range.start..close + 1;
        out.push(Citation {
            range: range.clone(),
            group: range,
            authors,
            et_al,
            year,
            year_range,
        });
        from = close + 1;
    }
    out
}

/// The one-word surname (with its particles) ending right before token
/// `end` (exclusive).
fn author_before(text: &str, toks: &[Range<usize>], end: usize) -> Option<Author> {
    if end == 0 {
        return None;
    }
    // Markup glued to the name: `[Brown`, `*Brown`.
    let r = toks[end - 1].clone();
    let lead = text[r.clone()]
        .find(|c: char| c.is_alphabetic())
        .unwrap_or(0);
    let r = r.start + lead..r.end;
    let last = &text[r.clone()];
    if !is_name_word(last) || last.ends_with('.') {
        return None;
    }
    let mut st = r.start;
    let mut j = end - 1;
    while lead == 0 && j > 0 && PARTICLES.contains(&&text[toks[j - 1].clone()]) {
        j -= 1;
        st = toks[j].start;
    }
    Some(Author {
        range: st..r.end,
        parts: vec![r],
    })
}

/// Does the text hold something that looks like a year (19xx, 20xx)?
pub fn has_year(b: &[u8]) -> bool {
    b.windows(4).any(|w| {
        (w[0] == b'1' && w[1] == b'9' || w[0] == b'2' && w[1] == b'0')
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    })
}

/// Tokens of a citation: words (letters, inner apostrophes, hyphens and
/// periods of initials), commas, and `&`.
fn tokens(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let mut i = 0;
    let b = s.as_bytes();
    while i < s.len() {
        let c = s[i..].chars().next().unwrap();
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c == ',' || c == '&' {
            out.push(range.start + i..range.start + i + 1);
            i += 1;
            continue;
        }
        let st = i;
        while i < s.len() {
            let c = s[i..].chars().next().unwrap();
            if c.is_whitespace() || c == ',' || c == '&' {
                break;
            }
            i += c.len_utf8();
        }
        let _ = b;
        out.push(range.start + st..range.start + i);
    }
    out
}

fn is_year(t: &str) -> Option<u16> {
    let digits: &str = t.trim_end_matches(|c: char| c.is_ascii_lowercase() && c != ' ');
    if digits.len() != 4 || t.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u16 = digits.parse().ok()?;
    (1800..=2099).contains(&y).then_some(y)
}

fn is_name_word(t: &str) -> bool {
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && t.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && t.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && !t.ends_with('-')
}

fn parse_one(text: &str, range: Range<usize>, group: Range<usize>) -> Option<Citation> {
    let toks = tokens(text, range.clone());
    let t = |i: usize| &text[toks[i].clone()];
    let mut i = 0;
    let mut authors: Vec<Author> = Vec::new();
    let mut et_al = None;
    let n = toks.len();
    loop {
        // One author: particles and capitalised words, at least one of the latter.
        let st = i;
        let mut parts = Vec::new();
        while i < n {
            let w = t(i);
            if is_name_word(w) && !w.ends_with('.') || (w.len() == 2 && w.ends_with('.')) {
                if is_name_word(w) && !w.ends_with('.') {
                    parts.push(toks[i].clone());
                }
                i += 1;
            } else if PARTICLES.contains(&w) && {
                let mut j = i + 1;
                while j < n && PARTICLES.contains(&t(j)) {
                    j += 1;
                }
                j < n && is_name_word(t(j))
            } {
                i += 1;
            } else {
                break;
            }
        }
        if parts.is_empty() || i == st {
            return None;
        }
        authors.push(Author {
            range: toks[st].start..toks[i - 1].end,
            parts,
        });
        if i >= n {
            return None;
        }
        let w = t(i);
        if w == "et" && i + 1 < n && matches!(t(i + 1), "al" | "al.") {
            et_al = Some(toks[i].start..toks[i + 1].end);
            i += 2;
            if i < n && t(i) == "," {
                i += 1;
            }
            break;
        }
        if w == "," {
            i += 1;
            if i < n && is_year(t(i)).is_some() {
                break;
            }
            if i < n && JOINERS.contains(&t(i)) {
                i += 1;
            }
            continue;
        }
        if JOINERS.contains(&w) {
            i += 1;
            continue;
        }
        if is_year(w).is_some() {
            break;
        }
        return None;
    }
    if i >= n {
        return None;
    }
    let year = is_year(t(i))?;
    let year_range = toks[i].clone();
    i += 1;
    // After the year: nothing, or a comma and any note ("youtube", "p. 3").
    if i < n && t(i) != "," {
        return None;
    }
    Some(Citation {
        range: toks[0].start..toks[n - 1].end,
        group,
        authors,
        et_al,
        year,
        year_range,
    })
}

/// An arXiv identifier found in a URL, with the year and month it dates
/// from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arxiv {
    pub id: String,
    pub year: u16,
    pub month: u8,
}

/// The arXiv identifier of an arxiv.org URL (`/abs/`, `/pdf/`, `/html/`),
/// new style (`1409.0473v7`) or old style (`cs/0112017`).
pub fn arxiv(url: &str) -> Option<Arxiv> {
    let rest = url.split_once("://")?.1;
    let (host, path) = rest.split_once('/')?;
    let host = host.to_ascii_lowercase();
    if !(host == "arxiv.org" || host.ends_with(".arxiv.org")) {
        return None;
    }
    let path = path.split(['?', '#']).next()?;
    let id = ["abs/", "pdf/", "html/"]
        .iter()
        .find_map(|p| path.strip_prefix(p))?;
    let id = id.trim_end_matches('/');
    let id = id.strip_suffix(".pdf").unwrap_or(id);
    let id = id.strip_prefix("arXiv:").unwrap_or(id);
    let id = match id.rfind('v') {
        Some(i) if i > 0 && id[i + 1..].bytes().all(|b| b.is_ascii_digit()) && i + 1 < id.len() => {
            &id[..i]
        }
        _ => id,
    };
    let (yymm, old) = match id.split_once('/') {
        Some((archive, num))
            if archive
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == '.') =>
        {
            (num.get(..4)?, true)
        }
        Some(_) => return None,
        None => {
            let (a, b) = id.split_once('.')?;
            if a.len() != 4 || !(4..=5).contains(&b.len()) || !b.bytes().all(|x| x.is_ascii_digit())
            {
                return None;
            }
            (a, false)
        }
    };
    if !yymm.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yy: u16 = yymm[..2].parse().ok()?;
    let month: u8 = yymm[2..].parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let year = if old && yy >= 91 {
        1900 + yy
    } else {
        2000 + yy
    };
    if !old && year < 2007 {
        return None;
    }
    Some(Arxiv {
        id: id.to_string(),
        year,
        month,
    })
}

#[cfg(test)]
mod narrative_tests {
    use super::*;

    #[test]
    fn narrative_and_bare_citations() {
        let t = "Ver [Brown et al. (2020)](x) y Bahdanau and Cho (2014); Python (2020).";
        let c = narrative_citations(t);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(&t[c[0].authors[0].parts[0].clone()], "Brown");
        assert_eq!(c[0].year, 2020);
        assert_eq!(&t[c[0].year_range.clone()], "2020");
        assert_eq!(&t[c[1].authors[0].parts[0].clone()], "Bahdanau");
        assert_eq!(&t[c[1].authors[1].parts[0].clone()], "Cho");
        let t = "Brown et al., 2020";
        let c = all_citations(t);
        assert_eq!(c.len(), 1);
        assert_eq!(&t[c[0].authors[0].parts[0].clone()], "Brown");
        assert!(all_citations("Released in 2020").is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arxiv_ids() {
        let a = arxiv("https://arxiv.org/abs/1409.0473").unwrap();
        assert_eq!((a.id.as_str(), a.year, a.month), ("1409.0473", 2014, 9));
        let a = arxiv("https://arxiv.org/pdf/2101.03961.pdf").unwrap();
        assert_eq!((a.id.as_str(), a.year), ("2101.03961", 2021));
        let a = arxiv("http://arxiv.org/abs/1706.03762v7").unwrap();
        assert_eq!((a.id.as_str(), a.year), ("1706.03762", 2017));
        let a = arxiv("https://arxiv.org/abs/cs/0112017").unwrap();
        assert_eq!((a.id.as_str(), a.year), ("cs/0112017", 2001));
        assert!(arxiv("https://example.org/abs/1409.0473").is_none());
        assert!(arxiv("https://arxiv.org/list/cs.CL/recent").is_none());
    }

    fn names(text: &str) -> Vec<(Vec<String>, u16, bool)> {
        citations(text)
            .iter()
            .map(|c| {
                (
                    c.authors
                        .iter()
                        .flat_map(|a| a.parts.iter().map(|p| text[p.clone()].to_string()))
                        .collect(),
                    c.year,
                    c.et_al.is_some(),
                )
            })
            .collect()
    }

    #[test]
    fn parses_citation_shapes() {
        assert_eq!(
            names("(Karpathy, 2015)"),
            vec![(vec!["Karpathy".into()], 2015, false)]
        );
        assert_eq!(
            names("x (Hochreiter y Schmidhuber, 1997) y"),
            vec![(vec!["Hochreiter".into(), "Schmidhuber".into()], 1997, false)]
        );
        assert_eq!(
            names("(Bhadanau et al, 2014)"),
            vec![(vec!["Bhadanau".into()], 2014, true)]
        );
        assert_eq!(
            names("(Vaswani et al. 2017)"),
            vec![(vec!["Vaswani".into()], 2017, true)]
        );
        assert_eq!(
            names("(Karpathy, 2023, youtube)"),
            vec![(vec!["Karpathy".into()], 2023, false)]
        );
        assert_eq!(
            names("(van der Maaten & Hinton, 2008; LeCun et al., 1998a)"),
            vec![
                (vec!["Maaten".into(), "Hinton".into()], 2008, false),
                (vec!["LeCun".into()], 1998, true)
            ]
        );
        assert_eq!(
            names("(Amidi, Amidi and Ng, 2019)"),
            vec![(
                vec!["Amidi".into(), "Amidi".into(), "Ng".into()],
                2019,
                false
            )]
        );
    }

    #[test]
    fn ignores_other_parentheses() {
        for s in [
            "(Video)",
            "(ver 2019)",
            "(SEPLN)",
            "(desde 1983)",
            "(Visualizing Transformer Language Models)",
            "(en 2019, la mayoría)",
            "(E2LSH)",
            "(GPT-2, 2019)",
        ] {
            assert!(citations(s).is_empty(), "{s}");
        }
    }
}
