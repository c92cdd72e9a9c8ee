//! The command line's words for what the api refused: the core's refusals are data
//! that name no front end, so here they get this binary's flags and commands
//! (`--at`, `embargo case set ID cve …`), which the desktop app words differently.

use embargo_api::domain::{DomainError, StatusNeed};
use embargo_api::drafts::{DraftError, ExportKind, Missing, NoRecipient};
use embargo_api::sync::SyncError;
use embargo_api::vault::VaultError;
use embargo_api::{ApiError, Input, Refusal};

/// One line for `error: …`: each error of the chain in this binary's words,
/// joined as `{:#}` joins them.
pub fn words(error: &anyhow::Error) -> String {
    error
        .chain()
        .map(|cause| match cause.downcast_ref::<ApiError>() {
            Some(api) => api_words(api),
            None => cause.to_string(),
        })
        .collect::<Vec<_>>()
        .join(": ")
}

fn api_words(error: &ApiError) -> String {
    match error {
        ApiError::Invalid {
            input: Input::Mailbox,
            problem,
        } => format!(
            "{}: pass --mbox to import a mailbox",
            problem.split(": import").next().unwrap_or(problem)
        ),
        ApiError::Invalid { input, problem } => match flag(*input) {
            Some(flag) => format!("{flag}: {problem}"),
            None => problem.clone(),
        },
        ApiError::Refused(refusal) => refusal_words(refusal),
        ApiError::FileExists(path) => format!(
            "{} already exists; pass --force to replace it (nothing was overwritten)",
            path.display()
        ),
        ApiError::TemplateExists(id) => {
            format!("a template {id} already exists; change it with `embargo template edit {id}`")
        }
        ApiError::Draft(draft) => draft_words(draft),
        ApiError::Domain(DomainError::MissingForStatus { to, missing }) => {
            let needs: Vec<String> = missing.iter().map(status_need_words).collect();
            format!("cannot move to {to}: {}", needs.join("; "))
        }
        ApiError::Sync(sync) => sync_words(sync),
        ApiError::Vault(VaultError::NotFound(path)) => format!(
            "no vault at {}; create one with `embargo init` (or `embargo demo`)",
            path.display()
        ),
        other => other.to_string(),
    }
}

/// The flag that gives `input`, where one does.
fn flag(input: Input) -> Option<&'static str> {
    Some(match input {
        Input::Title => "--title",
        Input::Name => "--name",
        Input::SnoozeLength => "--for",
        Input::Subject => "--subject",
        Input::Body => "--body-file",
        Input::Affected => "--affected",
        Input::FixState => "--fix-state",
        Input::Audience => "--audience",
        Input::Rule => "--meets",
        Input::Mailbox => "--mbox",
        _ => return None,
    })
}

fn refusal_words(refusal: &Refusal) -> String {
    let at = |at: &chrono::DateTime<chrono::Utc>| at.to_rfc3339();
    match refusal {
        Refusal::NothingToChange { inputs } => {
            let flags: Vec<&str> = inputs.iter().filter_map(|i| flag(*i)).collect();
            match flags.as_slice() {
                [] => "nothing to change".to_owned(),
                [one] => format!("nothing to change: give {one}"),
                [init @ .., last] => {
                    format!("nothing to change: give {} or {last}", init.join(", "))
                }
            }
        }
        Refusal::DoneInFuture { at: when } => {
            format!(
                "--at {} is in the future; log a step once it is done",
                at(when)
            )
        }
        Refusal::DoneBeforeArrival {
            at: when,
            case,
            arrived,
        } => format!(
            "--at {} is before {case} arrived ({})",
            at(when),
            at(arrived)
        ),
        Refusal::SentInFuture { at: when } => format!(
            "--at {} is in the future; record a draft as sent once it is sent",
            at(when)
        ),
        Refusal::SentBeforeWritten {
            at: when,
            draft,
            written,
        } => format!(
            "--at {} is before {draft} was written ({})",
            at(when),
            at(written)
        ),
        Refusal::NotWaiting { case } => format!(
            "{case} is not waiting on the reporter (mark it with `embargo case needs-info {case}`)"
        ),
        Refusal::SeedPolicyReadOnly => "the seed policy is read-only; edit its copy instead \
             (--profile custom), then `embargo policy use custom`"
            .to_owned(),
        Refusal::NothingMissing { case } => format!(
            "{case} states a version, steps to reproduce, a proof of concept and an impact; \
             to ask something else, start a draft: embargo draft new {case} request-info"
        ),
        other => other.to_string(),
    }
}

