//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice`
//! per finding, escaped as the runner expects.

use std::fmt::Write;

use super::Record;

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

pub fn render_github(records: &[Record], out: &mut String) {
    for r in records {
        let level = match r.severity {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let _ = writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&r.path),
            r.line,
            r.column,
            r.end_line,
            r.end_column,
            escape_property(&format!("{} {}", r.code, r.name)),
            escape_data(&format!("{} {}", r.code, r.message)),
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
}
