//! The linting thread: debounces changes, lints the latest text of each
//! changed document, drops results that a newer version has made stale,
//! publishes diagnostics, and answers code actions and hovers.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, DiagnosticSeverity,
    DocumentChanges, Hover, HoverContents, HoverParams, MarkupContent, MarkupKind, NumberOrString,
    OneOf, OptionalVersionedTextDocumentIdentifier, PublishDiagnosticsParams, TextDocumentEdit,
    TextEdit, WorkspaceEdit,
};

use super::position::Lines;
use super::{ClientInfo, Docs, FIX_ALL_KIND, lock, uri};
use crate::config::{Config, Overrides, find_config};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::engine::file::process;
use crate::engine::repository::FsWorkspace;
use crate::engine::{LintOptions, RuleSet};
use crate::rule::{NoWorkspace, Workspace};

/// The files whose change reloads the configuration (watched by the
/// client for us). markdownlint's files are listed for when pagelint reads
/// them (SPEC §3); a change to any of them makes every open page linted
/// again.
pub const CONFIG_GLOBS: &[&str] = &[
    "**/pagelint.toml",
    "**/.pagelint-words.txt",
    "**/.markdownlint.{json,jsonc,yaml,yml}",
    "**/.markdownlint-cli2.{jsonc,yaml}",
];

/// Work for the worker, sent by the protocol thread.
pub enum Task {
    /// The document changed (or was opened).
    Lint(String),
    /// A request answered from the latest findings (code action, hover).
    Request(Request),
    Closed(String),
    Saved(String),
    /// A configuration file changed.
    Reload,
    /// Workspace folders were added or removed (they give the root of a
    /// page without `pagelint.toml`).
    Folders {
        added: Vec<PathBuf>,
        removed: Vec<PathBuf>,
    },
}

/// The findings for one version of a document.
pub struct Linted {
    pub version: i32,
    pub text: Arc<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Findings without a rule: directive problems, configuration errors.
    pub notes: Vec<(Range<usize>, String, Severity)>,
    setup: Option<Arc<Setup>>,
}

/// What linting a document needs, kept between versions.
struct Setup {
    config: Arc<Config>,
    rules: RuleSet,
    path: Option<PathBuf>,
    workspace: Option<Arc<FsWorkspace>>,
    /// What the text contributes to the repository's tallies
    /// ([`crate::rule::Collector`]), as `workspace` was told.
    contributions: String,
}

impl Setup {
    fn options(&self) -> LintOptions<'_> {
        let workspace: &dyn Workspace = match &self.workspace {
            Some(w) => w.as_ref(),
            None => &NoWorkspace,
        };
        LintOptions {
            settings: &self.config.settings,
            rules: &self.rules,
            workspace,
            path: self.path.as_deref(),
        }
    }
}

/// Tasks taken but not done yet.
#[derive(Default)]
struct Pending {
    /// Documents to lint, in the order they changed.
    dirty: Vec<String>,
    requests: Vec<Request>,
    /// Documents whose kept findings are out of date though their text is
    /// not (saved: the files around them may have changed).
    again: Vec<String>,
    /// Workspace folders added and removed, in order.
    folders: Vec<(Vec<PathBuf>, Vec<PathBuf>)>,
    reload: bool,
}

impl Pending {
    fn mark(&mut self, key: String) {
        if !self.dirty.contains(&key) {
            self.dirty.push(key);
        }
    }

    fn take(&mut self, t: Task, setups: &mut HashMap<String, Arc<Setup>>) {
        match t {
            Task::Lint(k) => self.mark(k),
            Task::Request(r) => self.requests.push(r),
            Task::Closed(k) => {
                setups.remove(&k);
                self.dirty.retain(|d| d != &k);
            }
            Task::Saved(k) => {
                setups.remove(&k);
                self.again.push(k.clone());
                self.mark(k);
            }
            Task::Reload => self.reload = true,
            Task::Folders { added, removed } => {
                self.folders.push((added, removed));
                self.reload = true;
            }
        }
    }
}

pub struct Worker {
    docs: Docs,
    out: Sender<Message>,
    client: ClientInfo,
    /// Per folder: its configuration (or why it cannot be read).
    configs: HashMap<PathBuf, Result<Arc<Config>, String>>,
    setups: HashMap<String, Arc<Setup>>,
}

impl Worker {
    pub(super) fn new(docs: Docs, out: Sender<Message>, client: ClientInfo) -> Worker {
        Worker {
            docs,
            out,
            client,
            configs: HashMap::new(),
            setups: HashMap::new(),
        }
    }