fn status_need_words(need: &StatusNeed) -> String {
    match need {
        StatusNeed::CveId => "CVE id missing (case set ID cve CVE-YYYY-NNNN)".to_owned(),
        StatusNeed::EmbargoDate => "embargo date missing (case set ID embargo RFC3339)".to_owned(),
        other => other.words(),
    }
}

fn draft_words(error: &DraftError) -> String {
    match error {
        DraftError::NotReady {
            case,
            kind,
            missing,
        } => {
            let items: Vec<String> = missing.iter().map(|m| missing_words(m, case, *kind)).collect();
            format!("the case is not ready for the {kind} export: {}", items.join("; "))
        }
        DraftError::MissingField { field, .. } => match how_to_set(field) {
            Some(how) => format!("{error}; set it with `{how}`"),
            None => error.to_string(),
        },
        DraftError::NoRecipient(NoRecipient::ReporterEmail { case }) => format!(
            "{case} has no reporter e-mail address; set it with `embargo case set {case} reporter-email ADDRESS`"
        ),
        DraftError::NoRecipient(NoRecipient::MailingList) => "no mailing list address in the export settings; set it with `embargo export-settings set mailing-list ADDRESS`".to_owned(),
        DraftError::NoRecipient(NoRecipient::CveRequestTo) => "no CVE request address in the export settings; set it with `embargo export-settings set cve-request-to ADDRESS`".to_owned(),
        other => other.to_string(),
    }
}

/// What an export lacks, with the command that fixes it for case `id`.
pub fn missing_words(missing: &Missing, id: &str, kind: ExportKind) -> String {
    match missing {
        Missing::CveId => format!("CVE id missing (embargo case set {id} cve CVE-YYYY-NNNN)"),
        Missing::Product => format!(
            "no product: set the case's (embargo case set {id} product NAME) or the team's (embargo export-settings set product NAME)"
        ),
        Missing::ReleaseLines => format!(
            "no release lines (embargo case line {id} 22.x --affected affected --fixed 22.4.1)"
        ),
        Missing::FixedVersion { line } => format!(
            "no fixed version for line {line} (embargo case line {id} {line} --fixed VERSION)"
        ),
        Missing::Cwe => format!("CWE missing (embargo case set {id} cwe CWE-N)"),
        Missing::Setting { key } => {
            let example = match key.as_str() {
                "cna-org-id" => "UUID",
                "advisory-url" => "https://…/{cve}",
                "ecosystem" => "npm",
                "vendor" | "package" | "org" => "NAME",
                _ => "VALUE",
            };
            format!(
                "{} (embargo export-settings set {key} {example})",
                missing.words(kind)
            )
        }
        other => other.words(kind),
    }
}

/// The command that gives a case the value a template's field reads.
fn how_to_set(field: &str) -> Option<&'static str> {
    Some(match field {
        "case.cve" => "embargo case set ID cve CVE-YYYY-NNNN",
        "case.cwe" | "case.cwe_name" => "embargo case set ID cwe CWE-N",
        "case.product" => "embargo case set ID product NAME (or export-settings set product)",
        "case.embargo" | "case.embargo_date" | "case.embargo_iso" => {
            "embargo case set ID embargo 2026-12-01T14:00:00Z"
        }
        "case.score" => "embargo case set ID cvss VECTOR",
        "case.handler" => "embargo case set ID handler NAME",
        "reporter.name" => "embargo case set ID reporter-name NAME",
        "reporter.email" => "embargo case set ID reporter-email ADDRESS",
        "reporter.credit" => "embargo case set ID credit \"NAME of ORG\"",
        "team.org" => "embargo export-settings set org NAME",
        "team.vendor" => "embargo export-settings set vendor NAME",
        "team.advisory_url" => {
            "embargo export-settings set advisory-url https://…/{cve} (and the case's CVE id)"
        }
        "team.mailing_list" => "embargo export-settings set mailing-list ADDRESS",
        _ => return None,
    })
}

fn sync_words(error: &SyncError) -> String {
    match error {
        SyncError::NoTeam => {
            "this vault is not in a team; run `embargo team create` or `embargo team join`"
                .to_owned()
        }
        SyncError::FolderHoldsTeam(folder) => format!(
            "{} already holds a team; join it with `embargo team join`",
            folder.display()
        ),
        SyncError::NotOnRoster(team) => format!(
            "you are not on the roster of team {team:?} yet: send your bundle (`embargo identity show`) to an admin, who runs `embargo team add`"
        ),
        other => other.to_string(),
    }
}
