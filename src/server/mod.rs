//! `pagelint server`: a Language Server Protocol server on stdin/stdout
//! (SPEC §8), built on `lsp-server`'s message types and `lsp-types`.
//!
//! Three threads besides this one: a reader (stdin → messages), a writer
//! (messages → stdout) and the linting worker ([`worker`]). This thread
//! keeps the open documents' text and version up to date and never lints:
//! typing is never blocked by a slow rule. The worker lints a document
//! after a short pause in its changes (debounce), always on the latest
//! text, and drops results whose version is no longer the latest; code
//! actions and hovers are answered by the worker from a result for the
//! latest text. Formatting runs on a thread of its own ([`formatting`]).
//!
//! What the command line does for one file, the server does for one open
//! document: the same `pagelint.toml` (found by walking up from the
//! document's path), the same rules and the same workspace facts
//! (repository, file index, HTTPS hosts). The result cache is not used: an
//! editor's text is not the file on disk.

mod formatting;
mod position;
mod transport;
mod uri;
mod worker;

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    HoverProviderCapability, InitializeResult, MessageType, OneOf, PositionEncodingKind,
    PublishDiagnosticsParams, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};

pub use position::Encoding;
use transport::Incoming;
use worker::Task;

/// The code action kind of "fix all".
pub const FIX_ALL_KIND: &str = "source.fixAll.pagelint";

/// How long the worker waits after a change for more changes before it
/// lints, and the longest it waits while changes keep coming.
const DEBOUNCE: Duration = Duration::from_millis(120);
const MAX_WAIT: Duration = Duration::from_millis(600);

/// An open document as the client last sent it.
pub(crate) struct Doc {
    pub uri: lsp_types::Uri,
    pub version: i32,
    pub text: Arc<String>,
    /// The findings for `text` (the latest version), once linted.
    pub linted: Option<Arc<worker::Linted>>,
}

pub(crate) type Docs = Arc<Mutex<HashMap<String, Doc>>>;

pub(crate) fn lock(docs: &Docs) -> std::sync::MutexGuard<'_, HashMap<String, Doc>> {
    docs.lock().unwrap_or_else(|e| e.into_inner())
}

/// What the client told us in `initialize`.
#[derive(Clone)]
pub(crate) struct ClientInfo {
    pub encoding: Encoding,
    /// Workspace folders (for documents without a `pagelint.toml`).
    pub roots: Vec<std::path::PathBuf>,
    /// Does the client accept versioned `documentChanges` in edits?
    pub document_changes: bool,
    /// Can the client watch files for us (dynamic registration)?
    pub watch_files: bool,
}

/// Run the server until the client says `exit`. Exit status 0 after a
/// `shutdown` request, 1 otherwise (as the protocol says).
pub fn run() -> Result<u8, String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        // Someone typed it: say what this is (the protocol is on stdout,
        // so the hint goes to stderr).
        eprintln!(
            "pagelint server: a language server (LSP) on stdin/stdout, for editors \
             (see docs/editors.md); waiting for a client. To check a folder named \
             `server`, write `pagelint ./server`."
        );
    }
    let (in_tx, in_rx) = mpsc::channel::<Incoming>();
    let (out_tx, out_rx) = mpsc::channel::<Message>();
    std::thread::Builder::new()
        .name("lsp-reader".into())
        .spawn(move || transport::read_loop(std::io::stdin().lock(), in_tx))
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let writer = std::thread::Builder::new()
        .name("lsp-writer".into())
        .spawn(move || transport::write_loop(std::io::stdout().lock(), out_rx))
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let code = serve(in_rx, out_tx);
    let _ = writer.join();
    Ok(code)
}

