//! The structure of a page, and the guard of the fix loop (SPEC §5): after
//! fixes, the page parsed again must have the same block structure and the
//! same number of links, and its rendered HTML may differ only inside the
//! edited spans. Rules use the same check, on the blocks around one edit,
//! before they offer a fix whose effect depends on context.
//!
//! # What "differs only inside the edited spans" means here
//!
//! Both texts are parsed with comrak (the options pagelint parses with).
//! The unit of comparison is the *leaf block*: a paragraph, heading or table
//! cell (blocks of inline content), a code block or an HTML block. Leaf
//! blocks are matched in document order (the block structure is already
//! known to be equal). A leaf whose source lines no edit touches must render
//! exactly as before. For a leaf that an edit touches:
//!
//! - its inline *skeleton* must be the same: the sequence of elements
//!   (emphasis, links and images, code spans, raw HTML, hard line breaks,
//!   footnote references…, opening and closing, in order) with only the
//!   text between them free to differ. A fix may change words; it may not
//!   create or remove a hard break, merge or split code spans, or turn text
//!   into live HTML — not even inside its own span;
//! - link and image destinations and titles may change (the LNK rules edit
//!   them), other element attributes may not;
//! - raw HTML (inline or block) must keep its sequence of tag names;
//! - in *verbatim* content — code spans, code blocks, raw HTML that keeps
//!   whitespace (`<pre>`, `<textarea>`, `<code>`, `<listing>`, `<xmp>`,
//!   `<plaintext>`, `<script>`, `<style>`, a `white-space` style) and text
//!   inside such raw HTML — a change of whitespace alone is refused for safe
//!   fixes (a reader sees it), while removing invisible characters or a
//!   change to canonical Unicode composition (NFC) is accepted. Whitespace in
//!   prose is free: a browser shows `a→b` and `a    b` alike, and comrak
//!   already drops trailing spaces before a soft break.
//!
//! Then every touched leaf is emptied in both trees and the two whole pages
//! are rendered to HTML and must be identical: containers (list start and
//! tightness, task boxes, table alignment, footnotes) and all untouched
//! leaves are compared by the real renderer, not a model of it. The one
//! exception: an edit inside a reference definition may change the
//! destination of the links that use that label, wherever they are.
//!
//! The granularity is the leaf block: inside a touched paragraph, text may
//! differ anywhere, not only at the edited bytes. Inline source positions
//! are not exact enough in comrak to go finer; the skeleton rule is what
//! keeps the rest of the paragraph as it was.
//!
//! Cost: two parses and two renders of the page per fix pass (a parse and a
//! render are a few percent of a lint), paid only with `--fix`.

use std::ops::Range;

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, format_html, parse_document};
use unicode_normalization::UnicodeNormalization;

use super::parse::comrak_options;
use super::{LineIndex, normalize_label};

/// Local checks on larger excerpts are left to the fix loop's guard (which
/// checks the whole page once per pass), so that a page of one huge block
/// stays linear.
const MAX_EXCERPT: usize = 64 * 1024;

/// Block signatures and link count of a parsed tree.
pub fn signature<'a>(root: &'a AstNode<'a>) -> (Vec<String>, usize) {
    let mut blocks = Vec::new();
    let mut links = 0;
    for node in root.descendants() {
        let data = node.data.borrow();
        let sig = match &data.value {
            NodeValue::Link(_) | NodeValue::Image(_) => {
                links += 1;
                continue;
            }
            NodeValue::Heading(h) => format!("h{}", h.level),
            NodeValue::List(l) => format!("list:{:?}:{}", l.list_type, l.tight),
            NodeValue::Item(_) => "item".to_string(),
            // Fenced or indented is the writer's choice (MD046 converts);
            // the rendering check sees any difference in the code.
            NodeValue::CodeBlock(_) => "code".to_string(),
            NodeValue::HtmlBlock(_) => "html".to_string(),
            NodeValue::Paragraph => "p".to_string(),
            NodeValue::BlockQuote => "quote".to_string(),
            NodeValue::ThematicBreak => "hr".to_string(),
            NodeValue::Table(t) => format!("table:{}", t.num_columns),
            NodeValue::TableRow(h) => format!("tr:{h}"),
            NodeValue::TableCell => "td".to_string(),
            NodeValue::FrontMatter(_) => "front-matter".to_string(),
            NodeValue::FootnoteDefinition(_) => "footnote".to_string(),
            _ => continue,
        };
        let depth = node.ancestors().count();
        blocks.push(format!("{depth}:{sig}"));
    }
    (blocks, links)
}

/// Signature of a text.
pub fn structure(text: &str) -> (Vec<String>, usize) {
    let arena = Arena::new();
    let root = parse_document(&arena, text, &comrak_options());
    signature(root)
}

/// What the guard compares before the rendering: the block structure.
pub struct Shape {
    /// One signature per block node, in document order.
    blocks: Vec<String>,
    links: usize,
}

