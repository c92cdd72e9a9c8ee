//! The core's fixed knowledge: the status graph with recorded reopens, the case
//! fields, the template catalogue, the policy screens, the export setting keys.

use embargo_api::domain::{FIELD_NAMES, FieldName, Status};
use embargo_api::{ApiError, Session};
use serde_json::{Value, json};

use crate::recording::{answer, call, new_case, vault, walk_to};

/// Every status, where it may go next, and where a reopen takes it (recorded from
/// real reopens: a triage outcome, a case closed after triage, one closed after
/// its advisory).
pub fn status_graph() -> anyhow::Result<Value> {
    use Status::*;
    let statuses: Vec<Value> = Status::ALL
        .iter()
        .map(|s| json!({ "status": s, "next": s.successors(), "ends_case": s.is_end_state() }))
        .collect();
    let (_dir, mut session, _clock) = vault("2026-11-20T09:00:00Z")?;
    let mut reopens = Vec::new();
    // Each walk is the domain's shortest path through the statuses named.
    for (name, through) in [
        ("a duplicate", vec![Duplicate]),
        ("a third party's", vec![ThirdParty]),
        ("not a vulnerability", vec![NotAVulnerability]),
        ("closed after triage", vec![ThirdParty, Closed]),
        ("closed after its advisory", vec![Published, Closed]),
        ("an open case", vec![Acknowledged]),
    ] {
        let id = new_case(&mut session, name, "2026-11-20T09:00:00Z")?;
        if through.contains(&Published) {
            session.set_field(&id, FieldName::Cve, "CVE-2026-12345")?;
            session.set_field(&id, FieldName::Embargo, "2026-11-20T08:00:00Z")?;
        }
        let mut path = Vec::new();
        for status in &through {
            path.extend(walk_to(&mut session, &id, *status)?);
        }
        let came_from = path.len().checked_sub(2).map(|i| path[i]);
        reopens.push(json!({
            "case": name,
            "status": path.last(),
            "came_from": came_from,
            "answer": answer(session.reopen_case(&id)),
        }));
    }
    let (refused_moves, refused_reopens) = refusals(&mut session)?;
    Ok(json!({
        "statuses": statuses,
        "reopens": reopens,
        "refused_moves": refused_moves,
        "refused_reopens": refused_reopens,
    }))
}

/// From a case in every status: what the core answers to each move the graph does
/// not allow, and to a reopen of a case that has not ended.
fn refusals(session: &mut Session) -> anyhow::Result<(Vec<Value>, Vec<Value>)> {
    let mut moves = Vec::new();
    let mut reopens = Vec::new();
    for from in Status::ALL {
        let id = new_case(session, &format!("in {from}"), "2026-11-20T09:00:00Z")?;
        // A published case needs its CVE id and a past embargo on the way.
        session.set_field(&id, FieldName::Cve, "CVE-2026-12345")?;
        session.set_field(&id, FieldName::Embargo, "2026-11-20T08:00:00Z")?;
        walk_to(session, &id, from)?;
        for to in Status::ALL {
            if !from.successors().contains(&to) {
                let answer = answer(session.move_case(&id, to).and_then(|_| session.show(&id)));
                moves.push(json!({ "from": from, "to": to, "answer": answer }));
            }
        }
        if !from.is_end_state() {
            let answer = answer(session.reopen_case(&id).and_then(|_| session.show(&id)));
            reopens.push(json!({ "status": from, "answer": answer }));
        }
    }
    Ok((moves, reopens))
}

/// The fields `setField` takes, with their help, as the core parses them, and
/// what it answers to a field it does not know and to a malformed value.
pub fn case_fields() -> anyhow::Result<Value> {
    let fields: Vec<Value> = FIELD_NAMES
        .iter()
        .map(|(name, help)| json!({ "name": name, "help": help }))
        .collect();
    let (_dir, mut session, _clock) = vault("2026-11-20T09:00:00Z")?;
    let id = new_case(&mut session, "A case", "2026-11-20T09:00:00Z")?;
    let refused: Vec<Value> = [("colour", "blue"), ("cve", "CVE-12"), ("title", "  ")]
        .into_iter()
        .map(|(field, value)| {
            call(
                "setField",
                json!([id, field, value]),
                // A name that is no field is refused where it is parsed.
                field
                    .parse::<FieldName>()
                    .map_err(ApiError::from)
                    .and_then(|field| session.set_field(&id, field, value))
                    .and_then(|_| session.show(&id)),
            )
        })
        .collect();
    Ok(json!({ "fields": fields, "refused": refused }))
}

/// The template catalogue, the policy profiles and the export setting keys: what a
/// new vault starts with.
pub fn catalogue() -> anyhow::Result<Value> {
    let (_dir, mut session, _clock) = vault("2026-11-20T09:00:00Z")?;
    let templates = answer(session.templates());
    let seed = answer(session.policy_screen(Some("seed")));
    let custom = answer(session.policy_screen(Some("custom")));
    let edits = vec![
        call(
            "editPolicy",
            json!(["seed", "ack.after", "12h"]),
            session.policy_edit("seed", "ack.after", "12h"),
        ),
        call(
            "editPolicy",
            json!(["custom", "ack.after", "soon"]),
            session.policy_edit("custom", "ack.after", "soon"),
        ),
        call(
            "editPolicy",
            json!(["custom", "nonsense", "1h"]),
            session.policy_edit("custom", "nonsense", "1h"),
        ),
        call(
            "editPolicy",
            json!(["custom", "ack.after", "12h"]),
            session.policy_edit("custom", "ack.after", "12h"),
        ),
    ];
    let uses = vec![
        call("usePolicy", json!(["nope"]), {
            session
                .policy_use("nope")
                .and_then(|_| session.policy_screen(None))
        }),
        call("usePolicy", json!(["custom"]), {
            session
                .policy_use("custom")
                .and_then(|_| session.policy_screen(None))
        }),
    ];
    Ok(json!({
        "templates": templates,
        "policy_screens": { "seed": seed, "custom": custom },
        "policy_edits": edits,
        "policy_uses": uses,
        "export_setting_keys": Session::export_setting_help(),
    }))
}
