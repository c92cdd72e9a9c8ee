//! The advisory tab: readiness, previews and export settings, recorded on the
//! cases the exports component tests open, in each settings state they walk through.

use std::collections::BTreeMap;

use embargo_api::domain::{Affected, FieldName, FixState, ReleaseLine, Status};
use embargo_api::drafts::ExportKind;
use embargo_api::{EXPORT_KINDS, export_file_name};
use serde_json::{Value, json};

use crate::recording::{Scene, new_case, vault, walk_to};

/// The team's export settings of a configured vault.
const SETTINGS: [(&str, &str); 6] = [
    ("org", "Harbor Project"),
    ("vendor", "Harbor"),
    ("cna-org-id", "6f1d0c7e-3a52-4b8e-9f0d-2c4a1b3e5d70"),
    ("ecosystem", "npm"),
    ("package", "harbor"),
    ("advisory-url", "https://harbor.example/security/{cve}"),
];

pub fn exports() -> anyhow::Result<Value> {
    Ok(json!({
        "configured": configured()?,
        "unconfigured": unconfigured()?,
    }))
}

/// A vault with `settings`, a finished case (everything a record needs) and one
/// still being fixed; returns its scene and the two ids.
fn two_cases(settings: &[(&str, &str)]) -> anyhow::Result<(Scene, String, String)> {
    let (dir, mut session, _clock) = vault("2026-11-24T09:00:00Z")?;
    let finished = new_case(
        &mut session,
        "Symlink race in temp-dir cleanup",
        "2026-11-02T09:00:00Z",
    )?;
    for (field, value) in [
        (FieldName::Product, "Harbor HTTP server"),
        (FieldName::Cve, "CVE-2026-41007"),
        (FieldName::Cwe, "CWE-367"),
        (FieldName::Embargo, "2026-11-23T16:00:00Z"),
    ] {
        session.set_field(&finished, field, value)?;
    }
    for (line, affected, fixed, fix_state) in [
        (
            "22.x",
            Affected::Affected,
            Some("22.4.1"),
            FixState::Released,
        ),
        ("18.x", Affected::NotAffected, None, FixState::None),
    ] {
        let line = ReleaseLine {
            line: line.into(),
            affected,
            fixed_version: fixed.map(str::to_owned),
            fix_state,
        };
        session.put_release_line(&finished, line)?;
    }
    walk_to(&mut session, &finished, Status::Published)?;
    let unfinished = new_case(&mut session, "Request smuggling", "2026-11-18T09:00:00Z")?;
    session.set_field(&unfinished, FieldName::Product, "Harbor HTTP server")?;
    walk_to(&mut session, &unfinished, Status::Fixing)?;
    session.set_export_settings(settings)?;
    let scene = Scene::new(dir, session, &[&finished, &unfinished])?;
    Ok((scene, finished, unfinished))
}

/// What the advisory tab asks when it opens `case`: the settings, the readiness,
/// and the preview of each export that is ready.
fn advisory_tab(scene: &mut Scene, case: &str) {
    scene.ask("exportSettings", json!([]), |s| s.export_settings());
    scene.ask("exportReadiness", json!([case]), |s| {
        s.export_readiness(case)
    });
    for kind in EXPORT_KINDS {
        scene.ask("previewExport", json!([case, kind]), |s| {
            s.export(case, kind)
        });
    }
}

/// Both cases with the team's settings in place (the tests that export).
fn configured() -> anyhow::Result<Value> {
    let (mut scene, finished, unfinished) = two_cases(&SETTINGS)?;
    advisory_tab(&mut scene, &finished);
    advisory_tab(&mut scene, &unfinished);
    let file_names: BTreeMap<String, String> = EXPORT_KINDS
        .iter()
        .map(|kind| (kind_name(*kind), export_file_name(&finished, *kind)))
        .collect();
    let mut recorded = scene.finish();
    recorded["file_names"] = json!(file_names);
    Ok(recorded)
}

/// Both cases before the team set anything, a refused setting, then the package
/// settings saved (the test that edits the settings in the tab).
fn unconfigured() -> anyhow::Result<Value> {
    let (mut scene, finished, _unfinished) = two_cases(&[])?;
    advisory_tab(&mut scene, &finished);
    let refused = [("advisory-url", "ftp://example.org/{cve}")];
    scene.ask("setExportSettings", settings_args(&refused), |s| {
        s.set_export_settings(&refused)
    });
    let package = [("ecosystem", "npm"), ("package", "harbor")];
    scene.change("setExportSettings", settings_args(&package), |s| {
        s.set_export_settings(&package)
    })?;
    advisory_tab(&mut scene, &finished);
    Ok(scene.finish())
}

/// `setExportSettings`'s argument as the UI sends it.
fn settings_args(pairs: &[(&str, &str)]) -> Value {
    let values: Vec<Value> = pairs
        .iter()
        .map(|(key, value)| json!({ "key": key, "value": value }))
        .collect();
    json!([values])
}

fn kind_name(kind: ExportKind) -> String {
    json!(kind).as_str().unwrap_or_default().to_owned()
}
