//! `pagelint --write-baseline`: record today's unknown title words in the
//! project word file, marked as a reviewed baseline, so that TYP001 reports
//! only unknown words that are new since.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::process::{Input, Job};
use crate::config::{BASELINE_MARKER, Config};
use crate::document::Document;
use crate::rule::{Context, NoWorkspace};

pub fn write(jobs: &[Job], default: &Config) -> Result<u8, String> {
    let mut by_file: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    if jobs.iter().any(|j| matches!(j.input, Input::Stdin(_))) {
        return Err("--write-baseline reads files, not stdin".to_string());
    }
    if jobs.is_empty() {
        by_file.entry(default.word_file_path()).or_default();
    }
    for job in jobs {
        let Input::File(p) = &job.input else { continue };
        let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", job.display))?;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let doc = Document::parse(text);
        let ctx = Context {
            doc: &doc,
            settings: &job.config.settings,
            workspace: &NoWorkspace,
            path: job.abs.as_deref(),
        };
        let words = by_file.entry(job.config.word_file_path()).or_default();
        for rule in crate::rules::ALL {
            words.extend(rule.baseline(&ctx));
        }
    }
    for (path, words) in by_file {
        let old = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let known: BTreeSet<String> = old
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim().to_lowercase())
            .filter(|l| !l.is_empty())
            .collect();
        let mut out = String::new();
        if !old.starts_with(BASELINE_MARKER) {
            out.push_str(BASELINE_MARKER);
            out.push_str(
                "\n# Words pagelint accepts in this project, one per line. Written by\n# `pagelint --write-baseline`; review it like code.\n",
            );
        }
        out.push_str(&old);
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        let mut added = 0;
        let mut seen = BTreeSet::new();
        for w in &words {
            let l = w.to_lowercase();
            if known.contains(&l) || !seen.insert(l) {
                continue;
            }
            out.push_str(w);
            out.push('\n');
            added += 1;
        }
        std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("Added {added} words to {}.", path.display());
    }
    Ok(0)
}
