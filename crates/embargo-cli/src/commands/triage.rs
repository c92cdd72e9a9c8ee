use embargo_api::domain::KnownNonIssue;

use crate::cli::CaseCommand;
use crate::cli_triage::{NonIssueCommand, SimilarArgs};
use crate::context::Context;
use crate::{human_drafts, human_triage};

pub fn similar(context: &Context, args: &SimilarArgs) -> anyhow::Result<u8> {
    let session = context.open()?;
    let cases = session.similar(&args.id, args.limit)?;
    context.print(&cases, |c| human_triage::similar(c))?;
    Ok(0)
}

pub fn reporter(context: &Context, address: &str) -> anyhow::Result<u8> {
    let session = context.open()?;
    let history = session.reporter_history(address)?;
    context.print(&history, human_triage::reporter)?;
    Ok(0)
}

pub fn queue(context: &Context) -> anyhow::Result<u8> {
    let session = context.open()?;
    let entries = session.triage_queue()?;
    context.print(&entries, |e| human_triage::queue(e))?;
    Ok(0)
}

/// `case duplicate`, `case missing`, `case request-info`.
pub fn case(
    context: &Context,
    session: &mut embargo_api::Session,
    command: CaseCommand,
) -> anyhow::Result<u8> {
    match command {
        CaseCommand::Duplicate { id, of } => {
            let draft = session.mark_duplicate(&id, &of)?;
            context.print(&draft, human_drafts::draft)?;
        }
        CaseCommand::Missing { id } => {
            let check = session.report_check(&id)?;
            context.print(&check, human_triage::report_check)?;
        }
        CaseCommand::RequestInfo { id } => {
            let draft = session.request_missing_info(&id)?;
            context.print(&draft, human_drafts::draft)?;
        }
        other => anyhow::bail!("not a triage command: {other:?}"),
    }
    Ok(0)
}

pub fn non_issue(context: &Context, command: NonIssueCommand) -> anyhow::Result<u8> {
    let mut session = context.open()?;
    match command {
        NonIssueCommand::List => {
            let entries = session.non_issues()?;
            context.print(&entries, |e| human_triage::non_issues(e))?;
        }
        NonIssueCommand::Save {
            id,
            title,
            explanation,
            keywords,
            reply_file,
        } => {
            let reply = super::text_input::read_body(context, &reply_file)?;
            let entry = session.save_non_issue(KnownNonIssue {
                id,
                title,
                explanation,
                keywords,
                reply,
            })?;
            context.print(&entry, |e| {
                human_triage::non_issues(std::slice::from_ref(e))
            })?;
        }
        NonIssueCommand::Remove { id } => {
            session.remove_non_issue(&id)?;
            context.print(&serde_json::json!({ "removed": id }), |_| {
                format!("removed {id}")
            })?;
        }
        NonIssueCommand::Match { case } => {
            let matches = session.case_non_issues(&case)?;
            context.print(&matches, |m| human_triage::non_issue_matches(m))?;
        }
        NonIssueCommand::Reply { case, entry } => {
            let draft = session.draft_non_issue_reply(&case, &entry)?;
            context.print(&draft, human_drafts::draft)?;
        }
    }
    Ok(0)
}
