//! `pagelint.toml`: found by walking up from each file, validated strictly
//! (unknown keys and rule codes are errors that name the closest valid
//! spelling), turned into [`Settings`] and rule selection.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use toml::{Table, Value};

use crate::diagnostic::Severity;
use crate::engine::RuleSet;
use crate::engine::selection::{closest, resolve};
use crate::rule::Rule;
use crate::rules;
use crate::settings::Settings;

type OptionTables = Vec<(
    &'static dyn Rule,
    serde_json::Map<String, serde_json::Value>,
)>;

/// The options table gathered for `rule`.
fn option_table<'t>(
    tables: &'t mut OptionTables,
    rule: &'static dyn Rule,
) -> &'t mut serde_json::Map<String, serde_json::Value> {
    let i = match tables
        .iter()
        .position(|(r, _)| std::ptr::eq(r.meta(), rule.meta()))
    {
        Some(i) => i,
        None => {
            tables.push((rule, serde_json::Map::new()));
            tables.len() - 1
        }
    };
    &mut tables[i].1
}

/// One rule by code or name, or an error naming the closest.
pub fn find_rule(code_or_name: &str) -> Result<&'static dyn Rule, String> {
    rules::find(code_or_name).ok_or_else(|| {
        let names = rules::metas().flat_map(|m| [m.code, m.name]);
        match closest(code_or_name, names) {
            Some(s) => format!("unknown rule `{code_or_name}` (did you mean `{s}`?)"),
            None => format!("unknown rule `{code_or_name}`"),
        }
    })
}

pub const FILE_NAME: &str = "pagelint.toml";

/// A configuration error: the file, and one line saying what is wrong.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// One configuration: from a file, or the defaults.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from.
    pub path: Option<PathBuf>,
    /// Directory that relative patterns are relative to.
    pub root: PathBuf,
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub exclude: Vec<(String, GlobMatcher)>,
    pub per_file_ignores: Vec<(String, GlobMatcher, Vec<String>)>,
    pub severity: Vec<(String, Severity)>,
    pub settings: Settings,
    /// `[fmt]`: the formatter's style and rules.
    pub fmt: crate::engine::format::FmtSettings,
    /// The rules a configuration turned off (a markdownlint one, or
    /// `ignore`): markdownlint's `enable` comments can turn the MD ones on
    /// again in a page.
    pub markdownlint_off: Vec<String>,
}

const TOP_KEYS: &[&str] = &[
    "select",
    "extend-select",
    "ignore",
    "exclude",
    "fmt",
    "per-file-ignores",
    "language",
    "markdownlint-config",
    "preset",
    "severity",
    "rules",
    "md",
    "enc",
    "typ",
    "lnk",
];
/// The `[md]` table of earlier versions, kept as an alias: each key and the
/// rule option it stands for.
const MD_KEYS: &[&str] = &[
    "br-spaces",
    "strict",
    "tabs-in-code-blocks",
    "max-blank-lines",
];
const MD_ALIASES: [(&str, &str, &str); 4] = [
    ("br-spaces", "MD009", "br_spaces"),
    ("strict", "MD009", "strict"),
    ("tabs-in-code-blocks", "MD010", "code_blocks"),
    ("max-blank-lines", "MD012", "maximum"),
];
const ENC_KEYS: &[&str] = &["allowed-invisible"];
const TYP_KEYS: &[&str] = &["words", "names", "word-file"];

/// The project word file, beside `pagelint.toml` (or in the current folder
/// when there is none), unless `[typ] word-file` names another.
pub const WORD_FILE: &str = ".pagelint-words.txt";
/// The first line of a word file written by `pagelint --write-baseline`.
pub const BASELINE_MARKER: &str = "# pagelint baseline";
const LNK_KEYS: &[&str] = &[
    "arxiv-style",
    "extra-https-hosts",
    "host-aliases",
    "tracking-parameters",
    "repository",
];

struct Reader<'a> {
    path: &'a Path,
    source: &'a str,
}

