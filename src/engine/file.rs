//! A whole file, from bytes: decode ([`crate::text::decode`]), then lint or fix. Shared by
//! the command line and the fixture tests.

use std::cell::{Cell, RefCell};
use std::panic::AssertUnwindSafe;
use std::sync::Once;

use super::{LintOptions, fix, lint};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::text::decode;

pub use super::Note;
pub use super::fix::{FixError, InternalError};

/// The result for one file.
#[derive(Debug)]
pub struct FileResult {
    /// The text after fixes (the decoded text when checking).
    pub text: String,
    /// The text as read (decoded), for diffs.
    pub original: String,
    /// Findings on `text`.
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<Note>,
    pub fixed: usize,
    pub internal_errors: Vec<InternalError>,
    /// Would writing `text` change the file's bytes?
    pub changed: bool,
}

/// Why a file could not be processed.
#[derive(Debug, Clone)]
pub enum FileError {
    Binary {
        offset: usize,
    },
    Fix(FixError),
    /// pagelint panicked on this file (a bug): nothing was written.
    Panic {
        message: String,
    },
    /// The page's own configuration (a `markdownlint-configure-file`
    /// comment) is wrong.
    Config(String),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Binary { offset } => {
                write!(f, "binary file (NUL byte at offset {offset}), not checked")
            }
            FileError::Fix(e) => write!(f, "{e}"),
            FileError::Config(e) => write!(f, "{e}"),
            FileError::Panic { message } => write!(
                f,
                "internal error: pagelint panicked ({message}); the file was left unchanged \
                 (please report this bug)"
            ),
        }
    }
}

/// Check (`fix_at == None`) or fix (fixes at or above `fix_at`) a file.
/// A panic inside is contained: it becomes [`FileError::Panic`] for this
/// file alone (see [`contain`]).
pub fn process(
    bytes: &[u8],
    opts: LintOptions<'_>,
    fix_at: Option<Applicability>,
) -> Result<FileResult, FileError> {
    contain(|| process_uncontained(bytes, opts, fix_at))
        .unwrap_or_else(|message| Err(FileError::Panic { message }))
}

thread_local! {
    /// How many [`contain`] calls this thread is inside.
    static CONTAINED: Cell<usize> = const { Cell::new(0) };
    /// The message and place of the last contained panic on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Run `f`; a panic inside becomes `Err(message)` ("what, at file:line:col")
/// instead of unwinding further. While `f` runs on this thread, the panic
/// hook records the message instead of printing it; elsewhere (and outside
/// `contain`) the previous hook runs as before. A panic on another thread
/// that `f` joins (rayon) is still caught, but printed by that thread's hook.
pub fn contain<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CONTAINED.with(Cell::get) == 0 {
                return previous(info);
            }
            let what = payload_message(info.payload());
            let message = match info.location() {
                Some(l) => format!("{what}, at {}:{}:{}", l.file(), l.line(), l.column()),
                None => what,
            };
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
        }));
    });
    CONTAINED.with(|c| c.set(c.get() + 1));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(c.get() - 1));
    result.map_err(|payload| {
        LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| payload_message(payload.as_ref()))
    })
}

fn payload_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

