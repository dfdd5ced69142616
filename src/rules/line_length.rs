//! MD013 `line-length`: lines longer than `line_length` characters (80),
//! with markdownlint's exceptions: by default the last word may cross the
//! limit, and lines that are only a link, reference definitions and lines
//! without a space to wrap at (with `stern`) are left alone.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::{Block, BlockKind, Document, NodeKind};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::wrap::{Mode, Word, fill};

pub static META: RuleMeta = RuleMeta {
    code: "MD013",
    name: "line-length",
    group: Group::Md,
    summary: "Line length",
    fixable: Fixable::Sometimes,
    default_enabled: false,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD013"),
};

crate::rule_options! {
    /// Options of MD013 (markdownlint's names and defaults).
    pub struct Md013Options {
        /// Characters allowed on a line (0 or less: the rule checks nothing).
        pub line_length: i64 = 80;
        /// Characters allowed on a heading line (0: `line_length`).
        pub heading_line_length: i64 = 0;
        /// Characters allowed on a line of a code block (0: `line_length`).
        pub code_block_line_length: i64 = 0;
        /// Check lines of code blocks.
        pub code_blocks: bool = true;
        /// Check lines of tables.
        pub tables: bool = true;
        /// Check heading lines.
        pub headings: bool = true;
        /// Report every long line, the last word and link-only lines too.
        pub strict: bool = false;
        /// Like `strict`, except lines without a space to wrap at.
        pub stern: bool = false;
        /// Reflow paragraphs (pagelint's own): "keep" (as written), a width in columns, or "sentence" (one sentence per line).
        pub wrap: Wrap = Wrap::Word(WrapWord::Keep); markdownlint = Wrap::Word(WrapWord::Keep);
    }
}

/// The `wrap` option: a width, or `"keep"` / `"sentence"`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Wrap {
    Width(u64),
    Word(WrapWord),
}

/// The words `wrap` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WrapWord {
    Keep,
    Sentence,
}

impl<'de> serde::Deserialize<'de> for Wrap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Wrap, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match &v {
            serde_json::Value::Number(n) if n.as_u64().is_some() => {
                Ok(Wrap::Width(n.as_u64().unwrap_or(0)))
            }
            serde_json::Value::String(s) if s == "keep" => Ok(Wrap::Word(WrapWord::Keep)),
            serde_json::Value::String(s) if s == "sentence" => Ok(Wrap::Word(WrapWord::Sentence)),
            _ => Err(serde::de::Error::custom(format!(
                "`wrap` is \"keep\", a width in columns or \"sentence\", not {v}"
            ))),
        }
    }
}

impl Wrap {
    fn mode(&self) -> Option<Mode> {
        match self {
            Wrap::Width(w) if *w > 0 => Some(Mode::Width(*w as usize)),
            Wrap::Word(WrapWord::Sentence) => Some(Mode::Sentence),
            _ => None,
        }
    }
}

pub struct LineLength;

const HEADING: u8 = 1;
const CODE: u8 = 2;
const TABLE: u8 = 4;
const LINK: u8 = 8;

