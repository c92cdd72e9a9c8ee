//! Makes a vault with many realistic cases, for benchmarks of the app and the CLI.
//!
//! `cargo run --release -p embargo-api --example big_vault -- DIR [CASES]`
//! (passphrase from `$EMBARGO_PASSPHRASE`, default the demo one).

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use embargo_api::domain::FixedClock;
use embargo_api::{DEMO_PASSPHRASE, NewCase, Session};
use secrecy::SecretString;

const STATUSES: [&[&str]; 4] = [
    &[],
    &["acknowledged"],
    &["acknowledged", "triaging"],
    &["acknowledged", "triaging", "confirmed", "fixing"],
];
const TOPICS: [&str; 8] = [
    "Path traversal in static file handler",
    "Heap overflow in TLS session ticket parsing",
    "Request smuggling via duplicated Content-Length",
    "Prototype pollution in query-string parser",
    "ReDoS in Accept-Language parser",
    "SSRF through redirect following in HTTP client",
    "Timing side channel in HMAC comparison",
    "Cache poisoning in module loader",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: big_vault DIR [CASES]")?);
    let count: usize = args
        .next()
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(10_000);
    let passphrase = std::env::var("EMBARGO_PASSPHRASE")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| DEMO_PASSPHRASE.to_owned());
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .ok_or("start instant")?;
    let clock = Arc::new(FixedClock::new(start));
    let mut session = Session::create(
        &dir,
        "Bench Handler",
        "bench@security.example.org",
        &SecretString::from(passphrase),
        clock.clone(),
    )?;
    for n in 0..count {
        let received = start + Duration::minutes(45 * n as i64);
        clock.set(received);
        let id = session
            .new_case(NewCase {
                title: format!("{} #{n}", TOPICS[n % TOPICS.len()]),
                reporter_name: Some(format!("Reporter {n}")),
                reporter_email: Some(format!("reporter{n}@research.example")),
                received_at: Some(received),
                channel: None,
            })?
            .to_string();
        for status in STATUSES[n % STATUSES.len()] {
            session.move_case(&id, status.parse()?)?;
        }
        if n % 3 == 0 {
            session.set_field(
                &id,
                embargo_api::domain::FieldName::Handler,
                ["Ana Ruiz", "Bo Chen", "Dana Whitfield"][(n / 3) % 3],
            )?;
        }
        session.add_note(
            &id,
            "Reproduced on the latest release; looking for siblings.",
        )?;
    }
    Ok(())
}
