//! ENC005 `invisible-character`: zero-width characters, bidirectional
//! controls, C0/C1 controls and soft hyphens.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};
use crate::text::invisible::{FixKind, Kind, lookup, maybe_invisible};
use crate::text::visible::codepoint;

pub static META: RuleMeta = RuleMeta {
    code: "ENC005",
    name: "invisible-character",
    group: Group::Enc,
    summary: "Invisible characters: zero-width, bidirectional controls, control characters, soft hyphens",
    fixable: Fixable::Sometimes,
    default_enabled: true,
    severity: Severity::Warning,
    doc: crate::rule_doc!("ENC005"),
};

pub struct InvisibleCharacter;

/// Letters of scripts that use joiners and directional marks on purpose
/// (Arabic, Hebrew, Indic, …), and emoji, which ZWJ sequences join.
fn needs_joiners(c: char) -> bool {
    let u = c as u32;
    (0x0590..=0x08FF).contains(&u) // Hebrew, Arabic, Syriac, Thaana, NKo
        || (0x0900..=0x0DFF).contains(&u) // Indic
        || (0xFB1D..=0xFDFF).contains(&u) // presentation forms
        || (0xFE70..=0xFEFF).contains(&u)
        || (0x1F000..=0x1FAFF).contains(&u) // emoji
        || (0x2600..=0x27BF).contains(&u)
        || (0xFE00..=0xFE0F).contains(&u) // variation selectors
        || (0x1F3FB..=0x1F3FF).contains(&u)
}

impl Rule for InvisibleCharacter {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = ctx.doc.text;
        let allowed = &ctx.settings.enc.allowed_invisible;
        let bytes = text.as_bytes();
        // Fast path: every reported character is a control byte or non-ASCII.
        if !bytes
            .iter()
            .any(|&b| b >= 0x80 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f)
        {
            return;
        }
        for (i, &b) in bytes.iter().enumerate() {
            // Only these bytes can start a character of the table or a
            // control character: C0/DEL, and the UTF-8 lead bytes of U+0080–
            // U+00BF, U+034F, U+061C, U+1xxx, U+2xxx, U+3164 and U+FExx/FFxx.
            if !(b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')
                || matches!(b, 0x7f | 0xc2 | 0xcd | 0xd8 | 0xe1 | 0xe2 | 0xe3 | 0xef))
            {
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                continue;
            };
            if !maybe_invisible(c) {
                continue;
            }
            let p = text[..i].chars().next_back();
            let next = text[i + c.len_utf8()..].chars().next();
            if i < ctx.doc.bom_len || allowed.contains(&c) {
                continue;
            }
            let Some(inv) = lookup(c) else { continue };
            let in_script = p.is_some_and(needs_joiners) || next.is_some_and(needs_joiners);
            if matches!(inv.kind, Kind::BidiMark) && in_script {
                continue;
            }
            if matches!(c, '\u{200c}' | '\u{200d}' | '\u{034f}') && in_script {
                continue;
            }
            if c == '\u{200d}' && next.is_some_and(|n| n == '\u{fe0f}') {
                continue;
            }
            let range = i..i + c.len_utf8();
            let in_code = ctx.doc.in_code(i);
            let (severity, what) = match inv.kind {
                Kind::BidiControl => (
                    Severity::Error,
                    "bidirectional control character: it can make text display in a different order than it is stored",
                ),
                Kind::BidiMark => (Severity::Warning, "directional mark in left-to-right text"),
                Kind::Control if (0x80..=0x9f).contains(&(c as u32)) => (
                    Severity::Warning,
                    "C1 control character (often a sign of text decoded with the wrong code page)",
                ),
                Kind::Control => (Severity::Warning, "control character"),
                Kind::SoftHyphen => (
                    Severity::Warning,
                    "soft hyphen: invisible unless the line breaks there",
                ),
                Kind::ZeroWidth | Kind::Filler => (Severity::Warning, "invisible character"),
            };
            let message = format!("{what}: {} ({})", inv.name.to_lowercase(), codepoint(c));
            let mut d = Diagnostic::new(&META, range.clone(), message);
            if severity == Severity::Error {
                d = d.with_severity(Severity::Error);
            }
            // A C1 control in a UTF-8 page is, nearly always, a windows-1252
            // byte that was read as ISO-8859-1 ("parlé\u{85}" is "parlé…"):
            // the repair is the character that byte means, not removal —
            // unless the control is part of a UTF-8 sequence read that way,
            // which is mojibake (ENC001) and repaired as a whole.
            let meant = windows_1252(c).filter(|_| !in_latin1_utf8(text, i));
            let (edit, fix_message) = match meant {
                Some(m) => (
                    vec![Edit::replace(range.clone(), m.to_string())],
                    format!(
                        "Replace with {m} ({}), what byte 0x{:02X} is in windows-1252",
                        codepoint(m),
                        c as u32
                    ),
                ),
                None => (
                    vec![Edit::delete(range.clone())],
                    format!("Remove the {} ({})", inv.name.to_lowercase(), codepoint(c)),
                ),
            };
            let replacement = meant.map(String::from).unwrap_or_default();
            // Alone on its line, the character holds a block open: removing
            // it would change the page's structure, which is a person's call.
            let line = ctx.doc.lines.line_range(text, ctx.doc.lines.line_of(i));
            let alone = text[line.start..i].trim().is_empty()
                && text[i + c.len_utf8()..line.end].trim().is_empty();
            // Removing it could also make Markdown syntax out of what it
            // separated (a block marker, `](`, an autolink, a definition):
            // check on the lines around it.
            let inert = (!alone || meant.is_some())
                && ctx.doc.edit_keeps_structure(range.clone(), &replacement);
            d = match inv.fix {
                _ if !inert => d
                    .with_help(if alone {
                        "alone on its line, it holds a block open: removing it changes the page's structure"
                    } else {
                        "it keeps the text around it apart: removing it would change what the page shows (a hard break, a code span, live HTML)"
                    })
                    .with_fix(Fix::display_only(fix_message.clone(), edit)),
                // A repair changes a character: safe only in prose, not in a
                // link destination, an HTML attribute, math or the front
                // matter, where it would change a target or raw content.
                _ if meant.is_some() && !in_code && in_prose(ctx.doc, i) => {
                    d.with_fix(Fix::safe(fix_message, edit))
                }
                FixKind::Safe if !in_code => d.with_fix(Fix::safe(fix_message, edit)),
                FixKind::Safe | FixKind::Unsafe => d.with_fix(Fix::unsafe_edit(fix_message, edit)),
                FixKind::None => d,
            };
            out.push(d);
        }
    }
}