/// The message loop, over channels (the transport is set up by [`run`]).
fn serve(incoming: Receiver<Incoming>, out: Sender<Message>) -> u8 {
    let mut server = Server {
        out: out.clone(),
        docs: Arc::default(),
        state: State::Uninitialized,
        worker: None,
        client: None,
        next_id: 0,
    };
    let mut code = 1;
    for msg in incoming {
        let msg = match msg {
            Incoming::Message(m) => m,
            Incoming::Bad(why) => {
                eprintln!("pagelint server: {why}");
                server.send(transport::log(
                    MessageType::ERROR,
                    format!("pagelint: {why}"),
                ));
                continue;
            }
        };
        match msg {
            Message::Request(req) => server.request(req),
            Message::Notification(n) if n.method == "exit" => {
                if server.state == State::ShuttingDown {
                    code = 0;
                }
                break;
            }
            Message::Notification(n) => server.notification(n),
            // Answers to our own requests (registerCapability): nothing to do.
            Message::Response(_) => {}
        }
    }
    // Let the worker finish what it is doing (briefly), then stop.
    if let Some((tx, done)) = server.worker.take() {
        drop(tx);
        let _ = done.recv_timeout(Duration::from_secs(2));
    }
    drop(server);
    drop(out);
    code
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShuttingDown,
}

struct Server {
    out: Sender<Message>,
    docs: Docs,
    state: State,
    /// The worker's task queue, and a channel that closes when it ends.
    worker: Option<(Sender<Task>, Receiver<()>)>,
    client: Option<ClientInfo>,
    next_id: i32,
}

impl Server {
    fn send(&self, m: impl Into<Message>) {
        let _ = self.out.send(m.into());
    }

    fn task(&self, t: Task) {
        if let Some((tx, _)) = &self.worker {
            let _ = tx.send(t);
        }
    }

    fn error(&self, id: RequestId, code: ErrorCode, message: impl Into<String>) {
        self.send(Response::new_err(id, code as i32, message.into()));
    }

    fn request(&mut self, req: Request) {
        match (self.state, req.method.as_str()) {
            (State::Uninitialized, "initialize") => self.initialize(req),
            (State::Uninitialized, _) => self.error(
                req.id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized",
            ),
            (_, "initialize") => {
                self.error(req.id, ErrorCode::InvalidRequest, "initialized already")
            }
            (State::ShuttingDown, _) => self.error(
                req.id,
                ErrorCode::InvalidRequest,
                "the server is shutting down",
            ),
            (State::Running, "shutdown") => {
                self.state = State::ShuttingDown;
                self.send(Response::new_ok(req.id, ()));
            }
            (State::Running, "textDocument/formatting") => self.format(req),
            (State::Running, "textDocument/rangeFormatting") => {
                // Not offered: a page is formatted whole (its style is the
                // page's), so a range gets no edits.
                self.send(Response::new_ok(req.id, Vec::<lsp_types::TextEdit>::new()));
            }
            (State::Running, "textDocument/codeAction" | "textDocument/hover") => {
                self.task(Task::Request(req));
            }
            (State::Running, _) => self.error(
                req.id,
                ErrorCode::MethodNotFound,
                format!("unknown method `{}`", req.method),
            ),
        }
    }

    /// `textDocument/formatting` on a thread of its own, on the text as it
    /// is now: `pagelint fmt`'s result as one edit.
    fn format(&mut self, req: Request) {
        let params: lsp_types::DocumentFormattingParams =
            match serde_json::from_value(req.params.clone()) {
                Ok(p) => p,
                Err(e) => {
                    return self.error(
                        req.id,
                        ErrorCode::InvalidParams,
                        format!("invalid parameters: {e}"),
                    );
                }
            };
        let key = params.text_document.uri.as_str().to_string();
        let Some(text) = lock(&self.docs).get(&key).map(|d| d.text.clone()) else {
            return self.send(Response::new_ok(req.id, Vec::<lsp_types::TextEdit>::new()));
        };
        let client = self.client.clone();
        let out = self.out.clone();
        std::thread::spawn(move || {
            let (encoding, roots) = client
                .map(|c| (c.encoding, c.roots))
                .unwrap_or((Encoding::Utf16, Vec::new()));
            let path = uri::to_path(&key).filter(|p| p.is_absolute());
            let message = match formatting::edits(&text, path.as_deref(), &roots, encoding) {
                Ok(edits) => Response::new_ok(req.id, edits),
                Err(why) => {
                    let _ = out.send(transport::log(
                        MessageType::ERROR,
                        format!("pagelint: {why}"),
                    ));
                    Response::new_err(req.id, ErrorCode::RequestFailed as i32, why)
                }
            };
            let _ = out.send(message.into());
        });
    }

