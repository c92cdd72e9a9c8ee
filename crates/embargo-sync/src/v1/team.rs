//! Creating, joining and changing the team: roster versions written to the folder.
//!
//! The folder is read and written only by folder workers (`crate::offload`): a
//! share that stops answering makes these give up after the stall limit, or at
//! once when their progress asks, instead of holding the vault.

use std::path::Path;

use chrono::{DateTime, Utc};
use embargo_domain::{Progress, Unwatched};
use embargo_vault::Vault;

use crate::SyncError;
use crate::folder::{self, ROSTER_DIR, roster_name};
use crate::identity::{MemberKeys, fingerprint, fingerprint_matches};
use crate::offload::{self, Stopped};
use crate::roster::{Member, ROSTER_FORMAT, Removed, Role, RosterBody, RosterChain, RosterFile};
use crate::team::absolute;
use crate::v1::state::SyncState;

/// Start a team in `folder` with this vault's user as its first admin.
pub fn create(
    vault: &mut Vault,
    folder: &Path,
    name: &str,
    now: DateTime<Utc>,
) -> Result<RosterBody, SyncError> {
    if SyncState::exists(vault)? {
        return Err(SyncError::AlreadyInTeam);
    }
    if name.trim().is_empty() {
        return Err(SyncError::Refused("the team name must not be empty".into()));
    }
    let (folder, files) = offload::run(folder, &Unwatched, Stopped::NothingChanged, {
        let folder = folder.to_path_buf();
        move || {
            let folder = absolute(&folder)?;
            let files = roster_files(&folder)?;
            Ok::<_, SyncError>((folder, files))
        }
    })??;
    if !files.is_empty() {
        return Err(SyncError::FolderHoldsTeam(folder.to_path_buf()));
    }
    let me = MemberKeys::of(vault.public_identity());
    let body = RosterBody {
        format: ROSTER_FORMAT,
        team: uuid::Uuid::new_v4().to_string(),
        name: name.trim().to_owned(),
        version: 1,
        prev: None,
        issued_at: now,
        members: vec![Member {
            keys: me.clone(),
            role: Role::Admin,
        }],
        removed: Vec::new(),
        keys: Vec::new(),
        upgraded_from: None,
    };
    let text = publish(vault, &folder, &body, &Unwatched, Stopped::NothingChanged)?;
    let state = SyncState {
        folder: folder.display().to_string(),
        team: body.team.clone(),
        pinned: me.fingerprint(),
        rosters: vec![text],
        ..SyncState::default()
    };
    state.save(vault)?;
    Ok(body)
}

/// Join the team in `folder` whose first roster is signed by the admin `pinned`.
pub fn join(vault: &mut Vault, folder: &Path, pinned: &str) -> Result<RosterBody, SyncError> {
    if SyncState::exists(vault)? {
        return Err(SyncError::AlreadyInTeam);
    }
    let folder = offload::run(folder, &Unwatched, Stopped::NothingChanged, {
        let folder = folder.to_path_buf();
        move || absolute(&folder)
    })??;
    join_watched(vault, &folder, pinned, &Unwatched)
}

/// [`join`] of the absolute `folder`, stopping when `progress` asks to.
pub(crate) fn join_watched(
    vault: &mut Vault,
    folder: &Path,
    pinned: &str,
    progress: &dyn Progress,
) -> Result<RosterBody, SyncError> {
    let files = scan(folder, progress, Stopped::NothingChanged)??;
    let chain = RosterChain::verify(&files, pinned, None).ok_or_else(|| {
        SyncError::Refused(format!(
            "no roster in {} is signed by an admin with fingerprint {pinned}; check the fingerprint with your admin",
            folder.display()
        ))
    })?;
    let current = chain.current().body.clone();
    let me = &vault.public_identity().signing_key;
    if current.member(me).is_none() {
        return Err(SyncError::NotOnRoster(current.name.clone()));
    }
    let state = SyncState {
        folder: folder.display().to_string(),
        team: current.team.clone(),
        pinned: pinned.trim().to_owned(),
        rosters: remembered(&chain),
        ..SyncState::default()
    };
    state.save(vault)?;
    Ok(current)
}

