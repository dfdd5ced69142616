//! Rule options, as read from `pagelint.toml` with their defaults: the
//! typed options of each rule ([`crate::options`], `[rules.CODE]` tables) and
//! the per-group tables not yet moved to typed options. Pure data: parsing
//! lives in [`crate::config`], selection of rules in
//! [`crate::engine::selection`].

/// Options of the encoding rules (`[enc]` table).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EncSettings {
    /// ENC005: characters allowed although invisible (e.g. `"U+00AD"`).
    pub allowed_invisible: Vec<char>,
}

/// Options of the typo rules (`[typ]` table) and the project word file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypSettings {
    /// Words that are correct in this project (lowercase): `[typ] words`
    /// and the project word file. TYP001 and TYP003 accept them.
    pub words: std::collections::HashSet<String>,
    /// Known author surnames, as written (`[typ] names` and the capitalised
    /// entries of the project word file), for TYP004.
    pub names: Vec<String>,
    /// The project word file is a reviewed baseline (written by
    /// `pagelint --write-baseline`): TYP001 then also reports unknown words
    /// that are new since, when they have one close suggestion.
    pub baseline: bool,
    /// The project word file's name, relative to the configuration root.
    pub word_file: Option<String>,
}

/// Which arXiv page LNK004 links to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ArxivStyle {
    /// `arxiv.org/abs/ID`: the abstract page.
    #[default]
    Abs,
    /// `arxiv.org/pdf/ID`: the PDF.
    Pdf,
}

/// Options of the link rules (`[lnk]` table).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LnkSettings {
    /// LNK004: `/abs/` or `/pdf/` arXiv links.
    pub arxiv_style: ArxivStyle,
    /// LNK002: more hosts known to serve HTTPS (`example.org`, `*.example.org`).
    pub extra_https_hosts: Vec<String>,
    /// LNK001: more aliases, `(alias, canonical)`.
    pub host_aliases: Vec<(String, String)>,
    /// LNK003: more tracking parameters (`name` or `name@host`).
    pub tracking_parameters: Vec<crate::text::links::tracking::Tracker>,
    /// LNK007: this repository on GitHub, `OWNER/NAME` (else the `origin`
    /// remote of the git checkout).
    pub repository: Option<String>,
    /// The folder of the `pagelint.toml` that set `repository`: the
    /// repository root when the pages are not in a git checkout.
    pub repository_root: Option<std::path::PathBuf>,
}

/// All rule options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// Page language when front matter does not say (`es`, `en`).
    pub language: Option<String>,
    /// Each rule's typed options (`[rules.CODE]`).
    pub rules: crate::options::RuleOptionsMap,
    pub enc: EncSettings,
    pub typ: TypSettings,
    pub lnk: LnkSettings,
}