    /// Take tasks until the protocol thread hangs up.
    pub fn run(mut self, tasks: Receiver<Task>, debounce: Duration, max_wait: Duration) {
        let mut p = Pending::default();
        loop {
            let Ok(first) = tasks.recv() else { return };
            let started = Instant::now();
            p.take(first, &mut self.setups);
            // Debounce: wait for a pause in the changes (not when a
            // request is waiting for an answer).
            loop {
                let wait = if p.requests.is_empty() {
                    debounce.min(max_wait.saturating_sub(started.elapsed()))
                } else {
                    Duration::ZERO
                };
                match tasks.recv_timeout(wait) {
                    Ok(t) => p.take(t, &mut self.setups),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            for (added, removed) in std::mem::take(&mut p.folders) {
                self.client.roots.retain(|r| !removed.contains(r));
                for a in added {
                    if !self.client.roots.contains(&a) {
                        self.client.roots.push(a);
                    }
                }
            }
            if std::mem::take(&mut p.reload) {
                self.configs.clear();
                self.setups.clear();
                let open: Vec<String> = lock(&self.docs).keys().cloned().collect();
                for k in open {
                    p.again.push(k.clone());
                    p.mark(k);
                }
            }
            {
                let mut docs = lock(&self.docs);
                for k in std::mem::take(&mut p.again) {
                    if let Some(doc) = docs.get_mut(&k) {
                        doc.linted = None;
                    }
                }
            }
            for req in std::mem::take(&mut p.requests) {
                self.answer(req);
            }
            for key in std::mem::take(&mut p.dirty) {
                self.latest(&key);
            }
        }
    }

    /// The findings for the document's latest text: kept ones, or linted
    /// now (and published). `None` when the document is not open.
    fn latest(&mut self, key: &str) -> Option<Arc<Linted>> {
        let (text, version) = {
            let docs = lock(&self.docs);
            let doc = docs.get(key)?;
            if let Some(l) = &doc.linted {
                return Some(l.clone());
            }
            (doc.text.clone(), doc.version)
        };
        let linted = Arc::new(self.lint(key, text, version));
        self.keep(key, &linted);
        Some(linted)
    }

    /// Keep and publish findings, unless the document has changed since
    /// (or was closed): stale findings are dropped, the newer version's
    /// own lint task is queued. Requests still get an answer on the text
    /// they were linted on. Returns whether they were kept.
    fn keep(&self, key: &str, linted: &Arc<Linted>) -> bool {
        let mut docs = lock(&self.docs);
        let Some(doc) = docs.get_mut(key) else {
            return false;
        };
        if doc.version != linted.version || !Arc::ptr_eq(&doc.text, &linted.text) {
            return false;
        }
        doc.linted = Some(linted.clone());
        let uri = doc.uri.clone();
        drop(docs);
        self.publish(uri, linted);
        true
    }

    fn publish(&self, uri: lsp_types::Uri, linted: &Linted) {
        let lines = Lines::new(&linted.text, self.client.encoding);
        let mut diagnostics: Vec<lsp_types::Diagnostic> = linted
            .diagnostics
            .iter()
            .map(|d| to_lsp(d, &lines))
            .collect();
        diagnostics.extend(linted.notes.iter().map(|(range, message, severity)| {
            lsp_types::Diagnostic {
                range: lines.range(range),
                severity: Some(severity_of(*severity)),
                source: Some("pagelint".to_string()),
                message: message.clone(),
                ..lsp_types::Diagnostic::default()
            }
        }));
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: Some(linted.version),
        };
        let _ = self.out.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".to_string(),
            params,
        )));
    }

    /// Lint one version of a document, as the command line lints a file.
    fn lint(&mut self, key: &str, text: Arc<String>, version: i32) -> Linted {
        let mut linted = Linted {
            version,
            text: text.clone(),
            diagnostics: Vec::new(),
            notes: Vec::new(),
            setup: None,
        };
        let setup = match self.setup(key, &text) {
            Ok(s) => s,
            Err(e) => {
                linted.notes.push((0..0, e, Severity::Error));
                return linted;
            }
        };
        linted.setup = Some(setup.clone());
        if let Some(p) = &setup.path
            && setup.config.is_excluded(p)
        {
            return linted;
        }
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            process(text.as_bytes(), setup.options(), None)
        }));
        match run {
            Ok(Ok(result)) => {
                linted.diagnostics = result.diagnostics;
                linted.notes = result
                    .notes
                    .into_iter()
                    .map(|n| (n.offset..n.offset, n.message, Severity::Warning))
                    .collect();
            }
            Ok(Err(e)) => {
                let at = match e {
                    crate::engine::file::FileError::Binary { offset } => offset,
                    crate::engine::file::FileError::Fix(_)
                    | crate::engine::file::FileError::Config(_)
                    | crate::engine::file::FileError::Panic { .. } => 0,
                };
                linted.notes.push((at..at, e.to_string(), Severity::Error));
            }
            Err(_) => linted.notes.push((
                0..0,
                "internal error while checking this page (please report this bug)".to_string(),
                Severity::Error,
            )),
        }
        linted
    }

    /// The configuration, rules and workspace of a document: kept while
    /// the hosts its text links with https:// stay the same.
    fn setup(&mut self, key: &str, text: &str) -> Result<Arc<Setup>, String> {
        let path = uri::to_path(key).filter(|p| p.is_absolute());
        let config = self.config_for(path.as_deref())?;
        let rules = config.rule_set(path.as_deref(), &Overrides::default())?;
        // The page's `markdownlint-configure-file` comments, as on the
        // command line (a new setup each time: the text decides it).
        let (config, rules) =
            match crate::markdownlint::configure_file_overlay(text, &config.settings, &rules)? {
                Some((settings, rules)) => (
                    Arc::new(Config {
                        settings,
                        ..(*config).clone()
                    }),
                    rules,
                ),
                None => (config, rules),
            };
        let collectors = if path.is_some() {
            rules.collectors()
        } else {
            Vec::new()
        };
        // The text's contributions, in a stable order.
        let contributions: String = collectors
            .iter()
            .map(|c| {
                let mut page = crate::rule::Contribution::default();
                (c.scan)(text.as_bytes(), &mut page);
                let mut items: Vec<_> = page.into_iter().collect();
                items.sort();
                format!("{}:{items:?}\n", c.key)
            })
            .collect();
        if let Some(s) = self.setups.get(key)
            && s.contributions == contributions
            && Arc::ptr_eq(&s.config, &config)
        {
            return Ok(s.clone());
        }
        // As the command line's run of one file: the page's own text, and
        // the repository's other pages when a rule asks.
        let workspace = path.as_ref().map(|p| {
            Arc::new(
                FsWorkspace::new(vec![p.clone()])
                    .collect_from(p.clone(), collectors)
                    .with_text(p.clone(), text.as_bytes().to_vec()),
            )
        });
        let setup = Arc::new(Setup {
            config,
            rules,
            path,
            workspace,
            contributions,
        });
        self.setups.insert(key.to_string(), setup.clone());
        Ok(setup)
    }

    /// The `pagelint.toml` that governs the document (walking up from its
    /// folder), or the defaults with the workspace folder's word file.
    fn config_for(&mut self, path: Option<&Path>) -> Result<Arc<Config>, String> {
        let dir = match path.and_then(Path::parent) {
            Some(d) => d.to_path_buf(),
            None => self
                .client
                .roots
                .first()
                .cloned()
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_default(),
        };
        if let Some(c) = self.configs.get(&dir) {
            return c.clone();
        }
        let made = match find_config(&dir) {
            Some(file) => Config::load(&file).map(Arc::new).map_err(|e| e.to_string()),
            None => {
                let root = self
                    .client
                    .roots
                    .iter()
                    .filter(|r| dir.starts_with(r))
                    .max_by_key(|r| r.as_os_str().len())
                    .cloned()
                    .unwrap_or_else(|| dir.clone());
                let mut c = Config {
                    root,
                    ..Config::default()
                };
                c.load_word_file()
                    .map(|()| Arc::new(c))
                    .map_err(|e| e.to_string())
            }
        };
        self.configs.insert(dir, made.clone());
        made
    }

    fn answer(&mut self, req: Request) {
        let response = match req.method.as_str() {
            "textDocument/codeAction" => {
                match serde_json::from_value::<CodeActionParams>(req.params) {
                    Ok(p) => Response::new_ok(req.id, self.code_actions(p)),
                    Err(e) => invalid(req.id, e),
                }
            }
            "textDocument/hover" => match serde_json::from_value::<HoverParams>(req.params) {
                Ok(p) => Response::new_ok(req.id, self.hover(p)),
                Err(e) => invalid(req.id, e),
            },
            other => Response::new_err(
                req.id,
                ErrorCode::MethodNotFound as i32,
                format!("unknown method `{other}`"),
            ),
        };
        let _ = self.out.send(Message::Response(response));
    }

    fn code_actions(&mut self, p: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let key = p.text_document.uri.as_str().to_string();
        let Some(linted) = self.latest(&key) else {
            return Vec::new();
        };
        let lines = Lines::new(&linted.text, self.client.encoding);
        let wanted = lines.byte_range(p.range);
        let only = p.context.only.as_deref();
        let wants = |kind: &str| {
            only.is_none_or(|o| {
                o.iter().any(|k| {
                    let k = k.as_str();
                    kind == k || kind.starts_with(&format!("{k}."))
                })
            })
        };
        let uri = p.text_document.uri;
        let edit = |edits: Vec<TextEdit>| self.workspace_edit(&uri, linted.version, edits);
        let mut actions = Vec::new();
        let here: Vec<&Diagnostic> = linted
            .diagnostics
            .iter()
            .filter(|d| d.range.start <= wanted.end && wanted.start <= d.range.end)
            .collect();
        if wants(CodeActionKind::QUICKFIX.as_str()) {
            for d in &here {
                let Some(fix) = d
                    .fix
                    .as_ref()
                    .filter(|f| f.applicability >= Applicability::Unsafe && !f.edits.is_empty())
                else {
                    continue;
                };
                let safe = fix.applicability == Applicability::Safe;
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| TextEdit {
                        range: lines.range(&e.range),
                        new_text: e.content.clone(),
                    })
                    .collect();
                actions.push(CodeAction {
                    title: format!(
                        "{}: {}{}",
                        d.rule.code,
                        fix.message,
                        if safe { "" } else { " (unsafe fix: review it)" }
                    ),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![to_lsp(d, &lines)]),
                    edit: Some(edit(edits)),
                    is_preferred: Some(safe),
                    ..CodeAction::default()
                });
            }
            let mut codes: Vec<(&str, usize)> = Vec::new();
            for d in &here {
                if !codes.iter().any(|(c, _)| *c == d.rule.code) {
                    codes.push((d.rule.code, d.range.start));
                }
            }
            for (code, at) in codes {
                let insert = disable_comment(&linted.text, at, code);
                actions.push(CodeAction {
                    title: format!("Disable {code} for this line"),
                    kind: Some(CodeActionKind::QUICKFIX),
                    edit: Some(edit(vec![TextEdit {
                        range: lines.range(&(insert.0..insert.0)),
                        new_text: insert.1,
                    }])),
                    ..CodeAction::default()
                });
            }
        }
        let any_safe = linted.diagnostics.iter().any(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        });
        if any_safe
            && wants(FIX_ALL_KIND)
            && let Some(fixed) = fix_all(&linted)
            && let Some((range, new_text)) = one_edit(&linted.text, &fixed)
        {
            actions.push(CodeAction {
                title: "pagelint: fix all safely fixable problems".to_string(),
                kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
                edit: Some(edit(vec![TextEdit {
                    range: lines.range(&range),
                    new_text,
                }])),
                ..CodeAction::default()
            });
        }
        actions
            .into_iter()
            .map(CodeActionOrCommand::CodeAction)
            .collect()
    }

    fn workspace_edit(
        &self,
        uri: &lsp_types::Uri,
        version: i32,
        edits: Vec<TextEdit>,
    ) -> WorkspaceEdit {
        if self.client.document_changes {
            WorkspaceEdit {
                document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier {
                        uri: uri.clone(),
                        version: Some(version),
                    },
                    edits: edits.into_iter().map(OneOf::Left).collect(),
                }])),
                ..WorkspaceEdit::default()
            }
        } else {
            WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), edits)])),
                ..WorkspaceEdit::default()
            }
        }
    }

    fn hover(&mut self, p: HoverParams) -> Option<Hover> {
        let key = p
            .text_document_position_params
            .text_document
            .uri
            .as_str()
            .to_string();
        let linted = self.latest(&key)?;
        let lines = Lines::new(&linted.text, self.client.encoding);
        let at = lines.offset(p.text_document_position_params.position);
        let here: Vec<&Diagnostic> = linted
            .diagnostics
            .iter()
            .filter(|d| d.range.start <= at && at <= d.range.end)
            .collect();
        let first = here.first()?;
        let mut value = String::new();
        for d in &here {
            if !value.is_empty() {
                value.push_str("\n\n---\n\n");
            }
            value.push_str(&format!(
                "**{}** `{}`: {}\n",
                d.rule.code, d.rule.name, d.message
            ));
            if let Some(help) = &d.help {
                value.push_str(&format!("\nhelp: {help}\n"));
            }
            value.push_str("\n---\n\n");
            value.push_str(d.rule.doc);
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(lines.range(&first.range)),
        })
    }
}

