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
    disable_help_subcommand = true,
    after_help = "A folder named like a subcommand (init, man, rules…) is checked as ./init.\n\
                  Exit status: 0 nothing to report, 1 findings remain, 2 an error."
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
    /// Write a commented pagelint.toml with the defaults (never overwrites).
    Init {
        /// Folder to write it in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Write the pagelint.toml equivalent to a markdownlint configuration:
        /// `--from-markdownlint=FILE`, or the nearest one from the folder up.
        #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true)]
        from_markdownlint: Option<Option<PathBuf>>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `pagelint man > pagelint.1`.
    Man,
    /// Run a language server on stdin/stdout for editors (LSP).
    Server,
    /// Format pages in the project's Markdown style, proved to render the
    /// same.
    Fmt(super::fmt::FmtArgs),
}

/// Which findings make the exit code 1 (`--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn threshold(self) -> crate::diagnostic::Severity {
        use crate::diagnostic::Severity;
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
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
    /// Exit 0 even when findings remain (2 still means an error).
    #[arg(long, help_heading = "Exit status")]
    pub exit_zero: bool,
    /// With --fix, exit 1 when a file was fixed, even if nothing remains.
    #[arg(long, conflicts_with = "exit_zero", help_heading = "Exit status")]
    pub exit_non_zero_on_fix: bool,
    /// Exit 1 only for findings of this severity or higher; the others are
    /// still printed.
    #[arg(
        long,
        value_enum,
        default_value = "info",
        value_name = "SEVERITY",
        help_heading = "Exit status"
    )]
    pub fail_on: FailOn,
    /// Neither read nor write the result cache.
    #[arg(
        long,
        env = "PAGELINT_NO_CACHE",
        value_parser = clap::builder::BoolishValueParser::new(),
        help_heading = "Cache"
    )]
    pub no_cache: bool,
    /// Where to keep the result cache [default: .pagelint_cache beside the
    /// pagelint.toml that governs the current folder, or in it].
    #[arg(
        long,
        env = "PAGELINT_CACHE_DIR",
        value_name = "DIR",
        help_heading = "Cache"
    )]
    pub cache_dir: Option<PathBuf>,
}
