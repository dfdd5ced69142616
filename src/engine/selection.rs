//! Which rules run, and at which severity: `select`, `extend-select`,
//! `ignore`, per-file ignores and severity overrides, resolved against the
//! registry. Selectors are codes (`MD009`), names (`no-trailing-spaces`),
//! code prefixes (`MD`, `ENC00`), markdownlint's aliases and tags
//! (`headings`, `whitespace`) or `ALL`.

use std::collections::HashMap;

use crate::diagnostic::Severity;
use crate::rule::Rule;
use crate::rules;

/// Resolve one selector to registry indices, or explain what is wrong with
/// the closest valid spelling.
pub fn resolve(selector: &str) -> Result<Vec<usize>, String> {
    let s = selector.trim();
    if s.eq_ignore_ascii_case("ALL") {
        return Ok((0..rules::ALL.len()).collect());
    }
    let upper = s.to_ascii_uppercase();
    let hits: Vec<usize> = rules::ALL
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            let m = r.meta();
            m.name == s
                || m.code.starts_with(upper.as_str())
                    && upper
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphabetic())
        })
        .map(|(i, _)| i)
        .collect();
    if !hits.is_empty() {
        return Ok(hits);
    }
    // markdownlint's aliases and tags (`headings`, `whitespace`) select too.
    if let Some(codes) = crate::markdownlint::select(s) {
        let hits = crate::markdownlint::registry_indices(s)?;
        if hits.is_empty() {
            return Err(format!(
                "`{s}` is markdownlint's {}, which pagelint does not have yet",
                codes.join(", ")
            ));
        }
        return Ok(hits);
    }
    Err(match suggest_rule(s) {
        Some(best) => format!("unknown rule or group `{s}` (did you mean `{best}`?)"),
        None => format!("unknown rule or group `{s}`"),
    })
}

/// The closest code, name or group prefix to `s`.
pub fn suggest_rule(s: &str) -> Option<String> {
    let mut candidates: Vec<String> = Vec::new();
    for r in rules::ALL {
        candidates.push(r.meta().code.to_string());
        candidates.push(r.meta().name.to_string());
    }
    for g in crate::rule::Group::ALL {
        candidates.push(g.prefix().to_string());
    }
    closest(s, candidates.iter().map(String::as_str)).map(str::to_string)
}

/// The candidate closest to `s` by edit distance, if reasonably close.
pub fn closest<'c>(s: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let lower = s.to_lowercase();
    candidates
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len().max(3) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The rules that run on one file, with their severities.
#[derive(Debug, Clone)]
pub struct RuleSet {
    enabled: Vec<bool>,
    /// Rules off that markdownlint's `enable` comments may turn on (those
    /// a markdownlint configuration turned off).
    latent: Vec<bool>,
    /// Rules the command line lets run (all, unless it selects or ignores).
    allowed: Vec<bool>,
    severity: HashMap<&'static str, Severity>,
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet {
            enabled: rules::ALL
                .iter()
                .map(|r| r.meta().default_enabled)
                .collect(),
            latent: vec![false; rules::ALL.len()],
            allowed: vec![true; rules::ALL.len()],
            severity: HashMap::new(),
        }
    }
}

impl RuleSet {
    /// Start from `select` (or the default rules), add `extend_select`,
    /// remove `ignore`.
    pub fn new(
        select: Option<&[String]>,
        extend_select: &[String],
        ignore: &[String],
    ) -> Result<RuleSet, String> {
        let mut set = match select {
            Some(sel) => {
                let mut enabled = vec![false; rules::ALL.len()];
                for s in sel {
                    for i in resolve(s)? {
                        enabled[i] = true;
                    }
                }
                RuleSet {
                    enabled,
                    latent: vec![false; rules::ALL.len()],
                    allowed: vec![true; rules::ALL.len()],
                    severity: HashMap::new(),
                }
            }
            None => RuleSet::default(),
        };
        for s in extend_select {
            for i in resolve(s)? {
                set.enabled[i] = true;
            }
        }
        set.ignore(ignore)?;
        Ok(set)
    }

    pub fn ignore(&mut self, ignore: &[String]) -> Result<(), String> {
        for s in ignore {
            for i in resolve(s)? {
                self.enabled[i] = false;
                self.latent[i] = false;
            }
        }
        Ok(())
    }

    /// Only the rules of `allowed` may be turned on later (by a page's
    /// markdownlint comments).
    pub fn restrict(&mut self, allowed: &RuleSet) {
        self.allowed = allowed.enabled.clone();
    }