fn invalid(id: lsp_server::RequestId, e: serde_json::Error) -> Response {
    Response::new_err(
        id,
        ErrorCode::InvalidParams as i32,
        format!("invalid parameters: {e}"),
    )
}

fn severity_of(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

fn to_lsp(d: &Diagnostic, lines: &Lines<'_>) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    lsp_types::Diagnostic {
        range: lines.range(&d.range),
        severity: Some(severity_of(d.severity)),
        code: Some(NumberOrString::String(d.rule.code.to_string())),
        source: Some("pagelint".to_string()),
        message,
        ..lsp_types::Diagnostic::default()
    }
}

/// The text with every safe fix applied (the command line's `--fix`).
fn fix_all(linted: &Linted) -> Option<String> {
    let setup = linted.setup.as_ref()?;
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        process(
            linted.text.as_bytes(),
            setup.options(),
            Some(Applicability::Safe),
        )
    }));
    match run {
        Ok(Ok(r)) => Some(r.text),
        _ => None,
    }
}

/// One edit that turns `old` into `new`: the differing middle, between
/// their common start and end (on character boundaries). `None` if equal.
pub(super) fn one_edit(old: &str, new: &str) -> Option<(Range<usize>, String)> {
    if old == new {
        return None;
    }
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(start) && new.is_char_boundary(start)) {
        start -= 1;
    }
    let max_suffix = old.len().min(new.len()) - start;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(old.len() - suffix) && new.is_char_boundary(new.len() - suffix)) {
        suffix -= 1;
    }
    Some((
        start..old.len() - suffix,
        new[start..new.len() - suffix].to_string(),
    ))
}

