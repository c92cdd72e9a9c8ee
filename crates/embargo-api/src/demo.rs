//! A demo vault: a dozen realistic cases at every stage of the policy, built by
//! replaying each case's history through the real use cases at the time it happened.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use embargo_domain::{Change, Direction, FixedClock, KnownNonIssue, Message};
use secrecy::SecretString;
use uuid::Uuid;

use crate::{ApiError, NewCase, Session};

/// The passphrase of a demo vault when `$EMBARGO_PASSPHRASE` is not set.
pub const DEMO_PASSPHRASE: &str = "correct horse battery staple";

const HANDLER: &str = "Dana Whitfield";
const HANDLER_EMAIL: &str = "dana@security.example.org";

/// The demo team's export settings, so the finished demo cases export as they are.
const EXPORT_SETTINGS: &[(&str, &str)] = &[
    ("org", "Harbor Project"),
    ("cna-org-id", "6f1d0c7e-3a52-4b8e-9f0d-2c4a1b3e5d70"),
    ("cna-short-name", "harbor"),
    ("vendor", "Harbor Project"),
    ("product", "Harbor HTTP server"),
    ("ecosystem", "npm"),
    ("package", "harbor-http"),
    (
        "advisory-url",
        "https://security.example.org/advisories/{cve}",
    ),
    ("mailing-list", "security-announce@lists.example.org"),
    ("cve-request-to", "cve-request@cna.example.org"),
];

