use super::*;

fn seg_texts<'a>(doc: &Document<'a>) -> Vec<&'a str> {
    doc.segments.iter().map(|s| doc.slice(&s.range)).collect()
}

/// comrak reports columns in bytes, 1-based, end inclusive; pin it down on
/// lines with two-, three- and four-byte characters.
#[test]
fn comrak_columns_are_bytes_on_multibyte_lines() {
    use comrak::{Arena, parse_document};
    let text = "# Introducción 🤗 好\n\nñandú *énfasis* fin\n";
    let arena = Arena::new();
    let root = parse_document(&arena, text, &comrak_options());
    let texts: Vec<(String, (usize, usize, usize, usize))> = root
        .descendants()
        .filter_map(|n| {
            let d = n.data.borrow();
            match &d.value {
                comrak::nodes::NodeValue::Text(t) => Some((
                    t.to_string(),
                    (
                        d.sourcepos.start.line,
                        d.sourcepos.start.column,
                        d.sourcepos.end.line,
                        d.sourcepos.end.column,
                    ),
                )),
                _ => None,
            }
        })
        .collect();
    // "Introducción 🤗 好" is 13 + 1 + 4 + 1 + 3 = 22 bytes from column 3.
    assert_eq!(
        texts[0],
        ("Introducción 🤗 好".to_string(), (1, 3, 1, 3 + 22 - 1))
    );
    // "ñandú " is 8 bytes; "énfasis" starts after "*" at byte column 10.
    assert_eq!(texts[1], ("ñandú ".to_string(), (3, 1, 3, 8)));
    assert_eq!(texts[2], ("énfasis".to_string(), (3, 10, 3, 17)));
    // And the document model turns them into exact byte ranges.
    let doc = Document::parse(text);
    assert_eq!(
        seg_texts(&doc),
        vec!["Introducción 🤗 好", "ñandú ", "énfasis", " fin"]
    );
    let (line, col) = doc.lines.line_col(text, doc.segments[2].range.start);
    assert_eq!((line, col), (3, 8), "columns are characters at output");
}

#[test]
fn contexts_of_segments() {
    let text = "---\ntitle: Título\nhero_image: https://github.com/a/b.jpg\n---\n\n## Encabezado\n\nTexto [enlace](http://a.org \"t\") y ![alt](i.png).\n\n| a | b |\n|---|---|\n| c | `d` |\n\n- item\n";
    let doc = Document::parse(text);
    let fm = doc.front_matter.as_ref().unwrap();
    assert_eq!(fm.get(text, "title"), Some("Título"));
    let find = |s: &str| {
        doc.segments
            .iter()
            .find(|seg| doc.slice(&seg.range) == s)
            .unwrap_or_else(|| panic!("no segment {s:?} in {:?}", seg_texts(&doc)))
    };
    assert_eq!(
        doc.block(find("Título")).kind,
        BlockKind::FrontMatter {
            key: "title".into()
        }
    );
    assert_eq!(
        doc.block(find("Encabezado")).kind,
        BlockKind::Heading { level: 2 }
    );
    assert!(matches!(find("enlace").inline, Inline::LinkText(_)));
    assert!(matches!(find("alt").inline, Inline::ImageAlt(_)));
    assert_eq!(
        doc.block(find("c")).kind,
        BlockKind::TableCell { header: false }
    );
    assert_eq!(
        doc.block(find("a")).kind,
        BlockKind::TableCell { header: true }
    );
    assert_eq!(doc.block(find("item")).list_depth, 1);
    // Links: front matter URL, inline link with title, image.
    let urls: Vec<&str> = doc.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        vec!["http://a.org", "i.png", "https://github.com/a/b.jpg"]
    );
    let inline = &doc.links[0];
    assert_eq!(doc.slice(inline.dest.as_ref().unwrap()), "http://a.org");
    assert_eq!(doc.slice(inline.title.as_ref().unwrap()), "t");
    assert_eq!(doc.slice(&inline.text), "enlace");
    assert_eq!(doc.links[2].kind, LinkKind::FrontMatter);
    // Code span.
    assert_eq!(doc.code.len(), 1);
    assert_eq!(doc.slice(&doc.code[0].content), "d");
}

/// comrak reports inline positions of a paragraph that starts with
/// reference definitions as if the definitions were absent; the model
/// corrects them.
#[test]
fn definitions_before_paragraph_text() {
    let text = "[a]: http://a.com\n[b]: <http://b.com> \"T\"\ntext [a] and [b][]\n";
    let doc = Document::parse(text);
    assert_eq!(seg_texts(&doc), vec!["text ", "a", " and ", "b"]);
    assert_eq!(doc.definitions.len(), 2);
    assert_eq!(doc.links.len(), 2);
    assert_eq!(
        doc.slice(doc.links[1].dest.as_ref().unwrap()),
        "http://b.com"
    );
    assert_eq!(doc.links[1].kind, LinkKind::Reference);
}

