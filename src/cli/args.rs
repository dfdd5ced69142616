//! The command line (SPEC §3), declared with clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::Format;

#[derive(Debug, Parser)]
#[command(
    name = "pagelint",
    version,
    about = "A fast Markdown linter and fixer for documentation and course sites",
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule: code, name, group, fixable, default on/off.
    Rules,
    /// Print a rule's documentation page.
    Explain {
        /// A rule code or name (MD009, no-trailing-spaces).
        rule: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads one document from stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Apply safe fixes in place and report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Also apply fixes marked unsafe (with --fix or --diff).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the unified diff the fixes would make; write nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Rules to run: codes, names or group prefixes, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// Rules to add to the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// Rules to turn off.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// How to print findings [default: full on a terminal, else concise].
    #[arg(long, value_enum)]
    pub output_format: Option<Format>,
    /// Use this configuration file instead of looking for pagelint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The name of the document read from stdin (for messages and config).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Colour output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// Print findings only, no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print counts per rule instead of each finding.
    #[arg(long)]
    pub statistics: bool,
    /// Add today's unknown title words (TYP001) to the project word file
    /// and mark it as a reviewed baseline; check nothing.
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    pub write_baseline: bool,
}