impl Shape {
    /// The block signatures (depth and kind of every block node).
    pub fn blocks(&self) -> &[String] {
        &self.blocks
    }

    pub fn link_count(&self) -> usize {
        self.links
    }

    pub fn of(text: &str) -> Shape {
        let arena = Arena::new();
        let root = parse_document(&arena, text, &comrak_options());
        let (blocks, links) = signature(root);
        Shape { blocks, links }
    }
}

/// Reference labels whose definitions the edits touch.
fn edited_labels(old_text: &str, edits: &[Range<usize>]) -> Vec<String> {
    let defs = super::Document::parse(old_text).definitions;
    defs.iter()
        .filter(|d| edits.iter().any(|e| touches(&d.range, e)))
        .map(|d| d.label.clone())
        .collect()
}

fn touches(a: &Range<usize>, b: &Range<usize>) -> bool {
    b.start <= a.end && a.start <= b.end
}

/// Check that going from `old` (with shape `old_shape`) to `new` through
/// `edits` (ranges in `old`) keeps the structure and the rendering outside
/// the edits, every edit held to the bar of a safe fix. `Err` says what
/// changed.
pub fn check(
    old_text: &str,
    old_shape: &Shape,
    new_text: &str,
    edits: &[Range<usize>],
) -> Result<(), String> {
    check_with(old_text, old_shape, new_text, edits, edits)
}

/// [`check`], where only the edits in `safe` (a subset of `edits`) promise
/// that a reader sees the same: the others (unsafe fixes, asked for) may
/// change whitespace in code and raw HTML inside their leaf block.
pub fn check_with(
    old_text: &str,
    old_shape: &Shape,
    new_text: &str,
    edits: &[Range<usize>],
    safe: &[Range<usize>],
) -> Result<(), String> {
    let arena = Arena::new();
    let options = comrak_options();
    let new_root = parse_document(&arena, new_text, &options);
    let (blocks, links) = signature(new_root);
    if old_shape.blocks != blocks {
        let i = old_shape
            .blocks
            .iter()
            .zip(&blocks)
            .position(|(a, b)| a != b)
            .unwrap_or(old_shape.blocks.len().min(blocks.len()));
        return Err(format!(
            "the block structure changed (block {}: {} became {})",
            i + 1,
            old_shape.blocks.get(i).map_or("nothing", String::as_str),
            blocks.get(i).map_or("nothing", String::as_str)
        ));
    }
    if old_shape.links != links {
        return Err(format!(
            "the number of links changed from {} to {}",
            old_shape.links, links
        ));
    }
    let old_root = parse_document(&arena, old_text, &options);
    let old_leaves = leaves(old_root);
    let new_leaves = leaves(new_root);
    if old_leaves.len() != new_leaves.len() {
        return Err("the number of blocks changed".to_string());
    }
    let old_lines = LineIndex::new(old_text);
    let mut old_verbatim = RawHtmlDepth::default();
    let mut new_verbatim = RawHtmlDepth::default();
    let mut touched = Vec::new();
    for (&o, &n) in old_leaves.iter().zip(&new_leaves) {
        let range = leaf_range(old_text, &old_lines, o);
        let inside = (old_verbatim.inside(), new_verbatim.inside());
        old_verbatim.update(o);
        new_verbatim.update(n);
        if !edits.iter().any(|e| touches(&range, e)) {
            continue;
        }
        let strict = safe.iter().any(|e| touches(&range, e));
        let verbatim = inside.0 || inside.1;
        compare_leaf(o, n, strict, verbatim).map_err(|why| {
            format!(
                "{why}, in the block at line {}",
                old_lines.line_of(range.start)
            )
        })?;
        touched.push((o, n));
    }
    for (o, n) in &touched {
        empty(o);
        empty(n);
    }
    let (mut old_html, mut new_html) = (render(old_root), render(new_root));
    if old_html != new_html {
        // An edited reference definition changes its users' destinations.
        let labels = edited_labels(old_text, edits);
        if !labels.is_empty() {
            forget_destinations(old_root, old_text, &labels);
            forget_destinations(new_root, new_text, &labels);
            (old_html, new_html) = (render(old_root), render(new_root));
        }
    }
    if old_html == new_html {
        return Ok(());
    }
    // Say where: the first leaf, else the first top-level block, that
    // renders differently (the touched leaves are empty by now).
    let old_tops: Vec<_> = old_root.children().collect();
    let new_tops: Vec<_> = new_root.children().collect();
    let line = first_difference(old_text, &old_lines, &old_leaves, &new_leaves)
        .or_else(|| first_difference(old_text, &old_lines, &old_tops, &new_tops))
        .unwrap_or(1);
    Err(format!(
        "the rendered HTML of the block at line {line} changed, outside the edited text"
    ))
}

