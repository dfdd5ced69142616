//! The `pagelint` command: argument handling, file discovery, parallel
//! processing, output and exit codes (SPEC §3).

mod args;
mod baseline;
mod cache;
mod exit;
pub mod files;
mod fmt;
mod init;
mod manual;
mod process;
mod progress;
pub mod write;

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use rayon::prelude::*;

/// Below this many pages a run does not start a thread pool.
const FEW_FILES: usize = 4;

pub use args::{CheckArgs, Cli, Color, Command, FailOn};
use process::{Input, Job, Mode, Outcome};

use crate::config::{Config, Overrides, find_config};
use crate::diagnostic::Applicability;
use crate::engine::repository::FsWorkspace;
use crate::output::{self, Format, Record};
use crate::rules;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            eprintln!("pagelint: error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8, String> {
    match cli.command {
        Some(Command::Rules) => {
            print!("{}", rules_table());
            Ok(0)
        }
        Some(Command::Explain { rule }) => match rules::find(&rule) {
            Some(r) => {
                print!("{}", r.meta().doc);
                Ok(0)
            }
            None => Err(crate::engine::selection::resolve(&rule)
                .err()
                .unwrap_or_else(|| {
                    format!("`{rule}` is a group, not a rule; see `pagelint rules`")
                })),
        },
        Some(Command::Init {
            dir,
            from_markdownlint,
        }) => init::run(&dir, from_markdownlint.as_ref()),
        Some(Command::Completions { shell }) => manual::completions(shell),
        Some(Command::Man) => manual::man(),
        Some(Command::Server) => crate::server::run(),
        Some(Command::Fmt(args)) => fmt::run(args),
        None => check(cli.check),
    }
}

/// The table printed by `pagelint rules`.
pub fn rules_table() -> String {
    let mut s = format!(
        "{:<7} {:<26} {:<9} {:<9} {:<8} {}\n",
        "CODE", "NAME", "GROUP", "FIXABLE", "DEFAULT", "SUMMARY"
    );
    for m in rules::metas() {
        s.push_str(&format!(
            "{:<7} {:<26} {:<9} {:<9} {:<8} {}\n",
            m.code,
            m.name,
            m.group.title(),
            m.fixable.as_str(),
            if m.default_enabled { "on" } else { "off" },
            m.summary
        ));
    }
    s
}

