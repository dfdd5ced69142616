//! Coverage-guided fuzzing of one file's processing: check, safe fix and
//! unsafe fix with every rule on, as the command line does (`pagelint
//! --select ALL`), then the report of each finding. A contained panic
//! (`FileError::Panic`), a fix that is not idempotent, or a finding whose
//! range is not on the text's character boundaries is a crash.
//! See README "Fuzzing" for how to run it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pagelint::config::{Config, Overrides};
use pagelint::diagnostic::Applicability;
use pagelint::document::LineIndex;
use pagelint::engine::LintOptions;
use pagelint::engine::file::{FileError, process};
use pagelint::rule::NoWorkspace;

fuzz_target!(|bytes: &[u8]| {
    let config = Config::default();
    let overrides = Overrides {
        select: Some(vec!["ALL".to_string()]),
        ..Overrides::default()
    };
    let rules = config.rule_set(None, &overrides).unwrap();
    let opts = LintOptions {
        settings: &config.settings,
        rules: &rules,
        workspace: &NoWorkspace,
        path: None,
    };
    for at in [None, Some(Applicability::Safe), Some(Applicability::Unsafe)] {
        let result = match process(bytes, opts, at) {
            Ok(r) => r,
            Err(FileError::Panic { message }) => panic!("{at:?}: {message}"),
            Err(_) => continue,
        };
        let text = &result.text;
        let lines = LineIndex::new(text);
        for d in &result.diagnostics {
            assert!(
                d.range.start <= d.range.end
                    && text.is_char_boundary(d.range.start)
                    && text.is_char_boundary(d.range.end),
                "{}: range {:?} not on char boundaries",
                d.rule.code,
                d.range
            );
            let _ = pagelint::output::record("page.md", text, &lines, d);
        }
        let mut full = String::new();
        pagelint::output::render_full("page.md", text, &lines, &result.diagnostics, false, &mut full);
        if at.is_some() && result.changed {
            if let Ok(again) = process(text.as_bytes(), opts, at) {
                assert_eq!(&again.text, text, "{at:?}: fix(fix(x)) != fix(x)");
            }
        }
    }
});
