//! SARIF 2.1.0, as GitHub code scanning accepts it.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Record;
use crate::rule::RuleMeta;

/// A SARIF `uri`: a relative path stays a relative reference (GitHub code
/// scanning resolves it against the checkout); an absolute path becomes a
/// `file://` URI (a relative reference may not start with `/`, SARIF1004).
fn uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let windows_drive = slashed.as_bytes().get(1) == Some(&b':')
        && slashed.as_bytes()[0].is_ascii_alphabetic()
        && slashed.as_bytes().get(2) == Some(&b'/');
    if slashed.starts_with('/') {
        return format!("file://{}", encode(&slashed));
    }
    if windows_drive {
        return format!("file:///{}{}", &slashed[..2], encode(&slashed[2..]));
    }
    encode(&slashed)
}

/// Percent-encode a `/`-separated path.
fn encode(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out.trim_start_matches("./").to_string()
}

fn level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        _ => "note",
    }
}

fn first_paragraph(doc: &str) -> String {
    doc.lines()
        .skip_while(|l| l.starts_with('#') || l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn render_sarif(records: &[Record], all_rules: &[&'static RuleMeta]) -> String {
    // Rules that appear, in registry order.
    let used: BTreeMap<&str, usize> = {
        let mut m = BTreeMap::new();
        for r in records {
            m.insert(r.code, 0);
        }
        m
    };
    let rules: Vec<&RuleMeta> = all_rules
        .iter()
        .copied()
        .filter(|m| used.contains_key(m.code))
        .collect();
    let index: BTreeMap<&str, usize> = rules.iter().enumerate().map(|(i, m)| (m.code, i)).collect();
    let rule_objs: Vec<Value> = rules
        .iter()
        .map(|m| {
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": first_paragraph(m.doc)},
                "help": {"text": first_paragraph(m.doc), "markdown": m.doc},
                "defaultConfiguration": {"level": level(m.severity.as_str())},
                "properties": {"tags": [m.group.title()]},
            })
        })
        .collect();
    let results: Vec<Value> = records
        .iter()
        .map(|r| {
            let mut res = json!({
                "ruleId": r.code,
                "ruleIndex": index[r.code],
                "level": level(r.severity),
                "message": {"text": match &r.help {
                    Some(h) => format!("{} ({})\nhelp: {h}", r.message, r.name),
                    None => format!("{} ({})", r.message, r.name),
                }},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&r.path)},
                        "region": {
                            "startLine": r.line,
                            "startColumn": r.column,
                            "endLine": r.end_line,
                            "endColumn": r.end_column,
                        }
                    }
                }],
            });
            // A fix without edits (ENC002's "transcode the file") has no
            // SARIF form: `replacements` needs at least one.
            if let Some(f) = r.fix.as_ref().filter(|f| !f.edits.is_empty()) {
                let replacements: Vec<Value> = f
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": {
                                "startLine": e.line,
                                "startColumn": e.column,
                                "endLine": e.end_line,
                                "endColumn": e.end_column,
                            },
                            "insertedContent": {"text": e.content},
                        })
                    })
                    .collect();
                res["fixes"] = json!([{
                    "description": {"text": f.message},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri(&r.path)},
                        "replacements": replacements,
                    }],
                }]);
            }
            res
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pagelint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/pagelint/pagelint",
                "rules": rule_objs,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("./docs/a b.md"), "docs/a%20b.md");
        assert_eq!(uri("docs/ñ.md"), "docs/%C3%B1.md");
        assert_eq!(uri("a,b:c%.md"), "a%2Cb%3Ac%25.md");
        assert_eq!(uri("/home/me/a b.md"), "file:///home/me/a%20b.md");
        assert_eq!(uri("C:\\docs\\a.md"), "file:///C:/docs/a.md");
    }

    /// `replacements` needs at least one item (SARIF 2.1.0 schema): a fix
    /// without edits (ENC002 transcodes the whole file) is left out.
    #[test]
    fn fixes_without_edits_are_left_out() {
        use super::super::{EditRecord, FixRecord};
        let meta = crate::rules::find("ENC002").unwrap().meta();
        let record = |edits: Vec<EditRecord>| Record {
            path: "a.md".into(),
            code: meta.code,
            name: meta.name,
            severity: "error",
            message: "m".into(),
            help: Some("did you mean x?".into()),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
            fix: Some(FixRecord {
                applicability: "safe",
                message: "Transcode".into(),
                edits,
            }),
            rule: Some(meta),
            level: crate::diagnostic::Severity::Error,
            applicability: Some(crate::diagnostic::Applicability::Safe),
        };
        let out: Value = serde_json::from_str(&render_sarif(&[record(vec![])], &[meta])).unwrap();
        assert!(out["runs"][0]["results"][0].get("fixes").is_none());
        assert_eq!(
            out["runs"][0]["results"][0]["message"]["text"],
            "m (not-utf8)\nhelp: did you mean x?"
        );
        let edit = EditRecord {
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
            content: "x".into(),
        };
        let out: Value =
            serde_json::from_str(&render_sarif(&[record(vec![edit])], &[meta])).unwrap();
        let fixes = &out["runs"][0]["results"][0]["fixes"];
        assert_eq!(
            fixes[0]["artifactChanges"][0]["replacements"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }
}
