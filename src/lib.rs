//! pagelint: a fast Markdown source linter and formatter for documentation
//! and course sites.
//!
//! Modules depend one way: `text` ← `document` ← `diagnostic`/`rule` ←
//! `rules` ← `engine` ← `output` ← `cli`.

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod markdownlint;
pub mod options;
pub mod output;
pub mod rule;
pub mod rules;
pub mod server;
pub mod settings;
pub mod text;
