//! Embargo's use cases: the one layer that the CLI, the desktop shell and the
//! black-box tests all call, so every front end behaves the same.
//!
//! Open a [`Session`] on a vault (with a [`Clock`](embargo_domain::Clock) you
//! choose), then call its methods: [`Session::new_case`], [`Session::set_field`],
//! [`Session::move_case`], [`Session::add_note`], [`Session::import`],
//! [`Session::search`], [`Session::show`]; deadlines with [`Session::due`],
//! [`Session::log_met`], [`Session::set_waiting`], [`Session::snooze`] and the
//! team policy with [`Session::policy_show`], [`Session::policy_set`],
//! [`Session::policy_use`]. Each writes events through the vault
//! and returns plain serializable views.
#![deny(missing_docs)]

mod agenda;
#[cfg(test)]
mod agenda_tests;
mod case_filter;
mod case_rows;
mod cases;
mod deadline_board;
mod deadline_cache;
mod deadlines;
mod demo;
mod device_settings;
mod draft_cases;
mod draft_preview;
mod draft_view;
mod due_list;
mod error;
mod export_checks;
mod exports;
mod folder_watch;
mod import;
mod intake;
mod intake_pass;
#[cfg(test)]
mod intake_tests;
mod intake_watch;
mod list_cache;
mod passphrase_change;
mod passphrase_rules;
mod policy;
mod policy_editor;
mod policy_screen;
mod refusal;
mod release_lines;
mod resolve;
mod saved_file;
mod saved_files;
mod session;
mod session_source;
mod snooze;
mod sync_watch;
#[cfg(test)]
mod sync_watch_tests;
mod system_clock;
mod team_screen;
#[cfg(test)]
mod team_screen_tests;
mod team_sync;
#[cfg(test)]
mod team_sync_tests;
mod teammate_changes;
mod templates;
#[cfg(test)]
mod test_session;
#[cfg(test)]
mod test_wakeups;
mod triage;
mod vault_status;
mod views;
mod wakeups;

#[cfg(test)]
mod draft_conflict_tests;
#[cfg(test)]
mod refusal_tests;

pub use agenda::{AgendaGroup, CaseSort, SavedView};
pub use case_filter::{CaseFilter, CasePage, HandlerFilter};
pub use case_rows::{CaseRow, DeadlineBadge};
pub use cases::NewCase;
pub use deadline_board::{BoardRule, DeadlineBoard};
pub use deadlines::{DeadlineView, DueEntry, DueQuery};
pub use demo::{DEMO_PASSPHRASE, build_demo};
pub use device_settings::{DEFAULT_IDLE_LOCK_MINUTES, DeviceSetting, IDLE_LOCK_RANGE};
pub use draft_preview::DraftPreview;
pub use draft_view::DraftView;
pub use due_list::DueLine;
pub use embargo_triage as triage_core;
pub use error::{ApiError, ErrorCode, Input, Refusal};
pub use export_checks::{EXPORT_KINDS, ExportCheck, ExportSettingKey};
pub use exports::ExportOutput;
pub use folder_watch::{FolderEventWakeups, FolderWakeups, SETTLE, TeamFolderWakeups};
pub use import::{ImportAction, ImportOutcome};
pub use intake::{IntakeImport, IntakeProblem, IntakeReport, IntakeStatus};
pub use intake_pass::MAX_INTAKE_MESSAGE_BYTES;
pub use intake_watch::{INTAKE_EVERY, IntakeWatchEvent, watch_intake_folder};
pub use passphrase_change::PassphraseChange;
pub use passphrase_rules::{
    MIN_PASSPHRASE_CHARS, check_new_passphrase, check_new_passphrase_twice,
};
pub use policy::{PolicyView, ProfileSummary};
pub use policy_editor::PolicySetting;
pub use policy_screen::{PolicyRuleView, PolicyScreen};
pub use saved_file::{Existing, save_file};
pub use saved_files::export_file_name;
pub use session::Session;
pub use session_source::{OpenEachStep, SessionSource};
pub use snooze::Snoozed;
pub use sync_watch::{SYNC_EVERY, SyncWatchEvent, watch_team_folder};
pub use system_clock::SystemClock;
pub use team_screen::{SyncOutcome, TeamChange, TeamOverview};
pub use team_sync::{IdentityView, MemberView, TeamView};
pub use teammate_changes::TeammateChange;
pub use templates::{NewTemplate, TemplateEdit};
pub use triage::{
    CaseTriage, DEFAULT_SIMILAR, HistoryEntry, NonIssueMatch, NonIssueView, Outcome, QueueEntry,
    ReportCheck, ReporterHistory, SameReporter, SimilarCase,
};
pub use vault_status::{DEMO_MARKER, VaultStatus, default_vault_dir, vault_status};
pub use views::{AttachmentView, CaseView, MessageView, NoteView};
pub use wakeups::{Wake, Wakeups};

pub use embargo_domain as domain;
pub use embargo_drafts as drafts;
pub use embargo_sync as sync;
pub use embargo_vault as vault;
