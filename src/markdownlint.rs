//! markdownlint compatibility: its 53 rules' codes, aliases and tags (from
//! `rules/data/md/markdownlint-rules.tsv`), its configuration files
//! (`.markdownlint.json`/`.jsonc`, `.markdownlint-cli2.jsonc`) resolved the
//! way markdownlint resolves them, and the names its comments may use.
//!
//! A markdownlint configuration decides the MD rules; pagelint's other
//! groups keep their defaults. Options of a rule are read by the rule's
//! typed options struct under markdownlint's defaults
//! ([`Flavour::Markdownlint`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::config::{Config, ConfigError};
use crate::engine::selection::closest;
use crate::options::Flavour;
use crate::rules;

/// One markdownlint rule, as its documentation lists it.
#[derive(Debug)]
pub struct MlRule {
    pub code: &'static str,
    /// Aliases; the first is the rule's name.
    pub aliases: Vec<&'static str>,
    pub tags: Vec<&'static str>,
    pub fixable: bool,
    pub parameters: Vec<&'static str>,
}

const TABLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/rules/data/md/markdownlint-rules.tsv"
));

/// markdownlint's rules, sorted by code.
pub fn rules_table() -> &'static [MlRule] {
    static RULES: OnceLock<Vec<MlRule>> = OnceLock::new();
    RULES.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("code\t") && !l.is_empty())
            .filter_map(|l| {
                let mut f = l.split('\t');
                let list = |s: Option<&'static str>, sep: char| -> Vec<&'static str> {
                    s.unwrap_or("")
                        .split(sep)
                        .filter(|x| !x.is_empty())
                        .collect()
                };
                Some(MlRule {
                    code: f.next()?,
                    aliases: list(f.next(), ','),
                    tags: list(f.next(), ','),
                    fixable: f.next()? == "yes",
                    parameters: list(f.next(), ' '),
                })
            })
            .collect()
    })
}

/// The markdownlint codes a name selects: a code, an alias or a tag (any
/// case), or `None` when markdownlint knows no such name.
pub fn select(name: &str) -> Option<Vec<&'static str>> {
    let hits: Vec<&'static str> = rules_table()
        .iter()
        .filter(|r| {
            r.code.eq_ignore_ascii_case(name)
                || r.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
                || r.tags.iter().any(|t| t.eq_ignore_ascii_case(name))
        })
        .map(|r| r.code)
        .collect();
    (!hits.is_empty()).then_some(hits)
}

/// The closest markdownlint code, alias or tag to `name`.
pub fn suggest(name: &str) -> Option<&'static str> {
    let all = rules_table().iter().flat_map(|r| {
        std::iter::once(r.code)
            .chain(r.aliases.iter().copied())
            .chain(r.tags.iter().copied())
    });
    closest(name, all)
}

/// Registry indices of the pagelint rules a markdownlint name selects
/// (empty for markdownlint rules pagelint does not have yet).
pub fn registry_indices(name: &str) -> Result<Vec<usize>, String> {
    let codes = select(name).ok_or_else(|| match suggest(name) {
        Some(s) => format!("unknown markdownlint rule or tag `{name}` (did you mean `{s}`?)"),
        None => format!("unknown markdownlint rule or tag `{name}`"),
    })?;
    Ok(rules::ALL
        .iter()
        .enumerate()
        .filter(|(_, r)| codes.contains(&r.meta().code))
        .map(|(i, _)| i)
        .collect())
}

