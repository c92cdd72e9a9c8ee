//! The team screen's scenes: creating a team and changing its roster, joining one
//! (refused, then pinned to the right admin), a sync on request that brings a
//! teammate's work on my case, and a background pass that finds the folder gone.
//! Real vaults share a real team folder.
//!
//! A run's keys are random: each person's bundle, fingerprint and age recipient
//! are written as stable stand-ins, and the folder as `/srv/team` (what the tests
//! type), so two runs write the same file.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use embargo_api::domain::{FieldName, FixedClock, Unwatched};
use embargo_api::sync::team::History;
use embargo_api::vault::Vault;
use embargo_api::{NewCase, Session, TeamChange};
use serde_json::{Value, json};

use crate::recording::{Scene, at, passphrase, vault, vault_of};

/// When the scenes happen.
const NOW: &str = "2026-11-24T09:00:00Z";
/// The team folder as the tests type it.
const FOLDER: &str = "/srv/team";

pub fn team() -> anyhow::Result<Value> {
    Ok(json!({
        "people": {
            "ana": stand_in("ana"),
            "bob": stand_in("bob"),
            "eve": stand_in("eve"),
        },
        "scenes": {
            "created": created()?,
            "from-now": from_now()?,
            "joined": joined()?,
            "sync-mine": sync_mine()?,
            "folder-gone": folder_gone()?,
            "upgrade": upgrade()?,
        },
    }))
}

/// What the fixtures show of a person instead of their random keys.
fn stand_in(who: &str) -> Value {
    json!({
        "bundle": format!("embargo-member-v1:bundle-of-{who}"),
        "fingerprint": format!("{}-FINGERPRINT", who.to_uppercase()),
        "recipient": format!("age1-recipient-of-{who}"),
    })
}

/// `value` with each person's keys and the folder's path replaced by stand-ins.
fn anonymized(value: Value, folder: &Path, people: &[(&Session, &str)]) -> anyhow::Result<Value> {
    let mut text = serde_json::to_string(&value)?;
    let path = folder.to_str().context("a UTF-8 temp path")?;
    text = text.replace(path, FOLDER);
    for (session, who) in people {
        let real = session.identity();
        let fake = stand_in(who);
        for key in ["bundle", "fingerprint", "recipient"] {
            let real = match key {
                "bundle" => &real.bundle,
                "fingerprint" => &real.fingerprint,
                _ => &real.recipient,
            };
            text = text.replace(real.as_str(), fake[key].as_str().context("a stand-in")?);
        }
    }
    let mut value = serde_json::from_str(&text)?;
    stable_devices(&mut value);
    Ok(value)
}

/// Each list of devices with its ids' random 32-hex-digit half (before the
/// UUID) numbered by whose device it is, in the order the core lists devices (by
/// id), so the list comes out in the same order on every run.
fn stable_devices(value: &mut Value) {
    const OWNERS: [&str; 3] = ["ANA-FINGERPRINT", "BOB-FINGERPRINT", "EVE-FINGERPRINT"];
    match value {
        Value::Object(fields) => {
            if let Some(Value::Array(devices)) = fields.get_mut("devices") {
                for device in devices.iter_mut() {
                    let owner = device["fingerprint"].as_str().unwrap_or_default();
                    let number = OWNERS.iter().position(|o| *o == owner).map_or(0, |n| n + 1);
                    if let Some(id) = device["device"].as_str()
                        && let Some((half, rest)) = id.split_once('-')
                        && half.len() == 32
                    {
                        device["device"] = Value::String(format!("{number:032}-{rest}"));
                    }
                }
                devices.sort_by(|a, b| a["device"].as_str().cmp(&b["device"].as_str()));
            }
            fields.values_mut().for_each(stable_devices);
        }
        Value::Array(items) => items.iter_mut().for_each(stable_devices),
        _ => {}
    }
}

