//! Cross-file knowledge for TYP004 `author-name`: how often each surname is
//! cited in the files of this run, counted once before the files are
//! checked (read, scanned and dropped one at a time, in parallel).

use std::collections::HashMap;

use rayon::prelude::*;

use super::process::{Input, Job};
use crate::rules::count_cited_names;

/// Count the cited surnames of every file whose rules include TYP004, when
/// there are at least two such files (one file counts its own).
pub fn count(jobs: &[Job]) -> Option<HashMap<String, u32>> {
    let files: Vec<&std::path::Path> = jobs
        .iter()
        .filter(|j| j.rules.is_enabled("TYP004"))
        .filter_map(|j| match &j.input {
            Input::File(p) => Some(p.as_path()),
            Input::Stdin(_) => None,
        })
        .collect();
    if files.len() < 2 {
        return None;
    }
    Some(
        files
            .par_iter()
            .fold(HashMap::new, |mut m, p| {
                if let Ok(bytes) = std::fs::read(p) {
                    if let Ok(text) = std::str::from_utf8(&bytes) {
                        count_cited_names(text, &mut m);
                    }
                }
                m
            })
            .reduce(HashMap::new, |mut a, b| {
                for (k, v) in b {
                    *a.entry(k).or_default() += v;
                }
                a
            }),
    )
}