/// A JSON object with its keys in the order written (markdownlint applies
/// the keys of a configuration in order: a later tag overrides an earlier
/// rule).
#[derive(Debug, Clone, Default)]
pub struct Ordered(pub Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Ordered, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, Value>()? {
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl Ordered {
    fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// markdownlint's merge of two configurations: `over`'s keys replace
    /// this one's, whole (a rule's object is not merged key by key).
    pub fn merge(&mut self, over: Ordered) {
        for (k, v) in over.0 {
            if let Some(slot) = self.0.iter_mut().find(|(x, _)| *x == k) {
                slot.1 = v;
            } else {
                self.0.push((k, v));
            }
        }
    }
}

/// Remove `//` and `/* */` comments and trailing commas from JSONC,
/// outside strings.
pub fn strip_jsonc(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let mut in_str = false;
    while i < b.len() {
        let c = b[i];
        if in_str {
            out.push(c);
            if c == b'\\' && i + 1 < b.len() {
                out.push(b[i + 1]);
                i += 1;
            } else if c == b'"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        match c {
            b'"' => {
                in_str = true;
                out.push(c);
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                    i += 1;
                }
                i += 2;
            }
            b',' => {
                let next = b[i + 1..].iter().find(|x| !x.is_ascii_whitespace());
                if !matches!(next, Some(b'}') | Some(b']')) {
                    out.push(c);
                }
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Parse YAML text (`.markdownlint.yaml`) into an ordered object; an empty
/// document is an empty object.
pub fn parse_yaml_object(text: &str) -> Result<Ordered, String> {
    let docs = yaml_rust::YamlLoader::load_from_str(text).map_err(|e| e.to_string())?;
    match docs.first() {
        None | Some(yaml_rust::Yaml::Null) => Ok(Ordered::default()),
        Some(doc) => yaml_ordered(doc),
    }
}

/// The `config` object of a markdownlint-cli2 YAML file, in order.
fn yaml_config(text: &str) -> Result<Ordered, String> {
    let docs = yaml_rust::YamlLoader::load_from_str(text).map_err(|e| e.to_string())?;
    match docs.first().map(|d| &d["config"]) {
        None | Some(yaml_rust::Yaml::BadValue | yaml_rust::Yaml::Null) => Ok(Ordered::default()),
        Some(c) => yaml_ordered(c),
    }
}

fn yaml_ordered(y: &yaml_rust::Yaml) -> Result<Ordered, String> {
    let yaml_rust::Yaml::Hash(h) = y else {
        return Err("expected a mapping of rules".into());
    };
    h.iter()
        .map(|(k, v)| Ok((yaml_key(k)?, yaml_json(v)?)))
        .collect::<Result<Vec<_>, String>>()
        .map(Ordered)
}

fn yaml_key(k: &yaml_rust::Yaml) -> Result<String, String> {
    use yaml_rust::Yaml;
    match k {
        Yaml::String(s) | Yaml::Real(s) => Ok(s.clone()),
        Yaml::Integer(i) => Ok(i.to_string()),
        Yaml::Boolean(b) => Ok(b.to_string()),
        other => Err(format!("a key must be a string, found {other:?}")),
    }
}

/// A YAML value as JSON.
fn yaml_json(y: &yaml_rust::Yaml) -> Result<Value, String> {
    use yaml_rust::Yaml;
    Ok(match y {
        Yaml::Null => Value::Null,
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Integer(i) => Value::from(*i),
        Yaml::Real(r) => r
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| Value::String(r.clone()), Value::Number),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Array(a) => Value::Array(a.iter().map(yaml_json).collect::<Result<_, _>>()?),
        Yaml::Hash(h) => Value::Object(
            h.iter()
                .map(|(k, v)| Ok((yaml_key(k)?, yaml_json(v)?)))
                .collect::<Result<Map<String, Value>, String>>()?,
        ),
        Yaml::Alias(_) | Yaml::BadValue => return Err("unsupported YAML value (an alias?)".into()),
    })
}

/// Parse JSON or JSONC text into an ordered object.
pub fn parse_object(text: &str) -> Result<Ordered, String> {
    serde_json::from_str::<Ordered>(&strip_jsonc(text)).map_err(|e| e.to_string())
}

/// A markdownlint configuration resolved for pagelint: which of pagelint's
/// MD rules run, and their options.
#[derive(Debug, Default)]
pub struct Resolved {
    /// pagelint MD rule code → enabled.
    pub enabled: BTreeMap<&'static str, bool>,
    /// pagelint MD rule code → its parameters (a rule's object).
    pub parameters: BTreeMap<&'static str, Map<String, Value>>,
    /// pagelint MD rule code → the severity the configuration gives it
    /// (`"warning"`, `"error"`, or an object's `severity`), where it does.
    pub severity: BTreeMap<&'static str, crate::diagnostic::Severity>,
}

/// Resolve a configuration as markdownlint does: `default` (true when
/// absent) for every rule, then each key in order (a code, alias or tag)
/// sets the rules it names: `false` disables, `true` or an object (its
/// parameters) enables. Unknown keys are errors with the closest spelling.
pub fn resolve(config: &Ordered) -> Result<Resolved, String> {
    let default = config
        .0
        .iter()
        .rev()
        .find(|(k, _)| k.eq_ignore_ascii_case("default"))
        .is_none_or(|(_, v)| truthy(v));
    let mut r = Resolved::default();
    for m in rules::metas().filter(|m| m.group == crate::rule::Group::Md) {
        r.enabled.insert(m.code, default);
    }
    for (key, value) in &config.0 {
        if key.eq_ignore_ascii_case("default") || matches!(key.as_str(), "$schema" | "extends") {
            continue;
        }
        let codes = select(key).ok_or_else(|| match suggest(key) {
            Some(s) => format!("unknown markdownlint rule or tag `{key}` (did you mean `{s}`?)"),
            None => format!("unknown markdownlint rule or tag `{key}`"),
        })?;
        let enabled = match value {
            Value::Object(o) => o.get("enabled").is_none_or(truthy),
            v => truthy(v),
        };
        // markdownlint's severity: "warning", else "error".
        let severity = match value {
            Value::String(level) => Some(level.as_str()),
            Value::Object(o) => o.get("severity").and_then(Value::as_str),
            _ => None,
        }
        .map(|level| {
            if level == "warning" {
                crate::diagnostic::Severity::Warning
            } else {
                crate::diagnostic::Severity::Error
            }
        });
        for code in codes {
            let Some(rule) = rules::find(code) else {
                continue; // a markdownlint rule pagelint does not have yet
            };
            let code = rule.meta().code;
            r.enabled.insert(code, enabled);
            r.parameters.remove(code);
            match severity {
                Some(level) => r.severity.insert(code, level),
                None => r.severity.remove(code),
            };
            if let Value::Object(o) = value {
                let mut params = o.clone();
                params.remove("enabled");
                params.remove("severity");
                if !params.is_empty() {
                    r.parameters.insert(code, params);
                }
            }
        }
    }
    Ok(r)
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

/// markdownlint's configuration files, in the order markdownlint-cli2 looks
/// for them in a folder.
pub const FILE_NAMES: &[&str] = &[
    ".markdownlint-cli2.jsonc",
    ".markdownlint-cli2.yaml",
    ".markdownlint.jsonc",
    ".markdownlint.json",
    ".markdownlint.yaml",
    ".markdownlint.yml",
];

/// Is this the name of a markdownlint configuration file?
pub fn is_config_name(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        FILE_NAMES.contains(&n)
            || [".json", ".jsonc", ".yaml", ".yml"]
                .iter()
                .any(|e| n.ends_with(e))
    })
}

fn error(path: &Path, message: String) -> ConfigError {
    ConfigError {
        path: path.to_path_buf(),
        line: None,
        message,
    }
}

/// Read a markdownlint configuration (following `extends`), as one
/// ordered object, and markdownlint-cli2's `ignores` when it is a cli2 file.
pub fn read(path: &Path, depth: usize) -> Result<(Ordered, Vec<String>), ConfigError> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    if depth > 16 {
        return Err(error(path, "`extends` goes too deep (a cycle?)".into()));
    }
    let text =
        std::fs::read_to_string(path).map_err(|e| error(path, format!("cannot read: {e}")))?;
    let mut object = if yaml {
        parse_yaml_object(&text).map_err(|e| error(path, format!("invalid YAML: {e}")))?
    } else {
        parse_object(&text).map_err(|e| error(path, format!("invalid JSON: {e}")))?
    };
    let mut ignores = Vec::new();
    if name.starts_with(".markdownlint-cli2") {
        for (k, _) in &object.0 {
            const CLI2: &[&str] = &[
                "config",
                "ignores",
                "globs",
                "gitignore",
                "customRules",
                "fix",
                "frontMatter",
                "noBanner",
                "noInlineConfig",
                "noProgress",
                "outputFormatters",
                "markdownItPlugins",
                "modulePaths",
                "showFound",
            ];
            if !CLI2.contains(&k.as_str()) {
                return Err(error(
                    path,
                    match closest(k, CLI2.iter().copied()) {
                        Some(s) => {
                            format!("unknown markdownlint-cli2 key `{k}` (did you mean `{s}`?)")
                        }
                        None => format!("unknown markdownlint-cli2 key `{k}`"),
                    },
                ));
            }
        }
        if let Some(Value::Array(a)) = object.get("ignores") {
            ignores = a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
        }
        let config = match object.get("config") {
            // YAML keeps the order of `config`'s keys.
            Some(_) if yaml => {
                yaml_config(&text).map_err(|e| error(path, format!("`config`: {e}")))?
            }
            // Read again from the text: a JSON value's keys lose their order.
            Some(_) => {
                #[derive(serde::Deserialize)]
                struct Cli2 {
                    config: Ordered,
                }
                serde_json::from_str::<Cli2>(&strip_jsonc(&text))
                    .map(|c| c.config)
                    .map_err(|e| error(path, format!("`config`: {e}")))?
            }
            None => Ordered::default(),
        };
        object = config;
    }
    if let Some(Value::String(parent)) = object.get("extends").cloned() {
        let base_path = path.parent().unwrap_or(Path::new(".")).join(&parent);
        let (mut base, _) = read(&base_path, depth + 1)?;
        base.merge(object);
        object = base;
    }
    Ok((object, ignores))
}

/// Apply a resolved markdownlint configuration to `c`: its MD rules on or
/// off, their options under markdownlint's defaults.
pub fn apply(c: &mut Config, object: &Ordered, path: &Path) -> Result<(), ConfigError> {
    let r = resolve(object).map_err(|e| error(path, e))?;
    c.settings.rules.flavour = Flavour::Markdownlint;
    for (code, level) in &r.severity {
        c.severity.push((code.to_string(), *level));
    }
    for (code, on) in &r.enabled {
        if *on {
            c.extend_select.push(code.to_string());
        } else {
            c.ignore.push(code.to_string());
            c.markdownlint_off.push(code.to_string());
        }
    }
    for rule in rules::ALL
        .iter()
        .filter(|r| r.meta().group == crate::rule::Group::Md)
    {
        let code = rule.meta().code;
        let params = r.parameters.get(code).cloned().unwrap_or_default();
        match rule.options() {
            Some(o) => {
                let parsed = o
                    .parse(Flavour::Markdownlint, &params)
                    .map_err(|e| error(path, format!("{code}: {e}")))?;
                c.settings.rules.set(code, parsed);
            }
            None if !params.is_empty() => {
                let k = params.keys().next().map(String::as_str).unwrap_or("");
                return Err(error(path, format!("{code} has no parameter `{k}`")));
            }
            None => {}
        }
    }
    Ok(())
}

/// Load a markdownlint configuration file as a pagelint [`Config`].
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let (mut object, ignores) = read(path, 0)?;
    // markdownlint-cli2 merges the `config` of the cli2 files of the folders
    // above under this one's: a key here replaces the same key there.
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with(".markdownlint-cli2.") {
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        for dir in abs.ancestors().skip(2) {
            let Some(parent) = [".markdownlint-cli2.jsonc", ".markdownlint-cli2.yaml"]
                .iter()
                .map(|n| dir.join(n))
                .find(|p| p.is_file())
            else {
                continue;
            };
            let (mut base, _) = read(&parent, 0)?;
            base.merge(object);
            object = base;
        }
    }
    let mut c = Config {
        path: Some(path.to_path_buf()),
        root: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        ..Config::default()
    };
    apply(&mut c, &object, path)?;
    for p in ignores {
        let m = globset::Glob::new(p.trim_start_matches("./"))
            .map_err(|e| error(path, format!("bad pattern `{p}` in `ignores`: {e}")))?
            .compile_matcher();
        c.exclude.push((p, m));
    }
    c.load_word_file()?;
    Ok(c)
}

/// The markdownlint configuration file in `dir`, if any.
pub fn find_in(dir: &Path) -> Option<PathBuf> {
    FILE_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file())
}

