//! `pagelint server` driven over stdio as an editor drives it: framed
//! JSON-RPC on the binary's stdin and stdout (initialize, open, change,
//! code action, formatting, hover, shutdown, exit).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(60);

/// A language client: the server process, and every message it sent.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    from_server: Receiver<Value>,
    /// Messages received and not yet looked at.
    seen: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pagelint"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start pagelint server");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("the server sent JSON");
                assert_eq!(v["jsonrpc"], "2.0");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            from_server: rx,
            seen: Vec::new(),
            next_id: 0,
        }
    }

    fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(body).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, msg: Value) {
        self.send_raw(msg.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(&format!("the answer to {method}"), |m| {
            m["id"] == json!(id) && m.get("method").is_none()
        })
    }

    /// The first message (received or to come) that `pred` accepts.
    fn wait(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&pred) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from_server.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.seen.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within {TIMEOUT:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server ended before {what}"),
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait(&format!("diagnostics for version {version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// shutdown, exit: the process ends with status 0.
    fn shut_down(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "exit status {status}");
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn file_uri(p: &Path) -> String {
    let mut s = String::from("file://");
    for b in p.to_str().unwrap().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fn initialize(c: &mut Client, dir: &Path, encodings: &[&str]) -> Value {
    let r = c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": file_uri(dir),
            "capabilities": {
                "general": {"positionEncodings": encodings},
                "workspace": {
                    "workspaceEdit": {"documentChanges": true},
                    "didChangeWatchedFiles": {"dynamicRegistration": true}
                },
                "textDocument": {"publishDiagnostics": {"versionSupport": true}}
            }
        }),
    );
    c.notify("initialized", json!({}));
    r
}

/// A page with an emoji (two UTF-16 units, four bytes) before each finding.
const PAGE: &str =
    "# Título\n\nHola 🤗 mundo.   \n\nVer 🤗 [código](https://www.github.com/pagelint/pagelint).\n";

fn range(sl: u64, sc: u64, el: u64, ec: u64) -> Value {
    json!({"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}})
}

fn find<'a>(diags: &'a [Value], code: &str) -> Option<&'a Value> {
    diags.iter().find(|d| d["code"] == code)
}

#[test]
fn an_editor_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("página.md");
    std::fs::write(&path, PAGE).unwrap();
    let uri = file_uri(&path);
    let mut c = Client::start();

    let init = initialize(&mut c, dir.path(), &["utf-16"]);
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{init}");
    assert_eq!(init["result"]["serverInfo"]["name"], "pagelint");
    assert!(
        caps["codeActionProvider"]["codeActionKinds"]
            .as_array()
            .unwrap()
            .contains(&json!("source.fixAll.pagelint"))
    );
    // The server asks to watch the configuration files.
    let reg = c.wait("client/registerCapability", |m| {
        m["method"] == "client/registerCapability"
    });
    let globs = reg["params"]["registrations"][0]["registerOptions"]["watchers"].to_string();
    assert!(globs.contains("pagelint.toml"), "{globs}");
    c.send(json!({"jsonrpc": "2.0", "id": reg["id"], "result": null}));

    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": PAGE}}),
    );
    let diags = c.diagnostics(&uri, 1);
    // Line 3 (0-based 2): "Hola 🤗 mundo." is 14 UTF-16 units; the three
    // trailing spaces follow.
    let md009 = find(&diags, "MD009").expect("MD009");
    assert_eq!(md009["range"], range(2, 14, 2, 17), "{md009}");
    assert_eq!(md009["source"], "pagelint");
    // Line 5 (0-based 4): the host after "Ver 🤗 [código](https://".
    let lnk001 = find(&diags, "LNK001").expect("LNK001");
    assert_eq!(lnk001["range"], range(4, 24, 4, 38), "{lnk001}");
    assert!(
        lnk001["message"]
            .as_str()
            .unwrap()
            .contains("www.github.com")
    );

    // Code actions on the link: its quick fix, "disable for this line",
    // and "fix all".
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range(4, 30, 4, 30),
               "context": {"diagnostics": [lnk001]}}),
    );
    let actions = r["result"].as_array().expect("a list of actions").clone();
    let quick = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["title"].as_str().unwrap().starts_with("LNK001"))
        .unwrap_or_else(|| panic!("no LNK001 quick fix in {actions:?}"));
    let edit = &quick["edit"]["documentChanges"][0];
    assert_eq!(edit["textDocument"]["uri"], uri);
    assert_eq!(edit["textDocument"]["version"], 1);
    assert_eq!(edit["edits"][0]["range"], range(4, 24, 4, 38));
    assert_eq!(edit["edits"][0]["newText"], "github.com");
    assert_eq!(quick["isPreferred"], true);
    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable LNK001 for this line")
        .expect("a disable action");
    let edit = &disable["edit"]["documentChanges"][0]["edits"][0];
    assert_eq!(edit["range"], range(4, 0, 4, 0));
    assert_eq!(
        edit["newText"],
        "<!-- pagelint-disable-next-line LNK001 -->\n"
    );
    assert!(
        !actions
            .iter()
            .any(|a| a["title"].as_str().unwrap().starts_with("MD009")),
        "a quick fix for a finding outside the range: {actions:?}"
    );
    let all = actions
        .iter()
        .find(|a| a["kind"] == "source.fixAll.pagelint")
        .expect("fix all");
    // Both fixes in one edit, from the first change to the last.
    let edit = &all["edit"]["documentChanges"][0]["edits"][0];
    assert_eq!(edit["range"]["start"], json!({"line": 2, "character": 14}));
    assert_eq!(edit["range"]["end"], json!({"line": 4, "character": 28}));
    assert_eq!(edit["newText"], "\n\nVer 🤗 [código](https://");
    // Only "fix all" when only that kind is asked for.
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range(0, 0, 0, 0),
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let kinds: Vec<&Value> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["kind"])
        .collect();
    assert_eq!(kinds, vec!["source.fixAll.pagelint"]);

    // Hover on the link's host names the rule and shows its page.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 30}}),
    );
    let hover = r["result"]["contents"]["value"]
        .as_str()
        .expect("a hover")
        .to_string();
    assert!(
        hover.contains("LNK001") && hover.contains("non-canonical-host"),
        "{hover}"
    );
    assert_eq!(r["result"]["range"], range(4, 24, 4, 38));
    // Nothing to say where there is no finding.
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["result"], Value::Null);

    // Formatting: what `pagelint fmt` makes of the page, as one edit (the
    // trailing spaces of line 3, in UTF-16 units after the emoji).
    let r = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(
        r["result"],
        json!([{"range": range(2, 14, 2, 17), "newText": ""}]),
        "{r}"
    );
    // A range is not formatted alone.
    let r = c.request(
        "textDocument/rangeFormatting",
        json!({"textDocument": {"uri": uri}, "range": range(0, 0, 1, 0),
               "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(r["result"], json!([]));

    // The user removes the trailing spaces: fresh diagnostics for version 2.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": range(2, 14, 2, 17), "text": ""}]}),
    );
    let diags = c.diagnostics(&uri, 2);
    assert!(find(&diags, "MD009").is_none(), "{diags:?}");
    assert_eq!(
        find(&diags, "LNK001").expect("LNK001")["range"],
        range(4, 24, 4, 38)
    );

    // Typing fast: only the latest version's findings are published.
    // Each types at the end of the title "# Título" (8 UTF-16 units).
    for (v, col, t) in [(3, 8, "x"), (4, 9, "y"), (5, 10, "z   ")] {
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v},
                   "contentChanges": [{"range": range(0, col, 0, col), "text": t}]}),
        );
    }
    let diags = c.diagnostics(&uri, 5);
    // "# Títuloxyz   ": trailing spaces at UTF-16 column 11.
    let md009 = find(&diags, "MD009").unwrap_or_else(|| panic!("no MD009 in {diags:?}"));
    assert_eq!(md009["range"]["start"], json!({"line": 0, "character": 11}));

    // A configuration written and reported changed: linted again with it.
    std::fs::write(dir.path().join("pagelint.toml"), "ignore = [\"MD009\"]\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.path().join("pagelint.toml")), "type": 1}]}),
    );
    let diags = c.diagnostics(&uri, 5);
    assert!(find(&diags, "MD009").is_none(), "{diags:?}");
    assert!(find(&diags, "LNK001").is_some(), "{diags:?}");

    // Closing clears the document's diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let m = c.wait("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["diagnostics"] == json!([])
    });
    assert_eq!(m["params"]["uri"], uri);

    c.shut_down();
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("a.md"));
    let mut c = Client::start();
    let init = initialize(&mut c, dir.path(), &["utf-8", "utf-16"]);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 7, "text": PAGE}}),
    );
    let diags = c.diagnostics(&uri, 7);
    // In bytes: "Hola 🤗 mundo." is 16 bytes; "Ver 🤗 [código](https://" 27.
    assert_eq!(find(&diags, "MD009").unwrap()["range"], range(2, 16, 2, 19));
    assert_eq!(
        find(&diags, "LNK001").unwrap()["range"],
        range(4, 27, 4, 41)
    );
    c.shut_down();
}

