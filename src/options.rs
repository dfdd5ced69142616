//! Typed rule options. A rule with options owns a struct declared with
//! [`rule_options!`](crate::rule_options): serde reads it (unknown fields are
//! refused), every field has a default and a doc line, and the rule returns
//! its [`OptionsMeta`] from [`Rule::options`](crate::rule::Rule::options).
//! The configuration readers ([`crate::config`], markdownlint's files) are
//! generic: they hand each rule's table, as JSON, to [`OptionsMeta::parse`].
//!
//! Field names are markdownlint's parameter names (`br_spaces`,
//! `code_blocks`); `pagelint.toml` also accepts them in kebab-case
//! (`br-spaces`). A field may have a different default under markdownlint's
//! configuration ([`Flavour::Markdownlint`]), where pagelint's own default is
//! quieter.

use std::any::Any;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Whose defaults apply to the options a configuration does not set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flavour {
    /// pagelint's defaults (`pagelint.toml`, no configuration).
    #[default]
    Pagelint,
    /// markdownlint's defaults (a `.markdownlint.*` file, the `markdownlint`
    /// preset).
    Markdownlint,
}

/// One option of a rule, for documentation and validation.
#[derive(Debug)]
pub struct OptionField {
    /// markdownlint's parameter name, snake_case (also the struct field).
    pub name: &'static str,
    /// What it does, one line.
    pub doc: &'static str,
}

type ParseFn = fn(Flavour, &Map<String, Value>) -> Result<Box<dyn DynOptions>, String>;

/// The options of a rule, type-erased: what configuration readers and
/// documentation need.
pub struct OptionsMeta {
    pub fields: &'static [OptionField],
    /// markdownlint parameters of this rule that pagelint does not implement
    /// yet, with markdownlint's default (JSON): setting one to its default is
    /// accepted, to anything else an error that says so.
    pub unsupported: &'static [(&'static str, &'static str)],
    parse: ParseFn,
    defaults: fn(Flavour) -> Value,
}

impl Debug for OptionsMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OptionsMeta")
            .field("fields", &self.fields)
            .finish_non_exhaustive()
    }
}

/// A rule's options struct (declared with [`rule_options!`](crate::rule_options)).
pub trait RuleOptions:
    Default + Clone + PartialEq + Debug + Serialize + DeserializeOwned + Send + Sync + 'static
{
    const FIELDS: &'static [OptionField];
    const UNSUPPORTED: &'static [(&'static str, &'static str)];
    /// The defaults under markdownlint's configuration.
    fn markdownlint_default() -> Self;

    /// The metadata a rule returns from `Rule::options`.
    const META: OptionsMeta = OptionsMeta {
        fields: Self::FIELDS,
        unsupported: Self::UNSUPPORTED,
        parse: parse::<Self>,
        defaults: defaults::<Self>,
    };
}

fn base<T: RuleOptions>(flavour: Flavour) -> T {
    match flavour {
        Flavour::Pagelint => T::default(),
        Flavour::Markdownlint => T::markdownlint_default(),
    }
}

fn defaults<T: RuleOptions>(flavour: Flavour) -> Value {
    serde_json::to_value(base::<T>(flavour)).unwrap_or(Value::Null)
}

fn parse<T: RuleOptions>(
    flavour: Flavour,
    given: &Map<String, Value>,
) -> Result<Box<dyn DynOptions>, String> {
    let mut merged = match serde_json::to_value(base::<T>(flavour)) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    for (k, v) in given {
        merged.insert(k.clone(), v.clone());
    }
    serde_json::from_value::<T>(Value::Object(merged))
        .map(|t| Box::new(t) as Box<dyn DynOptions>)
        .map_err(|e| e.to_string())
}

impl OptionsMeta {
    /// Read one rule's table (keys in snake_case or kebab-case) over the
    /// flavour's defaults. Unknown keys are errors naming the closest
    /// spelling.
    pub fn parse(
        &self,
        flavour: Flavour,
        table: &Map<String, Value>,
    ) -> Result<Box<dyn DynOptions>, String> {
        let mut given = Map::new();
        for (k, v) in table {
            let key = k.replace('-', "_");
            if !self.fields.iter().any(|f| f.name == key) {
                if let Some((_, default)) = self.unsupported.iter().find(|u| u.0 == key) {
                    if serde_json::from_str::<Value>(default).ok().as_ref() == Some(v) {
                        continue;
                    }
                    return Err(format!(
                        "markdownlint's parameter `{k}` is supported by pagelint only at its default, {default}"
                    ));
                }
                let names = self.fields.iter().map(|f| f.name);
                return Err(
                    match crate::engine::selection::closest(&key, names.clone()) {
                        Some(s) => format!("unknown option `{k}` (did you mean `{s}`?)"),
                        None => format!(
                            "unknown option `{k}` (options: {})",
                            names.collect::<Vec<_>>().join(", ")
                        ),
                    },
                );
            }
            given.insert(key, v.clone());
        }
        (self.parse)(flavour, &given).map_err(|e| format!("bad option: {e}"))
    }

