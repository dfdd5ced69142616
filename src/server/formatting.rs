//! `textDocument/formatting`: the open document's text formatted as
//! `pagelint fmt` formats the file ([`crate::engine::format`]: the same
//! configuration, found by walking up from the document's path, the same
//! rules and the same proof), answered as one edit. Run on a thread of its
//! own, so that neither typing nor linting waits for it.

use std::path::Path;

use lsp_types::TextEdit;

use super::position::{Encoding, Lines};
use crate::config::{Config, find_config};
use crate::engine::LintOptions;
use crate::engine::format;

/// The edits that format `text` (none when it is formatted already), or
/// why it cannot be formatted.
pub fn edits(
    text: &str,
    path: Option<&Path>,
    roots: &[std::path::PathBuf],
    encoding: Encoding,
) -> Result<Vec<TextEdit>, String> {
    let dir = path
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .or_else(|| roots.first().cloned())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    let config = match find_config(&dir) {
        Some(file) => Config::load(&file).map_err(|e| e.to_string())?,
        None => Config {
            root: dir,
            ..Config::default()
        },
    };
    let rules = config.fmt_rule_set(path)?;
    let opts = LintOptions {
        settings: &config.settings,
        rules: &rules,
        workspace: &crate::rule::NoWorkspace,
        path,
    };
    let formatted = crate::engine::file::contain(|| format::format(text, opts))
        .map_err(|m| format!("internal error: pagelint panicked ({m})"))?
        .map_err(|e| e.to_string())?;
    let Some((range, new_text)) = super::worker::one_edit(text, &formatted.text) else {
        return Ok(Vec::new());
    };
    let lines = Lines::new(text, encoding);
    Ok(vec![TextEdit {
        range: lines.range(&range),
        new_text,
    }])
}
