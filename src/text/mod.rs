//! Text machinery shared by rules: character tables, code pages,
//! dictionaries. Knows nothing about Markdown or rules.

pub mod invisible;
pub mod links;
pub mod visible;