#[test]
fn autolinks_are_links_not_prose() {
    let text = "see <https://a.org> and www.b.org and https://c.org/x.\n";
    let doc = Document::parse(text);
    let kinds: Vec<LinkKind> = doc.links.iter().map(|l| l.kind).collect();
    assert_eq!(kinds, vec![LinkKind::Angle, LinkKind::Bare, LinkKind::Bare]);
    assert_eq!(doc.slice(doc.links[1].dest.as_ref().unwrap()), "www.b.org");
    assert!(seg_texts(&doc).iter().all(|s| !s.contains("org")));
}

#[test]
fn bom_crlf_and_code_blocks() {
    let text = "\u{feff}# T\r\n\r\nb  \r\nc\r\n\r\n```rs\r\nx\r\n```\r\n";
    let doc = Document::parse(text);
    assert_eq!(doc.bom_len, 3);
    assert_eq!(seg_texts(&doc), vec!["T", "b", "c"]);
    assert_eq!(doc.hard_breaks.len(), 1);
    assert_eq!(doc.slice(&doc.hard_breaks[0]).trim_end(), "");
    let block = doc.code.iter().find(|c| c.block).unwrap();
    assert_eq!(doc.slice(&block.content), "x\r\n");
    assert_eq!(block.lang.as_deref(), Some("rs"));
    assert!(doc.in_code_block(text.find("```").unwrap()));
    assert!(!doc.in_code_block(text.find("c\r").unwrap()));
}

#[test]
fn html_comments() {
    let text = "<!-- pagelint-disable MD009 -->\n\ntext <!-- inline -->\n";
    let doc = Document::parse(text);
    assert_eq!(doc.html.len(), 2);
    assert!(doc.html.iter().all(|h| h.comment));
    assert!(doc.html[0].block && !doc.html[1].block);
}

#[test]
fn odd_inputs_never_panic() {
    let deep_list: String = (0..500)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    let deep_quote = format!("{} x\n", ">".repeat(5000));
    let brackets = "[".repeat(20000) + &"]".repeat(20000);
    for text in [
        "",
        "\n",
        "---",
        "---\n",
        "\u{feff}",
        "\r",
        "[x]:",
        "`",
        "\0\0",
        &deep_list,
        &deep_quote,
        &brackets,
    ] {
        let _ = Document::parse(text);
    }
}

#[test]
fn front_matter_of_every_kind_is_never_markdown() {
    for (text, kind) in [
        (
            "+++\ntitle = \"Un   título\"\n# not a heading\n+++\nTexto.\n",
            "Toml",
        ),
        ("{\n  \"title\": \"[x](http://a.org)\"\n}\nTexto.\n", "Json"),
        ("--- \ntitle: Título\n---  \nTexto.\n", "Yaml"),
        ("---\ntitle: Título\n...\nTexto.\n", "Yaml"),
    ] {
        let doc = Document::parse(text);
        let fm = doc
            .front_matter
            .as_ref()
            .unwrap_or_else(|| panic!("{text:?}"));
        assert_eq!(format!("{:?}", fm.kind), kind);
        assert!(
            text[fm.range.clone()].ends_with("\n") && text[fm.range.end..].starts_with("Texto")
        );
        // Nothing inside it is Markdown: no links, no headings, no prose
        // other than YAML values.
        assert!(
            doc.links.iter().all(|l| l.range.start >= fm.range.end
                || fm.kind.eq(&crate::document::FrontMatterKind::Yaml)),
            "{text:?}"
        );
        let md_blocks: Vec<_> = doc
            .blocks
            .iter()
            .filter(|b| !matches!(b.kind, BlockKind::FrontMatter { .. }))
            .collect();
        assert_eq!(md_blocks.len(), 1, "{text:?}: {md_blocks:?}");
        assert!(md_blocks[0].range.start >= fm.range.end);
        assert!(doc.in_front_matter(1));
    }
    let doc = Document::parse("--- \ntitle: Título\n---  \n");
    assert_eq!(
        doc.front_matter
            .unwrap()
            .get("--- \ntitle: Título\n---  \n", "title"),
        Some("Título")
    );
}

/// A paragraph that starts with reference definitions indented less than
/// the text after them: comrak counts the text's columns from a
/// definition's line; the link and text land where they are in the source.
#[test]
fn text_after_indented_definitions_keeps_its_columns() {
    let text = "[js]: https://example.com/a\n [b]: x\n   [javascript]: https://example.com/js\n    [javascript]: https://example.com/js {M}\n\n- item\n\n  [c]: y\n      [c] after\n";
    let doc = Document::parse(text);
    let link = doc
        .links
        .iter()
        .find(|l| l.label.as_deref() == Some("javascript"))
        .expect("the shortcut link after the definitions");
    assert_eq!(&text[link.range.clone()], "[javascript]");
    assert!(seg_texts(&doc).contains(&" {M}"), "{:?}", seg_texts(&doc));
    // In a list item, on a continuation line.
    let c = doc
        .links
        .iter()
        .find(|l| l.label.as_deref() == Some("c"))
        .expect("the link in the list item");
    assert_eq!(&text[c.range.clone()], "[c]");
}