impl Rule for LineLength {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        Some(&<Md013Options as crate::options::RuleOptions>::META)
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        let o = ctx.settings.rules.get::<Md013Options>(META.code);
        // markdownlint's `Number(x || line_length)`: 0 means "as lines";
        // a limit of 0 or less checks nothing.
        let or_line = |n: i64| if n == 0 { o.line_length } else { n };
        let limit = |n: i64| usize::try_from(n).unwrap_or(0);
        let line_max = limit(o.line_length);
        let (heading_max, code_max) = (
            limit(or_line(o.heading_line_length)),
            limit(or_line(o.code_block_line_length)),
        );
        let min_max = [line_max, heading_max, code_max]
            .into_iter()
            .filter(|&m| m > 0)
            .min()
            .unwrap_or(usize::MAX);
        if let Some(mode) = o.wrap.mode() {
            reflow(doc, mode, out);
        }
        let count = doc.lines.line_count();
        // Only lines longer (in bytes) than the smallest limit can be long.
        let long: Vec<usize> = (1..=count)
            .filter(|&l| doc.lines.line_range(doc.text, l).len() > min_max)
            .collect();
        if long.is_empty() {
            return;
        }
        let mut flags = vec![0u8; count + 2];
        let mut mark = |first: usize, last: usize, f: u8| {
            for x in flags.iter_mut().take(last.min(count) + 1).skip(first) {
                *x |= f;
            }
        };
        for n in &doc.outline {
            match n.kind {
                NodeKind::Heading { .. } => mark(n.first_line, n.last_line, HEADING),
                NodeKind::CodeBlock { .. } => mark(n.first_line, n.last_line, CODE),
                NodeKind::Table => mark(n.first_line, n.last_line, TABLE),
                _ => {}
            }
        }
        for l in &doc.links {
            if !doc.in_front_matter(l.range.start) {
                mark(
                    doc.lines.line_of(l.range.start),
                    doc.lines
                        .line_of(l.range.end.saturating_sub(1).max(l.range.start)),
                    LINK,
                );
            }
        }
        for line_no in long {
            let r = doc.lines.line_range(doc.text, line_no);
            if doc.in_front_matter(r.start) {
                continue;
            }
            let line = &doc.text[r.clone()];
            let f = flags[line_no];
            let max = if f & CODE != 0 {
                code_max
            } else if f & HEADING != 0 {
                heading_max
            } else {
                line_max
            };
            if max == 0
                || (!o.code_blocks && f & CODE != 0)
                || (!o.tables && f & TABLE != 0)
                || (!o.headings && f & HEADING != 0)
                || doc.definitions.iter().any(|d| {
                    let end = d.range.end.max(d.dest.end).max(d.range.start + 1);
                    d.range.start < r.end.max(r.start + 1) && r.start < end
                })
            {
                continue;
            }
            if !o.strict {
                if o.stern && not_wrappable(line) {
                    continue;
                }
                if f & LINK != 0 && f & HEADING == 0 && link_only(doc, r.clone()) {
                    continue;
                }
            }
            let len = line.chars().count();
            let measured = if o.strict || o.stern {
                len
            } else {
                // The last word may cross the limit if it starts within it.
                let kept = line.trim_end_matches(|c: char| !c.is_whitespace());
                kept.chars().count() + 1
            };
            // A line of exactly `max` characters whose last character is a
            // space is not reported (markdownlint reports only when the
            // length differs from the limit).
            if measured <= max || len == max {
                continue;
            }
            let start = r.start + line.char_indices().nth(max).map_or(line.len(), |(i, _)| i);
            out.push(Diagnostic::new(
                &META,
                start..r.end,
                format!("line is {len} characters long (at most {max})"),
            ));
        }
    }
}

/// Could a line that starts with `word` start another block (a list item,
/// a heading, a quote, a fence, a thematic break or setext underline, an
/// HTML block, a table row)?
fn starts_block(word: &str) -> bool {
    let Some(c) = word.chars().next() else {
        return false;
    };
    if matches!(
        c,
        '#' | '>' | '-' | '+' | '*' | '=' | '`' | '~' | '<' | '|' | '_' | ':'
    ) {
        return true;
    }
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(word.as_bytes().get(digits), Some(b'.' | b')'))
}

/// Is `c` a character East Asian text is written with, without spaces
/// between words?
fn wide(c: Option<char>) -> bool {
    c.is_some_and(|c| c.width() == Some(2))
}

