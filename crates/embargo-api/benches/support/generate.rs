//! Build a realistic vault of N cases through the vault's own write path
//! (`Vault::append`, 1,000 events per transaction), so the database, projection
//! and search index are exactly what the product writes.
//!
//! Each case gets the history a real one would have, at the times it would have
//! happened: the incoming report (a few hundred words), an acknowledgement reply,
//! notes, fields, release lines and status moves along the policy, stopped at the
//! case's final status (or at "now" for recent cases). All events of all cases are
//! then stamped in time order, as a vault that lived through those years would be.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use chrono::{DateTime, Datelike, Duration, Utc};
use embargo_api::domain::{
    Affected, CaseField, CaseId, Change, Direction, FixState, HumanId, Message, ReleaseLine,
    Reporter, Status,
};
use embargo_api::vault::Vault;
use secrecy::SecretString;
use uuid::Uuid;

use super::corpus::{self, Rng};

/// What was built, for the benchmark's report.
#[derive(Debug)]
pub struct Built {
    pub cases: usize,
    pub events: usize,
    pub statuses: BTreeMap<String, usize>,
    /// How many cases each query should find (prefix match on folded words).
    pub matches: Vec<usize>,
    pub db_bytes: u64,
    pub seconds: f64,
}

/// One case's history under construction.
struct Plan<'r> {
    rng: &'r mut Rng,
    t: DateTime<Utc>,
    status: Status,
    steps: Vec<(DateTime<Utc>, Change)>,
}

impl Plan<'_> {
    /// Let between `lo` and `hi` hours pass.
    fn wait(&mut self, lo: usize, hi: usize) {
        self.t += Duration::minutes(self.rng.between(lo * 60, hi * 60) as i64 + 1);
    }

    fn push(&mut self, change: Change) {
        self.steps.push((self.t, change));
    }

    fn set(&mut self, name: &str, value: &str) {
        let name = name.parse().expect("generated field names are known");
        let field = CaseField::parse(name, value).expect("generated field values are valid");
        self.push(Change::FieldSet { field });
    }

    fn note(&mut self) {
        let text = corpus::note(self.rng);
        self.push(Change::NoteAdded {
            note_id: Uuid::new_v4(),
            text,
        });
    }

    fn line(&mut self, line: &str, fixed: Option<String>, fix_state: FixState) {
        let release_line = ReleaseLine {
            line: line.to_owned(),
            affected: Affected::Affected,
            fixed_version: fixed,
            fix_state,
        };
        self.push(Change::ReleaseLineSet { release_line });
    }

    /// Move on (after some hours), sometimes with a note; true once at `target`.
    fn go(&mut self, to: Status, hours: (usize, usize), target: Status) -> bool {
        self.wait(hours.0, hours.1);
        let from = self.status;
        self.push(Change::StatusMoved { from, to });
        self.status = to;
        if self.rng.chance(35) {
            self.wait(0, 6);
            self.note();
        }
        to == target
    }
}

/// Final statuses with weights: older vaults are mostly finished, but every stage
/// of the policy is represented.
const TARGETS: &[(Status, usize)] = &[
    (Status::Received, 3),
    (Status::Acknowledged, 4),
    (Status::Triaging, 7),
    (Status::Confirmed, 6),
    (Status::NotAVulnerability, 10),
    (Status::Duplicate, 6),
    (Status::ThirdParty, 4),
    (Status::Fixing, 8),
    (Status::FixReady, 4),
    (Status::CveRequested, 3),
    (Status::Scheduled, 3),
    (Status::Announced, 2),
    (Status::Published, 15),
    (Status::Closed, 25),
];

fn pick_target(rng: &mut Rng) -> Status {
    let total: usize = TARGETS.iter().map(|(_, w)| w).sum();
    let mut roll = rng.below(total);
    for (status, weight) in TARGETS {
        if roll < *weight {
            return *status;
        }
        roll -= weight;
    }
    Status::Closed
}

