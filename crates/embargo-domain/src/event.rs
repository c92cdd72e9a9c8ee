use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::{AuthorId, CaseId, Change, DeviceId, EventId, HlcTimestamp};

/// Version of the event payload format. Bump only with a migration of stored events.
pub const EVENT_FORMAT_VERSION: u16 = 1;

/// Hashed before an event's content when deriving its id, so these digests can
/// never be confused with SHA-256 of anything else (and a later derivation gets
/// a new tag instead of silently colliding with this one).
pub const EVENT_ID_TAG: &str = "embargo-event-id-v2\n";

/// One change to one case: the unit that is stored, replayed and (later) synced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Names this event and no other, forever: new events carry
    /// [`Event::content_id`]; events made before that keep their random ids.
    pub id: EventId,
    /// The case it changes.
    pub case_id: CaseId,
    /// Who made the change (signing key id).
    pub author: AuthorId,
    /// On which device.
    pub device: DeviceId,
    /// When, in hybrid-logical-clock order.
    pub at: HlcTimestamp,
    /// Payload format version.
    pub version: u16,
    /// What changed.
    pub change: Change,
}

/// Everything of an event except its id, in the field order the derivation hashes.
/// Borrowed, so deriving an id copies nothing.
#[derive(Serialize)]
struct Content<'a> {
    case_id: CaseId,
    author: &'a AuthorId,
    device: DeviceId,
    at: HlcTimestamp,
    version: u16,
    change: &'a Change,
}

impl Event {
    /// The total order in which events are folded: clock, then device, then id.
    /// Every replica sorts the same events the same way.
    pub fn order_key(&self) -> (HlcTimestamp, DeviceId, EventId) {
        (self.at, self.device, self.id)
    }

    /// The id this event's content derives (docs/VAULT-FORMAT.md, "Event ids"): a
    /// UUIDv8 whose first 48 bits are `at.wall_ms` and whose other free bits come
    /// from SHA-256 over [`EVENT_ID_TAG`] and the event's JSON without its id.
    /// Whoever reuses the id for other content is caught by recomputing it.
    pub fn content_id(&self) -> EventId {
        let mut hasher = Sha256::new();
        hasher.update(EVENT_ID_TAG.as_bytes());
        let content = Content {
            case_id: self.case_id,
            author: &self.author,
            device: self.device,
            at: self.at,
            version: self.version,
            change: &self.change,
        };
        // Every type in an event serializes infallibly (no maps with non-string
        // keys, no custom errors), and writing into a hasher cannot fail.
        serde_json::to_writer(&mut hasher, &content).expect("an event always encodes as JSON");
        EventId::derived(self.at.wall_ms, &hasher.finalize().into())
    }

    /// Whether the id is content-derived and really is this content's id. False
    /// for legacy (version 4 or 7) ids as well as for forged version 8 ones.
    pub fn has_content_id(&self) -> bool {
        self.id.is_content_derived() && self.id == self.content_id()
    }
}

/// Who is writing events and from where: stamped on every event this device makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventContext {
    /// The author's signing key id.
    pub author: AuthorId,
    /// This device.
    pub device: DeviceId,
}

