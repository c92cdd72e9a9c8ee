//! A realistic case, built from events the way the vault folds it.

use chrono::{DateTime, Duration, TimeZone, Utc};
use embargo_domain::{
    Affected, AuthorId, Case, CaseField, CaseId, Change, CvssScore, DeviceId, Direction, Event,
    EventContext, ExportSettings, FixState, HlcTimestamp, HumanId, Message, ReleaseLine, Reporter,
    Status,
};
use embargo_drafts::Person;
use uuid::Uuid;

pub struct Fixture {
    pub case: Case,
    pub events: Vec<Event>,
    pub settings: ExportSettings,
    pub sender: Person,
    pub now: DateTime<Utc>,
}

pub fn received() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 5, 8, 12, 0)
        .single()
        .expect("instant")
}

struct Builder {
    context: EventContext,
    case_id: CaseId,
    events: Vec<Event>,
    counter: u32,
}

impl Builder {
    fn at(&mut self, hours_after_receipt: i64, change: Change) {
        let at = received() + Duration::hours(hours_after_receipt);
        self.counter += 1;
        let stamp = HlcTimestamp {
            wall_ms: at.timestamp_millis(),
            counter: self.counter,
        };
        let mut event = self.context.event(self.case_id, stamp, change);
        // Stable ids keep the snapshots stable.
        event.id = embargo_domain::EventId(Uuid::from_u128(self.counter as u128));
        self.events.push(event);
    }

    fn set(&mut self, hours: i64, field: CaseField) {
        self.at(hours, Change::FieldSet { field });
    }

    fn moved(&mut self, hours: i64, from: Status, to: Status) {
        self.at(hours, Change::StatusMoved { from, to });
    }

    fn line(
        &mut self,
        hours: i64,
        line: &str,
        affected: Affected,
        fixed: Option<&str>,
        state: FixState,
    ) {
        self.at(
            hours,
            Change::ReleaseLineSet {
                release_line: ReleaseLine {
                    line: line.into(),
                    affected,
                    fixed_version: fixed.map(Into::into),
                    fix_state: state,
                },
            },
        );
    }
}

/// The report as it arrived, with a non-ASCII reporter and subject.
pub fn report() -> Message {
    Message {
        id: Uuid::from_u128(0xa1),
        direction: Direction::Incoming,
        from: "Zoë Müller <zoe.mueller@research.example>".into(),
        to: vec!["security@harbor.example.org".into()],
        subject: "Path traversal in Harbor’s static handler (Windows, %5c)".into(),
        date: received(),
        body: "GET /static/..%5c..%5cwindows/win.ini returns the file.".into(),
        message_id: Some("20261005081200.4242@research.example".into()),
        in_reply_to: vec![],
        attachment_ids: vec![],
    }
}

