//! Starts `pagelint server`, found on the worktree's PATH (`pip install
//! pagelint` or `cargo install`), for Markdown buffers.

use zed_extension_api as zed;

struct Pagelint;

impl zed::Extension for Pagelint {
    fn new() -> Self {
        Pagelint
    }

    fn language_server_command(
        &mut self,
        _id: &zed::LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<zed::Command> {
        let command = worktree.which("pagelint").ok_or_else(|| {
            "pagelint is not on the PATH: install it with `pip install pagelint`".to_string()
        })?;
        Ok(zed::Command {
            command,
            args: vec!["server".to_string()],
            env: Vec::new(),
        })
    }
}

zed::register_extension!(Pagelint);