/// Is `offset` inside a run of prose (a text node of a paragraph, heading,
/// link text or alt text)?
fn in_prose(doc: &crate::document::Document<'_>, offset: usize) -> bool {
    let i = doc.segments.partition_point(|s| s.range.end <= offset);
    doc.segments
        .get(i)
        .is_some_and(|s| s.range.contains(&offset))
}

/// The character windows-1252 gives the C1 control's byte, if it is not a
/// control there too (0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned).
fn windows_1252(c: char) -> Option<char> {
    let b = u8::try_from(c as u32)
        .ok()
        .filter(|b| (0x80..=0x9f).contains(b))?;
    let byte = [b];
    let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
    s.chars().next().filter(|m| !m.is_control())
}

/// Is the character at `i` one byte of a UTF-8 sequence whose bytes were
/// read one character each as ISO-8859-1 (U+0080–U+00FF, "â\u{80}\u{9c}"
/// is "“")?
fn in_latin1_utf8(text: &str, i: usize) -> bool {
    let latin1 = |c: &char| (0x80..=0xff).contains(&(*c as u32));
    let before: Vec<char> = text[..i].chars().rev().take_while(latin1).take(3).collect();
    let after: Vec<char> = text[i..].chars().take_while(latin1).take(4).collect();
    let bytes: Vec<u8> = before
        .iter()
        .rev()
        .chain(after.iter())
        .map(|&c| c as u8)
        .collect();
    let at = before.len();
    if bytes.len() <= at {
        return false;
    }
    // Every sequence that could hold byte `at`: starts at most 3 before it.
    (at.saturating_sub(3)..=at).any(|start| {
        let len = match bytes[start] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return false,
        };
        start + len > at
            && bytes.len() >= start + len
            && std::str::from_utf8(&bytes[start..start + len]).is_ok()
    })
}