/// The first line of the first of `old` that renders unlike its match.
fn first_difference<'a>(
    text: &str,
    lines: &LineIndex,
    old: &[&'a AstNode<'a>],
    new: &[&'a AstNode<'a>],
) -> Option<usize> {
    old.iter()
        .zip(new)
        .find(|(o, n)| render(o) != render(n))
        .map(|(o, _)| lines.line_of(leaf_range(text, lines, o).start))
}

fn render<'a>(node: &'a AstNode<'a>) -> String {
    let mut html = String::new();
    let _ = format_html(node, &comrak_options(), &mut html);
    html
}

fn is_leaf(value: &NodeValue) -> bool {
    matches!(
        value,
        NodeValue::Paragraph
            | NodeValue::Heading(_)
            | NodeValue::TableCell
            | NodeValue::CodeBlock(_)
            | NodeValue::HtmlBlock(_)
    )
}

/// Leaf blocks in document order.
fn leaves<'a>(root: &'a AstNode<'a>) -> Vec<&'a AstNode<'a>> {
    root.descendants()
        .filter(|n| is_leaf(&n.data.borrow().value))
        .collect()
}

/// Whole source lines of a block, the last line's terminator excluded.
fn leaf_range<'a>(text: &str, lines: &LineIndex, node: &'a AstNode<'a>) -> Range<usize> {
    let sp = node.data.borrow().sourcepos;
    let start = lines.line_start(sp.start.line.max(1));
    let end = lines
        .line_range(text, sp.end.line.max(sp.start.line).max(1))
        .end;
    start..end.max(start)
}

/// Empty a leaf: its content has been compared already.
fn empty<'a>(node: &'a AstNode<'a>) {
    let children: Vec<_> = node.children().collect();
    for c in children {
        c.detach();
    }
    match &mut node.data.borrow_mut().value {
        NodeValue::CodeBlock(c) => c.literal.clear(),
        NodeValue::HtmlBlock(h) => h.literal.clear(),
        _ => {}
    }
}

/// Blank the destinations of reference links whose label is in `labels`.
fn forget_destinations<'a>(root: &'a AstNode<'a>, text: &str, labels: &[String]) {
    let lines = LineIndex::new(text);
    for n in root.descendants() {
        let mut data = n.data.borrow_mut();
        let sp = data.sourcepos;
        let (NodeValue::Link(l) | NodeValue::Image(l)) = &mut data.value else {
            continue;
        };
        let s = lines.offset_of(text, sp.start.line, sp.start.column);
        let e = lines.offset_of(text, sp.end.line, sp.end.column + 1);
        let Some(src) = text.get(s..e.max(s)) else {
            continue;
        };
        if src.ends_with(')') {
            continue;
        }
        // A reference link: its label is the text of the last brackets.
        let inner = src.trim_end_matches(']');
        let label = normalize_label(inner.rsplit('[').next().unwrap_or(""));
        if labels.contains(&label) {
            l.url.clear();
            l.title.clear();
        }
    }
}

/// One element of a leaf's inline content, as the guard compares it.
#[derive(Debug, PartialEq)]
enum Token {
    /// Text, soft line breaks included.
    Text(String),
    Code(String),
    Html(String),
    /// A link or an image opening (`true` for an image).
    Link(bool),
    /// Any other element, opening or closing, as comrak describes it.
    Other(String),
}

fn invisible(c: char) -> bool {
    c == '\u{feff}' || crate::text::invisible::lookup(c).is_some()
}

/// What a reader sees of verbatim text: no invisible characters, composed.
fn visible(s: &str) -> String {
    s.chars().filter(|&c| !invisible(c)).nfc().collect()
}

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The tags of raw HTML: each tag's name (lower case, `/` first for a
/// closing tag) and its whole text from `<` to `>`.
fn tags(html: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    for i in memchr::memchr_iter(b'<', b) {
        let rest = &html[i + 1..];
        let (close, rest) = match rest.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(rest.len());
        let name = rest[..end].to_ascii_lowercase();
        let whole_end = tag_end(html, i);
        let name = if close { format!("/{name}") } else { name };
        out.push((name, &html[i..whole_end]));
    }
    out
}

/// Where the tag opened at `start` ends (after its `>`): a `>` inside a
/// quoted attribute value does not end it; an unclosed quote gives the
/// first `>` after the tag's start, as before.
fn tag_end(html: &str, start: usize) -> usize {
    let b = html.as_bytes();
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'>' => return i + 1,
            q @ (b'"' | b'\'') if b[i - 1] == b'=' || b[i - 1].is_ascii_whitespace() => {
                match memchr::memchr(q, &b[i + 1..]) {
                    Some(k) => i += k + 2,
                    None => break,
                }
            }
            _ => i += 1,
        }
    }
    html[start..]
        .find('>')
        .map_or(html.len(), |e| start + e + 1)
}

