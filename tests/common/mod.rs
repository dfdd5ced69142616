//! What the integration tests share: running a selection of rules over a
//! document the way the command line does.

#![allow(dead_code)]

use std::io::Write as _;
use std::path::Path;

use pagelint::config::{Config, Overrides};
use pagelint::diagnostic::Applicability;
use pagelint::engine::LintOptions;
use pagelint::engine::file::{FileResult, process};
use pagelint::rule::{NoWorkspace, Workspace};

/// Check (`fix_at: None`) or fix `bytes` with the rules `select` names,
/// under `config`, as the document at `path` in `workspace`.
pub fn run_in(
    select: &str,
    bytes: &[u8],
    config: &Config,
    workspace: &dyn Workspace,
    path: Option<&Path>,
    fix_at: Option<Applicability>,
) -> Result<FileResult, String> {
    let overrides = Overrides {
        select: Some(vec![select.to_string()]),
        ..Overrides::default()
    };
    let rules = config
        .rule_set(path, &overrides)
        .map_err(|e| e.to_string())?;
    let opts = LintOptions {
        settings: &config.settings,
        rules: &rules,
        workspace,
        path,
    };
    process(bytes, opts, fix_at).map_err(|e| e.to_string())
}

/// [`run_in`] with the default configuration, as on stdin.
pub fn run(
    select: &str,
    bytes: &[u8],
    fix_at: Option<Applicability>,
) -> Result<FileResult, String> {
    run_in(
        select,
        bytes,
        &Config::default(),
        &NoWorkspace,
        None,
        fix_at,
    )
}

/// The corpus of real pages, or `None` (with a message) where it is absent.
pub fn corpus() -> Option<std::path::PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if p.is_dir() {
        Some(p)
    } else {
        // Written to the process's stderr directly, past the test harness's
        // capture: the skip shows in a normal `cargo test` run.
        let _ = writeln!(std::io::stderr(), "skipped: {} is absent", p.display());
        None
    }
}
