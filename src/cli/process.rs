//! What happens to one file: read, process, write or diff, render.

use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::Applicability;
use crate::document::LineIndex;
use crate::engine::file::process;
use crate::engine::{LintOptions, RuleSet};
use crate::output::{self, Record};
use crate::rule::Workspace;

use super::files::io_reason;
use super::write::write_atomic;

/// Files larger than this are refused with a message.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Check,
    Fix,
    Diff,
}

pub enum Input {
    File(PathBuf),
    Stdin(Vec<u8>),
}

pub struct Job {
    pub input: Input,
    /// Absolute path (for stdin: of `--stdin-filename`, if given).
    pub abs: Option<PathBuf>,
    pub display: String,
    pub config: Arc<Config>,
    pub rules: RuleSet,
}

#[derive(Default)]
pub struct Outcome {
    pub records: Vec<Record>,
    /// Full-format report, or the diff.
    pub rendered: String,
    pub fixed: usize,
    pub changed: bool,
    /// For stdin with --fix: the fixed document's bytes (the bytes read,
    /// when nothing is fixed: stdin behaves as a file that is not written).
    pub document: Option<Vec<u8>>,
    /// Lines for stderr (directive problems, internal errors).
    pub notes: Vec<String>,
    /// A failure: exit code 2.
    pub error: Option<String>,
}

/// The file's bytes, and for a file on disk the open file's metadata.
pub(super) fn read(job: &Job) -> Result<(Vec<u8>, Option<std::fs::Metadata>), String> {
    use std::io::Read as _;
    match &job.input {
        Input::Stdin(b) if b.len() as u64 > MAX_FILE_SIZE => Err(format!(
            "{}: input too large (more than {} MB; the limit is {} MB)",
            job.display,
            MAX_FILE_SIZE / (1024 * 1024),
            MAX_FILE_SIZE / (1024 * 1024)
        )),
        Input::Stdin(b) => Ok((b.clone(), None)),
        Input::File(p) => {
            // One open; the size from the open file.
            let fail = |e: std::io::Error| format!("{}: {}", job.display, io_reason(&e));
            let mut file = std::fs::File::open(p).map_err(fail)?;
            let meta = file.metadata().map_err(fail)?;
            let len = meta.len();
            if len > MAX_FILE_SIZE {
                return Err(format!(
                    "{}: file too large ({} MB; the limit is {} MB)",
                    job.display,
                    len / (1024 * 1024),
                    MAX_FILE_SIZE / (1024 * 1024)
                ));
            }
            // Exactly the size the open file has: no second fstat, no lseek,
            // no growing (`File::read_to_end` does all three).
            let mut bytes = vec![0; len as usize];
            let mut filled = 0;
            while filled < bytes.len() {
                match file.read(&mut bytes[filled..]) {
                    Ok(0) => break, // it shrank since
                    Ok(n) => filled += n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(fail(e)),
                }
            }
            bytes.truncate(filled);
            // A regular file has the size it says; anything else (a pipe,
            // an empty or special file) is read to its end.
            if filled == len as usize && !(meta.is_file() && len > 0) {
                (&mut file)
                    .take(MAX_FILE_SIZE + 1 - len)
                    .read_to_end(&mut bytes)
                    .map_err(fail)?;
            }
            Ok((bytes, Some(meta)))
        }
    }
}

pub fn run(
    job: &Job,
    workspace: &dyn Workspace,
    mode: Mode,
    min: Applicability,
    render_full: bool,
    color: bool,
    cache: Option<&super::cache::Cache>,
) -> Outcome {
    let mut outcome = Outcome::default();
    if let Some(cache) = cache
        && cache.unread(job, workspace)
    {
        return outcome;
    }
    let (bytes, meta) = match read(job) {
        Ok(b) => b,
        Err(e) => {
            outcome.error = Some(e);
            return outcome;
        }
    };
    let fix_at = (mode != Mode::Check).then_some(min);
    let read = super::cache::Read {
        bytes: &bytes,
        meta: meta.as_ref(),
    };
    let result = match super::cache::through(cache, job, read, workspace, |workspace| {
        // The page's `markdownlint-configure-file` comments, if any.
        let overlay = if memchr::memmem::find(&bytes, b"markdownlint-configure-file").is_some() {
            let text = String::from_utf8_lossy(&bytes);
            crate::markdownlint::configure_file_overlay(&text, &job.config.settings, &job.rules)
                .map_err(crate::engine::file::FileError::Config)?
        } else {
            None
        };
        let (settings, rules) = overlay
            .as_ref()
            .map_or((&job.config.settings, &job.rules), |(s, r)| (s, r));
        let opts = LintOptions {
            settings,
            rules,
            workspace,
            path: job.abs.as_deref(),
        };
        process(&bytes, opts, fix_at)
    }) {
        Ok(r) => r,
        Err(e) => {
            outcome.error = Some(format!("{}: {e}", job.display));
            if mode == Mode::Fix && matches!(job.input, Input::Stdin(_)) {
                // Like a file that is left as it was.
                outcome.document = Some(bytes.clone());
            }
            return outcome;
        }
    };
    // Lines are counted only when something is reported.
    let lines = if result.diagnostics.is_empty() && result.notes.is_empty() {
        LineIndex::new("")
    } else {
        LineIndex::new(&result.text)
    };
    for n in &result.notes {
        let (l, c) = lines.line_col(&result.text, n.offset);
        outcome
            .notes
            .push(format!("{}:{l}:{c}: warning: {}", job.display, n.message));
    }
    for e in &result.internal_errors {
        outcome.notes.push(format!(
            "{}:{}: internal error: {} (please report this bug)",
            job.display, e.line, e.reason
        ));
    }
    outcome.fixed = result.fixed;
    outcome.changed = result.changed;
    match mode {
        Mode::Diff => {
            if result.changed {
                outcome.rendered =
                    output::unified_diff(&job.display, &result.original, &result.text, color);
                if outcome.rendered.is_empty() {
                    outcome.notes.push(format!(
                        "{}: would be re-encoded as UTF-8 (the text itself does not change)",
                        job.display
                    ));
                }
            }
            return outcome;
        }
        Mode::Fix => match &job.input {
            // What a file would hold after the run: the fixed text if it
            // is written, else the bytes as they were (a transcoding that
            // needs --unsafe-fixes is not applied).
            Input::Stdin(_) if result.changed => {
                outcome.document = Some(result.text.clone().into_bytes())
            }
            Input::Stdin(_) => outcome.document = Some(bytes.clone()),
            Input::File(p) if result.changed => {
                if let Err(e) = write_atomic(p, &bytes, meta.as_ref(), result.text.as_bytes()) {
                    // Nothing was written: nothing was fixed.
                    outcome.fixed = 0;
                    outcome.changed = false;
                    outcome.error = Some(e);
                    return outcome;
                }
            }
            Input::File(_) => {}
        },
        Mode::Check => {}
    }
    outcome.records = result
        .diagnostics
        .iter()
        .map(|d| output::record(&job.display, &result.text, &lines, d))
        .collect();
    if render_full {
        output::render_full(
            &job.display,
            &result.text,
            &lines,
            &result.diagnostics,
            color,
            &mut outcome.rendered,
        );
    }
    outcome
}