#[test]
fn bad_input_gets_an_answer_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("b.md"));
    let mut c = Client::start();
    // Before initialize: an error, not a crash.
    let r = c.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002);
    initialize(&mut c, dir.path(), &[]);
    // Not JSON, not JSON-RPC, a header without a length.
    c.send_raw(b"{this is not json");
    c.send_raw(b"[1, 2, 3]");
    c.stdin
        .as_mut()
        .unwrap()
        .write_all(b"X-Nothing: 1\r\n\r\n")
        .unwrap();
    // Unknown methods; wrong parameters; a document never opened.
    let r = c.request("pagelint/unknown", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    c.notify("pagelint/unknownNotification", json!({"x": 1}));
    let r = c.request("textDocument/codeAction", json!({"textDocument": 5}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["result"], Value::Null);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri}}),
    );
    // Positions far outside the text, a NUL byte, an untitled document.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": "a  \n"}}),
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": range(99, 99, 3, 0), "text": "b\u{0}"}]}),
    );
    let diags = c.diagnostics(&uri, 2);
    assert!(
        diags[0]["message"].as_str().unwrap().contains("binary"),
        "{diags:?}"
    );
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range(4_000_000_000u64, 5, 0, 0),
               "context": {"diagnostics": []}}),
    );
    assert!(r["result"].is_array(), "{r}");
    let untitled = "untitled:Untitled-1";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": untitled, "languageId": "markdown", "version": 1, "text": "x   \n"}}),
    );
    let diags = c.diagnostics(untitled, 1);
    assert!(find(&diags, "MD009").is_some(), "{diags:?}");
    c.shut_down();
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let mut c = Client::start();
    c.notify("exit", Value::Null);
    drop(c.stdin.take());
    let status = c.child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn typing_is_not_blocked_by_a_slow_lint_and_stale_findings_are_dropped() {
    // A long page: linting it takes a while (seconds in a debug build).
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/examples/course-page.md"
    ))
    .unwrap()
    .repeat(60);
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("long.md"));
    let mut c = Client::start();
    initialize(&mut c, dir.path(), &["utf-16"]);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": page}}),
    );
    // While version 1 is being linted, the user types.
    std::thread::sleep(Duration::from_millis(200));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": range(0, 0, 0, 0), "text": "x   \n\n"}]}),
    );
    // The server still answers at once (a request the protocol thread
    // answers itself does not wait for the linter)…
    let r = c.request(
        "textDocument/rangeFormatting",
        json!({"textDocument": {"uri": uri}, "range": range(0, 0, 1, 0),
               "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(r["result"], json!([]));
    assert!(
        !c.seen
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "the answer waited for the linter"
    );
    // …and the findings published are those of the latest text only.
    let diags = c.diagnostics(&uri, 2);
    let first = find(&diags, "MD009").expect("MD009 on the typed line");
    assert_eq!(first["range"]["start"], json!({"line": 0, "character": 1}));
    assert!(
        !c.seen.iter().any(
            |m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 1
        ),
        "findings for version 1 were published after version 2 arrived"
    );
    c.shut_down();
}

#[test]
fn the_same_findings_as_the_command_line() {
    // The example page (mojibake, typos, links, Markdown slips) in a folder
    // of its own: the server's findings are the command line's, at the
    // same places (the command line counts columns in characters, the
    // server in UTF-16 units).
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/examples/course-page.md"
    ))
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("course-page.md");
    std::fs::write(&path, &text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pagelint"))
        .args(["--no-cache", "--output-format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let cli: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    let utf16 = |line: u64, column: u64| -> u64 {
        lines[line as usize - 1]
            .chars()
            .take(column as usize - 1)
            .map(|c| c.len_utf16() as u64)
            .sum()
    };
    let mut want: Vec<(String, Value)> = cli
        .iter()
        .map(|d| {
            let (l, c) = (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap());
            let (el, ec) = (
                d["end_line"].as_u64().unwrap(),
                d["end_column"].as_u64().unwrap(),
            );
            (
                d["code"].as_str().unwrap().to_string(),
                range(l - 1, utf16(l, c), el - 1, utf16(el, ec)),
            )
        })
        .collect();
    assert!(want.len() > 20, "{want:?}");

    let uri = file_uri(&path);
    let mut c = Client::start();
    initialize(&mut c, dir.path(), &["utf-16"]);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let mut got: Vec<(String, Value)> = c
        .diagnostics(&uri, 1)
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["range"].clone()))
        .collect();
    let key = |p: &(String, Value)| format!("{}{}", p.1, p.0);
    want.sort_by_key(key);
    got.sort_by_key(key);
    assert_eq!(got, want);
    c.shut_down();
}

#[test]
fn the_workspace_folder_gives_the_word_file_of_a_page_without_configuration() {
    // No pagelint.toml: as the command line takes the project word file of
    // the folder it runs in, the server takes that of the workspace folder.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join(".pagelint-words.txt"), "lenguage\n").unwrap();
    let text = "# Guía de Lenguage natural\n\nTexto.\n";
    let path = dir.path().join("sub").join("a.md");
    std::fs::write(&path, text).unwrap();
    let uri = file_uri(&path);
    let mut c = Client::start();
    let init = initialize(&mut c, &dir.path().join("sub"), &[]);
    assert_eq!(
        init["result"]["capabilities"]["workspace"]["workspaceFolders"]["changeNotifications"],
        true
    );
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let diags = c.diagnostics(&uri, 1);
    assert!(find(&diags, "TYP001").is_some(), "{diags:?}");
    c.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {
            "added": [{"uri": file_uri(dir.path()), "name": "all"}],
            "removed": [{"uri": file_uri(&dir.path().join("sub")), "name": "sub"}]
        }}),
    );
    let diags = c.diagnostics(&uri, 1);
    assert!(find(&diags, "TYP001").is_none(), "{diags:?}");
    c.shut_down();
}
