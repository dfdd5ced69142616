//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice`
//! per finding, escaped as the runner expects.

use std::fmt::Write;

use super::{Record, escape};

/// Line breaks are encoded by the format (`%0A`, `%0D`); every other
/// control character is escaped visibly.
const LINE_BREAKS: &[char] = &['\n', '\r', '\t'];

/// Escape a message (the data after `::`).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file=`, `title=`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command per finding; the help after the message, on a
/// line of its own. Text from the page has its control characters
/// escaped (a workflow log is shown by a terminal emulator too).
pub fn render_github(records: &[Record], out: &mut String) {
    for r in records {
        let mut message = format!("{} {}", r.code, r.message);
        if let Some(help) = &r.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let level = match r.severity {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&escape::except(&r.path, LINE_BREAKS)),
            r.line,
            r.column,
            r.end_line,
            r.end_column,
            escape_property(&format!("{} {}", r.code, r.name)),
            escape_data(&escape::except(&message, LINE_BREAKS)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }

    /// The runner's side (actions/runner `ActionCommand.TryParse`): the
    /// command name up to a space or `::`, properties split at `,` and at
    /// the first `=`, then unescaped; the message is the rest after the
    /// first `::` that follows the properties.
    fn parse(line: &str) -> (String, Vec<(String, String)>, String) {
        fn unescape_property(s: &str) -> String {
            s.replace("%0D", "\r")
                .replace("%0A", "\n")
                .replace("%3A", ":")
                .replace("%2C", ",")
                .replace("%25", "%")
        }
        fn unescape_data(s: &str) -> String {
            s.replace("%0D", "\r")
                .replace("%0A", "\n")
                .replace("%25", "%")
        }
        let rest = line.strip_prefix("::").expect("starts with ::");
        let end = rest.find("::").expect("a second ::");
        let (head, message) = (&rest[..end], &rest[end + 2..]);
        let (cmd, props) = head.split_once(' ').unwrap_or((head, ""));
        let props = props
            .split(',')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').expect("key=value");
                (k.to_string(), unescape_property(v))
            })
            .collect();
        (cmd.to_string(), props, unescape_data(message))
    }

    fn record(path: &str, message: &str, severity: &'static str) -> Record {
        Record {
            path: path.to_string(),
            code: "MD009",
            name: "no-trailing-spaces",
            severity,
            message: message.to_string(),
            help: None,
            line: 3,
            column: 5,
            end_line: 3,
            end_column: 8,
            fix: None,
            rule: None,
            level: crate::diagnostic::Severity::Warning,
            applicability: None,
        }
    }

    #[test]
    fn the_runner_reads_back_what_was_meant() {
        let nasty_paths = [
            "docs/a.md",
            "docs/a,b.md",
            "docs/c:d.md",
            "docs/50%25.md",
            "docs/line\nbreak.md",
            "docs/cr\rhere.md",
            "docs/x=y::z.md",
        ];
        let nasty_messages = [
            "3 trailing spaces",
            "a message with :: inside, and a comma",
            "literal %0A must stay literal, 100% sure",
            "two\nlines\r\nand CRLF",
        ];
        for path in nasty_paths {
            for message in nasty_messages {
                let mut out = String::new();
                render_github(&[record(path, message, "warning")], &mut out);
                assert!(out.ends_with('\n'));
                let line = out.trim_end_matches('\n');
                assert!(!line.contains('\n') && !line.contains('\r'), "{line}");
                let (cmd, props, data) = parse(line);
                assert_eq!(cmd, "warning");
                let get = |k: &str| {
                    props
                        .iter()
                        .find(|(key, _)| key == k)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_else(|| panic!("no {k} in {line}"))
                };
                assert_eq!(get("file"), path, "{line}");
                assert_eq!(get("line"), "3");
                assert_eq!(get("col"), "5");
                assert_eq!(get("endLine"), "3");
                assert_eq!(get("endColumn"), "8");
                assert_eq!(get("title"), "MD009 no-trailing-spaces");
                assert_eq!(data, format!("MD009 {message}"), "{line}");
            }
        }
    }

    #[test]
    fn help_follows_the_message_and_controls_are_escaped() {
        let mut r = record("a.md", "bad \x1b]0;PWNED\x07 link", "warning");
        r.help = Some("did you mean `b.md`?".into());
        let mut out = String::new();
        render_github(&[r], &mut out);
        assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
        let (_, _, data) = parse(out.trim_end());
        assert_eq!(
            data,
            "MD009 bad ␛]0;PWNED␇ link\nhelp: did you mean `b.md`?"
        );
    }

    #[test]
    fn levels() {
        for (severity, cmd) in [
            ("error", "error"),
            ("warning", "warning"),
            ("info", "notice"),
        ] {
            let mut out = String::new();
            render_github(&[record("a.md", "m", severity)], &mut out);
            assert!(out.starts_with(&format!("::{cmd} file=a.md,")), "{out}");
        }
    }
}
