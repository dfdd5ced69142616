//! The formatter (SPEC §7, issue 15): a page in one Markdown style, proved
//! to render the same.
//!
//! Formatting a page is the fix loop of `pagelint --fix` ([`super::fix`])
//! run with the formatting rules listed in `rules/fmt.toml`, at their
//! configured options, keeping only safe fixes, and two more guards:
//!
//! 1. in every pass, a fix with an edit on a protected span (front matter,
//!    code spans, inline HTML and comments, Liquid tags, math, definition
//!    targets: [`Protected`]) is not offered;
//! 2. at the end, the page before and after must have the same protected
//!    content ([`literals`]: code and HTML blocks as the renderer reads
//!    them, whatever their container's indentation) and render to the same
//!    HTML beyond insignificant whitespace ([`rendering::compare`], the
//!    whole page). If not, nothing is formatted and the first differing
//!    block is named: a bug in a rule's fix, never the page's fault.
//!
//! No knowledge of files or the command line here.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use super::fix::{FixError, InternalError, fix_with};
use super::{LintOptions, RuleSet, lint_document};
use crate::diagnostic::Applicability;
use crate::document::protected::{Literal, Protected, literals};
use crate::document::{Document, rendering};

const FMT_TOML: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/fmt.toml"));

/// `rules/fmt.toml`, read.
#[derive(Debug)]
pub struct FmtData {
    /// The formatting rules' codes, sorted.
    pub rules: Vec<String>,
    /// Options per rule for `style = "canonical"`.
    pub canonical: Vec<(String, Map<String, Value>)>,
}

/// The formatter's data (`rules/fmt.toml`).
pub fn data() -> &'static FmtData {
    static DATA: OnceLock<FmtData> = OnceLock::new();
    DATA.get_or_init(|| parse_data(FMT_TOML).expect("rules/fmt.toml is checked by its tests"))
}

fn parse_data(source: &str) -> Result<FmtData, String> {
    let table: toml::Table = source.parse().map_err(|e| format!("{e}"))?;
    let rules = table
        .get("rules")
        .and_then(|v| v.as_array())
        .ok_or("`rules` must be a list of rule codes")?
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .ok_or("`rules`: a code is a string")
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut canonical = Vec::new();
    if let Some(t) = table.get("canonical") {
        let t = t.as_table().ok_or("`canonical` must be a table")?;
        for (code, options) in t {
            let Ok(Value::Object(m)) = serde_json::to_value(options) else {
                return Err(format!("`canonical.{code}` must be a table"));
            };
            canonical.push((code.clone(), m));
        }
    }
    Ok(FmtData { rules, canonical })
}

/// The `[fmt]` table of `pagelint.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FmtSettings {
    /// `style = "canonical"`: `rules/fmt.toml`'s canonical options for
    /// every option the configuration leaves unset (and for the check as
    /// well, so that `--fix` and `fmt` agree).
    pub canonical: bool,
    /// Formatting rules not to apply (codes or names).
    pub ignore: Vec<String>,
}

/// The keys of `[fmt]`.
pub const FMT_KEYS: &[&str] = &["ignore", "style"];

/// Read `[fmt]`: `style` (`"consistent"`, the default, or `"canonical"`)
/// and `ignore` (rules).
pub fn read_settings(t: &toml::Table) -> Result<FmtSettings, (String, String)> {
    let mut s = FmtSettings::default();
    for (k, v) in t {
        match k.as_str() {
            "style" => {
                s.canonical = match v.as_str() {
                    Some("canonical") => true,
                    Some("consistent") => false,
                    _ => {
                        return Err((
                            k.clone(),
                            "`fmt.style` must be \"consistent\" (each page's own style) or \"canonical\""
                                .into(),
                        ));
                    }
                }
            }
            "ignore" => {
                let list = v
                    .as_array()
                    .and_then(|a| {
                        a.iter()
                            .map(|x| x.as_str().map(str::to_string))
                            .collect::<Option<Vec<_>>>()
                    })
                    .ok_or_else(|| (k.clone(), "`fmt.ignore` must be a list of rules".into()))?;
                for r in &list {
                    super::selection::resolve(r)
                        .map_err(|e| (k.clone(), format!("in `fmt.ignore`: {e}")))?;
                }
                s.ignore = list;
            }
            _ => unreachable!("keys are checked by the caller"),
        }
    }
    Ok(s)
}