fn tag_names(html: &str) -> Vec<String> {
    tags(html).into_iter().map(|(n, _)| n).collect()
}

/// Raw HTML elements inside which a browser keeps whitespace.
fn keeps_whitespace(name: &str) -> bool {
    matches!(
        name.trim_start_matches('/'),
        "pre" | "textarea" | "code" | "listing" | "xmp" | "plaintext" | "script" | "style"
    )
}

fn html_keeps_whitespace(html: &str) -> bool {
    tag_names(html).iter().any(|n| keeps_whitespace(n))
        || html.to_ascii_lowercase().contains("white-space")
}

/// Whether the page is inside raw HTML that keeps whitespace (a `<pre>`
/// opened by an HTML block or inline HTML and not yet closed).
#[derive(Default)]
struct RawHtmlDepth(usize);

impl RawHtmlDepth {
    fn inside(&self) -> bool {
        self.0 > 0
    }

    fn update<'a>(&mut self, leaf: &'a AstNode<'a>) {
        for n in leaf.descendants() {
            let data = n.data.borrow();
            let html = match &data.value {
                NodeValue::HtmlBlock(h) => &h.literal,
                NodeValue::HtmlInline(h) => h,
                _ => continue,
            };
            for name in tag_names(html) {
                if !keeps_whitespace(&name) {
                    continue;
                }
                if name.starts_with('/') {
                    self.0 = self.0.saturating_sub(1);
                } else {
                    self.0 += 1;
                }
            }
        }
    }
}

/// The inline content of a leaf as tokens: soft breaks merged into the
/// text around them, text of invisible characters alone dropped.
fn tokens<'a>(leaf: &'a AstNode<'a>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let text = |out: &mut Vec<Token>, s: &str| match out.last_mut() {
        Some(Token::Text(t)) => t.push_str(s),
        _ => out.push(Token::Text(s.to_string())),
    };
    for edge in leaf.traverse() {
        let (node, start) = match edge {
            NodeEdge::Start(n) => (n, true),
            NodeEdge::End(n) => (n, false),
        };
        if std::ptr::eq(node, leaf) {
            continue;
        }
        let data = node.data.borrow();
        match (&data.value, start) {
            (NodeValue::Text(t), true) => text(&mut out, t),
            (NodeValue::SoftBreak, true) => text(&mut out, "\n"),
            (NodeValue::Code(c), true) => out.push(Token::Code(c.literal.clone())),
            (NodeValue::HtmlInline(h), true) => out.push(Token::Html(h.clone())),
            (NodeValue::Link(_), true) => out.push(Token::Link(false)),
            (NodeValue::Image(_), true) => out.push(Token::Link(true)),
            (
                NodeValue::Text(_)
                | NodeValue::SoftBreak
                | NodeValue::Code(_)
                | NodeValue::HtmlInline(_)
                | NodeValue::LineBreak,
                false,
            ) => {}
            (NodeValue::Link(_), false) => out.push(Token::Other("/link".to_string())),
            (NodeValue::Image(_), false) => out.push(Token::Other("/image".to_string())),
            (v, true) => out.push(Token::Other(format!("{v:?}"))),
            (v, false) => out.push(Token::Other(format!("/{v:?}"))),
        }
    }
    out.retain(|t| !matches!(t, Token::Text(s) if s.chars().all(invisible)));
    out
}

/// Compare verbatim content (code, raw HTML, text inside raw `<pre>`).
fn compare_verbatim(old: &str, new: &str, strict: bool, what: &str) -> Result<(), String> {
    if old == new || !strict {
        return Ok(());
    }
    let (o, n) = (visible(old), visible(new));
    if o != n && without_whitespace(&o) == without_whitespace(&n) {
        return Err(format!("the whitespace of {what} changed"));
    }
    Ok(())
}

fn compare_html(old: &str, new: &str, strict: bool, what: &str) -> Result<(), String> {
    if old == new {
        return Ok(());
    }
    // A safe fix keeps every tag as it was (an invisible character removed
    // from `java\u{ad}script:` makes a live link); another may edit
    // attributes but keeps the elements.
    let (a, b) = (tags(old), tags(new));
    let same = if strict {
        a.len() == b.len()
            && a.iter()
                .zip(&b)
                .all(|(x, y)| x.0 == y.0 && inert_values_masked(x.1) == inert_values_masked(y.1))
    } else {
        a.iter().map(|t| &t.0).eq(b.iter().map(|t| &t.0))
    };
    if !same {
        return Err(format!("the tags of {what} changed"));
    }
    if html_keeps_whitespace(old) || html_keeps_whitespace(new) {
        compare_verbatim(old, new, strict, what)
    } else {
        Ok(())
    }
}

