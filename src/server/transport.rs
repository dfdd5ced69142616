//! JSON-RPC over stdin/stdout with `Content-Length` framing, as the
//! protocol's base layer says. `lsp-server` has the same transport; this
//! one survives bad input: a frame that is not a JSON-RPC message is
//! reported and skipped, a header block without a usable `Content-Length`
//! is skipped, and a frame larger than [`MAX_FRAME`] is read past without
//! being kept. Only the end of stdin (or an I/O error) ends the reader.

use std::io::{BufRead, Read, Write};
use std::sync::mpsc::{Receiver, Sender};

use lsp_server::{Message, Notification};

/// The largest frame kept: a document at the command line's size limit,
/// sent as JSON (escapes can double it), with room to spare.
pub const MAX_FRAME: usize = 160 * 1024 * 1024;

/// What the reader hands the server.
pub enum Incoming {
    Message(Message),
    /// A frame that could not be used, and why.
    Bad(String),
}

/// Read frames from `input` until it ends, sending each to `to`.
pub fn read_loop(mut input: impl BufRead, to: Sender<Incoming>) {
    loop {
        let frame = match read_frame(&mut input) {
            Ok(Some(f)) => f,
            Ok(None) => return,
            Err(e) => {
                let _ = to.send(Incoming::Bad(format!("cannot read stdin: {e}")));
                return;
            }
        };
        let incoming = match frame {
            Frame::Body(body) => match serde_json::from_slice::<Message>(&body) {
                Ok(m) => Incoming::Message(m),
                Err(e) => Incoming::Bad(format!("not a JSON-RPC message ({e}); ignored")),
            },
            Frame::Skipped(why) => Incoming::Bad(why),
        };
        let exit =
            matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
        if to.send(incoming).is_err() || exit {
            return;
        }
    }
}

enum Frame {
    Body(Vec<u8>),
    Skipped(String),
}

/// One frame: `Ok(None)` at the end of the input.
fn read_frame(input: &mut impl BufRead) -> std::io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut any_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        // A header line is short; a line without an end is not read whole.
        let n = input.by_ref().take(4096).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if any_header {
                break;
            }
            continue; // blank lines between frames
        }
        any_header = true;
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("bad Content-Length `{}`", value.trim())),
            );
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(why)) => return Ok(Some(Frame::Skipped(format!("{why}; frame ignored")))),
        None => {
            return Ok(Some(Frame::Skipped(
                "a header without Content-Length; ignored".to_string(),
            )));
        }
    };
    if length > MAX_FRAME {
        std::io::copy(
            &mut input.by_ref().take(length as u64),
            &mut std::io::sink(),
        )?;
        return Ok(Some(Frame::Skipped(format!(
            "a message of {length} bytes (the limit is {MAX_FRAME}); ignored"
        ))));
    }
    let mut body = Vec::with_capacity(length.min(1 << 20));
    input.by_ref().take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Ok(None); // the input ended inside the frame
    }
    Ok(Some(Frame::Body(body)))
}

/// Write each message to `output` as a frame, flushing after each.
pub fn write_loop(mut output: impl Write, from: Receiver<Message>) {
    for message in from {
        let Ok(text) = serde_json::to_string(&Framed {
            jsonrpc: "2.0",
            msg: &message,
        }) else {
            continue;
        };
        let written = write!(output, "Content-Length: {}\r\n\r\n", text.len())
            .and_then(|()| output.write_all(text.as_bytes()))
            .and_then(|()| output.flush());
        if written.is_err() {
            return;
        }
    }
}

#[derive(serde::Serialize)]
struct Framed<'a> {
    jsonrpc: &'static str,
    #[serde(flatten)]
    msg: &'a Message,
}

/// A `window/logMessage` notification.
pub fn log(kind: lsp_types::MessageType, message: impl Into<String>) -> Message {
    Message::Notification(Notification::new(
        "window/logMessage".to_string(),
        lsp_types::LogMessageParams {
            typ: kind,
            message: message.into(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Result<String, String>> {
        let (tx, rx) = std::sync::mpsc::channel();
        read_loop(std::io::Cursor::new(input.to_vec()), tx);
        rx.into_iter()
            .map(|i| match i {
                Incoming::Message(Message::Notification(n)) => Ok(n.method),
                Incoming::Message(Message::Request(r)) => Ok(r.method),
                Incoming::Message(Message::Response(_)) => Ok("response".to_string()),
                Incoming::Bad(why) => Err(why),
            })
            .collect()
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn good_frames_and_bad_ones_in_one_stream() {
        let mut input = String::new();
        input.push_str(&frame(r#"{"jsonrpc":"2.0","method":"a"}"#));
        input.push_str(&frame("{not json"));
        input.push_str(&frame(
            r#"{"jsonrpc":"2.0","id":1,"method":"b","params":{}}"#,
        ));
        input.push_str("Content-Length: many\r\n\r\n");
        input.push_str("X-Other: 1\r\n\r\n");
        input.push_str(&frame(r#"[1,2]"#));
        // Lower-case header name, LF-only lines.
        input.push_str("content-length: 30\n\n{\"jsonrpc\":\"2.0\",\"method\":\"c\"}");
        let got = frames(input.as_bytes());
        assert_eq!(got.len(), 7, "{got:?}");
        assert_eq!(got[0], Ok("a".to_string()));
        assert!(got[1].is_err());
        assert_eq!(got[2], Ok("b".to_string()));
        assert!(got[3].as_ref().unwrap_err().contains("Content-Length"));
        assert!(got[4].is_err());
        assert!(got[5].is_err());
        assert_eq!(got[6], Ok("c".to_string()));
    }

    #[test]
    fn a_huge_length_is_not_allocated_and_a_cut_frame_ends_the_input() {
        let got = frames(b"Content-Length: 99999999999999999\r\n\r\n{}");
        assert_eq!(got.len(), 1);
        assert!(got[0].as_ref().unwrap_err().contains("limit"));
        let got = frames(b"Content-Length: 100\r\n\r\n{}");
        assert!(got.is_empty(), "{got:?}");
        let got = frames(b"");
        assert!(got.is_empty());
    }

    #[test]
    fn reading_stops_after_exit() {
        let mut input = frame(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        input.push_str(&frame(r#"{"jsonrpc":"2.0","method":"after"}"#));
        assert_eq!(frames(input.as_bytes()), vec![Ok("exit".to_string())]);
    }
}
