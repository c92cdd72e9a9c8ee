//! How the fixtures are recorded: vaults on a fixed clock, answers as the shell
//! sends them, and scenes (what one component test asks the core, in order).

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use chrono::{DateTime, Utc};
use embargo_api::domain::{FixedClock, Status, Unwatched};
use embargo_api::{ApiError, CaseFilter, NewCase, Session, SyncWatchEvent};
use embargo_desk::{IpcError, TeamSynced};
use secrecy::SecretString;
use serde::Serialize;
use serde_json::{Value, json};

/// An instant of the fixtures' fixed clock.
pub fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("a fixture instant")
}

/// The fixtures' vaults' passphrase.
pub fn passphrase() -> SecretString {
    SecretString::from("fixtures of the mock".to_owned())
}

/// A new vault owned by Ana at `now`; the directory lives as long as the session.
pub fn vault(now: &str) -> anyhow::Result<(tempfile::TempDir, Session, Arc<FixedClock>)> {
    vault_of("Ana Ruiz", "ana@security.example.org", now)
}

/// A new vault owned by `name` at `now` (a teammate's device).
pub fn vault_of(
    name: &str,
    email: &str,
    now: &str,
) -> anyhow::Result<(tempfile::TempDir, Session, Arc<FixedClock>)> {
    let dir = tempfile::tempdir()?;
    let clock = Arc::new(FixedClock::new(at(now)));
    let session = Session::create(
        &dir.path().join("vault"),
        name,
        email,
        &passphrase(),
        clock.clone(),
    )?;
    Ok((dir, session, clock))
}

/// A command's answer exactly as the shell sends it: tauri-specta's `Result`.
pub fn answer<T: Serialize>(result: Result<T, ApiError>) -> Value {
    match result {
        Ok(data) => json!({ "status": "ok", "data": data }),
        Err(error) => json!({ "status": "error", "error": IpcError::from(error) }),
    }
}

/// One recorded call: the command's generated name, its arguments, its answer.
pub fn call<T: Serialize>(command: &str, args: Value, result: Result<T, ApiError>) -> Value {
    json!({ "command": command, "args": args, "answer": answer(result) })
}

pub fn new_case(session: &mut Session, title: &str, received: &str) -> anyhow::Result<String> {
    let id = session.new_case(NewCase {
        title: title.into(),
        reporter_name: Some("Mei Lin".into()),
        reporter_email: Some("mei@example.net".into()),
        received_at: Some(at(received)),
        channel: None,
    })?;
    Ok(id.to_string())
}

/// A report as it arrives by mail, imported the way the app imports a dropped
/// file; returns the case it became.
pub fn import_report(session: &mut Session, eml: &str) -> anyhow::Result<String> {
    let outcomes = session.import_bytes(
        Path::new("report.eml"),
        eml.as_bytes(),
        false,
        &mut Unwatched,
    )?;
    let outcome = outcomes.first().context("the report made no case")?;
    Ok(outcome.case_id.clone())
}

/// Move a case to `to` along the policy's shortest path (the domain's graph);
/// returns the statuses it passed through.
pub fn walk_to(session: &mut Session, id: &str, to: Status) -> anyhow::Result<Vec<Status>> {
    let from = session.show(id)?.status;
    let path = from
        .path_to(to)
        .with_context(|| format!("no path from {from} to {to}"))?;
    for status in &path {
        session.move_case(id, *status)?;
    }
    Ok(path)
}

/// The case list the app opens on (`caselist.svelte.ts`: the open cases, a page of
/// 100, the view's own order), as the UI sends it.
pub fn opening_list() -> Value {
    json!({ "status": null, "handler": null, "words": null, "limit": 100, "view": "open", "sort": null })
}

/// What one component test asks the core, in the order it asks: the cases it
/// starts with, then each call with the core's answer. A change that succeeded
/// carries its cases as they are after it (what the UI sees on showing them
/// again); the calls recorded after it are answered in that new state only. The
/// opening case list, the handlers, and each case's board and triage are recorded
/// at the start and after every change, as the app asks for them again.
pub struct Scene {
    pub session: Session,
    _dir: tempfile::TempDir,
    cases: Vec<String>,
    start: Vec<Value>,
    calls: Vec<Value>,
    files: serde_json::Map<String, Value>,
}