/// A case through the whole policy up to `published`, with every field set.
pub fn published() -> Fixture {
    use Status::*;
    let mut b = Builder {
        context: EventContext {
            author: AuthorId("ab12".into()),
            device: DeviceId(Uuid::from_u128(7)),
        },
        case_id: CaseId(Uuid::from_u128(0x42)),
        events: Vec::new(),
        counter: 0,
    };
    b.at(
        0,
        Change::CaseOpened {
            human_id: HumanId {
                year: 2026,
                number: 42,
            },
            title: "Path traversal in static file handler via encoded backslash".into(),
            reporter: Reporter {
                name: Some("Zoë Müller".into()),
                email: Some("zoe.mueller@research.example".into()),
                credit: None,
            },
            received_at: received(),
            channel: "e-mail".into(),
        },
    );
    b.at(0, Change::MessageAdded { message: report() });
    b.at(
        3,
        Change::DeadlineMet {
            rule: "ack".into(),
            at: received() + Duration::hours(3),
        },
    );
    b.moved(3, Received, Acknowledged);
    b.moved(20, Acknowledged, Triaging);
    b.set(20, CaseField::Handler(Some("Dana Whitfield".into())));
    b.moved(40, Triaging, Confirmed);
    b.set(
        41,
        CaseField::Cvss(
            CvssScore::parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N").expect("3.1"),
        ),
    );
    b.set(
        41,
        CaseField::Cvss(
            CvssScore::parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N")
                .expect("4.0"),
        ),
    );
    b.set(41, CaseField::Cwe(Some("CWE-22".into())));
    b.set(42, CaseField::Product(Some("Harbor HTTP server".into())));
    b.line(
        43,
        "22.x",
        Affected::Affected,
        None,
        FixState::PrivateBranch,
    );
    b.line(
        43,
        "20.x",
        Affected::Affected,
        None,
        FixState::PrivateBranch,
    );
    b.line(43, "18.x", Affected::NotAffected, None, FixState::None);
    b.moved(44, Confirmed, Fixing);
    b.line(
        90,
        "22.x",
        Affected::Affected,
        Some("22.4.1"),
        FixState::Ready,
    );
    b.line(
        90,
        "20.x",
        Affected::Affected,
        Some("20.11.3"),
        FixState::Ready,
    );
    b.moved(91, Fixing, FixReady);
    b.moved(100, FixReady, CveRequested);
    b.set(120, CaseField::CveId(Some("CVE-2026-41007".into())));
    b.set(
        121,
        CaseField::EmbargoAt(Some(
            Utc.with_ymd_and_hms(2026, 10, 14, 14, 0, 0)
                .single()
                .expect("embargo"),
        )),
    );
    b.set(
        121,
        CaseField::ReporterCredit(Some("Zoë Müller of Nordlicht Security".into())),
    );
    b.moved(122, CveRequested, Scheduled);
    b.moved(222, Scheduled, Announced);
    b.line(
        222,
        "22.x",
        Affected::Affected,
        Some("22.4.1"),
        FixState::Released,
    );
    b.line(
        222,
        "20.x",
        Affected::Affected,
        Some("20.11.3"),
        FixState::Released,
    );
    b.moved(226, Announced, Published);
    let case = Case::fold(&b.events).expect("a case");
    Fixture {
        case,
        events: b.events,
        settings: settings(),
        sender: Person {
            name: "Dana Whitfield".into(),
            email: "dana@security.example.org".into(),
        },
        now: Utc
            .with_ymd_and_hms(2026, 10, 15, 9, 30, 0)
            .single()
            .expect("now"),
    }
}

/// The team's export settings, all set.
pub fn settings() -> ExportSettings {
    let mut settings = ExportSettings::default();
    for (key, value) in [
        ("org", "Harbor Project"),
        ("cna-org-id", "6f1d0c7e-3a52-4b8e-9f0d-2c4a1b3e5d70"),
        ("cna-short-name", "harbor"),
        ("vendor", "Harbor Project"),
        ("product", "Harbor"),
        ("ecosystem", "npm"),
        ("package", "harbor-http"),
        (
            "advisory-url",
            "https://security.harbor.example.org/advisories/{cve}",
        ),
        ("mailing-list", "security-announce@lists.harbor.example.org"),
        ("cve-request-to", "cve-request@cna.example.org"),
    ] {
        settings.set(key, value).expect(key);
    }
    settings
}

/// The same case before it is public: scheduled, CVE and embargo set.
pub fn scheduled() -> Fixture {
    let mut fixture = published();
    let cut = fixture
        .events
        .iter()
        .position(|e| {
            matches!(
                e.change,
                Change::StatusMoved {
                    to: Status::Announced,
                    ..
                }
            )
        })
        .expect("announced event");
    fixture.events.truncate(cut);
    fixture.case = Case::fold(&fixture.events).expect("a case");
    fixture
}

/// The case as it stands right after the report was imported.
pub fn just_received() -> Fixture {
    let mut fixture = published();
    fixture.events.truncate(2);
    fixture.case = Case::fold(&fixture.events).expect("a case");
    fixture
}
