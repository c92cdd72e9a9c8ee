//! Writes `ui/src/lib/ipc/bindings.ts` from the shell's command and event types.
//! Run after changing a command; scripts/test.sh runs it and fails if the file changes.

use std::path::Path;

fn main() -> anyhow::Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(embargo_desk::BINDINGS_PATH);
    embargo_desk::export_bindings(&path)
}
