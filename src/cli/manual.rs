//! `pagelint completions SHELL` and `pagelint man`: generated from the clap
//! definitions, so they never fall behind the options.

use clap::CommandFactory;

use super::args::Cli;

pub fn completions(shell: clap_complete::Shell) -> Result<u8, String> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "pagelint", &mut std::io::stdout());
    Ok(0)
}

/// The manual page, in roff.
pub fn man_page() -> Result<Vec<u8>, String> {
    let cmd = Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(|e| format!("cannot render the manual page: {e}"))?;
    Ok(out)
}

pub fn man() -> Result<u8, String> {
    use std::io::Write as _;
    let page = man_page()?;
    let _ = std::io::stdout().write_all(&page);
    Ok(0)
}