fn folder() -> anyhow::Result<(tempfile::TempDir, std::path::PathBuf)> {
    let dir = tempfile::tempdir()?;
    let folder = dir.path().join("team");
    std::fs::create_dir(&folder)?;
    Ok((dir, folder))
}

fn person(name: &str, email: &str) -> anyhow::Result<(tempfile::TempDir, Session)> {
    let (dir, session, _clock) = vault_of(name, email, NOW)?;
    Ok((dir, session))
}

fn create(scene: &mut Scene, folder: &Path) -> anyhow::Result<()> {
    scene.change("createTeam", json!([folder, "PSIRT"]), |s| {
        s.team_change(
            TeamChange::Create {
                folder,
                name: "PSIRT",
            },
            &Unwatched,
        )
    })?;
    Ok(())
}

fn add(scene: &mut Scene, bundle: &str, history: &str) -> anyhow::Result<()> {
    let parsed: History = serde_json::from_value(json!(history))?;
    scene.change("addMember", json!([bundle, false, history]), |s| {
        s.team_change(
            TeamChange::Add {
                bundle,
                admin: false,
                history: parsed,
            },
            &Unwatched,
        )
    })?;
    Ok(())
}

/// Ana alone creates a team, is refused a bundle that is not one, adds Bob with the
/// whole history, then removes him.
fn created() -> anyhow::Result<Value> {
    let (_folder_dir, folder) = folder()?;
    let (dir, ana, _clock) = vault(NOW)?;
    let (_bob_dir, bob) = person("Bob Stone", "bob@security.example.org")?;
    let mut scene = Scene::new(dir, ana, &[])?;
    scene.ask("teamOverview", json!([]), |s| s.team_overview(&Unwatched));
    create(&mut scene, &folder)?;
    scene.ask("addMember", json!(["hello", false, "Full"]), |s| {
        s.team_change(
            TeamChange::Add {
                bundle: "hello",
                admin: false,
                history: History::Full,
            },
            &Unwatched,
        )
    });
    add(&mut scene, &bob.identity().bundle, "Full")?;
    let member = bob.identity().fingerprint;
    scene.change("removeMember", json!([member]), |s| {
        s.team_change(TeamChange::Remove { member: &member }, &Unwatched)
    })?;
    let recorded = scene.finish();
    anonymized(recorded, &folder, &[(&scene.session, "ana"), (&bob, "bob")])
}

/// Ana creates a team, adds Bob with the whole history and Eve from now on.
fn from_now() -> anyhow::Result<Value> {
    let (_folder_dir, folder) = folder()?;
    let (dir, ana, _clock) = vault(NOW)?;
    let (_bob_dir, bob) = person("Bob Stone", "bob@security.example.org")?;
    let (_eve_dir, eve) = person("Eve Late", "eve@security.example.org")?;
    let mut scene = Scene::new(dir, ana, &[])?;
    scene.ask("teamOverview", json!([]), |s| s.team_overview(&Unwatched));
    create(&mut scene, &folder)?;
    add(&mut scene, &bob.identity().bundle, "Full")?;
    add(&mut scene, &eve.identity().bundle, "FromNow")?;
    let recorded = scene.finish();
    let people = [(&scene.session, "ana"), (&bob, "bob"), (&eve, "eve")];
    anonymized(recorded, &folder, &people)
}

/// Bob's team; Ana's join pinned to a fingerprint that is not his is refused,
/// then she joins pinned to his, as a member who is no admin.
fn joined() -> anyhow::Result<Value> {
    let (_folder_dir, folder) = folder()?;
    let (_bob_dir, mut bob) = person("Bob Stone", "bob@security.example.org")?;
    let (dir, ana, _clock) = vault(NOW)?;
    bob.team_create(&folder, "PSIRT")?;
    bob.team_add(&ana.identity().bundle, false, History::Full)?;
    let mut scene = Scene::new(dir, ana, &[])?;
    scene.ask("teamOverview", json!([]), |s| s.team_overview(&Unwatched));
    scene.ask("joinTeam", json!([folder, "EVIL-0000"]), |s| {
        let pinned = "EVIL-0000";
        s.team_change(
            TeamChange::Join {
                folder: &folder,
                pinned,
            },
            &Unwatched,
        )
    });
    let pinned = bob.identity().fingerprint;
    scene.change("joinTeam", json!([folder, pinned]), |s| {
        s.team_change(
            TeamChange::Join {
                folder: &folder,
                pinned: &pinned,
            },
            &Unwatched,
        )
    })?;
    let recorded = scene.finish();
    anonymized(recorded, &folder, &[(&scene.session, "ana"), (&bob, "bob")])
}