/// The report and everything after it, as (instant, change), in order.
fn plan_case(
    rng: &mut Rng,
    human_id: HumanId,
    received: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, Change)> {
    let who = corpus::reporter(rng);
    let title = corpus::title(rng);
    let body = corpus::report_body(rng, &title, &who);
    let target = pick_target(rng);
    let mut plan = Plan {
        rng,
        t: received,
        status: Status::Received,
        steps: Vec::new(),
    };
    plan.push(Change::CaseOpened {
        human_id,
        title: title.clone(),
        reporter: Reporter {
            name: Some(who.name.clone()),
            email: Some(who.email.clone()),
            credit: None,
        },
        received_at: received,
        channel: "e-mail".to_owned(),
    });
    let from = format!("{} <{}>", who.name, who.email);
    plan.push(Change::MessageAdded {
        message: Message {
            id: Uuid::new_v4(),
            direction: Direction::Incoming,
            from,
            to: vec!["security@example.org".to_owned()],
            subject: title.clone(),
            date: received,
            body,
            message_id: Some(format!("{human_id}.report@bench.embargo.invalid")),
            in_reply_to: Vec::new(),
            attachment_ids: Vec::new(),
        },
    });
    if plan.rng.chance(40) {
        plan.wait(0, 12);
        plan.note();
    }
    if target == Status::Received {
        return plan.steps;
    }
    let handler = plan.rng.pick(corpus::HANDLERS);
    plan.wait(1, 48);
    let reply = format!(
        "Hello {},\n\n{}\n\n{handler}\nSecurity team",
        who.name,
        corpus::note(plan.rng)
    );
    plan.push(Change::MessageAdded {
        message: Message {
            id: Uuid::new_v4(),
            direction: Direction::Outgoing,
            from: format!("{handler} <security@example.org>"),
            to: vec![who.email.clone()],
            subject: format!("Re: {title}"),
            date: plan.t,
            body: reply,
            message_id: Some(format!("{human_id}.ack@bench.embargo.invalid")),
            in_reply_to: vec![format!("{human_id}.report@bench.embargo.invalid")],
            attachment_ids: Vec::new(),
        },
    });
    if plan.go(Status::Acknowledged, (0, 2), target) || plan.go(Status::Triaging, (2, 72), target) {
        return plan.steps;
    }
    plan.set("handler", handler);
    // A third of closed cases ended at triage rather than after publication.
    let side = match target {
        Status::NotAVulnerability | Status::Duplicate | Status::ThirdParty => Some(target),
        Status::Closed if plan.rng.chance(35) => Some(
            [
                Status::NotAVulnerability,
                Status::Duplicate,
                Status::ThirdParty,
            ][plan.rng.below(3)],
        ),
        _ => None,
    };
    if let Some(side) = side {
        if !plan.go(side, (4, 240), target) {
            plan.go(Status::Closed, (1, 200), target);
        }
        return plan.steps;
    }
    if plan.go(Status::Confirmed, (4, 200), target) {
        return plan.steps;
    }
    let cvss = plan.rng.pick(corpus::CVSS);
    plan.set("cvss", cvss);
    let cwe = plan.rng.pick(corpus::CWES);
    plan.set("cwe", cwe);
    let product = plan.rng.pick(corpus::PRODUCTS);
    plan.set("product", product);
    let lines = &corpus::LINES[plan.rng.below(2)..];
    for line in lines {
        plan.line(line, None, FixState::PrivateBranch);
    }
    if plan.go(Status::Fixing, (1, 48), target) {
        return plan.steps;
    }
    plan.wait(24, 24 * 30);
    for (i, line) in lines.iter().enumerate() {
        let fixed = format!(
            "{}.{}.{}",
            line.trim_end_matches(".x"),
            3 + i,
            plan.rng.below(9) + 1
        );
        plan.line(line, Some(fixed), FixState::Ready);
    }
    if plan.go(Status::FixReady, (1, 24), target) || plan.go(Status::CveRequested, (2, 120), target)
    {
        return plan.steps;
    }
    plan.wait(24, 24 * 5);
    let cve = format!("CVE-{}-{}", plan.t.year(), 10_000 + plan.rng.below(89_999));
    plan.set("cve", &cve);
    let embargo = plan.t + Duration::days(plan.rng.between(7, 30) as i64);
    plan.set("embargo", &embargo.to_rfc3339());
    if plan.go(Status::Scheduled, (1, 24), target) {
        return plan.steps;
    }
    plan.t = embargo;
    if plan.go(Status::Announced, (0, 1), target) || plan.go(Status::Published, (1, 6), target) {
        return plan.steps;
    }
    plan.go(Status::Closed, (24, 24 * 14), target);
    plan.steps
}

