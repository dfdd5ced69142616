//! Front matter: where it is ([`detect`]: YAML `---`, TOML `+++` or JSON
//! `{`, as markdownlint's `front_matter` pattern and Hugo accept them) and,
//! for YAML, the scalar values a page author writes (`title:`, `subtitle:`,
//! `hero_image:` …) with their exact byte ranges.
//!
//! This is not a YAML parser. It reads the subset Jekyll pages use — block
//! mappings, `- ` sequences, plain, single- and double-quoted scalars and
//! `|`/`>` block scalars — and never fails: what it does not understand it
//! leaves out.

use std::borrow::Cow;
use std::ops::Range;

/// The language of a front matter, told by its fences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `---` … `---` or `...`.
    Yaml,
    /// `+++` … `+++` (or `...`).
    Toml,
    /// `{` … `}`.
    Json,
}

/// The front matter at the start of `text` (after a byte-order mark): from
/// its opening fence to the end of its closing fence's line, line ending
/// included. A fence is alone on its line, trailing whitespace allowed; a
/// page whose opening fence is never closed has no front matter.
pub fn detect(text: &str) -> Option<(Kind, Range<usize>)> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[start..].split_inclusive('\n');
    let fence = |line: &str| line.trim_end_matches(char::is_whitespace).to_owned();
    let first = fence(lines.next()?);
    let (kind, closers): (Kind, &[&str]) = match first.as_str() {
        "---" => (Kind::Yaml, &["---", "..."]),
        // markdownlint also ends a `+++` block at `...` (pandoc's YAML end).
        "+++" => (Kind::Toml, &["+++", "..."]),
        "{" => (Kind::Json, &["}"]),
        _ => return None,
    };
    let mut end = start + text[start..].find('\n')? + 1;
    for line in lines {
        end += line.len();
        if closers.contains(&fence(line).as_str()) {
            return Some((kind, start..end));
        }
    }
    None
}

/// `text` with its front matter blanked out (every byte but line endings
/// made a space): the same bytes, lines and columns, and no front matter
/// for a Markdown parser to mistake for Markdown.
pub fn mask(text: &str) -> Cow<'_, str> {
    let Some((_, r)) = detect(text) else {
        return Cow::Borrowed(text);
    };
    let mut bytes = text.as_bytes().to_vec();
    for b in &mut bytes[r] {
        if !matches!(*b, b'\n' | b'\r') {
            *b = b' ';
        }
    }
    // Only ASCII bytes replaced whole characters' bytes: still UTF-8.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
}

/// How a scalar was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// One line of a `|` or `>` block scalar.
    Block,
}

/// One scalar value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Dotted key path: `title`, `author.name`, `tags[]`.
    pub key: String,
    /// Bytes of the value, inside the quotes if any.
    pub value: Range<usize>,
    pub style: ScalarStyle,
}

#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub kind: Kind,
    /// The whole front matter, delimiters included.
    pub range: Range<usize>,
    pub entries: Vec<Entry>,
}

impl FrontMatter {
    /// Has it a title, by markdownlint's default `front_matter_title`
    /// pattern (`^\s*"?title"?\s*[:=]`, any case) on any of its lines?
    pub fn has_title(&self, text: &str) -> bool {
        let Some(body) = text.get(self.range.clone()) else {
            return false;
        };
        body.lines().skip(1).any(|l| {
            let t = l.trim_start();
            let t = t.strip_prefix('"').unwrap_or(t);
            t.get(..5).is_some_and(|w| w.eq_ignore_ascii_case("title")) && {
                let rest = &t[5..];
                let rest = rest.strip_prefix('"').unwrap_or(rest).trim_start();
                rest.starts_with([':', '='])
            }
        })
    }

    /// The value of a top-level key.
    pub fn get<'t>(&self, text: &'t str, key: &str) -> Option<&'t str> {
        self.entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| &text[e.value.clone()])
    }
}