/// The insertion that silences `code` on the line of offset `at`: the
/// code added to a `pagelint-disable-next-line` comment on the line above,
/// if there is one, else a new comment line above it, with the line's
/// indentation and block quote markers and the text's line ending.
fn disable_comment(text: &str, at: usize, code: &str) -> (usize, String) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let start = text[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    if let Some(pos) = directive_above(text, start) {
        return (pos, format!(" {code}"));
    }
    let rest = &text[start..];
    let prefix_len = rest
        .find(|c: char| !matches!(c, ' ' | '\t' | '>'))
        .unwrap_or(rest.len());
    let prefix = &rest[..prefix_len];
    let newline = if text.contains("\r\n") {
        "\r\n"
    } else if text.contains('\n') || !text.contains('\r') {
        "\n"
    } else {
        "\r"
    };
    (
        start,
        format!("{prefix}<!-- pagelint-disable-next-line {code} -->{newline}"),
    )
}

/// If the line before the one starting at `start` is a
/// `<!-- pagelint-disable-next-line RULES -->` comment naming some rules,
/// the offset just after its last rule.
fn directive_above(text: &str, start: usize) -> Option<usize> {
    let before = text[..start].strip_suffix('\n').unwrap_or(&text[..start]);
    let before = before.strip_suffix('\r').unwrap_or(before);
    if before.len() == start {
        return None; // the first line
    }
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = &before[line_start..];
    let body = line
        .trim_start_matches([' ', '\t', '>'])
        .trim_end()
        .strip_prefix("<!-- pagelint-disable-next-line ")?
        .strip_suffix("-->")?;
    if body.trim().is_empty() {
        return None; // every rule already
    }
    let close = line.rfind("-->")?;
    Some(line_start + line[..close].trim_end().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worker(docs: &super::super::Docs) -> (Worker, std::sync::mpsc::Receiver<Message>) {
        let (tx, rx) = std::sync::mpsc::channel();
        let client = ClientInfo {
            encoding: super::super::Encoding::Utf16,
            roots: Vec::new(),
            document_changes: false,
            watch_files: false,
        };
        (Worker::new(docs.clone(), tx, client), rx)
    }

    fn open(docs: &super::super::Docs, key: &str, version: i32, text: &str) {
        super::super::lock(docs).insert(
            key.to_string(),
            super::super::Doc {
                uri: key.parse().unwrap(),
                version,
                text: Arc::new(text.to_string()),
                linted: None,
            },
        );
    }

    #[test]
    fn findings_of_a_version_changed_meanwhile_are_dropped() {
        let docs = super::super::Docs::default();
        let key = "untitled:a";
        open(&docs, key, 1, "a   \n");
        let (mut w, published) = worker(&docs);
        let text = super::super::lock(&docs)[key].text.clone();
        let linted = Arc::new(w.lint(key, text, 1));
        assert!(linted.diagnostics.iter().any(|d| d.rule.code == "MD009"));
        // The user typed while the page was being linted.
        open(&docs, key, 2, "a\n");
        assert!(!w.keep(key, &linted));
        assert!(
            published.try_recv().is_err(),
            "stale findings were published"
        );
        assert!(super::super::lock(&docs)[key].linted.is_none());
        // The latest version is linted, kept and published.
        let latest = w.latest(key).unwrap();
        assert_eq!(latest.version, 2);
        assert!(latest.diagnostics.iter().all(|d| d.rule.code != "MD009"));
        let Message::Notification(n) = published.try_recv().unwrap() else {
            panic!("not a notification")
        };
        assert_eq!(n.params["version"], 2);
        // Kept: asked again, not linted again (the same findings).
        assert!(Arc::ptr_eq(&w.latest(key).unwrap(), &latest));
        assert!(published.try_recv().is_err());
        // A closed document's findings are dropped too.
        super::super::lock(&docs).remove(key);
        assert!(!w.keep(key, &latest));
    }

    #[test]
    fn one_edit_is_the_differing_middle() {
        assert_eq!(one_edit("abc", "abc"), None);
        assert_eq!(one_edit("a  \nb\n", "a\nb\n"), Some((1..3, String::new())));
        assert_eq!(one_edit("ab", "abc"), Some((2..2, "c".to_string())));
        assert_eq!(one_edit("aXa", "aa"), Some((1..2, String::new())));
        // Not inside a character: é (c3 a9) and è (c3 a8).
        assert_eq!(one_edit("xé", "xè"), Some((1..3, "è".to_string())));
        let (r, s) = one_edit("aaa", "aa").unwrap();
        let mut t = "aaa".to_string();
        t.replace_range(r, &s);
        assert_eq!(t, "aa");
    }

    #[test]
    fn disable_comment_keeps_indentation_and_quotes() {
        let text = "# T\n\n> quoted  \n";
        let at = text.find("quoted").unwrap();
        let (pos, line) = disable_comment(text, at, "MD009");
        assert_eq!(pos, 5);
        assert_eq!(line, "> <!-- pagelint-disable-next-line MD009 -->\n");
        let text = "a\r\n  b\r\n";
        let (pos, line) = disable_comment(text, 5, "X");
        assert_eq!(pos, 3);
        assert_eq!(line, "  <!-- pagelint-disable-next-line X -->\r\n");
        assert_eq!(disable_comment("", 9, "X").0, 0);
        assert_eq!(disable_comment("é", 1, "X").0, 0);
        // A comment above already: the code is added to it.
        let text = "a\n  <!-- pagelint-disable-next-line MD009 -->\n  b c\n";
        let (pos, add) = disable_comment(text, text.find('c').unwrap(), "LNK001");
        let mut t = text.to_string();
        t.insert_str(pos, &add);
        assert_eq!(
            t,
            "a\n  <!-- pagelint-disable-next-line MD009 LNK001 -->\n  b c\n"
        );
        // Not for a comment that names no rule, or any other comment.
        for above in ["<!-- pagelint-disable-next-line -->", "<!-- note -->"] {
            let text = format!("{above}\nb\n");
            let (pos, _) = disable_comment(&text, text.len() - 2, "X");
            assert_eq!(pos, above.len() + 1, "{above}");
        }
    }

    #[test]
    fn the_comment_silences_the_finding() {
        use crate::engine::lint;
        let text = "# Título\n\nHola   \nmundo\n";
        let rules = RuleSet::default();
        let settings = crate::settings::Settings::default();
        let opts = LintOptions {
            settings: &settings,
            rules: &rules,
            workspace: &NoWorkspace,
            path: None,
        };
        let before = lint(text, opts).diagnostics;
        let d = before.iter().find(|d| d.rule.code == "MD009").unwrap();
        let (pos, line) = disable_comment(text, d.range.start, "MD009");
        let mut fixed = text.to_string();
        fixed.insert_str(pos, &line);
        let after = lint(&fixed, opts).diagnostics;
        assert!(after.iter().all(|d| d.rule.code != "MD009"));
    }
}
