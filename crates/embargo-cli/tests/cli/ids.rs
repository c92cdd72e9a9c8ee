//! Case ids: numbering per year, prefixes, ambiguity and unknown ids.

use crate::support::TestVault;
use crate::{ids, len, refused, show};

#[test]
fn case_ids_are_numbered_per_utc_year_of_receipt() {
    let vault = TestVault::new();
    assert_eq!(vault.new_case("A", "2026-11-03T10:00:00Z"), "EMB-2026-0001");
    assert_eq!(vault.new_case("B", "2025-06-01T00:00:00Z"), "EMB-2025-0001");
    // 00:30 on New Year's Day at +02:00 is still 2025 in UTC.
    assert_eq!(
        vault.new_case("C", "2026-01-01T00:30:00+02:00"),
        "EMB-2025-0002"
    );
    assert_eq!(vault.new_case("D", "2026-12-31T23:59:59Z"), "EMB-2026-0002");

    let list = vault.json(&["case", "list"]);
    assert_eq!(
        ids(&list),
        [
            "EMB-2026-0002",
            "EMB-2026-0001",
            "EMB-2025-0002",
            "EMB-2025-0001"
        ]
    );
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["D", "A", "C", "B"]);
    assert_eq!(list[2]["received_at"], "2025-12-31T22:30:00Z");
}

#[test]
fn a_unique_prefix_finds_the_case_and_an_ambiguous_or_unknown_one_is_refused() {
    let vault = TestVault::new();
    vault.new_case("First of 2026", "2026-03-01T00:00:00Z");
    vault.new_case("Second of 2026", "2026-04-01T00:00:00Z");
    vault.new_case("First of 2025", "2025-05-01T00:00:00Z");

    assert_eq!(show(&vault, "2026-0002")["title"], "Second of 2026");
    assert_eq!(show(&vault, "emb-2026-0001")["title"], "First of 2026");
    assert_eq!(show(&vault, "2")["id"], "EMB-2026-0002");
    // Every command that takes an id takes a prefix.
    let noted = vault.json(&["note", "2026-0001", "prefix works for notes"]);
    assert_eq!(noted["id"], "EMB-2026-0001");
    assert_eq!(noted["notes"][0]["text"], "prefix works for notes");
    let set = vault.json(&["case", "set", "EMB-2025", "product", "quickserve"]);
    assert_eq!(set["id"], "EMB-2025-0001");
    assert_eq!(set["product"], "quickserve");

    let stderr = refused(&vault, &["case", "show", "EMB-2026-00"], 1);
    assert_eq!(
        stderr.trim_end(),
        "error: \"EMB-2026-00\" matches several cases: EMB-2026-0001, EMB-2026-0002; type more of the id"
    );
    let stderr = refused(&vault, &["case", "move", "1", "acknowledged"], 1);
    assert!(
        stderr.contains("\"1\" matches several cases: EMB-2025-0001, EMB-2026-0001"),
        "{stderr}"
    );
    let stderr = refused(&vault, &["note", "EMB-2027-0001", "nowhere"], 1);
    assert_eq!(
        stderr.trim_end(),
        "error: no case matches \"EMB-2027-0001\""
    );
    let stderr = refused(&vault, &["case", "set", "3", "product", "x"], 1);
    assert_eq!(stderr.trim_end(), "error: no case matches \"3\"");
    // The refused commands wrote nothing.
    let case = show(&vault, "EMB-2026-0001");
    assert_eq!(len(&case["timeline"]), 2);
    assert_eq!(case["status"], "received");
}