/// Parse the front matter occupying `range` of `text` (as [`detect`]
/// reports it). Only YAML has entries; TOML and JSON front matter is known
/// to be there and not read.
pub fn parse(text: &str, kind: Kind, range: Range<usize>) -> FrontMatter {
    if kind != Kind::Yaml {
        return FrontMatter {
            kind,
            range,
            entries: Vec::new(),
        };
    }
    let mut entries = Vec::new();
    // (indent, key) of enclosing mappings.
    let mut stack: Vec<(usize, String)> = Vec::new();
    // Active block scalar: (key, minimum indent of its lines).
    let mut block: Option<(String, usize)> = None;
    let mut pos = range.start;
    let mut first = true;
    while pos < range.end {
        let line_end = text[pos..range.end]
            .find('\n')
            .map_or(range.end, |i| pos + i);
        let mut content_end = line_end;
        if content_end > pos && text.as_bytes()[content_end - 1] == b'\r' {
            content_end -= 1;
        }
        let line = &text[pos..content_end];
        let line_start = pos;
        pos = line_end + 1;
        if first {
            first = false;
            continue; // opening delimiter
        }
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if matches!(line.trim_end(), "---" | "...") && indent == 0 {
            break;
        }
        if let Some((key, min_indent)) = &block {
            if trimmed.is_empty() {
                continue;
            }
            if indent >= *min_indent {
                let start = line_start + indent;
                entries.push(Entry {
                    key: key.clone(),
                    value: start..line_start + line.trim_end().len(),
                    style: ScalarStyle::Block,
                });
                continue;
            }
            block = None;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        let prefix = |k: &str| -> String {
            let mut s = String::new();
            for (_, p) in &stack {
                s.push_str(p);
                s.push('.');
            }
            s.push_str(k);
            s
        };
        let body_start = line_start + indent;
        if let Some(rest) =
            trimmed
                .strip_prefix("- ")
                .or(if trimmed == "-" { Some("") } else { None })
        {
            // Sequence item under the innermost key.
            let key = match stack.last() {
                Some(_) => {
                    let mut k = prefix("");
                    k.pop();
                    format!("{k}[]")
                }
                None => "[]".to_string(),
            };
            let value_start = body_start + (trimmed.len() - rest.len());
            if let Some(e) = scalar(text, value_start, rest, &key) {
                entries.push(e);
            }
            continue;
        }
        let Some(colon) = find_key_colon(trimmed) else {
            continue;
        };
        let raw_key = trimmed[..colon].trim();
        let key_name = raw_key.trim_matches(|c| c == '"' || c == '\'');
        let rest = &trimmed[colon + 1..];
        let value_text = rest.trim_start();
        let value_start = body_start + colon + 1 + (rest.len() - value_text.len());
        let full_key = prefix(key_name);
        let value_trimmed = strip_comment(value_text).trim_end();
        if value_trimmed.is_empty() {
            stack.push((indent, key_name.to_string()));
            continue;
        }
        if value_trimmed.starts_with('|') || value_trimmed.starts_with('>') {
            block = Some((full_key, indent + 1));
            continue;
        }
        if let Some(e) = scalar(text, value_start, value_text, &full_key) {
            entries.push(e);
        }
    }
    FrontMatter {
        kind,
        range,
        entries,
    }
}

/// The colon that ends a mapping key (followed by space or end of line),
/// outside quotes.
fn find_key_colon(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') if i == 0 => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b':') if bytes.get(i + 1).is_none_or(|c| *c == b' ' || *c == b'\t') => {
                return Some(i);
            }
            (None, b' ') if i > 0 && quote.is_none() && bytes[..i].contains(&b'#') => return None,
            _ => {}
        }
    }
    None
}

/// Remove a ` # comment` from a plain scalar.
fn strip_comment(s: &str) -> &str {
    if s.starts_with('"') || s.starts_with('\'') {
        return s;
    }
    match s.find(" #") {
        Some(i) => &s[..i],
        None if s.starts_with('#') => "",
        None => s,
    }
}

/// A scalar starting at byte `start` of `text`, whose source is `s` (up to
/// the end of the line).
fn scalar(text: &str, start: usize, s: &str, key: &str) -> Option<Entry> {
    let _ = text;
    let (range, style) = match s.as_bytes().first()? {
        q @ (b'"' | b'\'') => {
            let close = find_closing_quote(&s[1..], *q)?;
            let style = if *q == b'"' {
                ScalarStyle::DoubleQuoted
            } else {
                ScalarStyle::SingleQuoted
            };
            (start + 1..start + 1 + close, style)
        }
        b'[' | b'{' | b'&' | b'*' | b'!' => return None,
        _ => {
            let v = strip_comment(s).trim_end();
            (start..start + v.len(), ScalarStyle::Plain)
        }
    };
    if range.is_empty() {
        return None;
    }
    Some(Entry {
        key: key.to_string(),
        value: range,
        style,
    })
}

