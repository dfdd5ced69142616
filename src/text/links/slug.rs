//! Heading anchors as renderers generate them from a heading's text.
//!
//! - GitHub (and kramdown's GFM parser, the GitHub Pages default): lowercase,
//!   drop every character that is not a letter, mark, number, `_`, `-` or
//!   space, turn each space into `-`; repeated slugs get `-1`, `-2`, ….
//! - kramdown's own parser (`auto_ids`): drop leading characters up to the
//!   first ASCII letter, keep only ASCII letters, digits, spaces and `-`,
//!   spaces to `-`, lowercase.
//! - mdBook: keep letters, numbers, `_` and `-`, whitespace to `-`, ASCII
//!   lowercase.
//!
//! A link's fragment is accepted when any of them produces it, compared
//! without regard to case: precision first.

/// GitHub's slug, before de-duplication.
pub fn github(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' || c == '\t' {
            out.push('-');
        } else if c.is_alphanumeric() || c == '_' || c == '-' || is_mark(c) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// kramdown's classic `auto_ids` slug.
pub fn kramdown(text: &str) -> String {
    let start = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let mut out = String::new();
    for c in text[start..].chars() {
        if c == ' ' {
            out.push('-');
        } else if c.is_ascii_alphanumeric() || c == '-' {
            out.push(c.to_ascii_lowercase());
        }
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

/// mdBook's `normalize_id`.
pub fn mdbook(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// Combining marks (the common blocks), which GitHub keeps.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_slugs() {
        assert_eq!(github("Recursos de aprendizaje"), "recursos-de-aprendizaje");
        assert_eq!(
            github("Frameworks de evaluación y visualización de LLM"),
            "frameworks-de-evaluación-y-visualización-de-llm"
        );
        assert_eq!(github("Tips & Tricks"), "tips--tricks");
        assert_eq!(github("What's `new`? (v2.0)"), "whats-new-v20");
        assert_eq!(github("BERT 101 🤗 State"), "bert-101--state");
        assert_eq!(github("snake_case-and-dash"), "snake_case-and-dash");
    }

    #[test]
    fn other_renderers() {
        assert_eq!(kramdown("1. Evaluación final"), "evaluacin-final");
        assert_eq!(kramdown("¿?"), "section");
        assert_eq!(mdbook("Ownership Rules"), "ownership-rules");
        assert_eq!(mdbook("The `Box<T>` type"), "the-boxt-type");
    }
}