impl Reader<'_> {
    fn err(&self, key: &str, message: String) -> ConfigError {
        // The first line that starts with the key, for the user's editor.
        let line = self.source.lines().position(|l| {
            let t = l.trim_start().trim_start_matches('"');
            t.starts_with(key)
                && t[key.len()..]
                    .trim_start()
                    .trim_start_matches('"')
                    .trim_start()
                    .starts_with(['=', ']', '.'])
                || t.starts_with(&format!("[{key}]"))
        });
        ConfigError {
            path: self.path.to_path_buf(),
            line: line.map(|l| l + 1),
            message,
        }
    }

    fn check_keys(&self, table: &Table, allowed: &[&str], prefix: &str) -> Result<(), ConfigError> {
        for key in table.keys() {
            if !allowed.contains(&key.as_str()) {
                let full = format!("{prefix}{key}");
                let msg = match closest(key, allowed.iter().copied()) {
                    Some(s) => format!("unknown key `{full}` (did you mean `{prefix}{s}`?)"),
                    None => format!("unknown key `{full}` (valid keys: {})", allowed.join(", ")),
                };
                return Err(self.err(key, msg));
            }
        }
        Ok(())
    }

    fn strings(&self, key: &str, v: &Value) -> Result<Vec<String>, ConfigError> {
        let arr = v
            .as_array()
            .ok_or_else(|| self.err(key, format!("`{key}` must be a list of strings")))?;
        arr.iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| self.err(key, format!("`{key}` must be a list of strings")))
            })
            .collect()
    }

    fn rules(&self, key: &str, v: &Value) -> Result<Vec<String>, ConfigError> {
        let list = self.strings(key, v)?;
        for s in &list {
            resolve(s).map_err(|e| self.err(key, format!("in `{key}`: {e}")))?;
        }
        Ok(list)
    }

    fn glob(&self, key: &str, pattern: &str) -> Result<GlobMatcher, ConfigError> {
        let p = pattern.trim_start_matches("./");
        Glob::new(p)
            .map(|g| g.compile_matcher())
            .map_err(|e| self.err(key, format!("bad pattern `{pattern}` in `{key}`: {e}")))
    }

    fn json(&self, key: &str, v: &Value) -> Result<serde_json::Value, ConfigError> {
        serde_json::to_value(v).map_err(|e| self.err(key, format!("`{key}`: {e}")))
    }
}