impl Scene {
    /// A scene on `session` whose test starts with `cases` as they are now.
    pub fn new(dir: tempfile::TempDir, session: Session, cases: &[&str]) -> anyhow::Result<Self> {
        let cases: Vec<String> = cases.iter().map(|id| (*id).to_owned()).collect();
        let mut scene = Scene {
            session,
            _dir: dir,
            cases,
            start: Vec::new(),
            calls: Vec::new(),
            files: serde_json::Map::new(),
        };
        scene.start = scene.views()?;
        scene.lists()?;
        Ok(scene)
    }

    /// The case list the UI asks for with `filter` (its JSON, as the UI sends it).
    pub fn list(&mut self, filter: Value) -> anyhow::Result<&mut Self> {
        let parsed: CaseFilter = serde_json::from_value(filter.clone())?;
        self.ask("listCases", json!([filter]), |s| s.case_page(&parsed));
        Ok(self)
    }

    /// What the app asks again after a change: the opening list, the handlers, and
    /// each case's deadline board and triage panel.
    fn lists(&mut self) -> anyhow::Result<()> {
        self.list(opening_list())?;
        self.ask("listHandlers", json!([]), |s| s.handlers());
        for id in self.cases.clone() {
            self.ask("deadlineBoard", json!([id]), |s| s.deadline_board(&id));
            self.ask("caseTriage", json!([id]), |s| s.case_triage(&id));
        }
        Ok(())
    }

    fn views(&self) -> anyhow::Result<Vec<Value>> {
        self.cases
            .iter()
            .map(|id| Ok(serde_json::to_value(self.session.show(id)?)?))
            .collect()
    }

    /// A call that changes nothing (or is refused): its answer, as recorded.
    pub fn ask<T: Serialize>(
        &mut self,
        command: &str,
        args: Value,
        run: impl FnOnce(&mut Session) -> Result<T, ApiError>,
    ) -> &mut Self {
        let result = run(&mut self.session);
        self.calls.push(call(command, args, result));
        self
    }

    /// A call that changes the vault: when it succeeds, the cases after it.
    pub fn change<T: Serialize>(
        &mut self,
        command: &str,
        args: Value,
        run: impl FnOnce(&mut Session) -> Result<T, ApiError>,
    ) -> anyhow::Result<&mut Self> {
        let result = run(&mut self.session);
        let succeeded = result.is_ok();
        let mut recorded = call(command, args, result);
        if succeeded {
            recorded["after"] = json!({ "cases": self.views()? });
        }
        self.calls.push(recorded);
        if succeeded {
            self.lists()?;
        }
        Ok(self)
    }

    /// A background sync pass of the app's folder-watching loop, recorded as the
    /// event the window hears (`event:teamSynced`); the scene moves on past it like
    /// a change, since the vault may have changed.
    pub fn background_sync(&mut self) -> anyhow::Result<&mut Self> {
        let event = match self.session.sync() {
            Ok(report) => {
                let mine = self.session.my_cases_among(&report.changed_cases)?;
                SyncWatchEvent::Synced { report, mine }
            }
            Err(error) => SyncWatchEvent::Failed(error),
        };
        let heard = TeamSynced::of(&event).context("the pass told the window nothing")?;
        self.calls.push(json!({
            "command": "event:teamSynced",
            "args": [],
            "answer": { "status": "ok", "data": heard },
            "after": { "cases": self.views()? },
        }));
        self.lists()?;
        Ok(self)
    }

    /// What the shell would write to a file the test saves, under `name`.
    pub fn file(&mut self, name: &str, text: String) -> &mut Self {
        self.files.insert(name.to_owned(), Value::String(text));
        self
    }

    pub fn finish(&mut self) -> Value {
        json!({ "cases": self.start, "calls": self.calls, "files": self.files })
    }
}
