//! Properties of the engine on arbitrary input: no panic, the fix loop
//! converges, fixing is idempotent (on arbitrary bytes too, invalid UTF-8
//! included), and safe fixes keep the block structure and the links. This
//! is the short deterministic fuzz pass; `fuzz/` has the coverage-guided
//! one (README, "Fuzzing").

use pagelint::diagnostic::Applicability;
use pagelint::document::Shape;
use proptest::prelude::*;
// A fixed seed: `cargo test` (and CI) is deterministic; finding new inputs
// is the fuzz target's job (README "Fuzzing"), and each input it or an
// earlier random run found is kept in properties.proptest-regressions.
use proptest::test_runner::RngSeed;

mod common;

fn tokens() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# ".to_string()),
        Just("## Título".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("> ".to_string()),
        Just("  ".to_string()),
        Just("   ".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("```".to_string()),
        Just("    code".to_string()),
        Just("[enlace](http://a.org/x \"t\")".to_string()),
        Just("[ref]".to_string()),
        Just("[ref]: http://r.org".to_string()),
        Just("![alt](i.png)".to_string()),
        Just("<https://b.org>".to_string()),
        Just("www.c.org".to_string()),
        Just("*énfasis*".to_string()),
        Just("`código`".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{ad}".to_string()),
        Just("\u{7}".to_string()),
        Just("<!-- c -->".to_string()),
        Just("<!-- pagelint-disable MD009 -->".to_string()),
        Just("<div>".to_string()),
        Just("| a | b |\n|---|---|\n| c | d |".to_string()),
        Just("---\ntitle: x\n---".to_string()),
        Just("\\".to_string()),
        Just("palabra".to_string()),
        Just("ñandú".to_string()),
        Just("🤗".to_string()),
        "[a-zñ ]{0,8}".prop_map(|s| s),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(tokens(), 0..40).prop_map(|v| v.concat())
}

/// Arbitrary bytes, and Markdown-like pages with bytes changed, cut or
/// inserted (invalid UTF-8, NULs, byte-order marks, UTF-16/32 marks).
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    let marks = prop_oneof![
        Just(Vec::new()),
        Just(b"\xef\xbb\xbf".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"\xfe\xff".to_vec()),
        Just(b"\xff\xfe\x00\x00".to_vec()),
        Just(b"\x00\x00\xfe\xff".to_vec()),
    ];
    let mutated = (
        document(),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 0..6),
    )
        .prop_map(|(text, edits)| {
            let mut b = text.into_bytes();
            for (at, byte, op) in edits {
                let i = if b.is_empty() { 0 } else { at.index(b.len()) };
                match op {
                    0 if !b.is_empty() => b[i] = byte,
                    1 => b.insert(i, byte),
                    _ if !b.is_empty() => b.truncate(i),
                    _ => {}
                }
            }
            b
        });
    (
        marks,
        prop_oneof![prop::collection::vec(any::<u8>(), 0..300), mutated],
    )
        .prop_map(|(mut mark, body)| {
            mark.extend(body);
            mark
        })
}

/// The bytes a file holds after `pagelint --fix` (at `at`): the fixed text
/// when it is written, the bytes as they were otherwise (an error, a
/// transcoding that needs --unsafe-fixes). A panic fails the test.
fn fixed_bytes(bytes: &[u8], at: Applicability) -> Result<Vec<u8>, TestCaseError> {
    match run(bytes, Some(at)) {
        Ok(r) if r.changed => Ok(r.text.into_bytes()),
        Ok(_) => Ok(bytes.to_vec()),
        Err(e) if e.contains("panicked") => Err(TestCaseError::fail(e)),
        Err(_) => Ok(bytes.to_vec()),
    }
}

fn run(
    text: &[u8],
    at: Option<Applicability>,
) -> Result<pagelint::engine::file::FileResult, String> {
    common::run("ALL", text, at)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, rng_seed: RngSeed::Fixed(20261204), ..ProptestConfig::default() })]

    #[test]
    fn fixing_converges_is_idempotent_and_keeps_structure(text in document()) {
        for at in [Applicability::Safe, Applicability::Unsafe] {
            let once = run(text.as_bytes(), Some(at)).map_err(TestCaseError::fail)?;
            prop_assert!(once.internal_errors.is_empty(), "guard refused a fix: {:?}", once.internal_errors);
            let twice = run(once.text.as_bytes(), Some(at)).map_err(TestCaseError::fail)?;
            prop_assert_eq!(&twice.text, &once.text, "fix(fix(x)) != fix(x)");
            if at == Applicability::Safe {
                let (a, b) = (Shape::of(&text), Shape::of(&once.text));
                prop_assert_eq!(a.blocks(), b.blocks(), "block structure changed");
                prop_assert_eq!(a.link_count(), b.link_count(), "links changed");
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_fixing_them_is_idempotent(bytes in bytes()) {
        if let Err(e) = run(&bytes, None) {
            prop_assert!(!e.contains("panicked"), "{}", e);
        }
        for at in [Applicability::Safe, Applicability::Unsafe] {
            let once = fixed_bytes(&bytes, at)?;
            let twice = fixed_bytes(&once, at)?;
            prop_assert_eq!(&twice, &once, "{:?}: fix(fix(x)) != fix(x)", at);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = run(text.as_bytes(), Some(Applicability::Unsafe)).map_err(TestCaseError::fail)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, rng_seed: RngSeed::Fixed(20261204), ..ProptestConfig::default() })]

    /// Every range of the document model is on character boundaries.
    #[test]
    fn document_ranges_are_char_boundaries(bytes in prop::collection::vec(any::<u8>(), 0..300), text in document()) {
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        for t in [lossy.as_str(), text.as_str()] {
            let doc = pagelint::document::Document::parse(t);
            let ok = |r: &std::ops::Range<usize>| r.start <= r.end && t.is_char_boundary(r.start) && t.is_char_boundary(r.end);
            for s in &doc.segments { prop_assert!(ok(&s.range), "segment {:?} in {:?}", s.range, t); }
            for c in &doc.code { prop_assert!(ok(&c.range) && ok(&c.content), "code {:?}/{:?} in {:?}", c.range, c.content, t); }
            for l in &doc.links {
                prop_assert!(ok(&l.range) && ok(&l.text), "link {:?} in {:?}", l, t);
                if let Some(d) = &l.dest { prop_assert!(ok(d), "dest {:?} in {:?}", d, t); }
            }
        }
    }
}
