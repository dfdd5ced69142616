//! Text machinery shared by rules: character tables, code pages,
//! dictionaries. Knows nothing about Markdown or rules.

pub mod citation;
pub mod codepages;
pub mod data;
pub mod decode;
pub mod distance;
pub mod html;
pub mod invisible;
pub mod links;
pub mod mojibake;
pub mod spell;
pub mod visible;
pub mod words;
pub mod wrap;