/// The canonical options merged under a rule's configured table: an option
/// the configuration sets (snake- or kebab-case) wins.
pub fn merge_canonical(code: &str, configured: &mut Map<String, Value>) {
    let Some((_, canon)) = data().canonical.iter().find(|(c, _)| c == code) else {
        return;
    };
    for (k, v) in canon {
        let kebab = k.replace('_', "-");
        if !configured.contains_key(k) && !configured.contains_key(&kebab) {
            configured.insert(k.clone(), v.clone());
        }
    }
}

/// The rules `fmt` applies: the formatting rules, less `ignore` (the
/// configuration's `ignore`, its per-file ignores and `[fmt] ignore`).
pub fn rule_set(ignore: &[String]) -> Result<RuleSet, String> {
    RuleSet::new(Some(&data().rules), &[], ignore)
}

/// A formatted page.
#[derive(Debug)]
pub struct Formatted {
    pub text: String,
    /// Fixes applied, per rule.
    pub fixed: BTreeMap<&'static str, usize>,
    /// Fixes the render guard refused (the page is still formatted
    /// without them).
    pub internal_errors: Vec<InternalError>,
}

impl Formatted {
    pub fn changed(&self, original: &str) -> bool {
        self.text != original
    }
}

/// Why a page was left as it was.
#[derive(Debug, Clone)]
pub enum FormatError {
    /// The fixes did not converge.
    Fix(FixError),
    /// The formatted page would render otherwise: a bug, reported.
    Rendering { line: usize, excerpt: String },
    /// Protected content would change: a bug, reported.
    Protected { what: &'static str, excerpt: String },
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::Fix(e) => write!(f, "{e}"),
            FormatError::Rendering { line, excerpt } => write!(
                f,
                "internal error: formatting would change the rendered page at line {line} \
                 (`{excerpt}`); the page was left unchanged (please report this bug)"
            ),
            FormatError::Protected { what, excerpt } => write!(
                f,
                "internal error: formatting would change a {what} (`{excerpt}`); the page was \
                 left unchanged (please report this bug)"
            ),
        }
    }
}