/// A tag with the contents of its quoted attribute values blanked, except
/// the values a browser acts on (URLs, scripts, styles): a safe fix may
/// repair the text of a `title` or `alt`, never what a link or a handler
/// does.
fn inert_values_masked(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let (head, after) = rest.split_at(eq + 1);
        out.push_str(head);
        let Some(q) = after.chars().next().filter(|&c| c == '"' || c == '\'') else {
            rest = after;
            continue;
        };
        let Some(close) = after[1..].find(q) else {
            rest = after;
            break;
        };
        let name = head[..eq]
            .trim_end()
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let acts = name.starts_with("on")
            || matches!(
                name.as_str(),
                "href"
                    | "src"
                    | "srcset"
                    | "action"
                    | "formaction"
                    | "data"
                    | "style"
                    | "background"
                    | "poster"
                    | "cite"
                    | "xlink:href"
                    | "srcdoc"
                    | "content"
            );
        if acts {
            out.push_str(&after[..close + 2]);
        } else {
            out.push(q);
            out.push(q);
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

/// Compare a leaf an edit touched (see the module documentation).
fn compare_leaf<'a>(
    old: &'a AstNode<'a>,
    new: &'a AstNode<'a>,
    strict: bool,
    in_raw_pre: bool,
) -> Result<(), String> {
    let (o, n) = (old.data.borrow(), new.data.borrow());
    match (&o.value, &n.value) {
        (NodeValue::CodeBlock(a), NodeValue::CodeBlock(b)) => {
            if a.info != b.info {
                return Err("the info string of a code block changed".to_string());
            }
            return compare_verbatim(&a.literal, &b.literal, strict, "a code block");
        }
        (NodeValue::HtmlBlock(a), NodeValue::HtmlBlock(b)) => {
            return if in_raw_pre {
                compare_verbatim(&a.literal, &b.literal, strict, "raw HTML")
                    .and_then(|()| compare_html(&a.literal, &b.literal, strict, "raw HTML"))
            } else {
                compare_html(&a.literal, &b.literal, strict, "raw HTML")
            };
        }
        (a, b) if std::mem::discriminant(a) != std::mem::discriminant(b) => {
            return Err("a block changed its kind".to_string());
        }
        _ => {}
    }
    drop((o, n));
    let (a, b) = (tokens(old), tokens(new));
    if a.len() != b.len() {
        return Err(format!(
            "the inline structure changed ({} became {})",
            describe(&a),
            describe(&b)
        ));
    }
    let in_raw_pre = in_raw_pre
        || a.iter()
            .chain(&b)
            .any(|t| matches!(t, Token::Html(h) if html_keeps_whitespace(h)));
    for (x, y) in a.iter().zip(&b) {
        match (x, y) {
            (Token::Text(p), Token::Text(q)) if in_raw_pre => {
                compare_verbatim(p, q, strict, "text inside raw <pre>")?
            }
            (Token::Text(_), Token::Text(_)) => {}
            (Token::Code(p), Token::Code(q)) => compare_verbatim(p, q, strict, "a code span")?,
            (Token::Html(p), Token::Html(q)) => compare_html(p, q, strict, "inline HTML")?,
            (x, y) if x == y => {}
            _ => {
                return Err(format!(
                    "the inline structure changed ({} became {})",
                    describe(&a),
                    describe(&b)
                ));
            }
        }
    }
    Ok(())
}

/// A short description of inline tokens for messages.
fn describe(tokens: &[Token]) -> String {
    let kinds: Vec<&str> = tokens
        .iter()
        .map(|t| match t {
            Token::Text(_) => "text",
            Token::Code(_) => "code span",
            Token::Html(_) => "raw HTML",
            Token::Link(false) => "link",
            Token::Link(true) => "image",
            Token::Other(o) if o == "LineBreak" => "hard break",
            Token::Other(o) => o.split(['(', ' ', '{']).next().unwrap_or(o),
        })
        .collect();
    if kinds.is_empty() {
        "nothing".to_string()
    } else {
        kinds.join(", ")
    }
}

impl super::Document<'_> {
    /// Would replacing `range` with `replacement` keep the structure of the
    /// lines around it? Rules call this before offering a fix whose effect
    /// on Markdown syntax depends on context; it parses only the top-level
    /// blocks the edit touches.
    pub fn edit_keeps_structure(&self, range: std::ops::Range<usize>, replacement: &str) -> bool {
        let (before, after, at) = self.excerpts(range.clone(), replacement);
        if before.len() > MAX_EXCERPT {
            // A giant block: leave it to the fix loop's guard.
            return true;
        }
        // A reference definition that appears or vanishes changes links
        // anywhere in the page.
        let defs = |t: &str| super::links::find_definitions(t, &[]).len();
        let edited = at..at + (range.end - range.start);
        defs(&before) == defs(&after)
            && check(&before, &Shape::of(&before), &after, &[edited]).is_ok()
    }

    /// Would the edit leave the rendered HTML of the blocks around it
    /// exactly as it is? For fixes that should change nothing a reader sees
    /// (removing blank lines).
    pub fn edit_keeps_rendering(&self, range: std::ops::Range<usize>, replacement: &str) -> bool {
        let (before, after, _) = self.excerpts(range, replacement);
        if before.len() > MAX_EXCERPT {
            return true;
        }
        let options = comrak_options();
        comrak::markdown_to_html(&before, &options) == comrak::markdown_to_html(&after, &options)
    }

    /// Would the edit leave the blocks around it with the same structure
    /// (list tightness included) and the same HTML? For fixes that insert
    /// or remove blank lines and whitespace. A giant excerpt is not checked
    /// and answers `false` (the fix is then only shown).
    pub fn edit_keeps_page(&self, range: std::ops::Range<usize>, replacement: &str) -> bool {
        let (before, after, _) = self.excerpts(range, replacement);
        if before.len() > MAX_EXCERPT {
            return false;
        }
        let options = comrak_options();
        structure(&before) == structure(&after)
            && comrak::markdown_to_html(&before, &options)
                == comrak::markdown_to_html(&after, &options)
    }

    /// Would the edit leave the blocks around it with the same structure
    /// and the same HTML, runs of whitespace counted as one space? For
    /// fixes that move line breaks in prose (a soft break renders as a
    /// newline, which a reader sees as a space). Text joined or split
    /// without a space in between (East Asian text) still differs. A giant
    /// excerpt answers `false`.
    pub fn edit_keeps_text(&self, range: std::ops::Range<usize>, replacement: &str) -> bool {
        let (before, after, _) = self.excerpts(range, replacement);
        if before.len() > MAX_EXCERPT {
            return false;
        }
        let options = comrak_options();
        let squeeze = |html: String| {
            let mut out = String::with_capacity(html.len());
            let mut blank = false;
            for c in html.chars() {
                if c.is_ascii_whitespace() {
                    if !blank {
                        out.push(' ');
                    }
                    blank = true;
                } else {
                    out.push(c);
                    blank = false;
                }
            }
            out
        };
        structure(&before) == structure(&after)
            && squeeze(comrak::markdown_to_html(&before, &options))
                == squeeze(comrak::markdown_to_html(&after, &options))
    }

    /// Where raw HTML keeps whitespace: from a `<pre>` (or the like)
    /// opened by an HTML block or inline HTML to its closing tag (or the end
    /// of the page), and each piece of HTML that keeps whitespace itself
    /// (a `style` with `white-space`).
    pub fn raw_whitespace_spans(&self) -> Vec<std::ops::Range<usize>> {
        let mut html: Vec<&super::Html> = self.html.iter().collect();
        html.sort_by_key(|h| h.range.start);
        let mut out = Vec::new();
        let (mut depth, mut open) = (0usize, 0usize);
        for h in html {
            let src = &self.text[h.range.clone()];
            if html_keeps_whitespace(src) {
                out.push(h.range.clone());
            }
            for name in tag_names(src) {
                if !keeps_whitespace(&name) {
                    continue;
                }
                if name.starts_with('/') {
                    if depth == 1 {
                        out.push(open..h.range.end);
                    }
                    depth = depth.saturating_sub(1);
                } else {
                    if depth == 0 {
                        open = h.range.start;
                    }
                    depth += 1;
                }
            }
        }
        if depth > 0 {
            out.push(open..self.text.len());
        }
        out
    }

    /// The top-level blocks around an edit, before and after it, and where
    /// the edit starts in the excerpt.
    fn excerpts(
        &self,
        range: std::ops::Range<usize>,
        replacement: &str,
    ) -> (String, String, usize) {
        // The lines of the edit, widened to the top-level blocks around it
        // (a list with all its items, a block quote…).
        let mut start = self.lines.line_start(self.lines.line_of(range.start));
        let mut end = self
            .lines
            .line_range(self.text, self.lines.line_of(range.end))
            .end;
        // The top-level blocks the edit is in, plus one on each side: an
        // edit can join a line to the block before it (a list item's lazy
        // continuation) or the block after it.
        let tb = &self.top_blocks;
        if !tb.is_empty() {
            let first = tb
                .iter()
                .rposition(|b| b.start <= start)
                .unwrap_or(0)
                .saturating_sub(1);
            let last = (tb.iter().position(|b| b.end >= end).unwrap_or(tb.len() - 1) + 1)
                .min(tb.len() - 1);
            start = start.min(tb[first].start);
            end = end.max(tb[last].end);
        }
        // Out to blank lines on both sides: an HTML block or a paragraph the
        // edit starts or ends can swallow the lines up to the next blank one.
        let mut line = self.lines.line_of(start);
        while line > 1
            && !self.text[self.lines.line_range(self.text, line - 1)]
                .trim()
                .is_empty()
        {
            line -= 1;
        }
        start = start.min(self.lines.line_start(line));
        let mut line = self.lines.line_of(end);
        let last_line = self.lines.line_count();
        while line < last_line
            && !self.text[self.lines.line_range(self.text, line + 1)]
                .trim()
                .is_empty()
        {
            line += 1;
        }
        end = end.max(self.lines.line_range(self.text, line).end);
        // Whole lines, terminators included (an empty list item `1.` needs
        // its newline to be one).
        let end_line = self.lines.line_of(end);
        end = end.max(self.lines.line_start(end_line + 1).min(self.text.len()));
        // A page that starts with `---` may get a front matter, or a longer
        // one, from an edit that makes a line `---` further down (comrak
        // ends a front matter at a `---` line of the page's line ending).
        let edit_line = self
            .lines
            .line_range(self.text, self.lines.line_of(range.start));
        let edited = format!(
            "{}{}{}",
            &self.text[edit_line.start..range.start.max(edit_line.start)],
            replacement,
            &self.text[range.end.min(edit_line.end).max(range.start)..edit_line.end]
        );
        let makes_delimiter = matches!(edited.trim_end(), "---" | "...");
        // Without a front matter, only an edit of the first line (or one
        // that makes a delimiter) can make one: other excerpts stay local,
        // or every edit of a page with an unclosed `---` renders the page
        // from its start (quadratic).
        let first_line_end = self.lines.line_start(2);
        if self.text[self.bom_len..].starts_with("---")
            && ((self.front_matter.is_none() && range.start < first_line_end) || makes_delimiter)
        {
            start = 0;
        }
        // Inside the page, a leading blank line keeps the parser from
        // taking a leading U+FEFF of the excerpt for a byte-order mark; at
        // the start of the page it must.
        let lead = if start > 0 { "\n" } else { "" };
        let mut before = format!("{lead}{}", &self.text[start..end]);
        let mut after = String::with_capacity(before.len());
        after.push_str(lead);
        after.push_str(&self.text[start..range.start]);
        after.push_str(replacement);
        after.push_str(&self.text[range.end..end]);
        // The page's reference definitions, so that `[ref]` links resolve:
        // before the excerpt, or after it when the excerpt is the start of
        // the page (which must stay the start: byte-order mark, front
        // matter) — then the excerpt does not reach the end of the page.
        let mut defs = String::new();
        for d in &self.definitions {
            if d.range.start >= end || d.range.end <= start {
                defs.push_str(&self.text[d.range.clone()]);
                defs.push('\n');
            }
        }
        let mut shift = 0;
        if !defs.is_empty() {
            if start > 0 {
                defs.push('\n');
                before.insert_str(0, &defs);
                after.insert_str(0, &defs);
                shift = defs.len();
            } else {
                before.push_str("\n\n");
                before.push_str(&defs);
                after.push_str("\n\n");
                after.push_str(&defs);
            }
        }
        let at = shift + lead.len() + range.start - start;
        (before, after, at)
    }
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn guard(old: &str, edit: Range<usize>, content: &str) -> Result<(), String> {
        let new = format!("{}{}{}", &old[..edit.start], content, &old[edit.end..]);
        check(old, &Shape::of(old), &new, &[edit])
    }

    #[test]
    fn a_safe_fix_may_repair_an_attribute_text_but_not_what_it_does() {
        let m = inert_values_masked;
        assert_eq!(
            m(r#"<Listing caption="DefiniciÃ³n">"#),
            m(r#"<Listing caption="Definición">"#)
        );
        assert_eq!(m("<img alt='a' src=\"x\">"), m("<img alt='b' src=\"x\">"));
        assert_ne!(
            m("<a href=\"java\u{ad}script:x\">"),
            m("<a href=\"javascript:x\">")
        );
        assert_ne!(m(r#"<b title="x">"#), m(r#"<b title="x" onclick="y">"#));
        assert_ne!(m(r#"<b onclick="a">"#), m(r#"<b onclick="b">"#));
    }

    /// A `>` inside a quoted attribute value (`caption="… Point<T> …"`)
    /// does not end the tag: the repair of the caption's text is a repair
    /// of an inert value (the mojibake evaluation's rust-book pages).
    #[test]
    fn a_gt_inside_a_quoted_value_does_not_end_the_tag() {
        let old = "<Listing caption=\"un mÃ©todo de `Point<T>` que\">\n\ntext\n\n</Listing>\n";
        let at = old.find("Ã©").unwrap();
        assert!(guard(old, at..at + 4, "é").is_ok());
        // What the tag does is still compared.
        let old = "<a href=\"x<y>z\" title=\"t\">k</a>\n";
        assert!(guard(old, 9..10, "w").is_err());
    }

    #[test]
    fn trailing_space_removal_passes() {
        assert!(guard("# T\n\npara  \n", 10..12, "").is_ok());
    }

    #[test]
    fn heading_loss_fails() {
        let err = guard("# T\n\npara\n", 0..2, "").unwrap_err();
        assert!(err.contains("block structure"), "{err}");
    }

    #[test]
    fn far_change_fails() {
        // A change to a block no edit touched is refused.
        let old = "a\n\nb\n";
        let err = check(old, &Shape::of(old), "x\n\nc\n", &[0..1]).unwrap_err();
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn editing_a_definition_may_change_its_users() {
        let old = "see [x]\n\n[x]: http://a.org\n";
        assert!(guard(old, 13..24, "https://a.org").is_ok());
    }

    /// Issue 10 item 4: edits inside their own span that change what the
    /// reader sees.
    #[test]
    fn the_guard_refuses_what_changes_the_rendering() {
        let refused = [
            // Trailing spaces inside a code span across lines (CommonMark 338/339).
            ("`a   \nb`\n", 2..5, ""),
            ("``\nfoo \n``\n", 6..7, ""),
            // A hard break created: `a\` + newline.
            ("a\\ \nb\n", 2..3, ""),
            // A tab turned into spaces that make a hard break.
            ("e\t \nf\n", 1..2, "   "),
            // A soft hyphen that kept raw HTML inert.
            ("x <\u{ad}img src=x onerror=alert(1)>\n", 3..5, ""),
            // Code spans merged.
            ("`a`\u{200b}`b`\n", 3..6, ""),
            ("`a`\u{feff}`b`\n", 3..6, ""),
            // Trailing spaces inside <pre> and <textarea>.
            ("<pre>\na   \nb\n</pre>\n", 7..10, ""),
            ("<textarea>\na \nb\n</textarea>\n", 12..13, ""),
            // TYP006 removing a repeated word across a hard break.
            ("a  \na\n", 1..5, ""),
            // An invisible character that kept a raw tag's attribute inert.
            ("<a href=\"java\u{ad}script:x\">y</a>\n", 13..15, ""),
        ];
        for (old, edit, content) in refused {
            assert!(
                guard(old, edit.clone(), content).is_err(),
                "{old:?} {edit:?} {content:?} passed"
            );
        }
    }

    #[test]
    fn the_guard_accepts_what_the_reader_does_not_see() {
        let accepted = [
            // A tab in prose, trailing spaces before a soft break.
            ("a\tb\n", 1..2, "   "),
            ("a \nb\n", 1..2, ""),
            // Three spaces of a hard break down to two.
            ("a   \nb\n", 1..4, "  "),
            // An invisible character in text and in code.
            ("a\u{200b}b `c\u{200b}d`\n", 1..4, ""),
            ("x `c\u{200b}d`\n", 4..7, ""),
            // Trailing spaces in a <div> (whitespace collapses there).
            ("<div>\na   \n</div>\n", 7..10, ""),
            // A word changed, an http link made https.
            ("the teh cat\n", 4..7, "the"),
            ("[a](http://x.org) b\n", 4..8, "https"),
            // Composed characters (NFC) in a code span.
            ("`e\u{301}`\n", 1..4, "\u{e9}"),
        ];
        for (old, edit, content) in accepted {
            assert_eq!(
                guard(old, edit.clone(), content),
                Ok(()),
                "{old:?} {edit:?}"
            );
        }
    }

    #[test]
    fn unsafe_fixes_may_change_code_whitespace_in_their_span() {
        let old = "`a   \nb`\n";
        let new = "`a\nb`\n";
        assert!(check(old, &Shape::of(old), new, &[2..5]).is_err());
        assert!(check_with(old, &Shape::of(old), new, &[2..5], &[]).is_ok());
        // Still never the inline structure.
        let old = "a  \na\n";
        assert!(check_with(old, &Shape::of(old), "a\n", &[1..5], &[]).is_err());
    }

    #[test]
    fn containers_are_compared_by_the_renderer() {
        // A task box ticked by an edit elsewhere on the page is refused;
        // a list's start number too.
        let old = "- [ ] a\n\nb\n";
        let err = check(old, &Shape::of(old), "- [x] a\n\nb\n", &[9..10]).unwrap_err();
        assert!(err.contains("line 1"), "{err}");
        let old = "1. a\n\nb\n";
        assert!(check(old, &Shape::of(old), "2. a\n\nb\n", &[6..7]).is_err());
    }

    #[test]
    fn local_checks_see_the_context() {
        // Removing the invisible character would pull the line into the
        // indented code block above.
        let text = "    code\n\u{200b}    more\ntext\n";
        let doc = super::super::Document::parse(text);
        assert!(!doc.edit_keeps_structure(9..12, ""));
        // An empty list item needs its newline.
        let text = "\u{202e}1. \n";
        let doc = super::super::Document::parse(text);
        assert!(!doc.edit_keeps_structure(0..3, ""));
        let text = "a\u{200b}b\n";
        let doc = super::super::Document::parse(text);
        assert!(doc.edit_keeps_structure(1..4, ""));
    }
}
