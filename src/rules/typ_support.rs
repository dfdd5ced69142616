//! What the TYP rules share: which prose is a title, the page's language,
//! and the words a project accepts.

use std::ops::Range;

use crate::document::{BlockKind, Document, Inline, LinkKind, Segment};
use crate::rule::Context;
use crate::text::spell::{Lang, detect, lists};

/// Front-matter keys whose values are titles.
pub const TITLE_KEYS: &[&str] = &["title", "subtitle", "description"];

/// A title: a heading, a link text, an image alt text or a front-matter
/// title, as the segments that make it up.
pub struct Title<'d> {
    pub segments: Vec<&'d Segment>,
}

impl Title<'_> {
    /// The text of all segments, joined by spaces (for language detection).
    pub fn joined(&self, doc: &Document<'_>) -> String {
        let mut s = String::new();
        for seg in &self.segments {
            s.push_str(doc.slice(&seg.range));
            s.push(' ');
        }
        s
    }
}

/// Is this segment part of a title, and which one (a key that groups the
/// segments of one title)?
fn title_key(doc: &Document<'_>, seg: &Segment) -> Option<(u8, u32)> {
    match seg.inline {
        Inline::LinkText(i) => {
            let link = &doc.links[i as usize];
            (!matches!(link.kind, LinkKind::Angle | LinkKind::Bare)).then_some((1, i))
        }
        Inline::ImageAlt(i) => Some((1, i)),
        Inline::Plain => match &doc.block(seg).kind {
            BlockKind::Heading { .. } => Some((0, seg.block)),
            BlockKind::FrontMatter { key } if TITLE_KEYS.contains(&key.as_str()) => {
                Some((0, seg.block))
            }
            _ => None,
        },
    }
}

/// The titles of a document, in order of their first segment.
pub fn titles<'d>(doc: &'d Document<'_>) -> Vec<Title<'d>> {
    let mut out: Vec<Title<'d>> = Vec::new();
    let mut index: rustc_hash::FxHashMap<(u8, u32), usize> = rustc_hash::FxHashMap::default();
    for seg in &doc.segments {
        let Some(key) = title_key(doc, seg) else {
            continue;
        };
        match index.get(&key) {
            Some(&i) => out[i].segments.push(seg),
            None => {
                index.insert(key, out.len());
                out.push(Title {
                    segments: vec![seg],
                });
            }
        }
    }
    out
}

/// Segments of prose outside code (every kind of block).
pub fn prose<'d>(doc: &'d Document<'_>) -> impl Iterator<Item = &'d Segment> {
    doc.segments
        .iter()
        .filter(move |s| !doc.in_code(s.range.start))
}

/// The page's language: front matter `lang:`/`language:`, else the
/// configured language, else what its paragraphs say (Spanish when they
/// say nothing).
pub fn page_language(ctx: &Context<'_>) -> Lang {
    let doc = ctx.doc;
    if let Some(fm) = &doc.front_matter {
        for key in ["lang", "language", "locale"] {
            if let Some(l) = fm.get(doc.text, key).and_then(Lang::parse) {
                return l;
            }
        }
    }
    if let Some(l) = ctx.settings.language.as_deref().and_then(Lang::parse) {
        return l;
    }
    let mut sample = String::new();
    for seg in &doc.segments {
        if matches!(doc.block(seg).kind, BlockKind::Paragraph) && seg.inline == Inline::Plain {
            sample.push_str(doc.slice(&seg.range));
            sample.push(' ');
            if sample.len() > 4000 {
                break;
            }
        }
    }
    if sample.is_empty() {
        for t in titles(doc) {
            sample.push_str(&t.joined(doc));
        }
    }
    // Twelve points is six stop words more in one language than the other.
    crate::text::spell::detect_until(&sample, Lang::Es, 12)
}

/// The language of one title, given the page's.
pub fn title_language(doc: &Document<'_>, title: &Title<'_>, page: Lang) -> Lang {
    detect(&title.joined(doc), page)
}

/// Is this word accepted without a dictionary: a listed term or name, a
/// project word, or a configured name?
pub fn accepted(ctx: &Context<'_>, word: &str) -> bool {
    let typ = &ctx.settings.typ;
    lists::is_term(word)
        || lists::is_name(word)
        || (!typ.words.is_empty() && typ.words.contains(&word.to_lowercase()))
        || typ.names.iter().any(|n| n.eq_ignore_ascii_case(word))
}

/// Does the word sit inside something that is not prose: a domain, a path,
/// an identifier, an entity or an e-mail address?
pub fn in_identifier(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars();
    let mut after2 = after.clone();
    let a1 = after2.next();
    let a2 = after2.next();
    if before.is_some_and(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '@' | '#' | '/' | '\\' | '_' | '.' | '$' | '%' | '&' | '=' | '<' | '~' | '^' | '|'
            )
    }) {
        return true;
    }
    match a1 {
        Some(c) if c.is_ascii_digit() || matches!(c, '@' | '/' | '\\' | '_' | '=' | '>' | '|') => {
            true
        }
        Some('.' | ':') => a2.is_some_and(|c| c.is_alphanumeric() || c == '/'),
        Some(';') => before == Some('&'),
        _ => false,
    }
}
