//! Cross-file knowledge for TYP004 `author-name`: how often each surname is
//! cited across the files of this run and the other Markdown files of their
//! repositories ([`super::workspace::FsWorkspace`] gathers them). Counted
//! when a rule first asks (a run whose pages cite nobody, or whose results
//! all come from the cache, reads no file twice), each file read, scanned
//! and dropped in turn.

use std::collections::HashMap;
use std::path::PathBuf;

use super::process::{Input, Job};
use super::workspace::read_each;
use crate::rules::count_cited_names;

/// The files (absolute) of every job on disk whose rules include TYP004.
pub fn files(jobs: &[Job]) -> Vec<PathBuf> {
    jobs.iter()
        .filter(|j| j.rules.is_enabled("TYP004") && matches!(j.input, Input::File(_)))
        .filter_map(|j| j.abs.clone())
        .collect()
}

/// Count the cited surnames of these files.
pub fn count(files: &[PathBuf]) -> HashMap<String, u32> {
    let parts = read_each(files, |m: &mut HashMap<String, u32>, bytes| {
        if let Ok(text) = std::str::from_utf8(bytes) {
            count_cited_names(text, m);
        }
    });
    let mut all: HashMap<String, u32> = HashMap::new();
    for part in parts {
        for (k, v) in part {
            *all.entry(k).or_default() += v;
        }
    }
    all
}
