//! The drafts tab: what each drafts component test asks the core, on a case
//! imported from the reporter's mail, from creating a draft to saving or sending it.

use anyhow::Context;
use embargo_api::DraftView;
use serde_json::{Value, json};

use embargo_api::sync::team::History;

use crate::recording::{Scene, at, import_report, vault, vault_of};

/// The reporter's mail the drafts tests open.
const REPORT: &str = "From: Mei Lin <mei@example.net>\r
To: security@example.org\r
Subject: Open redirect in login\r
Date: Fri, 20 Nov 2026 09:00:00 +0000\r
Message-ID: <open-redirect-1@example.net>\r
\r
The login page follows return_to=//evil.example to another site.\r
";

/// What a test types into the body before saving.
const TYPED_REPLY: &str = "Hello Mei,\nwe have your report.";
const TYPED_UPDATE: &str = "Fix is ready.";
/// What a test appends to the body after clearing the subject.
const APPENDED: &str = " And one more line.";

pub fn drafts() -> anyhow::Result<Value> {
    Ok(json!({
        "picker": picker()?,
        "acknowledgment-edited": acknowledgment_edited()?,
        "acknowledgment-sent": acknowledgment_sent()?,
        "request-info-refused": request_info_refused()?,
        "update-copied": update_copied()?,
        "conflict": conflict()?,
    }))
}

/// A vault holding only the imported report, seen on 24 November.
fn report_scene() -> anyhow::Result<(Scene, String)> {
    let (dir, mut session, _clock) = vault("2026-11-24T09:00:00Z")?;
    let case = import_report(&mut session, REPORT)?;
    Ok((Scene::new(dir, session, &[&case])?, case))
}

/// A new draft from `template`, and the preview the editor asks for on opening it.
fn new_draft(scene: &mut Scene, case: &str, template: &str) -> anyhow::Result<DraftView> {
    scene.change("newDraft", json!([case, template]), |s| {
        s.new_draft(case, template)
    })?;
    let draft = scene
        .session
        .drafts(case)?
        .pop()
        .context("the new draft is not on the case")?;
    preview(scene, &draft, &draft.subject, &draft.body);
    Ok(draft)
}

/// The preview the editor asks for when the typing pauses on `subject`/`body`.
fn preview(scene: &mut Scene, draft: &DraftView, subject: &str, body: &str) {
    scene.ask("previewDraft", json!([draft.id, subject, body]), |s| {
        s.preview_draft(&draft.id, Some(subject.to_owned()), Some(body.to_owned()))
    });
}

/// Saving the typed text, and the preview the editor asks for again after it.
fn edit(scene: &mut Scene, draft: &DraftView, subject: &str, body: &str) -> anyhow::Result<()> {
    scene.change("editDraft", json!([draft.id, subject, body]), |s| {
        s.edit_draft(&draft.id, Some(subject.to_owned()), Some(body.to_owned()))
    })?;
    preview(scene, draft, subject, body);
    Ok(())
}

/// The template picker, and a template refused for a field the case lacks.
fn picker() -> anyhow::Result<Value> {
    let (mut scene, case) = report_scene()?;
    scene.ask("newDraft", json!([case, "fix-date"]), |s| {
        s.new_draft(&case, "fix-date")
    });
    Ok(scene.finish())
}

/// An acknowledgment whose body is cleared, retyped and saved.
fn acknowledgment_edited() -> anyhow::Result<Value> {
    let (mut scene, case) = report_scene()?;
    let draft = new_draft(&mut scene, &case, "acknowledgment")?;
    preview(&mut scene, &draft, &draft.subject, "");
    preview(&mut scene, &draft, &draft.subject, TYPED_REPLY);
    edit(&mut scene, &draft, &draft.subject, TYPED_REPLY)?;
    Ok(scene.finish())
}

/// An acknowledgment exported as .eml, then marked sent without the move.
fn acknowledgment_sent() -> anyhow::Result<Value> {
    let (mut scene, case) = report_scene()?;
    let draft = new_draft(&mut scene, &case, "acknowledgment")?;
    let (_, eml) = scene.session.draft_eml(&draft.id)?;
    scene.file(&draft.id, String::from_utf8(eml)?);
    scene.change("markDraftSent", json!([draft.id]), |s| {
        s.mark_draft_sent(&draft.id, None)
    })?;
    preview(&mut scene, &draft, &draft.subject, &draft.body);
    Ok(scene.finish())
}

/// A request for information whose subject is cleared: saving is refused.
fn request_info_refused() -> anyhow::Result<Value> {
    let (mut scene, case) = report_scene()?;
    let draft = new_draft(&mut scene, &case, "request-info")?;
    let longer = format!("{}{APPENDED}", draft.body);
    preview(&mut scene, &draft, "", &draft.body);
    preview(&mut scene, &draft, "", &longer);
    scene.ask("editDraft", json!([draft.id, "", longer]), |s| {
        s.edit_draft(&draft.id, Some(String::new()), Some(longer.clone()))
    });
    Ok(scene.finish())
}

/// An update whose body is retyped, then copied (saving the typed text first).
fn update_copied() -> anyhow::Result<Value> {
    let (mut scene, case) = report_scene()?;
    let draft = new_draft(&mut scene, &case, "update")?;
    preview(&mut scene, &draft, &draft.subject, "");
    preview(&mut scene, &draft, &draft.subject, TYPED_UPDATE);
    edit(&mut scene, &draft, &draft.subject, TYPED_UPDATE)?;
    Ok(scene.finish())
}

/// An update edited on two devices between syncs (Ana here, Bo on his laptop, both
/// in one team folder); Ana keeps her version.
fn conflict() -> anyhow::Result<Value> {
    let folder = tempfile::tempdir()?;
    let (dir, mut ana, ana_clock) = vault("2026-11-24T09:00:00Z")?;
    let (_bo_dir, mut bo, bo_clock) =
        vault_of("Bo Chen", "bo@security.example.org", "2026-11-24T09:00:00Z")?;
    ana.team_create(folder.path(), "PSIRT")?;
    ana.team_add(&bo.identity().bundle, false, History::Full)?;
    let case = import_report(&mut ana, REPORT)?;
    let draft = ana.new_draft(&case, "update")?;
    ana.sync()?;
    bo.team_join(folder.path(), &ana.identity().fingerprint)?;
    bo.sync()?;
    // At different instants, so the two versions come in the same order on every run.
    bo_clock.set(at("2026-11-24T10:00:00Z"));
    bo.edit_draft(&draft.id, None, Some("Theirs.\n".into()))?;
    bo.sync()?;
    ana_clock.set(at("2026-11-24T11:00:00Z"));
    ana.edit_draft(&draft.id, None, Some("Mine.\n".into()))?;
    ana.sync()?;
    let mut scene = Scene::new(dir, ana, &[&case])?;
    let shown = scene
        .session
        .drafts(&case)?
        .pop()
        .context("the draft is not on the case")?;
    anyhow::ensure!(shown.conflict.len() == 2, "no conflict: {shown:?}");
    preview(&mut scene, &shown, &shown.subject, &shown.body);
    for version in shown.conflict.clone() {
        scene.ask(
            "previewDraft",
            json!([shown.id, version.subject, version.body]),
            |s| {
                s.preview_draft(
                    &shown.id,
                    Some(version.subject.clone()),
                    Some(version.body.clone()),
                )
            },
        );
    }
    let mine = shown
        .conflict
        .iter()
        .find(|v| v.body == "Mine.\n")
        .context("my version")?
        .clone();
    edit(&mut scene, &shown, &mine.subject, &mine.body)?;
    Ok(scene.finish())
}