fn process_uncontained(
    bytes: &[u8],
    opts: LintOptions<'_>,
    fix_at: Option<Applicability>,
) -> Result<FileResult, FileError> {
    let decoded = decode::decode(bytes).map_err(|b| FileError::Binary { offset: b.offset })?;
    // The finding goes to the enabled rule that declares it reports decoding.
    let reporter = opts.rules.rules().find(|r| r.reports_decoding());
    let enc002 = decoded.finding.as_ref().zip(reporter).map(|(f, rule)| {
        let msg = format!("Transcode the file from {} to UTF-8", f.encoding);
        let fix = if f.safe {
            Fix::safe(msg, vec![])
        } else {
            Fix::unsafe_edit(msg, vec![])
        };
        let meta = rule.meta();
        let mut d = Diagnostic::new(meta, f.range.clone(), f.message.clone()).with_fix(fix);
        if let Some(s) = opts.rules.severity_of(meta.code) {
            d.severity = s;
        }
        d
    });
    let text: &str = &decoded.text;
    // Only a file that may be written as UTF-8 is fixed at all.
    let may_write = match (&decoded.finding, &enc002, fix_at) {
        (_, _, None) => false,
        (None, _, Some(_)) => true,
        (Some(_), Some(d), Some(min)) => d.fix.as_ref().is_some_and(|f| f.applicability >= min),
        (Some(_), None, Some(_)) => false,
    };
    let mut result = if may_write {
        let outcome = fix(text, opts, fix_at.expect("fixing")).map_err(FileError::Fix)?;
        let transcoded = decoded.finding.is_some();
        FileResult {
            fixed: outcome.fixed_count() + usize::from(transcoded),
            changed: outcome.text.as_bytes() != bytes,
            text: outcome.text,
            original: text.to_string(),
            diagnostics: outcome.remaining,
            notes: Vec::new(),
            internal_errors: outcome.internal_errors,
        }
    } else {
        let r = lint(text, opts);
        if let Some(d) = enc002 {
            let mut diags = vec![d];
            diags.extend(r.diagnostics);
            return Ok(FileResult {
                text: text.to_string(),
                original: text.to_string(),
                diagnostics: diags,
                notes: r.notes,
                fixed: 0,
                internal_errors: Vec::new(),
                changed: false,
            });
        }
        FileResult {
            text: text.to_string(),
            original: text.to_string(),
            diagnostics: r.diagnostics,
            notes: r.notes,
            fixed: 0,
            internal_errors: Vec::new(),
            changed: false,
        }
    };
    if fix_at.is_none() {
        result.changed = false;
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Overrides};
    use crate::rule::Workspace;

    #[test]
    fn contain_turns_a_panic_into_its_message_and_place() {
        let err = contain(|| -> u8 { panic!("boom {}", 42) }).unwrap_err();
        assert!(err.starts_with("boom 42, at "), "{err}");
        assert!(err.contains("file.rs:"), "{err}");
        // Nested: the inner one is caught, the outer call goes on.
        let outer = contain(|| contain(|| -> u8 { panic!("inner") }).unwrap_err());
        assert!(outer.unwrap().starts_with("inner"));
        assert_eq!(contain(|| 7), Ok(7));
    }

    /// A workspace that panics when a rule asks it anything about a path.
    struct Panicking;
    impl Workspace for Panicking {
        fn exists(&self, _path: &str) -> Option<bool> {
            panic!("test workspace: exists() panics");
        }
        fn path_kind(&self, _path: &std::path::Path) -> Option<crate::rule::PathKind> {
            panic!("test workspace: path_kind() panics");
        }
    }

    #[test]
    fn a_panic_in_a_rule_is_an_error_for_the_file_check_and_fix() {
        let config = Config::default();
        let rules = config.rule_set(None, &Overrides::default()).unwrap();
        let path = std::path::Path::new("/nonexistent/page.md");
        let opts = LintOptions {
            settings: &config.settings,
            rules: &rules,
            workspace: &Panicking,
            path: Some(path),
        };
        let page = b"# T\n\n[a](other.md)\n";
        for at in [None, Some(Applicability::Safe), Some(Applicability::Unsafe)] {
            match process(page, opts, at) {
                Err(e @ FileError::Panic { .. }) => {
                    let m = e.to_string();
                    assert!(m.contains("test workspace:"), "{m}");
                    assert!(m.contains("internal error"), "{m}");
                }
                other => panic!("{at:?}: expected a contained panic, got {other:?}"),
            }
        }
        // The same page with a workspace that answers is fine.
        let opts = LintOptions {
            workspace: &crate::rule::NoWorkspace,
            ..opts
        };
        assert!(process(page, opts, None).is_ok());
    }
}