    /// Turn the rule `code` on or off, as a page's
    /// `markdownlint-configure-file` comment does: off, markdownlint's
    /// `enable` comments may turn it on again; on, only if the command line
    /// lets it run.
    pub fn switch(&mut self, code: &str, on: bool) {
        for (i, r) in rules::ALL.iter().enumerate() {
            if r.meta().code == code && self.allowed[i] {
                self.enabled[i] = on;
                self.latent[i] = !on;
            }
        }
    }

    /// Let markdownlint's `enable` comments turn on these rules where they
    /// are off.
    pub fn set_latent(&mut self, indices: &[usize]) {
        for &i in indices {
            self.latent[i] = !self.enabled[i];
        }
    }

    /// The rules that are off but that markdownlint's `enable` comments may
    /// turn on, with their registry indices.
    pub fn latent(&self) -> impl Iterator<Item = (usize, &'static dyn Rule)> + '_ {
        rules::ALL
            .iter()
            .enumerate()
            .zip(&self.latent)
            .filter(|(_, on)| **on)
            .map(|((i, r), _)| (i, *r))
    }

    pub fn set_severity(&mut self, selector: &str, severity: Severity) -> Result<(), String> {
        for i in resolve(selector)? {
            self.severity.insert(rules::ALL[i].meta().code, severity);
        }
        Ok(())
    }

    pub fn severity_of(&self, code: &str) -> Option<Severity> {
        self.severity.get(code).copied()
    }

    pub fn is_enabled(&self, code: &str) -> bool {
        rules::ALL
            .iter()
            .zip(&self.enabled)
            .any(|(r, &on)| on && r.meta().code == code)
    }

    /// The collectors the enabled rules declare, each once.
    pub fn collectors(&self) -> Vec<&'static crate::rule::Collector> {
        let mut out: Vec<&'static crate::rule::Collector> = Vec::new();
        for c in self.rules().filter_map(|r| r.collector()) {
            if !out.iter().any(|k| k.key == c.key) {
                out.push(c);
            }
        }
        out
    }

    pub fn rules(&self) -> impl Iterator<Item = &'static dyn Rule> + '_ {
        rules::ALL
            .iter()
            .zip(&self.enabled)
            .filter(|(_, on)| **on)
            .map(|(r, _)| *r)
    }

    /// Keep only the enabled rules whose code `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        for (r, on) in rules::ALL.iter().zip(&mut self.enabled) {
            *on = *on && keep(r.meta().code);
        }
    }

    pub fn is_empty(&self) -> bool {
        !self.enabled.iter().any(|&b| b)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn markdownlint_tags_select() {
        let code = |i: &usize| rules::ALL[*i].meta().code;
        let ws: Vec<&str> = resolve("whitespace").unwrap().iter().map(code).collect();
        // Every rule tagged `whitespace` that pagelint has (more come).
        for c in ["MD009", "MD010", "MD012", "MD027", "MD028"] {
            assert!(ws.contains(&c), "{c} not in {ws:?}");
        }
        assert!(!ws.contains(&"MD001"), "{ws:?}");
        assert!(
            resolve("headings")
                .unwrap()
                .iter()
                .map(code)
                .any(|c| c == "MD001")
        );
        // Every markdownlint rule is implemented: its name selects it.
        let r = resolve("table-column-style").unwrap();
        assert_eq!(r.iter().map(code).collect::<Vec<_>>(), vec!["MD060"]);
    }

    use super::*;

    #[test]
    fn selectors() {
        assert_eq!(resolve("MD009").unwrap().len(), 1);
        assert_eq!(
            resolve("no-trailing-spaces").unwrap(),
            resolve("md009").unwrap()
        );
        assert!(resolve("MD").unwrap().len() >= 4);
        assert_eq!(resolve("ALL").unwrap().len(), rules::ALL.len());
        let err = resolve("MD09").unwrap_err();
        assert!(err.contains("unknown"), "{err}");
        let err = resolve("no-trailing-space").unwrap_err();
        assert!(err.contains("no-trailing-spaces"), "{err}");
    }

    #[test]
    fn select_then_ignore() {
        let set = RuleSet::new(Some(&["MD".into()]), &[], &["MD010".into()]).unwrap();
        assert!(set.is_enabled("MD009"));
        assert!(!set.is_enabled("MD010"));
        assert!(!set.is_enabled("ENC003"));
    }
}
