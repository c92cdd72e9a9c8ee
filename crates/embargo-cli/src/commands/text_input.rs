//! Getting a template's or a draft's text from the user: a file, standard input,
//! or their $EDITOR when they are at a terminal.

use std::io::{IsTerminal, Read};
use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, bail};

/// Whether the text may be embargoed (a draft) or not (a template).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sensitivity {
    /// A template: any temporary directory will do.
    Template,
    /// A draft: only a private in-memory directory, so the text never reaches disk.
    Embargoed,
}

/// Read a file, or standard input for `-`.
pub fn read_body(path: &Path) -> anyhow::Result<String> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading the body from standard input")?;
        return Ok(text);
    }
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Open `initial` in $VISUAL / $EDITOR and return what the user saved.
pub fn edit_in_editor(initial: &str, sensitivity: Sensitivity) -> anyhow::Result<String> {
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
