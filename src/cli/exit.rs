//! The exit status (SPEC §3: 0 clean, 1 findings, 2 errors) and the
//! controls users of ruff and rumdl expect: `--exit-zero`,
//! `--exit-non-zero-on-fix`, `--fail-on`.

use super::args::CheckArgs;
use super::process::{Mode, Outcome};
use crate::output::Record;

/// The exit status of a run without errors.
pub fn code(args: &CheckArgs, mode: Mode, records: &[Record], outcomes: &[Outcome]) -> u8 {
    if args.exit_zero {
        return 0;
    }
    let failing = match mode {
        // The diff's status says whether anything would change.
        Mode::Diff => outcomes.iter().any(|o| o.changed),
        Mode::Check | Mode::Fix => {
            let threshold = args.fail_on.threshold();
            records.iter().any(|r| r.level >= threshold)
                || (mode == Mode::Fix
                    && args.exit_non_zero_on_fix
                    && outcomes.iter().any(|o| o.fixed > 0))
        }
    };
    u8::from(failing)
}
