//! What a rule is: its metadata, the trait it implements, and the context it
//! is given. A rule reads the [`Document`] and pushes [`Diagnostic`]s; it never
//! prints, reads files or counts lines (the engine does).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
/// touch the file system themselves; this is their only window. Every
/// method answers "unknown" by default (stdin, tests).
pub trait Workspace: Sync {
    /// Does this path (relative to the repository root, `/`-separated)
    /// exist in the working tree? `None` when there is no known tree.
    fn exists(&self, _path: &str) -> Option<bool> {
        None
    }

    /// What the pages of the repository holding `doc` contribute under
    /// `collector` (a [`Collector`] some rule declares): the run's pages
    /// whose rules include one declaring it, and the other Markdown pages
    /// of `doc`'s repository. `None` when unknown (stdin, tests).
    fn tally(&self, _collector: &'static Collector, _doc: Option<&Path>) -> Option<Arc<Tally>> {
        None
    }

    /// The git checkout that holds the document at `doc` (absolute).
    fn repository(&self, _doc: &Path) -> Option<Arc<Repository>> {
        None
    }

    /// The Jekyll site (nearest folder with `_config.yml`, not above the
    /// repository root) that holds the document at `doc`.
    fn site(&self, _doc: &Path) -> Option<Arc<Site>> {
        None
    }

    /// What is at `path` (absolute) in the working tree.
    fn path_kind(&self, _path: &Path) -> Option<PathKind> {
        None
    }

    /// The anchors (lowercase) a link may name in the Markdown file at
    /// `path`: heading slugs and explicit ids. `None` when unknown.
    fn anchors(&self, _path: &Path) -> Option<Arc<HashSet<String>>> {
        None
    }

    /// The existing file or folder under `root` whose `/`-separated path
    /// relative to `root` is closest to `wanted` (edit distance), if it is
    /// the only one close enough to be a likely meaning.
    fn closest_path(&self, _root: &Path, _wanted: &str) -> Option<String> {
        None
    }

    /// A fingerprint of what `closest_path` searches under `root`: the same
    /// fingerprint, the same answers. `None` when it is not known cheaply.
    fn files_fingerprint(&self, _root: &Path) -> Option<[u64; 2]> {
        None
    }
}

/// What a rule gathers from every page of a repository, for checks that
/// compare a page with the others (TYP004's cited names, LNK002's hosts
/// linked with `https://`). A page's contribution is a multiset of strings:
/// typed, serialisable, and summed over the pages by the engine, which
/// keeps each page's contribution in its index so that a later run reads
/// only the pages that changed.
#[derive(Debug)]
pub struct Collector {
    /// Names the contribution in the repository index (stable, unique).
    pub key: &'static str,
    /// Bumped when `scan` changes what it finds: older stored
    /// contributions are then computed again.
    pub version: u32,
    /// A page's contribution, from its bytes (not always UTF-8): add each
    /// string found, with its count.
    pub scan: fn(&[u8], &mut Contribution),
}

/// One page's contribution: each string and how often the page has it.
pub type Contribution = rustc_hash::FxHashMap<String, u32>;

/// The sum of the contributions of a repository's pages.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    /// How many pages contributed (each page, with or without strings).
    pub pages: u32,
    /// Each string and its count over those pages.
    pub counts: Contribution,
}

impl Tally {
    pub fn add(&mut self, c: &Contribution) {
        self.pages += 1;
        for (k, v) in c {
            *self.counts.entry(k.clone()).or_default() += v;
        }
    }
}

/// What a path in the working tree is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    Missing,
    File,
    Dir,
}

/// A git checkout, as read from its `.git` (no git binary involved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repository {
    /// The working tree's root.
    pub root: PathBuf,
    /// `OWNER/NAME` of the `origin` remote when it is on GitHub.
    pub github: Option<String>,
    /// Branches whose GitHub URLs stand for the working tree: the branch
    /// checked out and the remote's default branch (`main`, `master` when
    /// the default is unknown).
    pub branches: Vec<String>,
}

/// A Jekyll site: its source folder and `baseurl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub root: PathBuf,
    /// `baseurl` from `_config.yml`, without a trailing `/` (`""` for none).
    pub baseurl: String,
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
    /// The rule's typed options ([`crate::options`]), when it has any.
    fn options(&self) -> Option<&'static crate::options::OptionsMeta> {
        None
    }
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>);

    /// Does this rule report what decoding the file's bytes found
    /// ([`crate::text::decode`])? The engine attaches that finding, with
    /// the transcoding as its fix, to the rule that says so.
    fn reports_decoding(&self) -> bool {
        false
    }

    /// Does this rule report mojibake? SPEC §5: a garbled word is reported
    /// once, as mojibake; the engine drops every other rule's finding that
    /// overlaps a mojibake repair, whether or not this rule runs.
    fn reports_mojibake(&self) -> bool {
        false
    }

    /// Words of this page that `--write-baseline` records in the project
    /// word file as accepted today (TYP001: unknown title words); the rule
    /// then reports only what is new since.
    fn baseline(&self, _ctx: &Context<'_>) -> Vec<String> {
        Vec::new()
    }

    /// What this rule gathers from every page of the repository
    /// ([`Workspace::tally`] sums it), if anything.
    fn collector(&self) -> Option<&'static Collector> {
        None
    }
}
