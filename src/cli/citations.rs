//! Cross-file knowledge for TYP004 `author-name`: how often each surname is
//! cited in the files of this run. Counted when a rule first asks (a run
//! whose pages cite nobody, or whose results all come from the cache, reads
//! no file twice), on plain scoped threads, each file read, scanned and
//! dropped in turn.

use std::collections::HashMap;
use std::path::PathBuf;

use super::process::{Input, Job};
use crate::rules::count_cited_names;

/// The files of every job whose rules include TYP004, when there are at
/// least two such files (one file counts its own): what [`count`] reads.
pub fn files(jobs: &[Job]) -> Vec<PathBuf> {
    let files: Vec<PathBuf> = jobs
        .iter()
        .filter(|j| j.rules.is_enabled("TYP004"))
        .filter_map(|j| match &j.input {
            Input::File(p) => Some(p.clone()),
            Input::Stdin(_) => None,
        })
        .collect();
    if files.len() < 2 { Vec::new() } else { files }
}

/// Count the cited surnames of these files (`None` for none). It runs
/// inside a rayon task that holds a `OnceLock`, so it reads on plain scoped
/// threads: a rayon wait here could pick up another file's task that
/// blocks on the same lock.
pub fn count(files: &[PathBuf]) -> Option<HashMap<String, u32>> {
    if files.is_empty() {
        return None;
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    Some(std::thread::scope(|scope| {
        let parts: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut m = HashMap::new();
                    for p in part {
                        if let Ok(bytes) = std::fs::read(p)
                            && let Ok(text) = std::str::from_utf8(&bytes)
                        {
                            count_cited_names(text, &mut m);
                        }
                    }
                    m
                })
            })
            .collect();
        let mut all: HashMap<String, u32> = HashMap::new();
        for part in parts {
            for (k, v) in part.join().unwrap_or_default() {
                *all.entry(k).or_default() += v;
            }
        }
        all
    }))
}