/// Lower-case and strip the accents the search tokenizer folds (enough for our words).
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
            'à' | 'â' | 'ä' => 'a',
            'ö' | 'ô' => 'o',
            'ü' | 'Ü' | 'û' => 'u',
            'á' => 'a',
            'ó' => 'o',
            'í' => 'i',
            other => other.to_lowercase().next().unwrap_or(other),
        })
        .collect()
}

/// The text of a case that the search index holds (roughly: title, reporter,
/// messages, notes, handler and product).
fn searchable(steps: &[(DateTime<Utc>, Change)]) -> String {
    let mut text = String::new();
    for (_, change) in steps {
        let part = match change {
            Change::CaseOpened {
                title, reporter, ..
            } => format!(
                "{title} {} {}",
                reporter.name.as_deref().unwrap_or_default(),
                reporter.email.as_deref().unwrap_or_default()
            ),
            Change::MessageAdded { message } => {
                format!("{} {} {}", message.from, message.subject, message.body)
            }
            Change::NoteAdded { text, .. } => text.clone(),
            Change::FieldSet {
                field: CaseField::Handler(Some(v)) | CaseField::Product(Some(v)),
            } => v.clone(),
            _ => continue,
        };
        text.push_str(&part);
        text.push('\n');
    }
    text
}

/// Whether every query term is a prefix of some word (what the search asks).
fn matches(folded: &str, query: &[String]) -> bool {
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    query
        .iter()
        .all(|term| words.iter().any(|w| w.starts_with(term.as_str())))
}

/// Create a vault with `cases` cases in `dir`, report received over the five years
/// before `now`. `queries` are counted (approximately, from the report text) so the
/// search results can be read in context.
pub fn build(
    dir: &Path,
    passphrase: &SecretString,
    now: DateTime<Utc>,
    cases: usize,
    queries: &[&str],
) -> Built {
    let started = Instant::now();
    let mut rng = Rng::new(0x00E1_BA26_0000_0010);
    let span_minutes = 5 * 365 * 24 * 60;
    let mut received: Vec<DateTime<Utc>> = (0..cases)
        .map(|_| now - Duration::minutes(rng.below(span_minutes) as i64 + 1))
        .collect();
    received.sort();
    let folded_queries: Vec<Vec<String>> = queries
        .iter()
        .map(|q| fold(q).split_whitespace().map(str::to_owned).collect())
        .collect();
    let mut found = vec![0; queries.len()];
    let mut numbers: BTreeMap<i32, u32> = BTreeMap::new();
    let mut all: Vec<(DateTime<Utc>, CaseId, Change)> = Vec::new();
    for at in received {
        let number = numbers.entry(at.year()).or_insert(0);
        *number += 1;
        let human_id = HumanId {
            year: at.year(),
            number: *number,
        };
        let case_id = CaseId::random();
        let mut steps = plan_case(&mut rng, human_id, at);
        steps.retain(|(t, _)| *t <= now);
        let folded = fold(&searchable(&steps));
        for (count, query) in found.iter_mut().zip(&folded_queries) {
            *count += usize::from(matches(&folded, query));
        }
        all.extend(steps.into_iter().map(|(t, c)| (t, case_id, c)));
    }
    all.sort_by_key(|(at, _, _)| *at);
    let events = all.len();

    let mut vault = Vault::create(dir, "Dana Whitfield", "dana@example.org", passphrase)
        .expect("create the benchmark vault");
    let context = vault.event_context();
    let mut pending = all.into_iter().peekable();
    while pending.peek().is_some() {
        let batch: Vec<_> = pending
            .by_ref()
            .take(1_000)
            .map(|(at, case_id, change)| context.event(case_id, vault.next_timestamp(at), change))
            .collect();
        vault
            .append(&batch, &[])
            .expect("append a batch of generated events");
    }
    let mut statuses = BTreeMap::new();
    for row in vault.list().expect("list the generated vault") {
        *statuses.entry(row.status).or_insert(0) += 1;
    }
    drop(vault);
    let db_bytes = std::fs::read_dir(dir)
        .expect("read the vault directory")
        .filter_map(Result::ok)
        .filter_map(|entry| entry.metadata().ok())
        .map(|meta| meta.len())
        .sum();
    Built {
        cases,
        events,
        statuses,
        matches: found,
        db_bytes,
        seconds: started.elapsed().as_secs_f64(),
    }
}