impl Config {
    /// Read and validate a configuration file: `pagelint.toml` (any
    /// `.toml`), or a markdownlint configuration.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        if path.extension().is_none_or(|e| e != "toml") && crate::markdownlint::is_config_name(path)
        {
            return crate::markdownlint::load(path);
        }
        let source = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: None,
            message: format!("cannot read: {e}"),
        })?;
        let mut c = Config::parse(&source, path)?;
        c.load_word_file()?;
        Ok(c)
    }

    /// The project word file's path.
    pub fn word_file_path(&self) -> PathBuf {
        self.root
            .join(self.settings.typ.word_file.as_deref().unwrap_or(WORD_FILE))
    }

    /// Read the project word file, if there is one: one word per line, `#`
    /// comments. Its words are correct for TYP001/TYP003; its capitalised
    /// words are also known names for TYP004.
    pub fn load_word_file(&mut self) -> Result<(), ConfigError> {
        let path = self.word_file_path();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(ConfigError {
                    path,
                    line: None,
                    message: format!("cannot read the word file: {e}"),
                });
            }
        };
        self.add_words(&text);
        Ok(())
    }

    /// Add the words of a word file's text.
    pub fn add_words(&mut self, text: &str) {
        let typ = &mut self.settings.typ;
        if text
            .lines()
            .next()
            .is_some_and(|l| l.trim_end() == BASELINE_MARKER)
        {
            typ.baseline = true;
        }
        for l in text.lines() {
            let w = l.split('#').next().unwrap_or("").trim();
            if w.is_empty() {
                continue;
            }
            if w.chars().next().is_some_and(char::is_uppercase) {
                typ.names.push(w.to_string());
            }
            typ.words.insert(w.to_lowercase());
        }
    }

    pub fn parse(source: &str, path: &Path) -> Result<Config, ConfigError> {
        let r = Reader { path, source };
        let table: Table = source.parse().map_err(|e: toml::de::Error| {
            let line = e
                .span()
                .map(|s| source[..s.start.min(source.len())].matches('\n').count() + 1);
            ConfigError {
                path: path.to_path_buf(),
                line,
                message: format!("invalid TOML: {}", e.message()),
            }
        })?;
        r.check_keys(&table, TOP_KEYS, "")?;
        let mut c = Config {
            path: Some(path.to_path_buf()),
            root: path.parent().map(Path::to_path_buf).unwrap_or_default(),
            ..Config::default()
        };
        // Each rule's options, gathered from `[md]` and `[rules.X]`, read
        // once at the end.
        let mut options = OptionTables::new();
        for (key, v) in &table {
            match key.as_str() {
                "select" => c.select = Some(r.rules(key, v)?),
                "extend-select" => c.extend_select = r.rules(key, v)?,
                "ignore" => {
                    c.ignore = r.rules(key, v)?;
                    // Turned off by configuration: markdownlint's `enable`
                    // comments may turn the MD ones on in a page.
                    c.markdownlint_off.extend(c.ignore.iter().cloned());
                }
                "exclude" => {
                    for p in r.strings(key, v)? {
                        let m = r.glob(key, &p)?;
                        c.exclude.push((p, m));
                    }
                }
                "per-file-ignores" => {
                    let t = v.as_table().ok_or_else(|| {
                        r.err(
                            key,
                            "`per-file-ignores` must be a table of pattern = [rules]".into(),
                        )
                    })?;
                    for (pattern, rules) in t {
                        let m = r.glob(pattern, pattern)?;
                        c.per_file_ignores
                            .push((pattern.clone(), m, r.rules(pattern, rules)?));
                    }
                }
                "markdownlint-config" => {
                    let f = v
                        .as_str()
                        .ok_or_else(|| r.err(key, "`markdownlint-config` must be a path".into()))?;
                    let mpath = c.root.join(f);
                    let (object, _) = crate::markdownlint::read(&mpath, 0)?;
                    crate::markdownlint::apply(&mut c, &object, &mpath)?;
                }
                "preset" => {
                    if v.as_str() != Some("markdownlint") {
                        return Err(r.err(
                            key,
                            "`preset` must be \"markdownlint\" (markdownlint's rules and defaults, nothing else)".into(),
                        ));
                    }
                    // markdownlint's defaults: every MD rule, markdownlint's
                    // parameter defaults, no other group.
                    c.select = Some(vec!["MD".to_string()]);
                    crate::markdownlint::apply(&mut c, &Default::default(), path)?;
                }
                "language" => {
                    let s = v
                        .as_str()
                        .ok_or_else(|| r.err(key, "`language` must be a string".into()))?;
                    if !matches!(s, "es" | "en") {
                        return Err(r.err(
                            key,
                            format!("unsupported language `{s}` (pagelint knows `es` and `en`)"),
                        ));
                    }
                    c.settings.language = Some(s.to_string());
                }
                "severity" => {
                    let t = v.as_table().ok_or_else(|| {
                        r.err(key, "`severity` must be a table of rule = level".into())
                    })?;
                    for (rule, level) in t {
                        resolve(rule).map_err(|e| r.err(rule, format!("in `severity`: {e}")))?;
                        let level = level.as_str().and_then(Severity::parse).ok_or_else(|| {
                            r.err(rule, format!("severity of `{rule}` must be \"error\", \"warning\" or \"info\""))
                        })?;
                        c.severity.push((rule.clone(), level));
                    }
                }
                "fmt" => {
                    let t = v
                        .as_table()
                        .ok_or_else(|| r.err(key, "`fmt` must be a table".into()))?;
                    r.check_keys(t, crate::engine::format::FMT_KEYS, "fmt.")?;
                    c.fmt =
                        crate::engine::format::read_settings(t).map_err(|(k, m)| r.err(&k, m))?;
                }
                "md" => {
                    let t = v
                        .as_table()
                        .ok_or_else(|| r.err(key, "`md` must be a table".into()))?;
                    r.check_keys(t, MD_KEYS, "md.")?;
                    for (k, v) in t {
                        let Some((_, code, name)) = MD_ALIASES.iter().find(|a| a.0 == k) else {
                            continue;
                        };
                        let rule =
                            rules::find(code).ok_or_else(|| r.err(k, format!("no rule {code}")))?;
                        option_table(&mut options, rule).insert(name.to_string(), r.json(k, v)?);
                    }
                }
                "rules" => {
                    let t = v.as_table().ok_or_else(|| {
                        r.err(
                            key,
                            "`rules` must hold one table per rule: [rules.MD009]".into(),
                        )
                    })?;
                    for (name, v) in t {
                        let at = format!("rules.{name}");
                        let rule =
                            find_rule(name).map_err(|e| r.err(&at, format!("in `rules`: {e}")))?;
                        if rule.options().is_none() {
                            return Err(
                                r.err(&at, format!("rule {} has no options", rule.meta().code))
                            );
                        }
                        let serde_json::Value::Object(m) = r.json(name, v)? else {
                            return Err(
                                r.err(name, format!("`rules.{name}` must be a table of options"))
                            );
                        };
                        option_table(&mut options, rule).extend(m);
                    }
                }
                "enc" => {
                    let t = v
                        .as_table()
                        .ok_or_else(|| r.err(key, "`enc` must be a table".into()))?;
                    r.check_keys(t, ENC_KEYS, "enc.")?;
                    for (k, v) in t {
                        if k == "allowed-invisible" {
                            for s in r.strings(k, v)? {
                                let c2 = parse_char(&s).ok_or_else(|| {
                                    r.err(
                                        k,
                                        format!("`{s}` is not a character or U+XXXX code point"),
                                    )
                                })?;
                                c.settings.enc.allowed_invisible.push(c2);
                            }
                        }
                    }
                }
                "typ" => {
                    let t = v
                        .as_table()
                        .ok_or_else(|| r.err(key, "`typ` must be a table".into()))?;
                    r.check_keys(t, TYP_KEYS, "typ.")?;
                    for (k, v) in t {
                        match k.as_str() {
                            "words" => {
                                for w in r.strings(k, v)? {
                                    c.settings.typ.words.insert(w.to_lowercase());
                                }
                            }
                            "names" => c.settings.typ.names.extend(r.strings(k, v)?),
                            "word-file" => {
                                let f = v
                                    .as_str()
                                    .ok_or_else(|| r.err(k, "`word-file` must be a path".into()))?;
                                c.settings.typ.word_file = Some(f.to_string());
                            }
                            _ => unreachable!("checked above"),
                        }
                    }
                }
                "lnk" => {
                    let t = v
                        .as_table()
                        .ok_or_else(|| r.err(key, "`lnk` must be a table".into()))?;
                    r.check_keys(t, LNK_KEYS, "lnk.")?;
                    read_lnk(&r, t, &mut c.settings.lnk)?;
                }
                _ => unreachable!("checked above"),
            }
        }
        if c.fmt.canonical {
            // One style for the repository: the formatter's canonical
            // options under those the file sets (check and fmt agree).
            for (code, _) in &crate::engine::format::data().canonical {
                if let Some(rule) = rules::find(code) {
                    crate::engine::format::merge_canonical(code, option_table(&mut options, rule));
                }
            }
        }
        for (rule, table) in options {
            let meta = rule
                .options()
                .expect("only rules with options are gathered");
            let code = rule.meta().code;
            let parsed = meta.parse(c.settings.rules.flavour, &table).map_err(|e| {
                // The line of the option named in the message, else the table's.
                let key = table
                    .keys()
                    .find(|k| e.contains(&format!("`{k}`")))
                    .cloned()
                    .unwrap_or_else(|| format!("rules.{code}"));
                r.err(&key, format!("options of {code}: {e}"))
            })?;
            c.settings.rules.set(code, parsed);
        }
        Ok(c)
    }

    /// The rules for `file` under this configuration, with command-line
    /// overrides.
    pub fn rule_set(&self, file: Option<&Path>, cli: &Overrides) -> Result<RuleSet, String> {
        let select = cli.select.as_deref().or(self.select.as_deref());
        let mut extend = self.extend_select.clone();
        extend.extend(cli.extend_select.iter().cloned());
        let mut ignore = self.ignore.clone();
        ignore.extend(cli.ignore.iter().cloned());
        let mut set = RuleSet::new(select, &extend, &ignore)?;
        // What the command line lets run: a page's markdownlint comments may
        // turn on no other rule.
        let chosen = match &cli.select {
            Some(sel) => RuleSet::new(Some(sel), &cli.extend_select, &cli.ignore)?,
            None => RuleSet::new(Some(&["ALL".to_string()]), &[], &cli.ignore)?,
        };
        set.restrict(&chosen);
        if !self.markdownlint_off.is_empty() {
            let mut latent = Vec::new();
            for code in &self.markdownlint_off {
                latent.extend(resolve(code)?.into_iter().filter(|&i| {
                    let m = crate::rules::ALL[i].meta();
                    m.group == crate::rule::Group::Md && chosen.is_enabled(m.code)
                }));
            }
            set.set_latent(&latent);
        }
        if let Some(file) = file
            && !self.per_file_ignores.is_empty()
        {
            let rel = self.relative(file);
            for (_, m, rules) in &self.per_file_ignores {
                if matches(m, &rel) {
                    set.ignore(rules)?;
                }
            }
        }
        for (rule, level) in &self.severity {
            set.set_severity(rule, *level)?;
        }
        Ok(set)
    }

    /// The rules `pagelint fmt` applies to `file`: the formatting rules
    /// (`rules/fmt.toml`), less this configuration's `ignore`,
    /// `per-file-ignores` and `[fmt] ignore`.
    pub fn fmt_rule_set(&self, file: Option<&Path>) -> Result<RuleSet, String> {
        let data = crate::engine::format::data();
        let mut set = self.rule_set(
            file,
            &Overrides {
                select: Some(data.rules.clone()),
                extend_select: Vec::new(),
                ignore: self.fmt.ignore.clone(),
            },
        )?;
        set.retain(|code| data.rules.iter().any(|r| r == code));
        Ok(set)
    }

    fn relative(&self, file: &Path) -> PathBuf {
        file.strip_prefix(&self.root)
            .or_else(|_| file.strip_prefix("./"))
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| file.to_path_buf())
    }

    /// Is `file` excluded by this configuration?
    pub fn is_excluded(&self, file: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let rel = self.relative(file);
        self.exclude.iter().any(|(_, m)| matches(m, &rel))
    }
}

