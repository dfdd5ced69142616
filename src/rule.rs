//! What a rule is: its metadata, the trait it implements, and the context it
//! is given. A rule reads the [`Document`] and pushes [`Diagnostic`]s; it never
//! prints, reads files or counts lines (the engine does).

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::settings::Settings;

/// Rule groups; the code prefix selects a whole group (`--select ENC`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    Enc,
    Typ,
    Lnk,
    Md,
}

impl Group {
    pub const ALL: [Group; 4] = [Group::Enc, Group::Typ, Group::Lnk, Group::Md];

    pub fn prefix(self) -> &'static str {
        match self {
            Group::Enc => "ENC",
            Group::Typ => "TYP",
            Group::Lnk => "LNK",
            Group::Md => "MD",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Group::Enc => "encoding",
            Group::Typ => "typos",
            Group::Lnk => "links",
            Group::Md => "markdown",
        }
    }
}

/// Whether a rule offers fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixable {
    Never,
    Sometimes,
    Always,
}

impl Fixable {
    pub fn as_str(self) -> &'static str {
        match self {
            Fixable::Never => "no",
            Fixable::Sometimes => "sometimes",
            Fixable::Always => "yes",
        }
    }
}

/// Static description of a rule. The documentation page lives in
/// `rules/docs/<CODE>.md` and is embedded at build time.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, such as `MD009`.
    pub code: &'static str,
    /// Stable kebab-case name, such as `no-trailing-spaces`.
    pub name: &'static str,
    pub group: Group,
    /// One line, shown by `pagelint rules`.
    pub summary: &'static str,
    pub fixable: Fixable,
    pub default_enabled: bool,
    pub severity: Severity,
    /// The rule's documentation page (Markdown).
    pub doc: &'static str,
}

/// Embed `rules/docs/<CODE>.md`.
#[macro_export]
macro_rules! rule_doc {
    ($code:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/rules/docs/",
            $code,
            ".md"
        ))
    };
}

/// What the engine knows about the world outside the document. Rules never
/// touch the file system themselves; this is their only window.
pub trait Workspace: Sync {
    /// Does this path (relative to the repository root, `/`-separated)
    /// exist in the working tree? `None` when there is no known tree.
    fn exists(&self, _path: &str) -> Option<bool> {
        None
    }

    /// How often each author surname (exactly as written) is cited in
    /// "(Surname, Year)" citations across the files of this run (TYP004).
    /// `None` when the run has one document: the rule then counts the
    /// document's own citations.
    fn cited_names(&self) -> Option<&std::collections::HashMap<String, u32>> {
        None
    }
}

/// A workspace that knows nothing (stdin, tests).
pub struct NoWorkspace;
impl Workspace for NoWorkspace {}

/// Everything a rule may look at.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub settings: &'a Settings,
    pub workspace: &'a dyn Workspace,
    /// Absolute path of the document, when it has one (stdin without
    /// `--stdin-filename` has none). For resolving relative links; rules
    /// never read it.
    pub path: Option<&'a std::path::Path>,
}

/// A lint rule. Implementations are unit structs registered in
/// [`crate::rules::ALL`].
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>);
}