/// The JSON objects of a page's `<!-- markdownlint-configure-file {…} -->`
/// comments, in order.
pub fn configure_file_comments(text: &str) -> Vec<Result<Ordered, String>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("<!--") {
        let after = &rest[i + 4..];
        let Some(close) = after.find("-->") else {
            break;
        };
        let body = after[..close].trim_start();
        if let Some(json) = body.strip_prefix("markdownlint-configure-file") {
            out.push(parse_object(json.trim()));
        }
        rest = &after[close + 3..];
    }
    out
}

/// A page's `<!-- markdownlint-configure-file {…} -->` comments applied over
/// the configuration that governs it, as markdownlint merges them into its
/// configuration: each key (a code, alias or tag) turns its rules off
/// (`false`), or on with its parameters (`true`, an object, read under
/// markdownlint's defaults, as the object replaces the rule's whole). A rule the command line leaves out stays out.
/// `None` when the page has no such comment; an error names the comment's
/// problem (invalid JSON, an unknown rule or parameter).
pub fn configure_file_overlay(
    text: &str,
    settings: &crate::settings::Settings,
    rules: &crate::engine::RuleSet,
) -> Result<Option<(crate::settings::Settings, crate::engine::RuleSet)>, String> {
    if !text.contains("markdownlint-configure-file") {
        return Ok(None);
    }
    let comments = configure_file_comments(text);
    if comments.is_empty() {
        return Ok(None);
    }
    let mut object = Ordered::default();
    for c in comments {
        object.merge(c.map_err(|e| format!("`markdownlint-configure-file`: {e}"))?);
    }
    let mut settings = settings.clone();
    let mut rules = rules.clone();
    // A rule's object replaces its configuration whole, so what it leaves
    // out takes markdownlint's defaults, whatever file governs the page.
    let flavour = Flavour::Markdownlint;
    let has_default = object
        .0
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("default"));
    let r = resolve(&object).map_err(|e| format!("`markdownlint-configure-file`: {e}"))?;
    // Without `default`, only the rules its keys name change.
    let mut named: Vec<&'static str> = Vec::new();
    for (key, _) in &object.0 {
        if let Some(codes) = select(key) {
            named.extend(
                codes
                    .iter()
                    .filter_map(|c| rules::find(c))
                    .map(|r| r.meta().code),
            );
        }
    }
    for (code, on) in &r.enabled {
        if !has_default && !named.contains(code) {
            continue;
        }
        rules.switch(code, *on);
        if let Some(level) = r.severity.get(code) {
            rules.set_severity(code, *level)?;
        }
        let Some(rule) = rules::find(code) else {
            continue;
        };
        let params = r.parameters.get(code).cloned().unwrap_or_default();
        match rule.options() {
            Some(o) => {
                let parsed = o
                    .parse(flavour, &params)
                    .map_err(|e| format!("`markdownlint-configure-file`: {code}: {e}"))?;
                settings.rules.set(rule.meta().code, parsed);
            }
            None if !params.is_empty() => {
                let k = params.keys().next().map(String::as_str).unwrap_or("");
                return Err(format!(
                    "`markdownlint-configure-file`: {code} has no parameter `{k}`"
                ));
            }
            None => {}
        }
    }
    Ok(Some((settings, rules)))
}

