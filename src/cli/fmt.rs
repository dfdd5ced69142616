//! `pagelint fmt [PATH]...` (SPEC §7, issue 15): format pages in place,
//! or tell which would change (`--check`), or show how (`--diff`). The
//! same discovery, configuration, exclusions, exit codes and safe writes
//! as the check command; the formatting itself is
//! [`crate::engine::format`].
//!
//! Exit codes: 0 nothing to do (or everything formatted), 1 with
//! `--check`/`--diff` when a page would change, 2 an error (a path, I/O, a
//! page whose formatting failed its proof: that page is left alone and
//! named, the others are still formatted).

use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use rayon::prelude::*;

use super::process::{Input, Job, read};
use super::write::write_atomic;
use super::{Color, Configs, display_path, use_color};
use crate::config::Config;
use crate::engine::LintOptions;
use crate::engine::format;
use crate::output;

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Files or folders to format; `-` reads one page from stdin and
    /// writes it formatted to stdout.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write nothing; exit 1 when a page would change, naming it.
    #[arg(long, conflicts_with = "diff")]
    pub check: bool,
    /// Write nothing; print the unified diff and exit 1 when a page would
    /// change.
    #[arg(long)]
    pub diff: bool,
    /// Use this configuration file instead of looking for pagelint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The name of the page read from stdin (for messages and config).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Colour output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// Print nothing but errors (and the diff or formatted page).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Default)]
struct Outcome {
    display: String,
    changed: bool,
    /// The diff (with `--diff`).
    diff: String,
    /// For stdin: the bytes to print.
    document: Option<Vec<u8>>,
    notes: Vec<String>,
    error: Option<String>,
}

pub fn run(args: FmtArgs) -> Result<u8, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let mut configs = Configs {
        fixed: match &args.config {
            Some(p) => Some(Arc::new(Config::load(p).map_err(|e| e.to_string())?)),
            None => None,
        },
        by_dir: Default::default(),
        default: Arc::new(Config {
            root: cwd.clone(),
            ..Config::default()
        }),
    };
    let stdin_mode = super::stdin_mode(&args.paths, args.stdin_filename.as_deref(), "page")?;
    let color = use_color(args.color, std::io::stdout().is_terminal());
    let mut jobs = Vec::new();
    let mut outcomes: Vec<Outcome> = Vec::new();
    if stdin_mode {
        jobs.push(super::stdin_job(
            args.stdin_filename.as_deref(),
            &cwd,
            &mut configs,
            |config, abs| config.fmt_rule_set(Some(abs)),
        )?);
    } else {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        let (files, errors) = super::files::discover(&paths, &cwd);
        outcomes.extend(errors.into_iter().map(|e| Outcome {
            error: Some(e),
            ..Outcome::default()
        }));
        let abs = super::files::absolute_all(&cwd, &files);
        for (file, abs) in files.into_iter().zip(abs) {
            let config = configs.for_file(&abs)?;
            if config.is_excluded(&abs) {
                continue;
            }
            let rules = config.fmt_rule_set(Some(&abs))?;
            jobs.push(Job {
                abs: Some(abs),
                display: display_path(&file),
                input: Input::File(file),
                config,
                rules,
            });
        }
    }
    let write = !args.check && !args.diff;
    let done: Vec<Outcome> = jobs
        .par_iter()
        .map(|job| {
            crate::engine::file::contain(|| one(job, write, args.diff, color)).unwrap_or_else(
                |message| Outcome {
                    error: Some(format!(
                        "{}: {}",
                        job.display,
                        crate::engine::file::FileError::Panic { message }
                    )),
                    ..Outcome::default()
                },
            )
        })
        .collect();
    outcomes.extend(done);
    Ok(report(&args, stdin_mode, &outcomes))
}