fn find_closing_quote(s: &str, q: u8) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if q == b'"' && b == b'\\' {
            i += 2;
            continue;
        }
        if b == q {
            if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(src: &str) -> Vec<(String, String, ScalarStyle)> {
        let fm = parse(src, Kind::Yaml, 0..src.len());
        fm.entries
            .iter()
            .map(|e| (e.key.clone(), src[e.value.clone()].to_string(), e.style))
            .collect()
    }

    #[test]
    fn scalars_with_exact_ranges() {
        let src = "---\ntitle: Introducción a PLN\nsubtitle: \"Curso: 2024\"\nlayout: page # comment\nauthor:\n  name: 'O''Neil'\ntags:\n  - nlp\n  - rust\ndescription: >\n  Línea uno\n  línea dos\nshow: true\n---\n";
        let got = entries(src);
        let want = [
            ("title", "Introducción a PLN", ScalarStyle::Plain),
            ("subtitle", "Curso: 2024", ScalarStyle::DoubleQuoted),
            ("layout", "page", ScalarStyle::Plain),
            ("author.name", "O''Neil", ScalarStyle::SingleQuoted),
            ("tags[]", "nlp", ScalarStyle::Plain),
            ("tags[]", "rust", ScalarStyle::Plain),
            ("description", "Línea uno", ScalarStyle::Block),
            ("description", "línea dos", ScalarStyle::Block),
            ("show", "true", ScalarStyle::Plain),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!((g.0.as_str(), g.1.as_str(), g.2), w);
        }
    }

    #[test]
    fn url_values_keep_their_colons() {
        let src = "---\nhero_image: https://github.com/a/b.jpg\n---\n";
        let got = entries(src);
        assert_eq!(got[0].1, "https://github.com/a/b.jpg");
    }

    #[test]
    fn fences_as_markdownlint_and_hugo_accept_them() {
        fn found(s: &str) -> Option<(Kind, &str)> {
            detect(s).map(|(k, r)| (k, &s[r]))
        }
        use Kind::*;
        for (src, want) in [
            ("---\na: 1\n---\nText\n", Some((Yaml, "---\na: 1\n---\n"))),
            (
                "--- \na: 1\n---\t\nText",
                Some((Yaml, "--- \na: 1\n---\t\n")),
            ),
            (
                "---\r\na: 1\r\n...\r\n",
                Some((Yaml, "---\r\na: 1\r\n...\r\n")),
            ),
            ("---\n---\n", Some((Yaml, "---\n---\n"))),
            (
                "+++\ntitle = \"x\"\n+++\n# H\n",
                Some((Toml, "+++\ntitle = \"x\"\n+++\n")),
            ),
            (
                "{\n  \"title\": \"x\"\n}\nText\n",
                Some((Json, "{\n  \"title\": \"x\"\n}\n")),
            ),
            ("\u{feff}---\na: 1\n---", Some((Yaml, "---\na: 1\n---"))),
            ("---\na: 1\n", None),
            ("----\na: 1\n----\n", None),
            ("+++\na = 1\n---\n", None),
            (
                "+++ \ntitle: x\n...   \nText\n",
                Some((Toml, "+++ \ntitle: x\n...   \n")),
            ),
            ("Text\n---\na: 1\n---\n", None),
            (" ---\na: 1\n---\n", None),
            ("---", None),
            ("", None),
        ] {
            assert_eq!(found(src), want, "{src:?}");
        }
    }

    #[test]
    fn title_as_markdownlint_finds_it() {
        let has = |s: &str| {
            let (k, r) = detect(s).unwrap();
            parse(s, k, r).has_title(s)
        };
        assert!(has("---\ntitle: A\n---\n"));
        assert!(has("+++\n  Title = \"A\"\n+++\n"));
        assert!(has("{\n  \"title\": \"A\"\n}\n"));
        assert!(!has("---\nsubtitle: A\ntitles: B\n---\n"));
        assert!(!has("---\ntitle\n---\n"));
    }

    #[test]
    fn mask_keeps_bytes_and_lines() {
        let src = "+++\ntitle = \"Introducción\"\n+++\n# H\n";
        let m = mask(src);
        assert_eq!(m.len(), src.len());
        assert_eq!(m.matches('\n').count(), src.matches('\n').count());
        assert!(m.ends_with("\n# H\n") && !m.contains('+'));
        assert!(matches!(mask("# H\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn closer_with_trailing_spaces_ends_the_entries() {
        let src = "---\ntitle: A\n---  \nbody: B\n";
        let fm = parse(src, Kind::Yaml, 0..src.len());
        assert_eq!(fm.entries.len(), 1);
    }

    #[test]
    fn broken_yaml_never_panics() {
        for src in [
            "---\n\"unclosed: x\n---\n",
            "---\n: \n---\n",
            "---\n- \n-\n---\n",
            "---\n  a:\n b: 'x\n---",
        ] {
            let _ = parse(src, Kind::Yaml, 0..src.len());
        }
    }
}
