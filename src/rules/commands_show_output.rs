//! MD014 `commands-show-output`: a code block whose every line is a
//! command after a `$` prompt (`$ ls`), with no output shown: the `$` only
//! gets in the way of copying the commands.

use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::NodeKind;
use crate::rule::{Context, Fixable, Group, Rule, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "MD014",
    name: "commands-show-output",
    group: Group::Md,
    summary: "Dollar signs used before commands without showing output",
    fixable: Fixable::Always,
    default_enabled: false,
    severity: Severity::Warning,
    doc: crate::rule_doc!("MD014"),
};

pub struct CommandsShowOutput;

impl Rule for CommandsShowOutput {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        for n in &doc.outline {
            let NodeKind::CodeBlock { fenced } = n.kind else {
                continue;
            };
            let col = n.start - doc.lines.line_start(n.first_line);
            let (first, last) = if fenced {
                let closed = n.last_line > n.first_line
                    && doc.marks.fences.iter().any(|f| {
                        f.open.start >= n.start
                            && f.close.is_some()
                            && doc.lines.line_of(f.open.start) == n.first_line
                    });
                (
                    n.first_line + 1,
                    if closed { n.last_line - 1 } else { n.last_line },
                )
            } else {
                (n.first_line, n.last_line)
            };
            let mut prompts = Vec::new();
            let mut all = true;
            for l in first..=last {
                let r = doc.lines.line_range(doc.text, l);
                let line = &doc.text[r.clone()];
                // The container's prefix (`> `, a list item's indentation).
                let skip = if line
                    .get(..col)
                    .is_some_and(|p| p.chars().all(|c| c == '>' || c.is_whitespace()))
                {
                    col
                } else {
                    0
                };
                let content = &line[skip..];
                if content.trim().is_empty() {
                    continue;
                }
                let ws = content.len() - content.trim_start().len();
                let rest = &content[ws..];
                let dollar = rest.starts_with('$') && rest[1..].starts_with(char::is_whitespace);
                if !dollar {
                    all = false;
                    break;
                }
                let gap = rest[1..].len() - rest[1..].trim_start().len();
                let start = r.start + skip + ws;
                prompts.push(start..start + 1 + gap);
            }
            if !all {
                continue;
            }
            for p in prompts {
                out.push(
                    Diagnostic::new(
                        &META,
                        p.clone(),
                        "a `$` prompt before a command whose output is not shown",
                    )
                    .with_help(
                        "without output the prompt only gets in the way of copying the command",
                    )
                    .with_fix(Fix::unsafe_edit(
                        "Remove the prompt (changes the code shown)",
                        vec![Edit::delete(p)],
                    )),
                );
            }
        }
    }
}
