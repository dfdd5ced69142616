//! The table of invisible characters (`rules/data/invisible-characters.tsv`).

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    ZeroWidth,
    BidiMark,
    BidiControl,
    Control,
    SoftHyphen,
    Filler,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixKind {
    Safe,
    Unsafe,
    None,
}

#[derive(Debug, Clone)]
pub struct Invisible {
    pub ch: char,
    pub name: String,
    pub kind: Kind,
    pub fix: FixKind,
}

pub const TABLE: &str = crate::text::data::INVISIBLE_CHARACTERS;

fn table() -> &'static HashMap<char, Invisible> {
    static T: OnceLock<HashMap<char, Invisible>> = OnceLock::new();
    T.get_or_init(|| parse_table(TABLE).expect("invisible-characters.tsv is checked by tests"))
}

/// Parse the table; an error names the bad line.
pub fn parse_table(src: &str) -> Result<HashMap<char, Invisible>, String> {
    let mut map = HashMap::default();
    for (n, line) in src.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let bad = || format!("line {}: {line:?}", n + 1);
        if cols.len() != 4 {
            return Err(bad());
        }
        let ch = cols[0]
            .strip_prefix("U+")
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
            .ok_or_else(bad)?;
        let kind = match cols[2] {
            "zero-width" => Kind::ZeroWidth,
            "bidi-mark" => Kind::BidiMark,
            "bidi-control" => Kind::BidiControl,
            "control" => Kind::Control,
            "soft-hyphen" => Kind::SoftHyphen,
            "filler" => Kind::Filler,
            _ => return Err(bad()),
        };
        let fix = match cols[3] {
            "safe" => FixKind::Safe,
            "unsafe" => FixKind::Unsafe,
            "none" => FixKind::None,
            _ => return Err(bad()),
        };
        if map
            .insert(
                ch,
                Invisible {
                    ch,
                    name: cols[1].to_string(),
                    kind,
                    fix,
                },
            )
            .is_some()
        {
            return Err(format!("duplicate {}", bad()));
        }
    }
    Ok(map)
}

/// Is `c` a C0/C1 control other than tab, line feed and carriage return?
fn is_reported_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Look up an invisible character.
pub fn lookup(c: char) -> Option<Invisible> {
    if (c as u32) < 0x80 && !is_reported_control(c) {
        return None;
    }
    if let Some(i) = table().get(&c) {
        return Some(i.clone());
    }
    if is_reported_control(c) {
        return Some(Invisible {
            ch: c,
            name: control_name(c),
            kind: Kind::Control,
            fix: FixKind::Unsafe,
        });
    }
    None
}

fn control_name(c: char) -> String {
    const C0: [&str; 32] = [
        "NULL",
        "START OF HEADING",
        "START OF TEXT",
        "END OF TEXT",
        "END OF TRANSMISSION",
        "ENQUIRY",
        "ACKNOWLEDGE",
        "BELL",
        "BACKSPACE",
        "CHARACTER TABULATION",
        "LINE FEED",
        "LINE TABULATION",
        "FORM FEED",
        "CARRIAGE RETURN",
        "SHIFT OUT",
        "SHIFT IN",
        "DATA LINK ESCAPE",
        "DEVICE CONTROL ONE",
        "DEVICE CONTROL TWO",
        "DEVICE CONTROL THREE",
        "DEVICE CONTROL FOUR",
        "NEGATIVE ACKNOWLEDGE",
        "SYNCHRONOUS IDLE",
        "END OF TRANSMISSION BLOCK",
        "CANCEL",
        "END OF MEDIUM",
        "SUBSTITUTE",
        "ESCAPE",
        "INFORMATION SEPARATOR FOUR",
        "INFORMATION SEPARATOR THREE",
        "INFORMATION SEPARATOR TWO",
        "INFORMATION SEPARATOR ONE",
    ];
    match c as u32 {
        u @ 0..=0x1f => C0[u as usize].to_string(),
        0x7f => "DELETE".to_string(),
        _ => "C1 CONTROL".to_string(),
    }
}

/// Could `c` be in the table? A cheap pre-filter for scanning.
pub fn maybe_invisible(c: char) -> bool {
    is_reported_control(c) || table().contains_key(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses() {
        // Its format is checked with every table, in `text::data`.
        let map = parse_table(TABLE).unwrap();
        assert!(map.len() > 20);
    }

    #[test]
    fn controls_are_found() {
        assert_eq!(lookup('\u{7}').unwrap().kind, Kind::Control);
        assert_eq!(lookup('\u{85}').unwrap().kind, Kind::Control);
        assert!(lookup('\t').is_none());
        assert!(lookup('a').is_none());
        assert_eq!(lookup('\u{202e}').unwrap().kind, Kind::BidiControl);
    }
}