impl EventContext {
    /// A new event of this author and device, named by its content.
    pub fn event(&self, case_id: CaseId, at: HlcTimestamp, change: Change) -> Event {
        let mut event = Event {
            id: EventId(uuid::Uuid::nil()),
            case_id,
            author: self.author.clone(),
            device: self.device,
            at,
            version: EVENT_FORMAT_VERSION,
            change,
        };
        event.id = event.content_id();
        event
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    use super::*;
    use crate::policy::PolicyProfile;
    use crate::{
        Affected, Attachment, Audience, CaseField, CvssScore, CvssVersion, Direction,
        ExportSettings, FixState, HumanId, Message, ReleaseLine, Reporter, Status, Template,
    };

    fn context() -> EventContext {
        EventContext {
            author: AuthorId("ab12".into()),
            device: DeviceId(Uuid::from_u128(0x1111_1111_2222_4333_8444_5555_5555_5555)),
        }
    }

    fn case_id() -> CaseId {
        CaseId(Uuid::from_u128(0x5c0f_fee0_0000_4000_8000_0000_0000_0042))
    }

    fn stamp(wall_ms: i64, counter: u32) -> HlcTimestamp {
        HlcTimestamp { wall_ms, counter }
    }

    fn moved(from: Status, to: Status) -> Change {
        Change::StatusMoved { from, to }
    }

    /// docs/VAULT-FORMAT.md ("Event ids") works this example by hand; a second
    /// implementation checks itself against the same numbers.
    #[test]
    fn the_worked_example_of_the_format_document_holds() {
        let event = context().event(
            case_id(),
            stamp(1_795_000_000_000, 2),
            moved(Status::FixReady, Status::CveRequested),
        );
        let hashed = r#"{"case_id":"5c0ffee0-0000-4000-8000-000000000042","author":"ab12","device":"11111111-2222-4333-8444-555555555555","at":{"wall_ms":1795000000000,"counter":2},"version":1,"change":{"kind":"status_moved","from":"fix-ready","to":"cve-requested"}}"#;
        let mut bytes = EVENT_ID_TAG.as_bytes().to_vec();
        bytes.extend_from_slice(hashed.as_bytes());
        assert_eq!(
            hex(&Sha256::digest(&bytes)),
            "7a78b51e2697fd05cb172f718fc29eab553a54d65632a1df684cba5b9d30a592",
            "the SHA-256 the document shows"
        );
        assert_eq!(event.id.to_string(), "01a1ee56-5e00-8a78-b51e-2697fd05cb17");
        assert!(event.has_content_id());
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn content_ids_are_version_8_and_sort_by_their_millisecond() {
        let context = context();
        let early = context.event(
            case_id(),
            stamp(1_795_000_000_000, 0),
            moved(Status::Received, Status::Acknowledged),
        );
        let same_ms = context.event(
            case_id(),
            stamp(1_795_000_000_000, 1),
            moved(Status::Acknowledged, Status::Triaging),
        );
        let later = context.event(
            case_id(),
            stamp(1_795_000_000_001, 0),
            moved(Status::Triaging, Status::Confirmed),
        );
        assert_eq!(early.id.0.get_version_num(), 8);
        assert_eq!(early.id.0.get_variant(), uuid::Variant::RFC4122);
        assert!(early.id.is_content_derived());
        assert_eq!(
            early.id.0.as_bytes()[..6],
            1_795_000_000_000_u64.to_be_bytes()[2..],
            "the millisecond leads, big-endian"
        );
        assert_ne!(early.id, same_ms.id, "other content in one millisecond");
        assert!(early.id < later.id && same_ms.id < later.id);
        assert!(
            early.id.to_string() < later.id.to_string(),
            "text order too (SQLite's index)"
        );
    }

    #[test]
    fn the_same_content_always_gets_the_same_id_and_any_other_content_another() {
        let base = context().event(
            case_id(),
            stamp(1_795_000_000_000, 2),
            moved(Status::FixReady, Status::CveRequested),
        );
        assert_eq!(base.content_id(), base.clone().content_id());
        let mut with_other_id = base.clone();
        with_other_id.id = EventId(Uuid::new_v4());
        assert_eq!(
            with_other_id.content_id(),
            base.id,
            "the id itself is not hashed"
        );

        let mut variants = Vec::new();
        let mut e = base.clone();
        e.case_id = CaseId(Uuid::from_u128(43));
        variants.push(("case", e));
        let mut e = base.clone();
        e.author = AuthorId("ab13".into());
        variants.push(("author", e));
        let mut e = base.clone();
        e.device = DeviceId(Uuid::from_u128(44));
        variants.push(("device", e));
        let mut e = base.clone();
        e.at.counter = 3;
        variants.push(("counter", e));
        let mut e = base.clone();
        e.at.wall_ms += 1;
        variants.push(("wall", e));
        let mut e = base.clone();
        e.version = 2;
        variants.push(("version", e));
        let mut e = base.clone();
        e.change = moved(Status::FixReady, Status::Published);
        variants.push(("change", e));
        for (what, variant) in variants {
            assert_ne!(variant.content_id(), base.id, "{what} changed");
            assert!(!variant.has_content_id(), "{what} changed under the old id");
        }
    }

    #[test]
    fn legacy_and_forged_ids_are_not_content_ids() {
        let mut event = context().event(
            case_id(),
            stamp(1_795_000_000_000, 2),
            moved(Status::FixReady, Status::CveRequested),
        );
        event.id = EventId(Uuid::new_v4());
        assert!(!event.id.is_content_derived() && !event.has_content_id());
        event.id = EventId(Uuid::now_v7());
        assert!(!event.id.is_content_derived() && !event.has_content_id());
        // Version 8 in the id but not this content's: claims, and fails, the check.
        let mut bytes = *event.content_id().0.as_bytes();
        bytes[15] ^= 1;
        event.id = EventId(Uuid::from_bytes(bytes));
        assert!(event.id.is_content_derived());
        assert!(!event.has_content_id());
    }

    #[test]
    fn times_outside_48_bits_clamp_instead_of_wrapping() {
        let before_1970 = context().event(
            case_id(),
            stamp(-5, 0),
            moved(Status::Received, Status::Triaging),
        );
        let far = context().event(
            case_id(),
            stamp(i64::MAX, 0),
            moved(Status::Received, Status::Triaging),
        );
        assert_eq!(before_1970.id.0.as_bytes()[..6], [0; 6]);
        assert_eq!(far.id.0.as_bytes()[..6], [0xff; 6]);
        assert!(before_1970.has_content_id() && far.has_content_id());
    }

    /// One event of every kind, with every optional part filled where it exists.
    fn one_of_every_kind() -> Vec<Change> {
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 15).unwrap()
            + chrono::Duration::nanoseconds(123_456_789);
        let id = |n: u128| Uuid::from_u128(n);
        let mut awkward = CvssScore::parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").unwrap();
        // serde_json decodes this one a bit off unless `float_roundtrip` is on.
        awkward.base_score = 1.754_621_790_330_662_7;
        let changes = vec![
            Change::CaseOpened {
                human_id: HumanId {
                    year: 2026,
                    number: 42,
                },
                title: "Heap overflow in “PNG” decoder \u{0}\u{1f} é".into(),
                reporter: Reporter {
                    name: Some("Alice".into()),
                    email: Some("alice@example.org".into()),
                    credit: None,
                },
                received_at: at,
                channel: "e-mail".into(),
            },
            Change::FieldSet {
                field: CaseField::Cvss(awkward),
            },
            Change::FieldSet {
                field: CaseField::EmbargoAt(Some(at)),
            },
            Change::FieldSet {
                field: CaseField::CvssCleared(CvssVersion::V4_0),
            },
            moved(Status::Received, Status::Acknowledged),
            Change::NoteAdded {
                note_id: id(1),
                text: "line one\nline two\t\"quoted\"".into(),
            },
            Change::MessageAdded {
                message: Message {
                    id: id(2),
                    direction: Direction::Incoming,
                    from: "Alice <alice@example.org>".into(),
                    to: vec!["security@example.org".into()],
                    subject: "Report".into(),
                    date: at,
                    body: "body".into(),
                    message_id: Some("m1@example.org".into()),
                    in_reply_to: vec!["m0@example.org".into()],
                    attachment_ids: vec![id(3)],
                },
            },
            Change::AttachmentAdded {
                attachment: Attachment {
                    id: id(3),
                    name: "poc.py".into(),
                    size: 1234,
                    media_type: "text/x-python".into(),
                    sha256: "ab".repeat(32),
                },
            },
            Change::ChecklistItemAdded {
                item_id: id(4),
                text: "audit similar code".into(),
            },
            Change::ChecklistItemDone {
                item_id: id(4),
                done: true,
            },
            Change::ChecklistItemRemoved { item_id: id(4) },
            Change::ReleaseLineSet {
                release_line: ReleaseLine {
                    line: "20.x".into(),
                    affected: Affected::Affected,
                    fixed_version: Some("20.1.3".into()),
                    fix_state: FixState::PrivateBranch,
                },
            },
            Change::ReleaseLineRemoved {
                line: "18.x".into(),
            },
            Change::DeadlineMet {
                rule: "ack".into(),
                at,
            },
            Change::ReporterWait { waiting: true },
            Change::PolicyProfileSaved {
                profile: PolicyProfile::seed(),
            },
            Change::PolicyProfileActivated {
                profile_id: "custom".into(),
            },
            Change::TemplateSaved {
                template: Template {
                    id: "acknowledgment".into(),
                    title: "Acknowledge".into(),
                    audience: Audience::Reporter,
                    meets: Some("ack".into()),
                    subject: "Re: {{ case.title }}".into(),
                    body: "Thanks".into(),
                },
            },
            Change::TemplateReset {
                template_id: "acknowledgment".into(),
            },
            Change::ExportSettingsSaved {
                settings: ExportSettings {
                    org: Some("Example".into()),
                    ..ExportSettings::default()
                },
            },
            Change::DraftCreated {
                draft_id: id(5),
                template_id: "acknowledgment".into(),
                audience: Audience::MailingList,
                meets: None,
                subject: "s".into(),
                body: "b".into(),
            },
            Change::DraftEdited {
                draft_id: id(5),
                subject: "s2".into(),
                body: "b2".into(),
                base: Some(EventId(id(6))),
            },
            Change::DraftEdited {
                draft_id: id(5),
                subject: "s3".into(),
                body: "b3".into(),
                base: None,
            },
            Change::DraftSent {
                draft_id: id(5),
                at,
            },
            Change::DuplicateOf {
                original: CaseId(id(7)),
                original_human_id: HumanId {
                    year: 2026,
                    number: 7,
                },
            },
            Change::DuplicateReported {
                duplicate: CaseId(id(8)),
                duplicate_human_id: HumanId {
                    year: 2026,
                    number: 8,
                },
            },
            Change::NonIssueSaved {
                entry: crate::KnownNonIssue {
                    id: "self-xss".into(),
                    title: "Self-XSS".into(),
                    explanation: "Only the user's own browser runs it.".into(),
                    keywords: vec!["self-xss".into()],
                    reply: "Hello {{ reporter.greeting }}".into(),
                },
            },
            Change::NonIssueRemoved {
                entry_id: "self-xss".into(),
            },
        ];
        changes
    }

    /// A receiving device recomputes the id from the event it decoded: decoding
    /// and encoding again must give back exactly the content the author hashed.
    #[test]
    fn content_ids_survive_the_json_round_trip_for_every_kind_of_change() {
        let context = context();
        let mut kinds = std::collections::BTreeSet::new();
        for (n, change) in one_of_every_kind().into_iter().enumerate() {
            kinds.insert(change.kind());
            let event = context.event(case_id(), stamp(1_795_000_000_000 + n as i64, 0), change);
            let text = serde_json::to_string(&event).unwrap();
            let back: Event = serde_json::from_str(&text).unwrap();
            assert_eq!(back, event, "{text}");
            assert!(
                back.has_content_id(),
                "{} lost its id: {text}",
                event.change.kind()
            );
            let twice = serde_json::to_string(&back).unwrap();
            assert_eq!(twice, text, "encoding is stable");
        }
        assert_eq!(
            kinds.len(),
            25,
            "every kind of change is covered: {kinds:?}"
        );
    }
}