/// The `pagelint.toml` equivalent to a markdownlint configuration
/// (`pagelint init --from-markdownlint`): the MD rules it turns on where
/// pagelint's default set leaves them off, every rule it turns off, each
/// rule's parameters (of rules off too) where they
/// differ from pagelint's defaults (markdownlint's own defaults included,
/// such as MD010's `code_blocks`), and markdownlint-cli2's `ignores` as
/// `exclude`. pagelint's other groups keep their defaults, as when pagelint
/// reads the markdownlint file itself.
pub fn to_pagelint_toml(
    object: &Ordered,
    ignores: &[String],
    source: &str,
) -> Result<String, String> {
    use crate::options::toml_literal;
    let r = resolve(object)?;
    let mut out = format!(
        "# pagelint configuration, written by `pagelint init --from-markdownlint`\n\
         # from {source}: the same markdownlint rules and parameters. pagelint's\n\
         # other rules (ENC, TYP, LNK) keep their defaults. `pagelint explain RULE`\n\
         # tells what a rule does; `pagelint init` in an empty folder writes every\n\
         # option with its default.\n"
    );
    let list = |codes: &[&str]| {
        let items: Vec<String> = codes.iter().map(|c| format!("\"{c}\"")).collect();
        format!("[{}]", items.join(", "))
    };
    let mut on = Vec::new();
    let mut off = Vec::new();
    for (code, enabled) in &r.enabled {
        let default = rules::find(code).is_some_and(|rule| rule.meta().default_enabled);
        match (*enabled, default) {
            (true, false) => on.push(*code),
            // Listed even where pagelint's default leaves it off: a rule
            // the configuration turns off is one markdownlint's `enable`
            // comments may turn on.
            (false, _) => off.push(*code),
            _ => {}
        }
    }
    if !on.is_empty() {
        out.push_str("\n# On in the markdownlint configuration, off in pagelint's default set.\n");
        out.push_str(&format!("extend-select = {}\n", list(&on)));
    }
    if !off.is_empty() {
        out.push_str(
            "\n# Off in the markdownlint configuration (a page's `markdownlint-enable`\n\
             # comment can turn them on, as in markdownlint).\n",
        );
        out.push_str(&format!("ignore = {}\n", list(&off)));
    }
    if !ignores.is_empty() {
        let items: Vec<String> = ignores
            .iter()
            .map(|p| toml_literal(&Value::String(p.clone())))
            .collect();
        out.push_str("\n# markdownlint-cli2's `ignores`.\n");
        out.push_str(&format!("exclude = [{}]\n", items.join(", ")));
    }
    if !r.severity.is_empty() {
        out.push_str("\n# Severities set in the markdownlint configuration.\n[severity]\n");
        for (code, level) in &r.severity {
            out.push_str(&format!("{code} = \"{}\"\n", level.as_str()));
        }
    }
    for rule in rules::ALL
        .iter()
        .filter(|r| r.meta().group == crate::rule::Group::Md)
    {
        let code = rule.meta().code;
        let Some(meta) = rule.options() else {
            continue;
        };
        // Rules turned off too: a page's `markdownlint-enable` comment may
        // turn them on, with markdownlint's parameters.
        let params = r.parameters.get(code).cloned().unwrap_or_default();
        let theirs = meta
            .parse(Flavour::Markdownlint, &params)
            .map_err(|e| format!("{code}: {e}"))?
            .to_value();
        let ours = meta.defaults(Flavour::Pagelint);
        let mut lines = String::new();
        for f in meta.fields {
            let (Some(a), b) = (theirs.get(f.name), ours.get(f.name)) else {
                continue;
            };
            if Some(a) != b {
                lines.push_str(&format!(
                    "{} = {}\n",
                    f.name.replace('_', "-"),
                    toml_value(a)?
                ));
            }
        }
        if !lines.is_empty() {
            out.push_str(&format!(
                "\n[rules.{code}]  # {}\n{lines}",
                rule.meta().name
            ));
        }
    }
    Ok(out)
}