    fn initialize(&mut self, req: Request) {
        let client = client_info(&req.params);
        let encoding = match client.encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        };
        let capabilities = ServerCapabilities {
            position_encoding: Some(encoding),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::new(FIX_ALL_KIND),
                ]),
                ..CodeActionOptions::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            document_formatting_provider: Some(OneOf::Left(true)),
            workspace: Some(lsp_types::WorkspaceServerCapabilities {
                workspace_folders: Some(lsp_types::WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..ServerCapabilities::default()
        };
        let result = InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "pagelint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        };
        self.send(Response::new_ok(req.id, result));
        let (tx, rx) = mpsc::channel();
        let (done_tx, done_rx) = mpsc::channel::<()>();
        let w = worker::Worker::new(self.docs.clone(), self.out.clone(), client.clone());
        let spawned = std::thread::Builder::new()
            .name("lsp-lint".into())
            .spawn(move || {
                w.run(rx, DEBOUNCE, MAX_WAIT);
                drop(done_tx);
            });
        if spawned.is_ok() {
            self.worker = Some((tx, done_rx));
        }
        self.client = Some(client);
        self.state = State::Running;
    }

    fn notification(&mut self, n: Notification) {
        if self.state != State::Running {
            return;
        }
        match n.method.as_str() {
            "initialized" => self.watch_config_files(),
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    let key = p.text_document.uri.as_str().to_string();
                    lock(&self.docs).insert(
                        key.clone(),
                        Doc {
                            uri: p.text_document.uri,
                            version: p.text_document.version,
                            text: Arc::new(p.text_document.text),
                            linted: None,
                        },
                    );
                    self.task(Task::Lint(key));
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    let key = p.text_document.uri.as_str().to_string();
                    let encoding = self.encoding();
                    let mut docs = lock(&self.docs);
                    if let Some(doc) = docs.get_mut(&key) {
                        let text = Arc::make_mut(&mut doc.text);
                        for change in p.content_changes {
                            apply_change(text, change, encoding);
                        }
                        doc.version = p.text_document.version;
                        doc.linted = None;
                        drop(docs);
                        self.task(Task::Lint(key));
                    }
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    let key = p.text_document.uri.as_str().to_string();
                    lock(&self.docs).remove(&key);
                    self.task(Task::Closed(key));
                    self.send(Notification::new(
                        "textDocument/publishDiagnostics".to_string(),
                        PublishDiagnosticsParams {
                            uri: p.text_document.uri,
                            diagnostics: Vec::new(),
                            version: None,
                        },
                    ));
                }
            }
            "textDocument/didSave" => {
                // Other files may have changed with it (links, anchors):
                // the document's workspace facts are gathered again.
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) {
                    self.task(Task::Saved(p.text_document.uri.as_str().to_string()));
                }
            }
            "workspace/didChangeWatchedFiles" => self.task(Task::Reload),
            "workspace/didChangeWorkspaceFolders" => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeWorkspaceFoldersParams>(n.params)
                {
                    let paths = |f: Vec<lsp_types::WorkspaceFolder>| {
                        f.iter()
                            .filter_map(|f| uri::to_path(f.uri.as_str()))
                            .collect::<Vec<_>>()
                    };
                    self.task(Task::Folders {
                        added: paths(p.event.added),
                        removed: paths(p.event.removed),
                    });
                }
            }
            _ => {}
        }
    }

    fn encoding(&self) -> Encoding {
        self.client.as_ref().map_or(Encoding::Utf16, |c| c.encoding)
    }

    /// Ask the client to tell us when a configuration file changes.
    fn watch_config_files(&mut self) {
        if !self.client.as_ref().is_some_and(|c| c.watch_files) {
            return;
        }
        let watchers: Vec<_> = worker::CONFIG_GLOBS
            .iter()
            .map(|g| lsp_types::FileSystemWatcher {
                glob_pattern: lsp_types::GlobPattern::String(g.to_string()),
                kind: None,
            })
            .collect();
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "pagelint-config-files".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_id += 1;
        self.send(Request::new(
            RequestId::from(format!("pagelint-{}", self.next_id)),
            "client/registerCapability".to_string(),
            params,
        ));
    }
}

