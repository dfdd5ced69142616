use super::*;

/// Every line a Prose span, its own block.
fn line_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut pos = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.is_empty() {
            spans.push(Span {
                range: pos..pos + body.len(),
                kind: SpanKind::Prose,
                block: i as u32,
            });
        }
        pos += line.len();
    }
    spans
}

fn fix(text: &str) -> String {
    scan(text, &line_spans(text), &[]).apply(text, false)
}

fn garble(s: &str, cp: CodePage) -> String {
    cp.decode(s.as_bytes()).expect("decodable")
}

#[test]
fn johab_words_and_emoji() {
    let clean =
        "## Introducción\n\nEl mecanismo de atención 🤗 y más.\n\nEspaña y la presentación.\n";
    let bad = garble(clean, CodePage::Johab);
    assert!(bad.contains("Introducci칩n"));
    assert_eq!(fix(&bad), clean);
    let s = scan(&bad, &line_spans(&bad), &[]);
    assert!(
        s.repairs.iter().all(|r| r.chain == vec![CodePage::Johab]),
        "{:?}",
        s.repairs
    );
    let r = &s.repairs[0];
    assert_eq!(&bad[r.range.clone()], "칩");
    assert_eq!(r.confidence, Confidence::Strong);
}

#[test]
fn each_family() {
    let clean =
        "La información del niño: ¿qué pasó en España? ¡Mañana más!\n\nOtra línea con acción.\n";
    for cp in [
        CodePage::Windows1252,
        CodePage::Latin1,
        CodePage::MacRoman,
        CodePage::Cp949,
        CodePage::ShiftJis,
        CodePage::Gbk,
        CodePage::Ibm437,
        CodePage::Koi8R,
        CodePage::Windows1251,
    ] {
        let Ok(bad) = cp.decode(clean.as_bytes()) else {
            continue;
        };
        assert_eq!(fix(&bad), clean, "{cp:?}: {bad}");
    }
}

#[test]
fn double_windows_1252() {
    let clean = "Introducción a la programación, año 2024, don’t «citas».\n";
    let once = garble(clean, CodePage::Windows1252);
    let twice = garble(&once, CodePage::Windows1252);
    let s = scan(&twice, &line_spans(&twice), &[]);
    assert_eq!(s.apply(&twice, false), clean);
    assert!(
        s.repairs
            .iter()
            .any(|r| r.chain == vec![CodePage::Windows1252, CodePage::Windows1252])
    );
}

#[test]
fn clean_text_untouched() {
    for t in [
        "Introducción, España, ¿Qué? ¡Sí! 1.º 2.ª — “comillas” «citas» …",
        "São Paulo, coração, NÃO, ações. Œuvre, cœur, déjà vu, Straße, Übergröße.",
        "반도체 칩을 사용한 API를 호출합니다. 안녕하세요.",
        "日本語のテキスト、ｶﾀｶﾅ、漢字。Pythonで書く。",
        "中文文本，贸易和外贸。使用Python编程。",
        "Привет, мир! Ёлка. Ελληνικά κείμενα. مرحبا بالعالم",
        "BERT 🤗 emoji 👍🏽 ❤️ 🇲🇽 math ∑ x² ≤ ∞ α → β ├── tree",
    ] {
        let s = scan(t, &line_spans(t), &[]);
        assert!(s.is_empty(), "{t}: {s:?}");
    }
}

#[test]
fn code_follows_the_page() {
    // The whole text garbled: one decision, code included, safely.
    let good = "acción y más información";
    let bad = garble(good, CodePage::Johab);
    let spans = vec![Span {
        range: 0..bad.len(),
        kind: SpanKind::Code,
        block: 0,
    }];
    let s = scan(&bad, &spans, &[]);
    assert!(
        s.repairs
            .iter()
            .all(|r| r.scope == Scope::Page && !r.in_code)
    );
    assert_eq!(s.apply(&bad, false), good);
}

#[test]
fn an_isolated_run_in_code_is_reported_not_fixed() {
    // Clean accents elsewhere: no page hypothesis; the code has no block.
    let code = garble("acción y más información", CodePage::Johab);
    let bad = format!("Texto con eñe, más y acción.\n\n{code}\n");
    let start = bad.find(&code).unwrap();
    let spans = vec![
        Span {
            range: 0..start - 2,
            kind: SpanKind::Prose,
            block: 0,
        },
        Span {
            range: start..start + code.len(),
            kind: SpanKind::Code,
            block: 1,
        },
    ];
    let s = scan(&bad, &spans, &[]);
    assert!(!s.repairs.is_empty());
    assert!(s.repairs.iter().all(|r| r.in_code && r.scope == Scope::Run));
    assert_eq!(s.apply(&bad, false), bad);
}

#[test]
fn lossy_johab_candidate() {
    let bad = CodePage::Johab.decode_lossy("¿Qué? Introducción y más información.".as_bytes());
    assert!(bad.starts_with("\u{FFFD}쯈u칠?"), "{bad}");
    let s = scan(&bad, &line_spans(&bad), &[]);
    assert_eq!(s.lossy.len(), 1, "{s:?}");
    assert_eq!(s.lossy[0].candidate.as_deref(), Some("¿Q"));
    assert_eq!(s.lossy[0].codepage, Some(CodePage::Johab));
}

/// An English page whose only non-ASCII characters are smart quotes and
/// apostrophes, read through Johab the lossy way: every run holds U+FFFD,
/// so no strict run can carry a page hypothesis; the traces that all
/// reconstruct under Johab carry it, and the unique readings are safe.
#[test]
fn a_page_garbled_only_the_lossy_way_is_one_decision() {
    let page = "Rust’s standard library. We’ll look at “Cargo” later.";
    let bad = CodePage::Johab.decode_lossy(page.as_bytes());
    let s = scan(&bad, &line_spans(&bad), &[]);
    assert!(s.repairs.is_empty(), "{s:?}");
    let unique: Vec<&LossyTrace> = s.lossy.iter().filter(|t| t.candidate.is_some()).collect();
    assert!(unique.len() >= 2, "{s:?}");
    assert!(
        unique
            .iter()
            .all(|t| t.safe && t.codepage == Some(CodePage::Johab)),
        "{s:?}"
    );
    // One trace alone is no page decision.
    let one = CodePage::Johab.decode_lossy("Rust’s standard library.".as_bytes());
    let s = scan(&one, &line_spans(&one), &[]);
    assert!(s.lossy.iter().all(|t| !t.safe), "{s:?}");
}

#[test]
fn fast_path() {
    assert!(!suspicious(b"plain ascii", 0..11));
    let t = "canción, árbol, niño — fin";
    assert!(!suspicious(t.as_bytes(), 0..t.len()));
    let t = "Introducci칩n";
    assert!(suspicious(t.as_bytes(), 0..t.len()));
}

/// The user's page (SPEC §1): Spanish UTF-8 read through Johab. The fix must
/// give exactly Python's `s.encode('johab').decode('utf-8')`.
#[test]
fn seed_page() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = std::env::var("PAGELINT_SEED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| root.join("../shared/seed/course-page.md"));
    let Ok(bad) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let mut bytes = Vec::new();
    CodePage::Johab.encode(&bad, &mut bytes).unwrap();
    let want = String::from_utf8(bytes).unwrap();
    let s = scan(&bad, &line_spans(&bad), &[]);
    assert_eq!(s.apply(&bad, false), want);
    assert!(
        s.repairs
            .iter()
            .all(|r| r.chain == vec![CodePage::Johab] && r.confidence == Confidence::Strong)
    );
    assert!(s.lossy.is_empty());
}