/// Match a path, or (for patterns without `/`) any of its components.
fn matches(m: &GlobMatcher, rel: &Path) -> bool {
    if m.is_match(rel) {
        return true;
    }
    if m.glob().glob().contains('/') {
        return false;
    }
    rel.components()
        .any(|c| m.is_match(Path::new(c.as_os_str())))
}

/// The `[lnk]` table.
fn read_lnk(
    r: &Reader<'_>,
    t: &Table,
    lnk: &mut crate::settings::LnkSettings,
) -> Result<(), ConfigError> {
    use crate::settings::ArxivStyle;
    use crate::text::links::{hosts, tracking, url::is_host_pattern};
    for (k, v) in t {
        match k.as_str() {
            "arxiv-style" => {
                lnk.arxiv_style = match v.as_str() {
                    Some("abs") => ArxivStyle::Abs,
                    Some("pdf") => ArxivStyle::Pdf,
                    _ => return Err(r.err(k, "`arxiv-style` must be \"abs\" or \"pdf\"".into())),
                }
            }
            "extra-https-hosts" => {
                for h in r.strings(k, v)? {
                    if !is_host_pattern(&h) {
                        return Err(r.err(
                            k,
                            format!("in `extra-https-hosts`: `{h}` is not a lowercase host or *.domain pattern"),
                        ));
                    }
                    lnk.extra_https_hosts.push(h);
                }
            }
            "host-aliases" => {
                let table = v.as_table().ok_or_else(|| {
                    r.err(
                        k,
                        "`host-aliases` must be a table of \"alias\" = \"canonical\"".into(),
                    )
                })?;
                for (alias, canonical) in table {
                    let canonical = canonical.as_str().ok_or_else(|| {
                        r.err(alias, format!("alias `{alias}` must map to a host name"))
                    })?;
                    hosts::check_alias(alias, canonical)
                        .map_err(|e| r.err(alias, format!("in `host-aliases`: {e}")))?;
                    lnk.host_aliases
                        .push((alias.clone(), canonical.to_string()));
                }
            }
            "tracking-parameters" => {
                for p in r.strings(k, v)? {
                    let tracker = tracking::parse_user(&p)
                        .map_err(|e| r.err(k, format!("in `tracking-parameters`: {e}")))?;
                    lnk.tracking_parameters.push(tracker);
                }
            }
            "repository" => {
                let s = v.as_str().unwrap_or("");
                let ok = s.split_once('/').is_some_and(|(o, n)| {
                    let part = |x: &str| {
                        !x.is_empty()
                            && x.bytes().all(|b| {
                                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')
                            })
                    };
                    part(o) && part(n)
                });
                if !ok {
                    return Err(r.err(k, "`repository` must be \"OWNER/NAME\" as on GitHub".into()));
                }
                lnk.repository = Some(s.to_string());
                lnk.repository_root = r.path.parent().map(Path::to_path_buf);
            }
            _ => unreachable!("checked above"),
        }
    }
    Ok(())
}

