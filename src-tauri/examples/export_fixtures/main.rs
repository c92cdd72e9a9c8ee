//! Writes `ui/src/lib/ipc/fixtures/*.json`: what the UI's test backend (the mock)
//! knows of the core, recorded from the real use cases on temporary vaults at a
//! fixed clock — the status graph, the case fields, the policy screens, the
//! template catalogue, the export setting keys, and the answers (data or refusal,
//! as the shell sends them) of the calls the component tests make.
//!
//! A component test of a screen gets a *scene* (recording.rs): the cases it starts
//! with and every call it makes, in order, with the core's answer; the mock serves
//! those answers keyed by the call and computes none.
//!
//! Run after changing the core: `cargo run -p embargo-desk --example export-fixtures`.
//! scripts/test.sh runs it and fails if a fixture changes; the UI's contract test
//! (`ui/src/lib/ipc/contract.test.ts`) fails when the mock disagrees with them.

mod deadlines;
mod desk;
mod drafts;
mod exports;
mod graph;
mod recording;
mod stable_ids;
mod team;
mod triage;

use std::path::Path;

use anyhow::Context;

/// Where the fixtures live, relative to `src-tauri/`.
const FIXTURES_DIR: &str = "../ui/src/lib/ipc/fixtures";

fn main() -> anyhow::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let fixtures = [
        ("status-graph.json", graph::status_graph()?),
        ("case-fields.json", graph::case_fields()?),
        ("catalogue.json", graph::catalogue()?),
        ("deadlines.json", deadlines::deadlines()?),
        ("agenda.json", deadlines::agenda()?),
        ("exports.json", exports::exports()?),
        ("drafts.json", drafts::drafts()?),
        ("triage.json", triage::triage()?),
        ("desk.json", desk::desk()?),
        ("team.json", team::team()?),
    ];
    for (name, value) in fixtures {
        let text = stable_ids::stable_ids(&serde_json::to_string_pretty(&value)?);
        std::fs::write(dir.join(name), format!("{text}\n"))
            .with_context(|| format!("writing {name}"))?;
    }
    Ok(())
}
