//! Creating, joining and changing the team: roster versions written to the folder.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use embargo_vault::Vault;

use crate::SyncError;
use crate::folder::{self, ROSTER_DIR, roster_name};
use crate::identity::{MemberKeys, fingerprint, fingerprint_matches};
use crate::roster::{Member, ROSTER_FORMAT, Removed, Role, RosterBody, RosterChain, RosterFile};
use crate::v1::state::SyncState;

/// Start a team in `folder` with this vault's user as its first admin.
pub fn create(
    vault: &mut Vault,
    folder: &Path,
    name: &str,
    now: DateTime<Utc>,
) -> Result<RosterBody, SyncError> {
    if SyncState::exists(vault)? {
        return Err(SyncError::Refused("this vault is already in a team".into()));
    }
    if name.trim().is_empty() {
        return Err(SyncError::Refused("--name must not be empty".into()));
    }
    let folder = absolute(folder)?;
    if !roster_files(&folder)?.is_empty() {
        return Err(SyncError::Refused(format!(
            "{} already holds a team; use `embargo team join`",
            folder.display()
        )));
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
    let text = publish(vault, &folder, &body)?;
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
        return Err(SyncError::Refused("this vault is already in a team".into()));
    }
    let folder = absolute(folder)?;
    let files = roster_files(&folder)?;
    let chain = RosterChain::verify(&files, pinned, None).ok_or_else(|| {
        SyncError::Refused(format!(
            "no roster in {} is signed by an admin with fingerprint {pinned}; check the fingerprint with your admin",
            folder.display()
        ))
    })?;
    let current = chain.current().body.clone();
    let me = &vault.public_identity().signing_key;
    if current.member(me).is_none() {
        return Err(SyncError::Refused(format!(
            "you are not on the roster of team {:?} yet: send your bundle (`embargo identity show`) to an admin, who runs `embargo team add`",
            current.name
        )));
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
    keys.check()?;
    let (state, chain) = load(vault)?;
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
    let text = publish(vault, Path::new(&state.folder), &body)?;
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
    let (state, chain) = load(vault)?;
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
        [] => return Err(SyncError::Refused(format!("no member matches {wanted:?}"))),
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
    let text = publish(vault, Path::new(&state.folder), &body)?;
    remember(vault, state, text)?;
    Ok((body, gone))
}

/// The stored state and the verified roster chain (folder files + remembered ones).
pub fn load(vault: &mut Vault) -> Result<(SyncState, RosterChain), SyncError> {
    let mut state = SyncState::load(vault)?;
    let known: Vec<RosterFile> = state
        .rosters
        .iter()
        .filter_map(|t| RosterFile::parse(t))
        .collect();
    let mut files = roster_files(Path::new(&state.folder)).unwrap_or_default();
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

fn publish(vault: &Vault, folder: &Path, body: &RosterBody) -> Result<String, SyncError> {
    let text = body.sign(vault.signing_key());
    folder::write_once(
        &folder.join(ROSTER_DIR),
        &roster_name(body.version, text.as_bytes()),
        text.as_bytes(),
    )?;
    Ok(text)
}

/// Keep the new version even if the folder loses its file.
fn remember(vault: &mut Vault, mut state: SyncState, text: String) -> Result<(), SyncError> {
    state.rosters.push(text);
    state.save(vault)
}

/// Every strictly named roster file in the folder whose name matches its content
/// and whose signature holds.
pub fn roster_files(folder: &Path) -> Result<Vec<RosterFile>, SyncError> {
    Ok(crate::roster_dir::scan(folder, ROSTER_DIR, ROSTER_FORMAT)?.files)
}

fn absolute(folder: &Path) -> Result<PathBuf, SyncError> {
    std::fs::create_dir_all(folder).map_err(SyncError::folder(folder))?;
    folder.canonicalize().map_err(SyncError::folder(folder))
}

/// The member's fingerprint, for listings.
pub fn member_fingerprint(member: &Member) -> String {
    fingerprint(&member.keys.signing_key)
}