    /// The defaults, field by field, as JSON.
    pub fn defaults(&self, flavour: Flavour) -> Value {
        (self.defaults)(flavour)
    }
}

/// A rule's options behind a trait object: comparable, clonable, printable
/// (the result cache fingerprints the settings' `Debug` text).
pub trait DynOptions: Any + Send + Sync + Debug {
    fn as_any(&self) -> &dyn Any;
    fn clone_box(&self) -> Box<dyn DynOptions>;
    fn eq_dyn(&self, other: &dyn DynOptions) -> bool;
    /// Are these the flavour's defaults?
    fn is_base(&self, flavour: Flavour) -> bool;
    /// The options, field by field, as JSON.
    fn to_value(&self) -> Value;
}

impl<T: RuleOptions> DynOptions for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn clone_box(&self) -> Box<dyn DynOptions> {
        Box::new(self.clone())
    }
    fn eq_dyn(&self, other: &dyn DynOptions) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }
    fn is_base(&self, flavour: Flavour) -> bool {
        *self == base::<T>(flavour)
    }
    fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The options of every rule, by rule code; a rule not in the map has its
/// flavour's defaults.
#[derive(Debug, Default)]
pub struct RuleOptionsMap {
    pub flavour: Flavour,
    map: BTreeMap<&'static str, Box<dyn DynOptions>>,
}

impl Clone for RuleOptionsMap {
    fn clone(&self) -> Self {
        RuleOptionsMap {
            flavour: self.flavour,
            map: self.map.iter().map(|(k, v)| (*k, v.clone_box())).collect(),
        }
    }
}

impl PartialEq for RuleOptionsMap {
    fn eq(&self, other: &Self) -> bool {
        self.flavour == other.flavour
            && self.map.len() == other.map.len()
            && self
                .map
                .iter()
                .zip(&other.map)
                .all(|((ka, a), (kb, b))| ka == kb && a.eq_dyn(b.as_ref()))
    }
}
impl Eq for RuleOptionsMap {}

impl RuleOptionsMap {
    /// The options of the rule `code`.
    pub fn get<T: RuleOptions>(&self, code: &str) -> Cow<'_, T> {
        match self.map.get(code).and_then(|o| o.as_any().downcast_ref()) {
            Some(t) => Cow::Borrowed(t),
            None => Cow::Owned(base(self.flavour)),
        }
    }

    /// Set the options of the rule `code` (the flavour's defaults are not
    /// stored, so that equal settings compare and fingerprint equal).
    pub fn set(&mut self, code: &'static str, options: Box<dyn DynOptions>) {
        if options.is_base(self.flavour) {
            self.map.remove(code);
        } else {
            self.map.insert(code, options);
        }
    }

    /// The options of the rule `code`, when set.
    pub fn get_dyn(&self, code: &str) -> Option<&dyn DynOptions> {
        self.map.get(code).map(|b| b.as_ref())
    }
}

