//! Create, join, edit on different vaults, sync in different orders: same state.
#![allow(clippy::unwrap_used)]

use crate::team::*;

#[test]
fn identity_show_prints_a_one_line_bundle_and_a_short_fingerprint() {
    let ann = person("Ann");
    let id = identity(&ann);
    for key in [
        "name",
        "email",
        "recipient",
        "signing_key",
        "bundle",
        "fingerprint",
    ] {
        assert!(id[key].is_string(), "{key} missing: {id}");
    }
    assert!(id["recipient"].as_str().unwrap().starts_with("age1"));
    assert!(!id["bundle"].as_str().unwrap().contains('\n'));
    assert_eq!(id["fingerprint"].as_str().unwrap().len(), 24);
    let out = ann.run(&["identity", "export-secret"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("AGE-SECRET-KEY-1"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: this is your secret key"));
}

#[test]
fn three_vaults_editing_one_case_converge_whatever_the_sync_order() {
    let folder = tempfile::tempdir().unwrap();
    let people = team(folder.path(), &["Ann", "Bob", "Cat"]);
    let [ann, bob, cat] = [&people[0], &people[1], &people[2]];
    let id = ann.new_case("Heap overflow in the PNG decoder", "2026-11-20T10:00:00Z");
    sync(ann);
    sync(cat);
    sync(bob);
    // Concurrent work on three vaults between syncs.
    bob.ok(&["case", "set", &id, "product", "libpng-ng"]);
    bob.ok(&["note", &id, "reproduced on 1.6"]);
    cat.ok(&["case", "set", &id, "cwe", "CWE-122"]);
    cat.ok(&["note", &id, "fuzzer found a second path"]);
    ann.ok(&["case", "move", &id, "acknowledged"]);
    ann.ok(&["case", "set", &id, "product", "libpng"]);
    for order in [[cat, ann, bob], [bob, cat, ann], [ann, bob, cat]] {
        for v in order {
            sync(v);
        }
    }
    let reference = show(ann, &id);
    assert_eq!(reference["status"], "acknowledged");
    assert_eq!(reference["cwe"], "CWE-122");
    assert_eq!(reference["notes"].as_array().unwrap().len(), 2);
    assert_eq!(show(bob, &id), reference);
    assert_eq!(show(cat, &id), reference);
    for v in [ann, bob, cat] {
        let check = v.json(&["check"]);
        assert_eq!(check["problems"].as_array().unwrap().len(), 0, "{check}");
    }

    let status = ann.json(&["sync", "status"]);
    let devices = status["devices"].as_array().unwrap();
    assert_eq!(devices.len(), 3);
    for d in devices {
        assert!(
            d["member"].is_string() && d["last_seq"].as_u64().unwrap() >= 1,
            "{d}"
        );
        assert_eq!(d["lag"], 0);
    }
    assert_eq!(status["quarantined"].as_array().unwrap().len(), 0);
}

#[test]
fn team_list_add_and_remove_need_an_admin_and_report_clearly() {
    let folder = tempfile::tempdir().unwrap();
    let people = team(folder.path(), &["Ann", "Bob"]);
    let list = people[1].json(&["team", "list"]);
    assert_eq!(list["version"], 2);
    assert_eq!(list["members"].as_array().unwrap().len(), 2);
    let dan = person("Dan");
    let bundle = identity(&dan)["bundle"].as_str().unwrap().to_owned();
    let err = people[1].fails(&["team", "add", &bundle], 1);
    assert!(err.contains("only an admin"), "{err}");
    let err = people[0].fails(&["team", "add", "embargo-member-v1:AAAA"], 1);
    assert!(err.contains("not a member bundle"), "{err}");
    let err = people[0].fails(&["team", "remove", "nobody"], 1);
    assert!(err.contains("no member matches"), "{err}");
    let err = people[0].fails(&["team", "remove", "Ann"], 1);
    assert!(err.contains("last admin"), "{err}");
    let fp = identity(&people[1])["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();
    let after = people[0].json(&["team", "remove", &fp]);
    assert_eq!(after["members"].as_array().unwrap().len(), 1);
    let err = dan.fails(&["sync"], 1);
    assert!(err.contains("not in a team"), "{err}");
    let err = dan.fails(
        &[
            "team",
            "join",
            "--folder",
            folder.path().to_str().unwrap(),
            "--fingerprint",
            &fp,
        ],
        1,
    );
    assert!(err.contains("no roster"), "{err}");
}

#[test]
fn a_draft_edited_on_two_vaults_between_syncs_is_flagged_alike_and_resolved_by_editing() {
    let folder = tempfile::tempdir().unwrap();
    let people = team(folder.path(), &["Ann", "Bob"]);
    let [ann, bob] = [&people[0], &people[1]];
    let id = ann.new_case("Open redirect", "2026-11-20T10:00:00Z");
    let draft = ann.json(&["draft", "new", &id, "acknowledgment"])["id"]
        .as_str()
        .unwrap()
        .to_owned();
    sync(ann);
    sync(bob);
    ann.ok(&[
        "draft",
        "edit",
        &draft,
        "--subject",
        "Thanks: open redirect (Ann)",
    ]);
    bob.ok(&[
        "draft",
        "edit",
        &draft,
        "--subject",
        "Thanks: open redirect (Bob)",
    ]);
    for v in [ann, bob, ann] {
        sync(v);
    }
    let a = show(ann, &id);
    assert_eq!(a, show(bob, &id));
    assert_eq!(a["conflicts"].as_array().map(Vec::len), Some(1), "{a}");
    let versions = a["drafts"][0]["conflict"].as_array().unwrap();
    let subjects: Vec<&str> = versions
        .iter()
        .map(|v| v["subject"].as_str().unwrap())
        .collect();
    assert!(
        subjects.contains(&"Thanks: open redirect (Ann)")
            && subjects.contains(&"Thanks: open redirect (Bob)"),
        "{subjects:?}"
    );
    assert!(bob.ok(&["case", "show", &id]).contains("CONFLICT"));

    bob.ok(&[
        "draft",
        "edit",
        &draft,
        "--subject",
        "Thanks for the report",
    ]);
    sync(bob);
    sync(ann);
    let a = show(ann, &id);
    assert_eq!(a, show(bob, &id));
    assert!(a.get("conflicts").is_none(), "{a}");
    assert_eq!(a["drafts"][0]["subject"], "Thanks for the report");
}

#[test]
fn a_sync_says_which_of_my_cases_teammates_changed() {
    let folder = tempfile::tempdir().unwrap();
    let people = team(folder.path(), &["Ann", "Bob"]);
    let [ann, bob] = [&people[0], &people[1]];
    let mine = ann.new_case("Auth bypass in the SSO bridge", "2026-11-20T10:00:00Z");
    let theirs = ann.new_case("Open redirect on login", "2026-11-20T11:00:00Z");
    ann.ok(&["case", "set", &mine, "handler", "bob@psirt.example"]);
    sync(ann);
    sync(bob);

    ann.ok(&["note", &mine, "vendor confirmed"]);
    ann.ok(&["note", &theirs, "not Bob's"]);
    sync(ann);
    let said = bob.ok(&["sync"]);
    assert!(
        said.contains(&format!("teammates changed 1 case(s) you handle: {mine}")),
        "{said}"
    );
    assert!(!said.contains(&theirs), "{said}");

    // Nothing new: nothing to tell.
    let report = sync(bob);
    assert_eq!(report["changed_cases"].as_array().unwrap().len(), 0);
}