/// Spans of a paragraph no line break may fall in: links (their text
/// included), code spans, inline HTML, `$…$` math and Liquid tags.
fn zones(doc: &Document<'_>, range: &std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let inside = |r: &std::ops::Range<usize>| r.start < range.end && range.start < r.end;
    let mut z: Vec<std::ops::Range<usize>> = doc
        .links
        .iter()
        .map(|l| l.range.clone())
        .chain(
            doc.code
                .iter()
                .filter(|c| !c.block)
                .map(|c| c.range.clone()),
        )
        .chain(
            doc.html
                .iter()
                .filter(|h| !h.block)
                .map(|h| h.range.clone()),
        )
        .filter(inside)
        .collect();
    let text = &doc.text[range.clone()];
    for (open, close) in [("{%", "%}"), ("{{", "}}"), ("$", "$")] {
        let mut at = 0;
        while let Some(p) = text[at..].find(open) {
            let s = at + p;
            if open == "$" && s > 0 && text.as_bytes()[s - 1] == b'\\' {
                at = s + 1;
                continue;
            }
            let Some(q) = text[s + open.len()..].find(close) else {
                break;
            };
            let e = s + open.len() + q + close.len();
            z.push(range.start + s..range.start + e);
            at = e;
        }
    }
    z
}

/// The paragraph `b` filled in `mode`: the edit, when it changes the text
/// and the page keeps its blocks and reads the same (whitespace aside).
fn reflow_paragraph(doc: &Document<'_>, b: &Block, mode: Mode) -> Option<Edit> {
    let text = doc.text;
    let first = doc.lines.line_of(b.range.start);
    let last = doc
        .lines
        .line_of(b.range.end.saturating_sub(1).max(b.range.start));
    let line_start = doc.lines.line_start(first);
    let prefix = &text[line_start..b.range.start];
    if prefix.contains('\t') {
        return None;
    }
    // The prefix of the lines after the first: the containers' markers
    // kept, a list item's marker as spaces.
    let cont: String = prefix
        .chars()
        .map(|c| if c == '>' { '>' } else { ' ' })
        .collect();
    let end = doc.lines.line_range(text, last).end;
    let zones = zones(doc, &(b.range.start..end));
    let in_zone = |p: usize| zones.iter().any(|z| z.start < p && p < z.end);
    // Newlines inside a zone: left alone.
    for l in first..last {
        let e = doc.lines.line_range(text, l).end;
        if in_zone(e) {
            return None;
        }
    }
    let mut words: Vec<Word> = Vec::new();
    let bytes = text.as_bytes();
    let blank = |at: usize| matches!(bytes[at], b' ' | b'\t') && !in_zone(at);
    // Did the line before end with a hard break?
    let mut hard_before = false;
    for l in first..=last {
        let r = doc.lines.line_range(text, l);
        let from = if l == first {
            b.range.start
        } else {
            let line = &text[r.clone()];
            let strip: &[char] = if b.quote_depth > 0 {
                &[' ', '\t', '>']
            } else {
                &[' ', '\t']
            };
            r.start + (line.len() - line.trim_start_matches(strip).len())
        };
        let mut at = from;
        let mut first_word = l > first;
        while at < r.end {
            if blank(at) {
                at += 1;
                continue;
            }
            let start = at;
            while at < r.end && !blank(at) {
                at += 1;
            }
            let mut w = Word::new(&text[start..at]);
            let prev = words.last().map(|p| p.text.as_str());
            w.glue = starts_block(&w.text) || prev.is_some_and(|p| p.ends_with('\\'));
            if first_word {
                // A soft break between East Asian characters stays a break:
                // a space there would be one the author never wrote.
                let east_asian =
                    wide(prev.and_then(|p| p.chars().last())) || wide(w.text.chars().next());
                w.forced = hard_before || east_asian;
                first_word = false;
            }
            words.push(w);
        }
        hard_before = l < last
            && doc
                .hard_breaks
                .iter()
                .any(|h| h.start >= from && h.start <= r.end);
        if hard_before && let Some(w) = words.last_mut() {
            // A backslash break is in the word itself; blanks are kept.
            let kept = text[from..r.end].trim_end_matches([' ', '\t']).len();
            w.suffix = text[from + kept..r.end].to_string();
        }
    }
    let lines = match mode {
        Mode::Width(max) => fill(
            &words,
            mode,
            max.saturating_sub(prefix.width()),
            max.saturating_sub(cont.width()),
        ),
        Mode::Sentence => fill(&words, mode, usize::MAX, usize::MAX),
    };
    let nl = if text[end..].starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let new = lines.join(&format!("{nl}{cont}"));
    let range = b.range.start..end;
    if new == text[range.clone()] || !doc.edit_keeps_text(range.clone(), &new) {
        return None;
    }
    Some(Edit::replace(range, new))
}