/// Add (or change the role of) a member: a new roster version signed by me.
pub fn add(
    vault: &mut Vault,
    keys: MemberKeys,
    admin: bool,
    now: DateTime<Utc>,
) -> Result<RosterBody, SyncError> {
    add_watched(vault, keys, admin, now, &Unwatched)
}

/// [`add`], stopping when `progress` asks to (the roster unchanged).
pub(crate) fn add_watched(
    vault: &mut Vault,
    keys: MemberKeys,
    admin: bool,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<RosterBody, SyncError> {
    keys.check()?;
    let (state, chain) = load_watched(vault, progress, Stopped::TeamUnchanged)?;
    let mut body = next_version(vault, &chain, now)?;
    let role = if admin { Role::Admin } else { Role::Member };
    let full = body.members.len() >= crate::bounded::MAX_TEAM_MEMBERS;
    match body
        .members
        .iter_mut()
        .find(|m| m.keys.signing_key == keys.signing_key)
    {
        Some(existing) => *existing = Member { keys, role },
        None if full => {
            return Err(SyncError::Refused(format!(
                "a team has at most {} members: each segment is encrypted to every member, and readers refuse age headers of more recipients",
                crate::bounded::MAX_TEAM_MEMBERS
            )));
        }
        None => body.members.push(Member { keys, role }),
    }
    crate::team::check_change(&chain, &body, &vault.public_identity().signing_key)?;
    let text = publish(
        vault,
        Path::new(&state.folder),
        &body,
        progress,
        Stopped::TeamUnchanged,
    )?;
    remember(vault, state, text)?;
    Ok(body)
}

/// Remove a member named by name, e-mail or fingerprint. Their devices' segments
/// merged here so far still count; anything later is rejected everywhere.
pub fn remove(
    vault: &mut Vault,
    who: &str,
    now: DateTime<Utc>,
) -> Result<(RosterBody, Member), SyncError> {
    remove_watched(vault, who, now, &Unwatched)
}

/// [`remove`], stopping when `progress` asks to (the roster unchanged).
pub(crate) fn remove_watched(
    vault: &mut Vault,
    who: &str,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<(RosterBody, Member), SyncError> {
    let (state, chain) = load_watched(vault, progress, Stopped::TeamUnchanged)?;
    let mut body = next_version(vault, &chain, now)?;
    let wanted = who.trim();
    let matches: Vec<Member> = body
        .members
        .iter()
        .filter(|m| {
            m.keys.name.eq_ignore_ascii_case(wanted)
                || m.keys.email.eq_ignore_ascii_case(wanted)
                || fingerprint_matches(wanted, &m.keys.signing_key)
        })
        .cloned()
        .collect();
    let gone = match matches.as_slice() {
        [one] => one.clone(),
        [] => return Err(SyncError::NoSuchMember(wanted.to_owned())),
        _ => {
            return Err(SyncError::Refused(format!(
                "{wanted:?} matches several members; use the fingerprint"
            )));
        }
    };
    body.members
        .retain(|m| m.keys.signing_key != gone.keys.signing_key);
    let cut = state
        .devices
        .iter()
        .filter(|(_, chain)| chain.author.as_deref() == Some(gone.keys.signing_key.as_str()))
        .map(|(dir, chain)| (dir.clone(), chain.last_seq))
        .collect();
    body.removed
        .retain(|r| r.signing_key != gone.keys.signing_key);
    body.removed.push(Removed {
        signing_key: gone.keys.signing_key.clone(),
        cut,
        cut_hash: Default::default(),
    });
    crate::team::check_change(&chain, &body, &vault.public_identity().signing_key)?;
    let text = publish(
        vault,
        Path::new(&state.folder),
        &body,
        progress,
        Stopped::TeamUnchanged,
    )?;
    remember(vault, state, text)?;
    Ok((body, gone))
}

/// The stored state and the verified roster chain (folder files + remembered ones).
/// The roster folder is read by a folder worker: on a share that stopped
/// answering, this gives up after [`crate::STALL_LIMIT`] instead of hanging.
pub fn load(vault: &mut Vault) -> Result<(SyncState, RosterChain), SyncError> {
    load_watched(vault, &Unwatched, Stopped::NothingChanged)
}

/// [`load`] within a pass or a team change: stops when `progress` asks to.
pub(crate) fn load_watched(
    vault: &mut Vault,
    progress: &dyn Progress,
    stopped: Stopped,
) -> Result<(SyncState, RosterChain), SyncError> {
    let mut state = SyncState::load(vault)?;
    let known: Vec<RosterFile> = state
        .rosters
        .iter()
        .filter_map(|t| RosterFile::parse(t))
        .collect();
    // A folder that cannot be listed adds nothing; one that does not answer is an
    // error.
    let mut files = scan(Path::new(&state.folder), progress, stopped)?.unwrap_or_default();
    files.extend(known.iter().cloned());
    let chain = RosterChain::verify(&files, &state.pinned, Some(&state.team)).ok_or_else(|| {
        SyncError::Refused(
            "no roster chains back to the pinned admin; the team state is damaged".into(),
        )
    })?;
    let texts = remembered(&chain);
    if texts != state.rosters {
        if switched_branch(&known, &state, &chain) {
            // Membership verdicts ("not a member", "after removal") were made
            // against the branch given up: judge those files again, or a member
            // removed only on that branch would lose their work here for good.
            state.rejected.clear();
        }
        state.rosters = texts;
        state.save(vault)?;
    }
    Ok((state, chain))
}

/// The chain and every valid rival: a replica that forgot a rival whose file
/// left the folder could decide a later fork differently from one that kept it.
fn remembered(chain: &RosterChain) -> Vec<String> {
    chain
        .versions
        .iter()
        .chain(&chain.rivals)
        .map(|v| v.text.clone())
        .collect()
}

/// Whether `chain` gave up a version of the chain built from `known` alone.
fn switched_branch(known: &[RosterFile], state: &SyncState, chain: &RosterChain) -> bool {
    RosterChain::verify(known, &state.pinned, Some(&state.team)).is_some_and(|before| {
        before
            .versions
            .iter()
            .zip(&chain.versions)
            .any(|(old, new)| old.hash != new.hash)
            || before.versions.len() > chain.versions.len()
    })
}

fn next_version(
    vault: &Vault,
    chain: &RosterChain,
    now: DateTime<Utc>,
) -> Result<RosterBody, SyncError> {
    let current = chain.current();
    let me = &vault.public_identity().signing_key;
    if !current.body.is_admin(me) {
        return Err(SyncError::Refused(
            "only an admin of the team can change the roster".into(),
        ));
    }
    let mut body = current.body.clone();
    body.version += 1;
    body.prev = Some(current.hash.clone());
    body.issued_at = now;
    Ok(body)
}

/// Sign `body` here and write it as the next roster file on a folder worker
/// (which is handed only the signed, public text).
fn publish(
    vault: &Vault,
    folder: &Path,
    body: &RosterBody,
    progress: &dyn Progress,
    stopped: Stopped,
) -> Result<String, SyncError> {
    let text = body.sign(vault.signing_key());
    let dir = folder.join(ROSTER_DIR);
    let name = roster_name(body.version, text.as_bytes());
    let bytes = text.clone().into_bytes();
    offload::run(folder, progress, stopped, move || {
        folder::write_once(&dir, &name, &bytes)
    })??;
    Ok(text)
}

/// [`roster_files`] of `folder`, on a folder worker.
fn scan(
    folder: &Path,
    progress: &dyn Progress,
    stopped: Stopped,
) -> Result<Result<Vec<RosterFile>, SyncError>, SyncError> {
    let root = folder.to_path_buf();
    offload::run(folder, progress, stopped, move || roster_files(&root))
}

/// Keep the new version even if the folder loses its file.
fn remember(vault: &mut Vault, mut state: SyncState, text: String) -> Result<(), SyncError> {
    state.rosters.push(text);
    state.save(vault)
}

/// Every strictly named roster file in the folder whose name matches its content
/// and whose signature holds. Reads the folder: call it on a folder worker.
pub(crate) fn roster_files(folder: &Path) -> Result<Vec<RosterFile>, SyncError> {
    Ok(crate::roster_dir::scan(folder, ROSTER_DIR, ROSTER_FORMAT)?.files)
}

/// The member's fingerprint, for listings.
pub fn member_fingerprint(member: &Member) -> String {
    fingerprint(&member.keys.signing_key)
}
