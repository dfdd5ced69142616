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

const TABLE: &str = crate::text::data::MARKDOWNLINT_RULES;

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
        for code in codes {
            let Some(rule) = rules::find(code) else {
                continue; // a markdownlint rule pagelint does not have yet
            };
            let code = rule.meta().code;
            r.enabled.insert(code, enabled);
            r.parameters.remove(code);
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
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| FILE_NAMES.contains(&n) || n.ends_with(".json") || n.ends_with(".jsonc"))
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
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        return Err(error(
            path,
            "YAML markdownlint configuration is not supported yet: write it as `.markdownlint.json` or `.markdownlint.jsonc`".into(),
        ));
    }
    if depth > 16 {
        return Err(error(path, "`extends` goes too deep (a cycle?)".into()));
    }
    let text =
        std::fs::read_to_string(path).map_err(|e| error(path, format!("cannot read: {e}")))?;
    let mut object = parse_object(&text).map_err(|e| error(path, format!("invalid JSON: {e}")))?;
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
            Some(v) => serde_json::from_value::<Ordered>(v.clone())
                .map_err(|e| error(path, format!("`config`: {e}")))?,
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
    for (code, on) in &r.enabled {
        if *on {
            c.extend_select.push(code.to_string());
        } else {
            c.ignore.push(code.to_string());
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
    let (object, ignores) = read(path, 0)?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
