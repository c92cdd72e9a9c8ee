//! Getting a template's or a draft's text from the user: a file, standard input,
//! or their $EDITOR when they are at a terminal.

use std::io::IsTerminal;
use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, bail};

use crate::context::Context;

/// Whether the text may be embargoed (a draft) or not (a template).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sensitivity {
    /// A template: any temporary directory will do.
    Template,
    /// A draft: only a private in-memory directory, so the text never reaches disk.
    Embargoed,
}

/// Read a file, or standard input for `-`.
pub fn read_body(context: &Context, path: &Path) -> anyhow::Result<String> {
    if path == Path::new("-") {
        return String::from_utf8(context.stdin()?)
            .context("the text on standard input is not UTF-8");
    }
    let path = context.path(path);
    std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
}

/// Open `initial` in $VISUAL / $EDITOR and return what the user saved.
pub fn edit_in_editor(
    context: &Context,
    initial: &str,
    sensitivity: Sensitivity,
) -> anyhow::Result<String> {
    if context.is_served() {
        bail!(
            "the Embargo app or agent carries out this command, and it cannot open your $EDITOR: pass --body-file FILE (or - for standard input)"
        );
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!("not at a terminal, so no $EDITOR: pass --body-file FILE (or - for standard input)");
    }
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    let dir = match sensitivity {
        Sensitivity::Template => std::env::temp_dir(),
        Sensitivity::Embargoed => match std::env::var_os("XDG_RUNTIME_DIR") {
            Some(dir) if Path::new(&dir).is_dir() => dir.into(),
            _ => bail!(
                "no private in-memory directory ($XDG_RUNTIME_DIR) to edit an embargoed draft in without writing it to disk: pass --body-file FILE"
            ),
        },
    };
    let file = tempfile::Builder::new()
        .prefix("embargo-")
        .suffix(".txt")
        .tempfile_in(&dir)
        .context("creating the file to edit")?;
    std::fs::write(file.path(), initial).context("preparing the file to edit")?;
    // Through the shell, so EDITOR may carry arguments ("code --wait").
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .with_context(|| format!("running {editor}"))?;
    if !status.success() {
        bail!("{editor} exited with {status}; nothing changed");
    }
    std::fs::read_to_string(file.path()).context("reading the edited text")
}