/// Format one page: read, format, prove, then write, diff or tell.
fn one(job: &Job, write: bool, diff: bool, color: bool) -> Outcome {
    let mut o = Outcome {
        display: job.display.clone(),
        ..Outcome::default()
    };
    let (bytes, meta) = match read(job) {
        Ok(b) => b,
        Err(e) => {
            o.error = Some(e);
            return o;
        }
    };
    let stdin = matches!(job.input, Input::Stdin(_));
    // Whatever happens, stdin's page goes back out.
    if stdin {
        o.document = Some(bytes.clone());
    }
    let decoded = match crate::text::decode::decode(&bytes) {
        Ok(d) => d,
        Err(b) => {
            o.error = Some(format!(
                "{}: binary file (NUL byte at offset {}), not formatted",
                job.display, b.offset
            ));
            return o;
        }
    };
    if let Some(f) = &decoded.finding {
        o.notes.push(format!(
            "{}: not UTF-8 ({}), not formatted; `pagelint --fix` transcodes it",
            job.display, f.encoding
        ));
        return o;
    }
    let text: &str = &decoded.text;
    let opts = LintOptions {
        settings: &job.config.settings,
        rules: &job.rules,
        workspace: &crate::rule::NoWorkspace,
        path: job.abs.as_deref(),
    };
    let formatted = match format::format(text, opts) {
        Ok(f) => f,
        Err(e) => {
            o.error = Some(format!("{}: {e}", job.display));
            return o;
        }
    };
    for e in &formatted.internal_errors {
        o.notes.push(format!(
            "{}:{}: internal error: {} (please report this bug)",
            job.display, e.line, e.reason
        ));
    }
    o.changed = formatted.changed(text);
    if !o.changed {
        return o;
    }
    if diff {
        o.diff = output::unified_diff(&job.display, text, &formatted.text, color);
    }
    match &job.input {
        Input::Stdin(_) => {
            if write {
                o.document = Some(formatted.text.into_bytes());
            }
        }
        Input::File(p) if write => {
            if let Err(e) = write_atomic(p, &bytes, meta.as_ref(), formatted.text.as_bytes()) {
                o.changed = false;
                o.error = Some(e);
            }
        }
        Input::File(_) => {}
    }
    o
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn report(args: &FmtArgs, stdin_mode: bool, outcomes: &[Outcome]) -> u8 {
    let mut out: Vec<u8> = Vec::new();
    let mut err = String::new();
    let mut failed = false;
    for o in outcomes {
        for n in &o.notes {
            err.push_str(&output::escape_line(n));
            err.push('\n');
        }
        if let Some(e) = &o.error {
            failed = true;
            err.push_str(&format!("pagelint: error: {}\n", output::escape_line(e)));
        }
        if args.diff {
            out.extend_from_slice(o.diff.as_bytes());
        } else if args.check {
            if o.changed {
                err.push_str(&format!(
                    "Would reformat: {}\n",
                    output::escape_line(&o.display)
                ));
            }
        } else if stdin_mode && let Some(doc) = &o.document {
            out.extend_from_slice(doc);
        }
    }
    let changed = outcomes.iter().filter(|o| o.changed).count();
    let formatted = outcomes
        .iter()
        .filter(|o| o.error.is_none() && !o.display.is_empty())
        .count();
    let unchanged = formatted - changed;
    // Formatting stdin: stdout is the page, stderr only what went wrong.
    let quiet = args.quiet || (stdin_mode && !args.check && !args.diff);
    if !quiet {
        let summary = if args.check || args.diff {
            if changed > 0 {
                format!(
                    "{} would be reformatted, {} already formatted.\n",
                    plural(changed, "file"),
                    unchanged
                )
            } else {
                format!("{} already formatted.\n", plural(unchanged, "file"))
            }
        } else if changed > 0 {
            format!(
                "{} reformatted, {} left unchanged.\n",
                plural(changed, "file"),
                unchanged
            )
        } else {
            format!("{} left unchanged.\n", plural(unchanged, "file"))
        };
        err.push_str(&summary);
    }
    let _ = std::io::stdout().write_all(&out);
    let _ = std::io::stderr().write_all(err.as_bytes());
    if failed {
        2
    } else {
        u8::from((args.check || args.diff) && changed > 0)
    }
}