/// The `wrap` option's findings: each paragraph not filled as asked, with
/// the reflowed paragraph as its fix.
fn reflow(doc: &Document<'_>, mode: Mode, out: &mut Vec<Diagnostic>) {
    let raw = doc.raw_whitespace_spans();
    for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
        if doc.in_front_matter(b.range.start)
            || raw
                .iter()
                .any(|r| r.start < b.range.end && b.range.start < r.end)
        {
            continue;
        }
        let Some(edit) = reflow_paragraph(doc, b, mode) else {
            continue;
        };
        let (msg, fix) = match mode {
            Mode::Width(w) => (
                format!("Paragraph not wrapped at {w} columns"),
                format!("Wrap the paragraph at {w} columns"),
            ),
            Mode::Sentence => (
                "Paragraph not written one sentence per line".to_string(),
                "Write one sentence per line".to_string(),
            ),
        };
        let first_line = doc
            .lines
            .line_range(doc.text, doc.lines.line_of(b.range.start));
        out.push(
            Diagnostic::new(
                &META,
                b.range.start..first_line.end.max(b.range.start + 1),
                msg,
            )
            .with_fix(Fix::safe(fix, vec![edit])),
        );
    }
}

/// markdownlint's `notWrappableRe`: `^(?:[#>\s]*\s)?\S*$`.
fn not_wrappable(line: &str) -> bool {
    let last_ws = line.rfind(char::is_whitespace);
    match last_ws {
        None => true,
        Some(i) => line[..i]
            .chars()
            .all(|c| c == '#' || c == '>' || c.is_whitespace()),
    }
}

/// Is the text of the line, outside its links, only container markers and
/// whitespace (a line that is one link, or links with nothing between)?
fn link_only(doc: &crate::document::Document<'_>, r: std::ops::Range<usize>) -> bool {
    let mut rest = String::new();
    let mut at = r.start;
    // Links, and inline HTML (a comment after a link), are not text.
    let mut links: Vec<&std::ops::Range<usize>> = doc
        .links
        .iter()
        .map(|l| &l.range)
        .chain(doc.html.iter().filter(|h| !h.block).map(|h| &h.range))
        .filter(|l| l.start < r.end && r.start < l.end)
        .collect();
    links.sort_by_key(|l| l.start);
    for l in links {
        if l.start > at {
            rest.push_str(&doc.text[at..l.start]);
        }
        at = at.max(l.end);
    }
    if at < r.end {
        rest.push_str(&doc.text[at..r.end]);
    }
    // Emphasis and strikethrough delimiters around the links are no text.
    let rest: String = rest
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '~'))
        .collect();
    let t = rest.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    let t = t
        .strip_prefix(['-', '*', '+'])
        .or_else(|| {
            let d = t.bytes().take_while(u8::is_ascii_digit).count();
            (d > 0)
                .then(|| &t[d..])
                .and_then(|x| x.strip_prefix(['.', ')']))
        })
        .unwrap_or(t);
    t.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use std::path::Path;

    #[test]
    fn wrap_takes_keep_a_width_or_sentence() {
        for ok in ["\"keep\"", "80", "\"sentence\""] {
            let toml = format!("[rules.MD013]\nwrap = {ok}\n");
            assert!(Config::parse(&toml, Path::new("p.toml")).is_ok(), "{ok}");
        }
        let Err(e) = Config::parse("[rules.MD013]\nwrap = \"bogus\"\n", Path::new("p.toml")) else {
            panic!("wrap = \"bogus\" accepted");
        };
        let e = e.to_string();
        assert!(
            e.contains("`wrap` is \"keep\", a width in columns or \"sentence\""),
            "{e}"
        );
    }
}