/// A JSON value as a TOML value (objects as inline tables).
fn toml_value(v: &Value) -> Result<String, String> {
    Ok(match v {
        Value::Null => return Err("a parameter is null, which TOML cannot write".into()),
        Value::Object(o) => {
            let items: Result<Vec<String>, String> = o
                .iter()
                .map(|(k, v)| {
                    Ok(format!(
                        "{} = {}",
                        crate::options::toml_literal(&Value::String(k.clone())),
                        toml_value(v)?
                    ))
                })
                .collect();
            format!("{{ {} }}", items?.join(", "))
        }
        Value::Array(a) => {
            let items: Result<Vec<String>, String> = a.iter().map(toml_value).collect();
            format!("[{}]", items?.join(", "))
        }
        other => crate::options::toml_literal(other),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_configuration_reads_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join(".markdownlint.yaml");
        std::fs::write(
            &f,
            "# comment\ndefault: true\nwhitespace: false\nMD010:\n  spaces_per_tab: 2\nMD044:\n  names:\n    - JavaScript\n    - GitHub\nline-length: { line_length: 100 }\n",
        )
        .unwrap();
        let (o, _) = read(&f, 0).unwrap();
        let keys: Vec<&str> = o.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["default", "whitespace", "MD010", "MD044", "line-length"]
        );
        let r = resolve(&o).unwrap();
        // `whitespace: false` first, then MD010 on again: order matters.
        assert_eq!((r.enabled["MD009"], r.enabled["MD010"]), (false, true));
        assert_eq!(r.parameters["MD044"]["names"][1], "GitHub");
        assert_eq!(r.parameters["MD013"]["line_length"], 100);
        let c = dir.path().join(".markdownlint-cli2.yaml");
        std::fs::write(&c, "config:\n  MD013: false\nignores:\n  - vendor/**\n").unwrap();
        let (o, ignores) = read(&c, 0).unwrap();
        assert_eq!(ignores, ["vendor/**"]);
        assert!(!resolve(&o).unwrap().enabled["MD013"]);
        // markdownlint's severities.
        let o = parse_object(
            r#"{ "MD009": "warning", "MD010": { "severity": "error", "code_blocks": false }, "whitespace": "error", "MD012": "warning", "MD013": true }"#,
        )
        .unwrap();
        let r = resolve(&o).unwrap();
        use crate::diagnostic::Severity;
        assert_eq!(r.severity["MD009"], Severity::Error, "the later tag wins");
        assert_eq!(r.severity["MD012"], Severity::Warning);
        assert!(!r.severity.contains_key("MD013"));
        // The tag's `"error"` replaced MD010's object whole.
        assert!(r.enabled["MD010"] && !r.parameters.contains_key("MD010"));
        let o = parse_object(r#"{ "MD010": { "severity": "warning", "code_blocks": false } }"#)
            .unwrap();
        let r = resolve(&o).unwrap();
        assert_eq!(r.severity["MD010"], Severity::Warning);
        assert!(r.parameters["MD010"].get("severity").is_none());
        // JSON too keeps `config`'s order.
        let j = dir.path().join(".markdownlint-cli2.jsonc");
        std::fs::write(
            &j,
            "{ \"config\": { \"whitespace\": false, \"MD010\": true } }",
        )
        .unwrap();
        let (o, _) = read(&j, 0).unwrap();
        let r = resolve(&o).unwrap();
        assert_eq!((r.enabled["MD009"], r.enabled["MD010"]), (false, true));
        std::fs::write(&f, "MD013: [unclosed\n").unwrap();
        assert!(read(&f, 0).unwrap_err().message.contains("invalid YAML"));
    }

    fn obj(s: &str) -> Ordered {
        parse_object(s).unwrap()
    }

    #[test]
    fn table_has_markdownlints_53_rules() {
        let t = rules_table();
        assert_eq!(t.len(), 53);
        let md009 = t.iter().find(|r| r.code == "MD009").unwrap();
        assert_eq!(md009.aliases, ["no-trailing-spaces"]);
        assert_eq!(md009.tags, ["whitespace"]);
        assert!(md009.parameters.contains(&"br_spaces"));
        // Every pagelint MD rule is markdownlint's, under the same name.
        for m in rules::metas().filter(|m| m.group == crate::rule::Group::Md) {
            let r = t.iter().find(|r| r.code == m.code).expect(m.code);
            assert_eq!(r.aliases[0], m.name, "{}", m.code);
        }
    }

    #[test]
    fn names_aliases_and_tags_select() {
        assert_eq!(select("md009"), Some(vec!["MD009"]));
        assert_eq!(select("No-Trailing-Spaces"), Some(vec!["MD009"]));
        assert!(select("whitespace").unwrap().contains(&"MD010"));
        assert_eq!(select("MD999"), None);
        // Every markdownlint rule is implemented: each name selects one.
        assert_eq!(registry_indices("table-column-style").unwrap().len(), 1);
        assert!(
            registry_indices("line-lenght")
                .unwrap_err()
                .contains("line-length")
        );
    }

    #[test]
    fn resolution_follows_markdownlint() {
        let r = resolve(&obj(
            r#"{"default": false, "MD009": {"br_spaces": 3}, "no-hard-tabs": true}"#,
        ))
        .unwrap();
        assert!(r.enabled["MD009"] && r.enabled["MD010"] && !r.enabled["MD012"]);
        assert_eq!(r.parameters["MD009"]["br_spaces"], 3);
        // Keys apply in order: a later tag overrides an earlier rule.
        let r = resolve(&obj(r#"{"MD009": true, "whitespace": false}"#)).unwrap();
        assert!(!r.enabled["MD009"] && r.enabled["MD047"]);
        let r = resolve(&obj(r#"{"whitespace": false, "MD009": true}"#)).unwrap();
        assert!(r.enabled["MD009"] && !r.enabled["MD010"]);
        let r = resolve(&obj(r#"{"MD013": false, "MD012": {"enabled": false}}"#)).unwrap();
        assert!(!r.enabled["MD012"]);
        let e = resolve(&obj(r#"{"no-trailing-space": false}"#)).unwrap_err();
        assert!(e.contains("did you mean `no-trailing-spaces`"), "{e}");
    }

    #[test]
    fn jsonc_comments_and_trailing_commas() {
        let o = obj("{\n // c\n \"MD009\": false, /* x */\n \"s\": \"a//b\",\n}\n");
        assert_eq!(o.0.len(), 2);
        assert_eq!(o.get("s"), Some(&Value::String("a//b".into())));
    }

    #[test]
    fn configure_file_comments_are_read() {
        let t =
            "x\n<!-- markdownlint-configure-file {\n  \"MD009\": false\n} -->\n<!-- other -->\n";
        let v = configure_file_comments(t);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].as_ref().unwrap().0[0].0, "MD009");
    }
}