fn short(s: &str) -> String {
    let line = s
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let mut out: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Format `text` with the rules of `opts` (see [`rule_set`]).
pub fn format(text: &str, opts: LintOptions<'_>) -> Result<Formatted, FormatError> {
    let lint = |t: &str| {
        let doc = Document::parse(t);
        let mut diagnostics = lint_document(&doc, opts).diagnostics;
        let protected = Protected::of(&doc);
        // The literals of this text, computed once if a fix needs them.
        let mut before: Option<Vec<Literal>> = None;
        diagnostics.retain(|d| {
            let Some(f) = d.fix.as_ref() else {
                return false;
            };
            if f.applicability < Applicability::Safe || f.whole_page {
                return false;
            }
            if !f
                .edits
                .iter()
                .any(|e| protected.hit(&e.range).is_some() || protected.in_block(&e.range))
            {
                return true;
            }
            // An edit on a protected span or in a code or HTML block: only
            // if every protected thing stays as the renderer reads it (a
            // paragraph rewrapped around a code span or a Liquid tag, a
            // list re-indented, a block fenced), checked on the page with
            // this fix alone.
            let mut edits: Vec<&crate::diagnostic::Edit> = f.edits.iter().collect();
            edits.sort_by_key(|e| (e.range.start, e.range.end));
            let after = crate::diagnostic::apply_edits(t, &edits);
            before.get_or_insert_with(|| literals(t)) == &literals(&after)
        });
        diagnostics
    };
    format_by(text, lint)
}

/// [`format`] over any lint function (the tests drive it with a fix the
/// render guard lets through and the proof does not).
fn format_by(
    text: &str,
    lint: impl Fn(&str) -> Vec<crate::diagnostic::Diagnostic>,
) -> Result<Formatted, FormatError> {
    // The proof in every pass too, so that a fix the render guard lets
    // through and the page does not survive is dropped alone (reported as
    // an internal error) instead of failing the page at the end. Each text
    // is rendered once: the page after one pass is the page before the
    // next, and the first and last renderings make the final proof.
    let memo = Renderings::default();
    let whole_page = |current: &str, next: &str| -> Result<(), String> {
        if memo.html(next) == memo.html(current) {
            return Ok(());
        }
        let d = rendering::compare(current, next).err();
        Err(format!(
            "the page would render otherwise{}",
            d.map(|d| format!(" at line {} (`{}`)", d.line, d.excerpt))
                .unwrap_or_default()
        ))
    };
    let out = fix_with(text, lint, Applicability::Safe, &whole_page).map_err(FormatError::Fix)?;
    if out.text != text {
        prove_literals(text, &out.text)?;
        if memo.html(text) != memo.html(&out.text) {
            rendering::compare(text, &out.text).map_err(|d| FormatError::Rendering {
                line: d.line,
                excerpt: d.excerpt,
            })?;
        }
    }
    Ok(Formatted {
        text: out.text,
        fixed: out.fixed,
        internal_errors: out.internal_errors,
    })
}

/// Each text's normalized HTML, rendered once (the last few texts kept).
#[derive(Default)]
struct Renderings(std::cell::RefCell<Vec<(u64, String, std::rc::Rc<str>)>>);

impl Renderings {
    fn html(&self, text: &str) -> std::rc::Rc<str> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut h);
        let key = h.finish();
        if let Some((_, _, html)) = self
            .0
            .borrow()
            .iter()
            .find(|(k, t, _)| *k == key && t == text)
        {
            return html.clone();
        }
        let html: std::rc::Rc<str> = rendering::page_html(text).into();
        let mut v = self.0.borrow_mut();
        // The original page stays (the final proof compares with it).
        if v.len() >= 4 {
            v.remove(1);
        }
        v.push((key, text.to_string(), html.clone()));
        html
    }
}

/// The protected content of `before` and `after` is the same.
fn prove_literals(before: &str, after: &str) -> Result<(), FormatError> {
    let (a, b) = (literals(before), literals(after));
    if a != b {
        let at = a.iter().zip(&b).position(|(x, y)| x != y);
        let lit = at.map_or_else(|| a.get(b.len()).or(b.get(a.len())), |i| a.get(i));
        return Err(FormatError::Protected {
            what: lit.map_or("protected span", |l| l.what),
            excerpt: lit.map(|l| short(&l.text)).unwrap_or_default(),
        });
    }
    Ok(())
}