fn parse_char(s: &str) -> Option<char> {
    if let Some(hex) = s.strip_prefix("U+").or_else(|| s.strip_prefix("u+")) {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

/// Command-line options that override the configuration.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

/// Find the `pagelint.toml` that governs `dir`, walking up; where none
/// does, the nearest markdownlint configuration
/// ([`crate::markdownlint::FILE_NAMES`]).
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    let mut d = Some(dir);
    while let Some(cur) = d {
        let candidate = cur.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        d = cur.parent();
    }
    let mut d = Some(dir);
    while let Some(cur) = d {
        if let Some(found) = crate::markdownlint::find_in(cur) {
            return Some(found);
        }
        d = cur.parent();
    }
    None
}

/// The commented default configuration written by `pagelint init`.
pub const DEFAULT_CONFIG: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/rules/pagelint.default.toml"
));

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Config, ConfigError> {
        Config::parse(s, Path::new("pagelint.toml"))
    }

    #[test]
    fn unknown_key_suggests() {
        let e = parse("selct = [\"MD\"]\n").unwrap_err();
        assert!(e.message.contains("did you mean `select`"), "{e}");
        assert_eq!(e.line, Some(1));
        let e = parse("[md]\nbr-space = 2\n").unwrap_err();
        assert!(e.message.contains("md.br-spaces"), "{e}");
    }

    #[test]
    fn unknown_rule_suggests() {
        let e = parse("ignore = [\"MD0009\"]\n").unwrap_err();
        assert!(e.message.contains("MD0009"), "{e}");
        let e = parse("select = [\"no-traling-spaces\"]\n").unwrap_err();
        assert!(e.message.contains("no-trailing-spaces"), "{e}");
    }

    #[test]
    fn default_config_is_valid_and_default() {
        let c = parse(DEFAULT_CONFIG).unwrap();
        assert_eq!(c.settings, Settings::default());
    }

    #[test]
    fn rule_options_tables_and_the_md_alias() {
        let get = |c: &Config| {
            let r = &c.settings.rules;
            (
                format!("{:?}", r.get_dyn("MD009")),
                format!("{:?}", r.get_dyn("MD010")),
                format!("{:?}", r.get_dyn("MD012")),
            )
        };
        let a = parse("[rules.MD009]\nbr-spaces = 3\n[rules.no-multiple-blanks]\nmaximum = 2\n[rules.MD010]\ncode_blocks = true\n").unwrap();
        let b = parse("[md]\nbr-spaces = 3\nmax-blank-lines = 2\ntabs-in-code-blocks = true\n")
            .unwrap();
        assert_eq!(get(&a), get(&b));
        assert!(get(&a).0.contains("br_spaces: 3"), "{:?}", get(&a));
        assert!(get(&a).1.contains("code_blocks: true"), "{:?}", get(&a));
        for (bad, says) in [
            (
                "[rules.MD009]\nbr-spaaces = 3\n",
                "did you mean `br_spaces`",
            ),
            ("[rules.MD009]\nbr-spaces = \"x\"\n", "invalid type"),
            ("[rules.MD0009]\nbr-spaces = 2\n", "did you mean `MD009`"),
            ("[rules.MD047]\nx = 2\n", "no options"),
            ("[rules]\nMD009 = 2\n", "table of options"),
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.message.contains(says), "{bad}: {e}");
            assert!(e.line.is_some(), "{bad}: {e}");
        }
    }

    #[test]
    fn markdownlint_config_key_reads_the_named_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("ml.jsonc"),
            "{ // comment\n \"extends\": \"base.json\", \"MD012\": false, }",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("base.json"),
            r#"{"MD009": {"br_spaces": 4}}"#,
        )
        .unwrap();
        let toml = dir.path().join("pagelint.toml");
        std::fs::write(&toml, "markdownlint-config = \"ml.jsonc\"\n").unwrap();
        let c = Config::load(&toml).unwrap();
        let set = c.rule_set(None, &Overrides::default()).unwrap();
        assert!(!set.is_enabled("MD012") && set.is_enabled("MD009"));
        assert!(format!("{:?}", c.settings.rules.get_dyn("MD009")).contains("br_spaces: 4"));
        // The markdownlint file alone, as found where no pagelint.toml is.
        std::fs::remove_file(&toml).unwrap();
        std::fs::rename(
            dir.path().join("ml.jsonc"),
            dir.path().join(".markdownlint.jsonc"),
        )
        .unwrap();
        let found = find_config(dir.path()).unwrap();
        assert!(found.ends_with(".markdownlint.jsonc"));
        let c = Config::load(&found).unwrap();
        assert!(
            !c.rule_set(None, &Overrides::default())
                .unwrap()
                .is_enabled("MD012")
        );
        std::fs::write(
            dir.path().join("pagelint.toml"),
            "markdownlint-config = \"nope.json\"\n",
        )
        .unwrap();
        assert!(Config::load(&dir.path().join("pagelint.toml")).is_err());
    }

    #[test]
    fn markdownlint_preset() {
        let c = parse("preset = \"markdownlint\"\n").unwrap();
        let set = c.rule_set(None, &Overrides::default()).unwrap();
        assert!(set.is_enabled("MD009") && set.is_enabled("MD047"));
        assert!(!set.is_enabled("ENC003") && !set.is_enabled("LNK001"));
        let md010 = c
            .settings
            .rules
            .get::<crate::rules::Md010Options>("MD010")
            .code_blocks;
        assert!(md010, "markdownlint's default for MD010 code_blocks");
        assert!(parse("preset = \"ruff\"\n").is_err());
    }

    #[test]
    fn lnk_table() {
        let c = parse(
            "[lnk]\narxiv-style = \"pdf\"\nextra-https-hosts = [\"*.example.org\"]\nrepository = \"mcd-unison/pln\"\ntracking-parameters = [\"ref_id\", \"share@example.org\"]\n[lnk.host-aliases]\n\"www.example.org\" = \"example.org\"\n",
        )
        .unwrap();
        let l = &c.settings.lnk;
        assert_eq!(l.arxiv_style, crate::settings::ArxivStyle::Pdf);
        assert_eq!(l.extra_https_hosts, vec!["*.example.org"]);
        assert_eq!(l.repository.as_deref(), Some("mcd-unison/pln"));
        assert_eq!(l.tracking_parameters.len(), 2);
        assert_eq!(
            l.host_aliases,
            vec![("www.example.org".to_string(), "example.org".to_string())]
        );
        for bad in [
            "[lnk]\narxiv-style = \"html\"\n",
            "[lnk]\nrepository = \"pln\"\n",
            "[lnk]\nextra-https-hosts = [\"Example.org\"]\n",
            "[lnk]\ntracking-parameters = [\"a b\"]\n",
            "[lnk.host-aliases]\n\"www.x.org\" = \"www.x.org\"\n",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let e = parse("[lnk]\narxiv_style = \"abs\"\n").unwrap_err();
        assert!(e.message.contains("lnk.arxiv-style"), "{e}");
    }

    #[test]
    fn per_file_ignores_and_exclude() {
        let c = parse("exclude = [\"vendor\"]\n[per-file-ignores]\n\"docs/*.md\" = [\"MD009\"]\n")
            .unwrap();
        assert!(c.is_excluded(Path::new("a/vendor/x.md")));
        assert!(!c.is_excluded(Path::new("docs/x.md")));
        let set = c
            .rule_set(Some(Path::new("docs/x.md")), &Overrides::default())
            .unwrap();
        assert!(!set.is_enabled("MD009"));
        let set = c
            .rule_set(Some(Path::new("other/x.md")), &Overrides::default())
            .unwrap();
        assert!(set.is_enabled("MD009"));
    }
}
