//! The drafts tab: what each drafts component test asks the core, on a case
//! imported from the reporter's mail, from creating a draft to saving or sending it.

use anyhow::Context;
use embargo_api::DraftView;
use serde_json::{Value, json};

use crate::recording::{Scene, import_report, vault};

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