/// Declare a rule's options struct: each field with its doc line (markdownlint's
/// name is the field's), its default, and optionally markdownlint's default
/// where pagelint's differs.
///
/// ```ignore
/// rule_options! {
///     /// Options of MD012.
///     pub struct Md012Options {
///         /// Consecutive blank lines allowed.
///         pub maximum: usize = 1;
///     }
/// }
/// ```
#[macro_export]
macro_rules! rule_options {
    (
        $(#[doc = $sdoc:literal])*
        pub struct $name:ident {
            $(
                $(#[doc = $doc:literal])+
                pub $field:ident : $ty:ty = $default:expr $(; markdownlint = $ml:expr)? ;
            )*
        }
        $(unsupported = [$(($uns:literal, $unsd:literal)),* $(,)?];)?
    ) => {
        $(#[doc = $sdoc])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields, default)]
        pub struct $name {
            $( $(#[doc = $doc])+ pub $field: $ty, )*
        }
        impl Default for $name {
            fn default() -> Self {
                $name { $($field: $default,)* }
            }
        }
        impl $crate::options::RuleOptions for $name {
            const FIELDS: &'static [$crate::options::OptionField] = &[
                $($crate::options::OptionField {
                    name: stringify!($field),
                    doc: concat!($($doc),+),
                },)*
            ];
            const UNSUPPORTED: &'static [(&'static str, &'static str)] =
                &[$($(($uns, $unsd)),*)?];
            #[allow(unused_mut)]
            fn markdownlint_default() -> Self {
                let mut o = Self::default();
                $($( o.$field = $ml; )?)*
                o
            }
        }
    };
}

/// A JSON value as a TOML literal, for generated documentation.
pub fn toml_literal(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{s:?}"),
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(toml_literal).collect::<Vec<_>>().join(", ")
        ),
        other => other.to_string(),
    }
}

/// The `[rules.CODE]` tables of `rules/pagelint.default.toml`, made from
/// the metadata of every rule with options.
pub fn default_toml() -> String {
    let mut out = String::new();
    for rule in crate::rules::ALL {
        let Some(o) = rule.options().filter(|o| !o.fields.is_empty()) else {
            continue;
        };
        let m = rule.meta();
        let defaults = o.defaults(Flavour::Pagelint);
        out.push_str(&format!("[rules.{}]  # {}\n", m.code, m.name));
        for f in o.fields {
            out.push_str(&format!("# {}\n", f.doc.trim()));
            let v = defaults.get(f.name).unwrap_or(&Value::Null);
            out.push_str(&format!(
                "{} = {}\n",
                f.name.replace('_', "-"),
                toml_literal(v)
            ));
        }
        out.push('\n');
    }
    out
}

/// The options table of a rule's documentation page.
pub fn doc_table(o: &OptionsMeta) -> String {
    let ours = o.defaults(Flavour::Pagelint);
    let theirs = o.defaults(Flavour::Markdownlint);
    let mut out = String::from(
        "| Option | Default | markdownlint's default | What it does |\n|---|---|---|---|\n",
    );
    for f in o.fields {
        let a = ours.get(f.name).map(toml_literal).unwrap_or_default();
        let b = theirs.get(f.name).map(toml_literal).unwrap_or_default();
        out.push_str(&format!(
            "| `{}` | `{a}` | `{b}` | {} |\n",
            f.name,
            f.doc.trim()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::rule_options! {
        /// Test options.
        pub struct Demo {
            /// A number.
            pub max_items: usize = 1;
            /// A switch.
            pub code_blocks: bool = false; markdownlint = true;
        }
        unsupported = [("later_thing", "false")];
    }

    fn obj(s: &str) -> Map<String, Value> {
        match serde_json::from_str(s).unwrap() {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    fn read(flavour: Flavour, s: &str) -> Result<Demo, String> {
        Demo::META
            .parse(flavour, &obj(s))
            .map(|b| b.as_any().downcast_ref::<Demo>().unwrap().clone())
    }

    #[test]
    fn reads_both_spellings_over_the_flavours_defaults() {
        let d = read(Flavour::Pagelint, r#"{"max-items": 3}"#).unwrap();
        assert_eq!((d.max_items, d.code_blocks), (3, false));
        let d = read(Flavour::Markdownlint, r#"{"max_items": 4}"#).unwrap();
        assert_eq!((d.max_items, d.code_blocks), (4, true));
    }

    #[test]
    fn unknown_unsupported_and_mistyped_options_are_errors() {
        let e = read(Flavour::Pagelint, r#"{"max_iterns": 3}"#).unwrap_err();
        assert!(e.contains("did you mean `max_items`"), "{e}");
        let e = read(Flavour::Pagelint, r#"{"later_thing": true}"#).unwrap_err();
        assert!(e.contains("only at its default, false"), "{e}");
        assert!(read(Flavour::Pagelint, r#"{"later_thing": false}"#).is_ok());
        let e = read(Flavour::Pagelint, r#"{"max_items": "x"}"#).unwrap_err();
        assert!(e.contains("invalid type"), "{e}");
        let e = read(Flavour::Pagelint, r#"{"max_items": -1}"#).unwrap_err();
        assert!(e.contains("bad option"), "{e}");
    }

    #[test]
    fn map_falls_back_to_the_flavours_defaults() {
        let mut m = RuleOptionsMap::default();
        assert!(!m.get::<Demo>("X").code_blocks);
        m.flavour = Flavour::Markdownlint;
        assert!(m.get::<Demo>("X").code_blocks);
        let mut n = m.clone();
        assert_eq!(m, n);
        n.set("X", Box::new(Demo::default()));
        assert_ne!(m, n);
        assert_eq!(n.get::<Demo>("X").max_items, 1);
    }
}

#[cfg(test)]
mod generated {
    use crate::rule::Fixable;

    /// `rules/pagelint.default.toml` holds the tables made from the metadata.
    #[test]
    fn default_toml_is_current() {
        let want = super::default_toml();
        assert!(
            crate::config::DEFAULT_CONFIG.contains(&want),
            "rules/pagelint.default.toml must contain, verbatim:\n{want}"
        );
    }

    /// Each rule page's header line says the rule's group, default and
    /// fixability, and a rule with options has the generated options table.
    #[test]
    fn rule_pages_agree_with_the_metadata() {
        for rule in crate::rules::ALL {
            let m = rule.meta();
            let header = m.doc.lines().nth(2).unwrap_or("");
            let want = format!(
                "Group: {} · Default: {} · Fix: ",
                m.group.title(),
                if m.default_enabled { "on" } else { "off" }
            );
            assert!(
                header.starts_with(&want),
                "{}: header `{header}` should start with `{want}`",
                m.code
            );
            let fix = &header[want.len()..];
            assert_eq!(
                fix.starts_with("none"),
                m.fixable == Fixable::Never,
                "{}: `Fix: {fix}` disagrees with fixable = {:?}",
                m.code,
                m.fixable
            );
            if let Some(o) = rule.options() {
                let table = super::doc_table(o);
                assert!(
                    m.doc.contains("## Options\n") && m.doc.contains(&table),
                    "{}: its page needs, under `## Options`:\n{table}",
                    m.code
                );
            }
        }
    }
}