/// Apply one `didChange` event: a range replaced, or the whole text.
fn apply_change(
    text: &mut String,
    change: lsp_types::TextDocumentContentChangeEvent,
    enc: Encoding,
) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let r = position::Lines::new(text, enc).byte_range(range);
            text.replace_range(r, &change.text);
        }
    }
}

/// The parts of `initialize`'s parameters the server uses, read leniently
/// (a client's odd capability must not stop the server).
fn client_info(params: &serde_json::Value) -> ClientInfo {
    let encodings = params
        .pointer("/capabilities/general/positionEncodings")
        .and_then(|v| v.as_array());
    let utf8 = encodings.is_some_and(|a| a.iter().any(|e| e.as_str() == Some("utf-8")));
    let mut roots: Vec<std::path::PathBuf> = params
        .get("workspaceFolders")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|f| f.get("uri")?.as_str())
        .filter_map(uri::to_path)
        .collect();
    if roots.is_empty()
        && let Some(root) = params
            .get("rootUri")
            .and_then(|v| v.as_str())
            .and_then(uri::to_path)
    {
        roots.push(root);
    }
    let flag = |pointer: &str| {
        params
            .pointer(pointer)
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    };
    ClientInfo {
        encoding: if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        },
        roots,
        document_changes: flag("/capabilities/workspace/workspaceEdit/documentChanges"),
        watch_files: flag("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_only_when_the_client_offers_it() {
        let p = serde_json::json!({"capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}}});
        assert_eq!(client_info(&p).encoding, Encoding::Utf8);
        let p = serde_json::json!({"capabilities": {"general": {"positionEncodings": ["utf-16"]}}});
        assert_eq!(client_info(&p).encoding, Encoding::Utf16);
        let p = serde_json::json!({"capabilities": 3, "rootUri": 5});
        assert_eq!(client_info(&p).encoding, Encoding::Utf16);
        assert_eq!(
            client_info(&serde_json::Value::Null).encoding,
            Encoding::Utf16
        );
    }

    #[test]
    fn incremental_changes_in_utf16() {
        let mut text = "a 🤗 b\nc\n".to_string();
        let change = |sl, sc, el, ec, t: &str| lsp_types::TextDocumentContentChangeEvent {
            range: Some(lsp_types::Range {
                start: lsp_types::Position::new(sl, sc),
                end: lsp_types::Position::new(el, ec),
            }),
            range_length: None,
            text: t.to_string(),
        };
        // Replace "b" (after the two-unit emoji: column 5).
        apply_change(&mut text, change(0, 5, 0, 6, "x"), Encoding::Utf16);
        assert_eq!(text, "a 🤗 x\nc\n");
        // Out of range: clamped to the end.
        apply_change(&mut text, change(9, 0, 9, 9, "!"), Encoding::Utf16);
        assert_eq!(text, "a 🤗 x\nc\n!");
        // Reversed range.
        apply_change(&mut text, change(1, 1, 1, 0, ""), Encoding::Utf16);
        assert_eq!(text, "a 🤗 x\n\n!");
    }
}