enum Step {
    Move(&'static str),
    Set(&'static str, String),
    Note(&'static str),
    Check(&'static str),
    Line(
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static str,
    ),
    /// A reply to the reporter that meets the policy rule with this id.
    Reply(&'static str, &'static str),
    /// Marked a duplicate of the demo case with this title.
    DuplicateOf(&'static str),
}

struct DemoCase {
    title: &'static str,
    reporter: (&'static str, &'static str),
    report: &'static str,
    received_hours_ago: i64,
    /// (hours after receipt, step)
    steps: Vec<(i64, Step)>,
}

fn demo_cases(now: DateTime<Utc>) -> Vec<DemoCase> {
    use Step::*;
    let instant = |at: DateTime<Utc>| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let embargo_in_2_days = instant(now + Duration::days(2));
    let embargo_past = instant(now - Duration::hours(9));
    let embargo_long_past = instant(now - Duration::days(20));
    let finished = |cve: &'static str, cwe: &'static str, embargo: &String| {
        vec![
            (
                2,
                Reply(
                    "ack",
                    "Thank you for the report; we have it and will reply with next steps within 48 hours.",
                ),
            ),
            (2, Move("acknowledged")),
            (
                20,
                Reply(
                    "response",
                    "We reproduced the issue and are preparing fixes for every supported release line.",
                ),
            ),
            (20, Move("triaging")),
            (30, Set("handler", HANDLER.into())),
            (40, Move("confirmed")),
            (
                41,
                Set(
                    "cvss",
                    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N".into(),
                ),
            ),
            (41, Set("cwe", cwe.into())),
            (42, Set("product", "Harbor HTTP server".into())),
            (43, Line("22.x", "affected", None, "private-branch")),
            (43, Line("20.x", "affected", None, "private-branch")),
            (43, Line("18.x", "not-affected", None, "none")),
            (44, Move("fixing")),
            (90, Line("22.x", "affected", Some("22.4.1"), "ready")),
            (90, Line("20.x", "affected", Some("20.11.3"), "ready")),
            (
                90,
                Reply(
                    "update",
                    "Fixes for 22.x and 20.x are ready and held privately.",
                ),
            ),
            (91, Move("fix-ready")),
            (100, Move("cve-requested")),
            (120, Set("cve", cve.into())),
            (121, Set("embargo", embargo.clone())),
            (121, Set("credit", "Mei Lin of Northwind Research".into())),
            (122, Move("scheduled")),
            (
                122,
                Reply(
                    "update",
                    "The CVE is assigned and the embargo date is set; we will announce then.",
                ),
            ),
        ]
    };
    let mut published = finished("CVE-2026-41007", "CWE-367", &embargo_long_past);
    published.extend([
        (195, Move("announced")),
        (197, Line("22.x", "affected", Some("22.4.1"), "released")),
        (197, Line("20.x", "affected", Some("20.11.3"), "released")),
        (199, Move("published")),
    ]);
    let mut announced = finished("CVE-2026-43310", "CWE-208", &embargo_past);
    announced.push((131, Move("announced")));
    let mut scheduled = finished("CVE-2026-44871", "CWE-349", &embargo_in_2_days);
    scheduled.push((
        123,
        Note("Pre-release notice goes to the distros list 24 h before the embargo."),
    ));
    vec![
        DemoCase {
            title: "Path traversal in static file server via encoded backslash",
            reporter: ("Aiko Tanaka", "aiko.tanaka@example.jp"),
            report: "Requesting /static/..%5c..%5cetc/passwd returns the file on Windows builds.\nPoC attached below; tested on 22.4.0.",
            received_hours_ago: 23,
            steps: vec![],
        },
        DemoCase {
            title: "Prototype pollution in query-string parser",
            reporter: ("Lucas Ferreira", "lucas@ferreira.dev"),
            report: "Parsing `?__proto__[isAdmin]=1` sets isAdmin on every object in the process.",
            received_hours_ago: 30,
            steps: vec![],
        },
        DemoCase {
            title: "Open redirect in the login flow's return_to parameter",
            reporter: ("Chidi Okonkwo", "chidi@okonkwo.example"),
            report: "/login?return_to=//evil.example redirects off-site after a successful login.",
            received_hours_ago: 20,
            steps: vec![
                (
                    2,
                    Reply(
                        "ack",
                        "Thank you, Chidi. We received your report and will follow up within 48 hours.",
                    ),
                ),
                (2, Move("acknowledged")),
            ],
        },
        DemoCase {
            title: "Heap overflow in TLS session ticket handling",
            reporter: ("Priya Raman", "priya.raman@example.in"),
            report: "A crafted session ticket of 65 537 bytes overflows the decode buffer (ASan trace inline).",
            received_hours_ago: 40,
            steps: vec![
                (
                    3,
                    Reply(
                        "ack",
                        "Thank you for the report; we have it and will reply with next steps within 48 hours.",
                    ),
                ),
                (3, Move("acknowledged")),
                (5, Move("triaging")),
                (5, Set("handler", HANDLER.into())),
                (6, Check("Reproduce on 22.x and 20.x")),
                (6, Check("Audit other ticket decoders for the same pattern")),
            ],
        },
        DemoCase {
            title: "SSRF through redirect following in HTTP client",
            reporter: ("Jonas Berg", "jonas.berg@example.se"),
            report: "fetch() follows a 307 to http://169.254.169.254/ even with allowPrivate=false.",
            received_hours_ago: 24 * 11,
            steps: vec![
                (4, Reply("ack", "Thanks, Jonas. We are looking into it.")),
                (4, Move("acknowledged")),
                (
                    20,
                    Reply(
                        "response",
                        "We reproduced the redirect; next step is a fix on all supported lines.",
                    ),
                ),
                (20, Move("triaging")),
                (30, Move("confirmed")),
                (30, Set("handler", "Ravi Okafor".into())),
                (
                    31,
                    Note("Root cause: redirect policy checked before DNS resolution only."),
                ),
            ],
        },
        DemoCase {
            title: "Request smuggling via duplicated Content-Length",
            reporter: ("Sofia Alvarez", "sofia@alvarez-sec.example"),
            report: "Two Content-Length headers with different values are accepted; the proxy and the server disagree.",
            received_hours_ago: 24 * 8,
            steps: vec![
                (1, Move("acknowledged")),
                (10, Move("triaging")),
                (30, Move("confirmed")),
                (
                    31,
                    Set(
                        "cvss",
                        "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N".into(),
                    ),
                ),
                (31, Set("cwe", "CWE-444".into())),
                (32, Line("22.x", "affected", None, "private-branch")),
                (32, Line("20.x", "affected", None, "none")),
                (32, Line("18.x", "not-affected", None, "none")),
                (33, Move("fixing")),
                (
                    100,
                    Reply(
                        "update",
                        "Fix for 22.x is in review; 20.x backport is next.",
                    ),
                ),
            ],
        },
        DemoCase {
            title: "ReDoS in Accept-Language parser",
            reporter: ("Tomasz Nowak", "t.nowak@example.pl"),
            report: "An Accept-Language header of 50 000 commas takes 40 s to parse.",
            received_hours_ago: 24 * 9,
            steps: vec![
                (2, Move("acknowledged")),
                (8, Move("triaging")),
                (20, Move("confirmed")),
                (
                    21,
                    Set(
                        "cvss",
                        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N".into(),
                    ),
                ),
                (21, Set("cwe", "CWE-1333".into())),
                (22, Line("22.x", "affected", None, "private-branch")),
                (23, Move("fixing")),
                (90, Line("22.x", "affected", Some("22.4.2"), "ready")),
                (91, Move("fix-ready")),
                (
                    150,
                    Reply(
                        "update",
                        "The fix is ready; we will request a CVE and propose a date.",
                    ),
                ),
            ],
        },
        DemoCase {
            title: "Permission model bypass with symlinked --allow-fs-read path",
            reporter: ("Grace Mensah", "grace.mensah@example.gh"),
            report: "A symlink inside an allowed directory lets code read any file.",
            received_hours_ago: 24 * 10,
            steps: {
                let mut steps = finished("CVE-2026-44012", "CWE-59", &embargo_in_2_days);
                steps.retain(|(hours, _)| *hours <= 100);
                steps.push((
                    150,
                    Reply(
                        "update",
                        "We requested a CVE; you will hear from us within five days.",
                    ),
                ));
                steps
            },
        },
        DemoCase {
            title: "Cache poisoning in module loader",
            reporter: ("Mei Lin", "mei.lin@northwind.example"),
            report: "Two packages with names differing only by Unicode case share one cache entry.",
            received_hours_ago: 24 * 9,
            steps: scheduled,
        },
        DemoCase {
            title: "Timing side channel in HMAC comparison",
            reporter: ("Mei Lin", "mei.lin@northwind.example"),
            report: "crypto.verify() returns early on the first differing byte.",
            received_hours_ago: 24 * 6,
            steps: announced,
        },
        DemoCase {
            title: "Symlink race in temp-dir cleanup",
            reporter: ("Mei Lin", "mei.lin@northwind.example"),
            report: "rmSync(recursive) follows a symlink swapped in during the walk.",
            received_hours_ago: 24 * 40,
            steps: published,
        },
        DemoCase {
            title: "XSS in third-party markdown renderer plugin",
            reporter: ("Olu Adeyemi", "olu@adeyemi.example"),
            report: "The markdown plugin renders <img onerror> from README files.",
            received_hours_ago: 24 * 15,
            steps: vec![
                (2, Move("acknowledged")),
                (10, Move("triaging")),
                (
                    12,
                    Reply(
                        "response",
                        "This lives in the markdown-plus module; please report it to its maintainers.",
                    ),
                ),
                (12, Move("third-party")),
                (13, Move("closed")),
            ],
        },
        DemoCase {
            title: "Crash on deeply nested JSON input",
            reporter: ("Henrik Sørensen", "henrik@example.dk"),
            report: "JSON.parse of 100 000 nested arrays throws RangeError.",
            received_hours_ago: 24 * 20,
            steps: vec![
                (5, Move("acknowledged")),
                (15, Move("triaging")),
                (
                    30,
                    Note("Documented limit; the RangeError is catchable. Not a vulnerability."),
                ),
                (30, Move("not-a-vulnerability")),
            ],
        },
        DemoCase {
            title: "Encoded backslash path traversal (again)",
            reporter: ("Anonymous", "anon-reporter@example.net"),
            report: "Windows static server leaks files with %5c sequences.",
            received_hours_ago: 20,
            steps: vec![(
                4,
                DuplicateOf("Path traversal in static file server via encoded backslash"),
            )],
        },
        // New this morning: a re-report of a case being fixed, in other words, and a
        // report of something the team's catalogue says is not a vulnerability.
        DemoCase {
            title: "HTTP desync: server accepts conflicting Content-Length headers",
            reporter: ("Kenji Sato", "kenji@sato-labs.example"),
            report: "Hi,\n\nharbor-http 22.4.0 accepts a request carrying two Content-Length headers \
                     (Content-Length: 4 and Content-Length: 41). Behind an nginx proxy the two \
                     disagree on where the body ends, so a second request can be smuggled.\n\n\
                     Steps to reproduce:\n1. Run harbor behind nginx with keep-alive\n\
                     2. printf 'POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 4\\r\\n\
                     Content-Length: 41\\r\\n\\r\\n...' | nc localhost 80\n\n\
                     Impact: an attacker can poison the proxy's connection and hijack other \
                     users' requests.\n\nKenji",
            received_hours_ago: 3,
            steps: vec![],
        },
        DemoCase {
            title: "Clickjacking: X-Frame-Options header missing",
            reporter: ("Rahul Verma", "rahul.bounty@example.com"),
            report: "Dear team,\n\nI found a critical vulnerability on your website. The \
                     X-Frame-Options header is missing, so the page can be framed and users \
                     tricked into clicking (clickjacking).\n\nPlease let me know the bounty \
                     amount.\n\nRegards,\nRahul",
            received_hours_ago: 5,
            steps: vec![],
        },
    ]
}

/// The demo team's catalogue of known non-issues.
fn demo_non_issues() -> Vec<KnownNonIssue> {
    let entry =
        |id: &str, title: &str, explanation: &str, keywords: &[&str], reply: &str| KnownNonIssue {
            id: id.to_owned(),
            title: title.to_owned(),
            explanation: explanation.to_owned(),
            keywords: keywords.iter().map(|k| (*k).to_owned()).collect(),
            reply: format!(
                "Hello {{{{ reporter.greeting }}}},\n\nThank you for reporting \
                 {{{{ case.id }}}}, \"{{{{ case.title }}}}\".\n\n{reply}\n\n\
                 We are closing the case as not a vulnerability; you are free to discuss it \
                 publicly. If you find a way to make it harm a Harbor user, please write again.\n\n\
                 Best regards,\n{{{{ sender.name }}}}\n{{{{ team.signoff }}}}\n"
            ),
        };
    vec![
        entry(
            "missing-security-headers",
            "Missing security headers or clickjacking on the project website",
            "The project website is static documentation with no session or state-changing \
             action, so framing it or a missing header (X-Frame-Options, CSP, HSTS) harms nobody. \
             Harbor lets applications set these headers; it does not impose them.",
            &[
                "X-Frame-Options",
                "clickjacking",
                "Content-Security-Policy",
                "Strict-Transport-Security",
                "security headers",
            ],
            "The page you describe is our static documentation website: it has no login, \
             no session and no action that framing could trick someone into. Headers such as \
             X-Frame-Options are for applications to choose; Harbor lets them set any header.",
        ),
        entry(
            "self-xss",
            "Self-XSS: script the user pastes into their own browser",
            "Script that only runs when users paste it into their own browser or developer \
             console attacks nobody but themselves.",
            &[
                "self-xss",
                "self xss",
                "paste into the console",
                "my own browser",
            ],
            "The script runs only in the browser of the person who pastes it; an attacker \
             cannot make it run for anyone else, so it is not a vulnerability in Harbor.",
        ),
        entry(
            "version-disclosure",
            "Version number in the Server header or error pages",
            "Harbor's version is public (release notes, package registry); hiding it does not \
             stop an attacker, and applications can remove the Server header.",
            &["Server header", "version disclosure", "banner grabbing"],
            "Harbor's version is public anyway, and applications can drop the Server header \
             with one option; showing it is not a vulnerability.",
        ),
        entry(
            "spf-dmarc",
            "SPF, DKIM or DMARC settings of the project's mail domain",
            "Mail settings of the project's domain are not part of Harbor; the mail \
             provider manages them.",
            &["SPF", "DMARC", "DKIM", "email spoofing"],
            "The mail settings of our domain are not part of Harbor, the software this \
             security policy covers; thank you, we have passed your note to the maintainers \
             of the mail setup.",
        ),
    ]
}

/// Create a demo vault in `dir`, with every case's history replayed in time order
/// ending at `now`. Returns how many cases it holds.
pub fn build_demo(
    dir: &Path,
    passphrase: &SecretString,
    now: DateTime<Utc>,
) -> Result<usize, ApiError> {
    let cases = demo_cases(now);
    let start = now - Duration::days(60);
    let clock = Arc::new(FixedClock::new(start));
    let mut session = Session::create(dir, HANDLER, HANDLER_EMAIL, passphrase, clock.clone())?;
    session.set_export_settings(EXPORT_SETTINGS)?;
    for entry in demo_non_issues() {
        session.save_non_issue(entry)?;
    }

    // Every step of every case, in the order it happened.
    let mut timeline: Vec<(DateTime<Utc>, usize, Option<&Step>)> = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let received = now - Duration::hours(case.received_hours_ago);
        timeline.push((received, index, None));
        for (after, step) in &case.steps {
            timeline.push((received + Duration::hours(*after), index, Some(step)));
        }
    }
    timeline.sort_by_key(|(at, index, _)| (*at, *index));

    let mut ids = vec![String::new(); cases.len()];
    for (at, index, step) in timeline {
        clock.set(at);
        let case = &cases[index];
        match step {
            None => {
                ids[index] = open_with_report(&mut session, case, at)?;
            }
            Some(Step::DuplicateOf(title)) => {
                let original = cases
                    .iter()
                    .position(|c| c.title == *title)
                    .ok_or_else(|| ApiError::NotFound(format!("no demo case titled {title:?}")))?;
                session.mark_duplicate(&ids[index], &ids[original])?;
            }
            Some(step) => apply_step(&mut session, &ids[index], case, step)?,
        }
    }
    clock.set(now);
    crate::vault_status::mark_demo(dir)?;
    Ok(cases.len())
}

fn open_with_report(
    session: &mut Session,
    case: &DemoCase,
    at: DateTime<Utc>,
) -> Result<String, ApiError> {
    let human_id = session.new_case(NewCase {
        title: case.title.to_owned(),
        reporter_name: Some(case.reporter.0.to_owned()),
        reporter_email: Some(case.reporter.1.to_owned()),
        received_at: Some(at),
        channel: Some("e-mail".to_owned()),
    })?;
    let id = human_id.to_string();
    let case_id = session.resolve(&id)?;
    let message = Message {
        id: Uuid::new_v4(),
        direction: Direction::Incoming,
        from: format!("{} <{}>", case.reporter.0, case.reporter.1),
        to: vec!["security@example.org".to_owned()],
        subject: case.title.to_owned(),
        date: at,
        body: case.report.to_owned(),
        message_id: Some(format!("{}@demo.embargo.invalid", Uuid::new_v4().simple())),
        in_reply_to: Vec::new(),
        attachment_ids: Vec::new(),
    };
    session.record(case_id, vec![Change::MessageAdded { message }])?;
    Ok(id)
}

fn apply_step(
    session: &mut Session,
    id: &str,
    case: &DemoCase,
    step: &Step,
) -> Result<(), ApiError> {
    match step {
        Step::Move(status) => session.move_case(id, named(status)).map(|_| ()),
        Step::Set(field, value) => session.set_field(id, named(field), value),
        Step::Note(text) => session.add_note(id, text),
        Step::Check(text) => session.add_checklist_item(id, text),
        Step::Line(line, affected, fixed, state) => {
            session.set_release_line(id, line, named(affected), *fixed, named(state))
        }
        Step::DuplicateOf(_) => Err(ApiError::NotFound(
            "a duplicate link is made where both demo cases are known".into(),
        )),
        Step::Reply(rule, body) => {
            let case_id = session.resolve(id)?;
            let at = session.now();
            let message = Message {
                id: Uuid::new_v4(),
                direction: Direction::Outgoing,
                from: format!("{HANDLER} <{HANDLER_EMAIL}>"),
                to: vec![case.reporter.1.to_owned()],
                subject: format!("Re: {}", case.title),
                date: at,
                body: format!(
                    "Hello {},\n\n{body}\n\n{HANDLER}\nSecurity team",
                    case.reporter.0
                ),
                message_id: Some(format!("{}@demo.embargo.invalid", Uuid::new_v4().simple())),
                in_reply_to: Vec::new(),
                attachment_ids: Vec::new(),
            };
            let met = Change::DeadlineMet {
                rule: (*rule).to_owned(),
                at,
            };
            session.record(case_id, vec![Change::MessageAdded { message }, met])
        }
    }
}

/// A status, field, affected or fix state by its wire name: the demo's script is
/// written in those names, and a typo in it is a bug to fail on at once.
fn named<T: serde::de::DeserializeOwned>(name: &str) -> T {
    use serde::de::IntoDeserializer as _;
    let deserializer: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        name.into_deserializer();
    T::deserialize(deserializer).unwrap_or_else(|e| panic!("demo script names {name:?}: {e}"))
}