/// Ana and Bob in one team; Bob notes on a case Ana handles; Ana syncs on request.
fn sync_mine() -> anyhow::Result<Value> {
    let (_folder_dir, folder) = folder()?;
    let (dir, mut ana, _clock) = vault(NOW)?;
    let (_bob_dir, mut bob) = person("Bob Stone", "bob@security.example.org")?;
    ana.team_create(&folder, "PSIRT")?;
    ana.team_add(&bob.identity().bundle, false, History::Full)?;
    bob.team_join(&folder, &ana.identity().fingerprint)?;
    let case = ana
        .new_case(NewCase {
            title: "SSRF in the webhook".into(),
            ..NewCase::default()
        })?
        .to_string();
    ana.set_field(&case, FieldName::Handler, "Ana Ruiz")?;
    ana.sync()?;
    bob.sync()?;
    bob.add_note(&case, "Reproduced on 4.2.")?;
    bob.sync()?;
    let mut scene = Scene::new(dir, ana, &[&case])?;
    scene.ask("teamOverview", json!([]), |s| s.team_overview(&Unwatched));
    scene.change("syncNow", json!([]), |s| s.sync_now(&mut Unwatched))?;
    let recorded = scene.finish();
    anonymized(recorded, &folder, &[(&scene.session, "ana"), (&bob, "bob")])
}

/// Ana's team folder goes away (an unmounted share) while she has changes not
/// written to it; the app's background pass finds it gone.
fn folder_gone() -> anyhow::Result<Value> {
    let (folder_dir, folder) = folder()?;
    let (dir, mut ana, _clock) = vault(NOW)?;
    ana.team_create(&folder, "PSIRT")?;
    ana.sync()?;
    let mut scene = Scene::new(dir, ana, &[])?;
    scene.ask("teamOverview", json!([]), |s| s.team_overview(&Unwatched));
    std::fs::rename(&folder, folder_dir.path().join("unmounted"))?;
    for title in [
        "Heap overflow in the parser",
        "XSS in search",
        "CSRF on logout",
    ] {
        scene.session.new_case(NewCase {
            title: title.into(),
            ..NewCase::default()
        })?;
    }
    scene.background_sync()?;
    scene.ask("teamOverview", json!([]), |s| s.team_overview(&Unwatched));
    let recorded = scene.finish();
    anonymized(recorded, &folder, &[(&scene.session, "ana")])
}

/// Ana's team in a folder of format 1 (made before key generations), which she
/// upgrades as its admin.
fn upgrade() -> anyhow::Result<Value> {
    let (_folder_dir, folder) = folder()?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("vault");
    let mut old = Vault::create(&path, "Ana Ruiz", "ana@security.example.org", &passphrase())?;
    embargo_api::sync::v1::team::create(&mut old, &folder, "PSIRT", at(NOW))?;
    drop(old);
    let clock = Arc::new(FixedClock::new(at(NOW)));
    let ana = Session::open(&path, &passphrase(), clock)?;
    let mut scene = Scene::new(dir, ana, &[])?;
    scene.ask("teamOverview", json!([]), |s| s.team_overview(&Unwatched));
    scene.change("upgradeTeam", json!([]), |s| {
        s.team_change(TeamChange::Upgrade, &Unwatched)
    })?;
    let recorded = scene.finish();
    anonymized(recorded, &folder, &[(&scene.session, "ana")])
}