/// The proof: same protected content, same rendered page.
pub fn prove(before: &str, after: &str) -> Result<(), FormatError> {
    prove_literals(before, after)?;
    rendering::compare(before, after).map_err(|d| FormatError::Rendering {
        line: d.line,
        excerpt: d.excerpt,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::rule::NoWorkspace;

    fn fmt_with(config: &Config, text: &str) -> Result<Formatted, FormatError> {
        let rules = rule_set(&[]).unwrap();
        format(
            text,
            LintOptions {
                settings: &config.settings,
                rules: &rules,
                workspace: &NoWorkspace,
                path: None,
            },
        )
    }

    fn fmt(text: &str) -> String {
        fmt_with(&Config::default(), text).unwrap().text
    }

    #[test]
    fn the_data_names_known_rules_sorted_and_canonical_options_parse() {
        let d = data();
        let mut sorted = d.rules.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, d.rules, "rules/fmt.toml: `rules` sorted, unique");
        for code in &d.rules {
            assert!(crate::rules::find(code).is_some(), "no rule {code}");
        }
        for (code, options) in &d.canonical {
            assert!(
                d.rules.contains(code),
                "canonical.{code} is not a formatting rule"
            );
            let rule = crate::rules::find(code).unwrap();
            let meta = rule.options().expect("a canonical rule has options");
            meta.parse(crate::options::Flavour::Pagelint, options)
                .unwrap_or_else(|e| panic!("canonical.{code}: {e}"));
        }
    }

    #[test]
    fn a_page_takes_its_own_dominant_style() {
        let page = "# T\n\n* a\n* b\n\nSome *x* and _y_.\n\n+ c\n";
        let out = fmt(page);
        assert!(out.contains("* a\n* b\n"), "{out}");
        assert!(out.ends_with("\n* c\n"), "{out}");
        assert!(out.contains("*x* and *y*"), "{out}");
        assert_eq!(fmt(&out), out);
    }

    #[test]
    fn protected_spans_are_never_edited() {
        // MD049 would turn `_b_` into `*b*` anywhere else on this page.
        let page = "# T\n\n*a* and {% include x.html t=\"_b_\" %} and $x_1 _b_ y$.\n\nThen _c_.\n";
        let out = fmt(page);
        assert!(out.contains("{% include x.html t=\"_b_\" %}"), "{out}");
        assert!(out.contains("$x_1 _b_ y$"), "{out}");
        assert!(out.contains("Then *c*."), "{out}");
    }

    #[test]
    fn a_comment_keeps_its_trailing_space_and_the_page_its_last_newline() {
        // Corpus (es-course): MD009 would trim `<!-- ` inside an HTML block,
        // which the proof refused for the whole page.
        let page = "# T\n\n<!-- \n## Old\n\n -->";
        let out = fmt_with(&Config::default(), page).unwrap();
        assert_eq!(out.text, "# T\n\n<!-- \n## Old\n\n -->\n");
    }

    #[test]
    fn the_proof_names_the_first_block_that_renders_otherwise() {
        let e = prove("# T\n\n* a\n\n+ b\n", "# T\n\n- a\n\n- b\n").unwrap_err();
        assert!(matches!(e, FormatError::Rendering { line: 3, .. }), "{e:?}");
        let e = prove("a {{ x }}\n", "a {{x}}\n").unwrap_err();
        assert!(
            matches!(
                e,
                FormatError::Protected {
                    what: "Liquid tag",
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(e.to_string().contains("{{ x }}"), "{e}");
    }

    #[test]
    fn a_fix_the_guard_accepts_but_the_page_renders_otherwise_is_dropped() {
        // The render guard lets a link's destination change (the LNK rules
        // edit them); the formatter's proof, run in every pass, does not.
        use crate::diagnostic::{Diagnostic, Edit, Fix};
        use crate::rule::{Fixable, Group, RuleMeta};
        static META: RuleMeta = RuleMeta {
            code: "XX900",
            name: "test-rule",
            group: Group::Md,
            summary: "",
            fixable: Fixable::Always,
            default_enabled: true,
            severity: crate::diagnostic::Severity::Warning,
            doc: "",
        };
        let lint = |t: &str| -> Vec<Diagnostic> {
            t.find("x.md")
                .map(|at| {
                    let r = at..at + 1;
                    Diagnostic::new(&META, r.clone(), "x")
                        .with_fix(Fix::safe("x", vec![Edit::replace(r, "y")]))
                })
                .into_iter()
                .collect()
        };
        let page = "# T\n\nSee [a](x.md).\n";
        let out = format_by(page, lint).unwrap();
        assert_eq!(out.text, page);
        assert_eq!(out.internal_errors.len(), 1, "{:?}", out.internal_errors);
        let reason = &out.internal_errors[0].reason;
        assert!(reason.contains("render otherwise at line 3"), "{reason}");
    }

    #[test]
    fn canonical_options_yield_to_the_configured_ones() {
        let mut c = Map::new();
        c.insert("style".into(), Value::from("plus"));
        merge_canonical("MD004", &mut c);
        assert_eq!(c["style"], "plus");
        let mut c = Map::new();
        merge_canonical("MD004", &mut c);
        assert_eq!(c["style"], "dash");
    }
}
