//! A progress bar on the terminal for long operations (a first sync that merges a
//! team's history, a large mbox). Drawn on stderr, and only when stderr is a
//! terminal, so piped and `--json` output stays clean.

use std::io::IsTerminal as _;

use embargo_domain::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Shows [`Progress`] as a bar; cleared when dropped.
pub struct TerminalProgress {
    bar: ProgressBar,
}

impl TerminalProgress {
    pub fn on_stderr() -> Self {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        Self { bar }
    }
}

impl Progress for TerminalProgress {
    fn phase(&mut self, label: &'static str, total: Option<u64>) {
        let template = if total.is_some() {
            "{msg:18} [{bar:32}] {pos}/{len} ({eta})"
        } else {
            "{msg:18} {spinner} {pos}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style.progress_chars("=> "));
        }
        match total {
            Some(total) => self.bar.set_length(total),
            None => self.bar.unset_length(),
        }
        self.bar.set_position(0);
        self.bar.set_message(label);
    }

    fn advance(&mut self, steps: u64) {
        self.bar.inc(steps);
    }
}

impl Drop for TerminalProgress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