fn use_color(choice: Color, stream_is_tty: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            stream_is_tty
                && std::env::var_os("NO_COLOR").is_none()
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// Configurations found by walking up, cached per folder.
struct Configs {
    fixed: Option<Arc<Config>>,
    by_dir: HashMap<PathBuf, Arc<Config>>,
    default: Arc<Config>,
}

impl Configs {
    fn for_file(&mut self, abs: &Path) -> Result<Arc<Config>, String> {
        if let Some(c) = &self.fixed {
            return Ok(c.clone());
        }
        let dir = abs.parent().unwrap_or(Path::new("/")).to_path_buf();
        if let Some(c) = self.by_dir.get(&dir) {
            return Ok(c.clone());
        }
        let c = match find_config(&dir) {
            Some(path) => match self
                .by_dir
                .values()
                .find(|c| c.path.as_deref() == Some(path.as_path()))
            {
                Some(c) => c.clone(),
                None => Arc::new(Config::load(&path).map_err(|e| e.to_string())?),
            },
            None => self.default.clone(),
        };
        self.by_dir.insert(dir, c.clone());
        Ok(c)
    }
}

/// Is this run on stdin (`-`, or `--stdin-filename NAME` alone, which is
/// what editors run)? Beside other paths, `-` and `--stdin-filename` are
/// mistakes, not a folder run. `what` names the page in messages.
fn stdin_mode(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    what: &str,
) -> Result<bool, String> {
    let stdin = paths.iter().any(|p| p.as_os_str() == "-")
        || (paths.is_empty() && stdin_filename.is_some());
    if stdin && paths.len() > 1 {
        return Err("`-` (stdin) cannot be combined with other paths".to_string());
    }
    if !stdin && stdin_filename.is_some() {
        return Err(format!(
            "--stdin-filename names the {what} read from stdin: give `-` (or no path) to read it"
        ));
    }
    Ok(stdin)
}

/// The job of the page on stdin, named `stdin_filename` (for messages,
/// configuration and the repository), with the rules `rules` gives.
fn stdin_job(
    stdin_filename: Option<&Path>,
    cwd: &Path,
    configs: &mut Configs,
    rules: impl FnOnce(&Config, &Path) -> Result<crate::engine::RuleSet, String>,
) -> Result<Job, String> {
    let mut bytes = Vec::new();
    // One byte over the limit is enough to refuse it (in process::read).
    std::io::stdin()
        .take(process::MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read stdin: {e}"))?;
    let name = stdin_filename.map_or_else(|| PathBuf::from("-"), Path::to_path_buf);
    let abs = cwd.join(&name);
    let config = configs.for_file(&abs)?;
    let rules = rules(&config, &abs)?;
    Ok(Job {
        abs: stdin_filename.map(|_| abs.clone()),
        input: Input::Stdin(bytes),
        display: display_path(&name),
        config,
        rules,
    })
}

fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

fn check(args: CheckArgs) -> Result<u8, String> {
    let overrides = Overrides {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
    };
    // Bad rule names on the command line are usage errors, before any work.
    Config::default().rule_set(None, &overrides)?;
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let mut configs = Configs {
        fixed: match &args.config {
            Some(p) => Some(Arc::new(Config::load(p).map_err(|e| e.to_string())?)),
            None => None,
        },
        by_dir: HashMap::new(),
        default: Arc::new({
            let mut c = Config {
                root: cwd.clone(),
                ..Config::default()
            };
            c.load_word_file().map_err(|e| e.to_string())?;
            c
        }),
    };
    let mode = if args.fix {
        Mode::Fix
    } else if args.diff {
        Mode::Diff
    } else {
        Mode::Check
    };
    let min = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let stdout_tty = std::io::stdout().is_terminal();
    let format = args.output_format.unwrap_or(if stdout_tty {
        Format::Full
    } else {
        Format::Concise
    });
    // `--stdin-filename NAME` alone reads stdin as NAME (what editors run);
    // beside paths other than `-` it is a mistake, not a folder run.
    let stdin_mode = stdin_mode(&args.paths, args.stdin_filename.as_deref(), "document")?;
    let mut path_errors: Vec<String> = Vec::new();
    // Where findings go: stderr when stdout carries the fixed document.
    let findings_to_stderr = stdin_mode && mode == Mode::Fix;
    let color = use_color(
        args.color,
        if findings_to_stderr {
            std::io::stderr().is_terminal()
        } else {
            stdout_tty
        },
    );

    let mut jobs = Vec::new();
    if stdin_mode {
        jobs.push(stdin_job(
            args.stdin_filename.as_deref(),
            &cwd,
            &mut configs,
            |config, abs| config.rule_set(Some(abs), &overrides),
        )?);
    } else {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        let (files, errors) = files::discover(&paths, &cwd);
        path_errors = errors;
        let abs = files::absolute_all(&cwd, &files);
        // The configuration of each folder is found once; the jobs are then
        // made on every core.
        let mut config_of: Vec<Arc<Config>> = Vec::with_capacity(abs.len());
        let mut last: Option<(&[u8], Arc<Config>)> = None;
        for a in &abs {
            // Files of one folder come together: the same folder's
            // configuration again, without hashing the path.
            let dir = a
                .parent()
                .map_or(&[][..], |d| d.as_os_str().as_encoded_bytes());
            let config = match &last {
                Some((d, c)) if *d == dir => c.clone(),
                _ => configs.for_file(a)?,
            };
            last = Some((dir, config.clone()));
            config_of.push(config);
        }
        // The rule set depends on the file only through per-file ignores:
        // computed once per configuration otherwise.
        let mut rule_sets: HashMap<usize, crate::engine::RuleSet> = HashMap::new();
        for c in &config_of {
            let key = Arc::as_ptr(c) as usize;
            if c.per_file_ignores.is_empty() && !rule_sets.contains_key(&key) {
                rule_sets.insert(key, c.rule_set(None, &overrides)?);
            }
        }
        let make = |((file, abs), config): ((PathBuf, PathBuf), Arc<Config>)| {
            if config.is_excluded(&abs) {
                return Ok(None);
            }
            let rules = match rule_sets.get(&(Arc::as_ptr(&config) as usize)) {
                Some(r) => r.clone(),
                None => config.rule_set(Some(&abs), &overrides)?,
            };
            Ok(Some(Job {
                abs: Some(abs),
                display: display_path(&file),
                input: Input::File(file),
                config,
                rules,
            }))
        };
        let inputs = files.into_iter().zip(abs).zip(config_of);
        // A few pages (the pre-commit case) are not worth starting a thread
        // pool for: its idle threads compete with the work on a busy
        // machine.
        let made = if inputs.len() < FEW_FILES {
            inputs.map(make).collect::<Result<Vec<_>, String>>()?
        } else {
            inputs
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(make)
                .collect::<Result<Vec<_>, String>>()?
        };
        jobs.extend(made.into_iter().flatten());
    }

    if args.write_baseline {
        return baseline::write(&jobs, &configs.default);
    }
    let render_full = format == Format::Full && !args.statistics;
    // Files on disk share one workspace (repository, file index, HTTPS
    // hosts, cited names: each computed once, when a rule first asks).
    // Stdin has one when `--stdin-filename` says where the page lives: its
    // links and anchors resolve from there, as the saved file's would.
    let cache = cache::for_run(&args, mode == Mode::Check, &cwd, &jobs);
    let fs_workspace = (!stdin_mode || args.stdin_filename.is_some())
        .then(|| workspace(&jobs, &cwd, cache.as_ref()));
    let workspace: &dyn crate::rule::Workspace = match &fs_workspace {
        Some(w) => w,
        None => &crate::rule::NoWorkspace,
    };
    let progress = progress::Progress::new(jobs.len(), args.quiet);
    // A panic on one file is an error for that file; the run goes on.
    let run = |job: &Job| {
        crate::engine::file::contain(|| {
            process::run(
                job,
                workspace,
                mode,
                min,
                render_full,
                color,
                cache.as_ref(),
            )
        })
        .unwrap_or_else(|message| Outcome {
            error: Some(format!(
                "{}: {}",
                job.display,
                crate::engine::file::FileError::Panic { message }
            )),
            ..Outcome::default()
        })
    };
    let one = |job: &Job| {
        let o = run(job);
        progress.tick();
        o
    };
    let mut outcomes: Vec<Outcome> = if jobs.len() < FEW_FILES {
        jobs.iter().map(one).collect()
    } else {
        jobs.par_iter().map(one).collect()
    };
    progress.finish();
    if let Some(ws) = &fs_workspace
        && let Err(e) = ws.save_index()
        && !args.quiet
    {
        eprintln!("pagelint: warning: cannot write the repository index: {e}");
    }
    if let Some(warning) = cache::close(cache, &args.paths, &cwd, &jobs)
        && !args.quiet
    {
        eprintln!("{warning}");
    }

    // Paths that could not be used come first, as errors (exit 2); the
    // other files were checked.
    if !path_errors.is_empty() {
        let errors = path_errors.into_iter().map(|e| Outcome {
            error: Some(e),
            ..Outcome::default()
        });
        outcomes.splice(0..0, errors);
    }
    let code = report(&args, mode, format, color, findings_to_stderr, &outcomes);
    // The OS frees all of it at exit faster than ten thousand drops (a few
    // percent of a warm run).
    std::mem::forget(outcomes);
    std::mem::forget(fs_workspace);
    std::mem::forget(jobs);
    code
}

/// The run's repository view: every page of the run with the collectors
/// its rules declare (stdin's page with the text read), and the repository
/// index beside the result cache.
fn workspace(jobs: &[Job], cwd: &Path, cache: Option<&cache::Cache>) -> FsWorkspace {
    let mut ws = FsWorkspace::new(jobs.iter().filter_map(|j| j.abs.clone()).collect())
        .with_cwd(cwd.to_path_buf());
    for job in jobs {
        let Some(abs) = &job.abs else {
            continue;
        };
        ws = ws.collect_from(abs.clone(), job.rules.collectors());
        if let Input::Stdin(bytes) = &job.input {
            ws = ws.with_text(abs.clone(), bytes.clone());
        }
    }
    match cache {
        Some(c) => ws.with_index(c.index_file(), c.secret(), c.build()),
        None => ws,
    }
}

fn report(
    args: &CheckArgs,
    mode: Mode,
    format: Format,
    color: bool,
    findings_to_stderr: bool,
    outcomes: &[Outcome],
) -> Result<u8, String> {
    let mut out = String::new();
    // stdin with --fix: the document's bytes (not always UTF-8), first.
    let mut document: Vec<u8> = Vec::new();
    let mut err = String::new();
    let records: Vec<Record> = outcomes
        .iter()
        .flat_map(|o| o.records.iter().cloned())
        .collect();
    let mut failed = false;
    for o in outcomes {
        // Notes and errors name paths and quote pages: escaped.
        for n in &o.notes {
            err.push_str(&output::escape_line(n));
            err.push('\n');
        }
        if let Some(e) = &o.error {
            failed = true;
            err.push_str(&format!("pagelint: error: {}\n", output::escape_line(e)));
        }
    }
    match mode {
        Mode::Diff => {
            for o in outcomes {
                out.push_str(&o.rendered);
            }
        }
        Mode::Check | Mode::Fix => {
            if findings_to_stderr {
                for o in outcomes {
                    if let Some(doc) = &o.document {
                        document.extend_from_slice(doc);
                    }
                }
            }
            let mut findings = String::new();
            if args.statistics {
                if format == Format::Json {
                    findings.push_str(&output::render_statistics_json(&records));
                } else {
                    output::render_statistics(&records, &mut findings);
                }
            } else {
                match format {
                    Format::Full => outcomes.iter().for_each(|o| findings.push_str(&o.rendered)),
                    Format::Concise => output::render_concise(&records, color, &mut findings),
                    Format::Json => findings.push_str(&output::render_json(&records)),
                    Format::Github => output::render_github(&records, &mut findings),
                    Format::Sarif => {
                        let metas: Vec<_> = rules::metas().collect();
                        findings.push_str(&output::render_sarif(&records, &metas));
                    }
                }
            }
            if findings_to_stderr {
                err.push_str(&findings);
            } else {
                out.push_str(&findings);
            }
        }
    }
    if !args.quiet {
        err.push_str(&summary(mode, &records, outcomes, color));
    }
    let _ = std::io::stdout().write_all(&document);
    let _ = std::io::stdout().write_all(out.as_bytes());
    let _ = std::io::stderr().write_all(err.as_bytes());
    if failed {
        return Ok(2);
    }
    Ok(exit::code(args, mode, &records, outcomes))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn summary(mode: Mode, records: &[Record], outcomes: &[Outcome], color: bool) -> String {
    let fixed: usize = outcomes.iter().map(|o| o.fixed).sum();
    let safe = records
        .iter()
        .filter(|r| r.applicability == Some(Applicability::Safe))
        .count();
    let unsafe_ = records
        .iter()
        .filter(|r| r.applicability == Some(Applicability::Unsafe))
        .count();
    let files = outcomes.iter().filter(|o| !o.records.is_empty()).count();
    let (b, r) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let mut s = String::new();
    match mode {
        Mode::Diff => {
            let changed = outcomes.iter().filter(|o| o.changed).count();
            if changed > 0 {
                s.push_str(&format!(
                    "{b}{} would be changed ({}).{r}\n",
                    plural(changed, "file"),
                    if fixed == 1 {
                        "1 fix".to_string()
                    } else {
                        format!("{fixed} fixes")
                    }
                ));
            } else {
                s.push_str("No fixes to apply.\n");
            }
        }
        Mode::Fix if fixed > 0 => {
            s.push_str(&format!("{b}Fixed {}{r}", plural(fixed, "problem")));
            if records.is_empty() {
                s.push_str(".\n");
            } else {
                s.push_str(&format!(", {} remaining.\n", records.len()));
            }
        }
        _ if records.is_empty() => {
            let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
            let checked = outcomes.len() - failed;
            if failed == 0 {
                s.push_str(&format!(
                    "All checks passed ({} checked).\n",
                    plural(checked, "file")
                ));
            } else if checked > 0 {
                s.push_str(&format!(
                    "No problems in the {} checked; {} could not be checked (above).\n",
                    plural(checked, "file"),
                    plural(failed, "path")
                ));
            }
        }
        _ => {
            s.push_str(&format!(
                "{b}Found {} in {}.{r}",
                plural(records.len(), "problem"),
                plural(files, "file")
            ));
            if mode == Mode::Check && safe > 0 {
                s.push_str(&format!(" {safe} fixable with --fix."));
            }
            if unsafe_ > 0 {
                s.push_str(&format!(" {unsafe_} more with --unsafe-fixes."));
            }
            s.push('\n');
        }
    }
    s
}
