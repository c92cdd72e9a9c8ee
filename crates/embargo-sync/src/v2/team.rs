//! Creating, joining and changing a version-2 team: roster versions, key
//! generations and the envelopes that hand them to members.
//!
//! Signing and sealing happen here; the folder is read and written only by folder
//! workers (`crate::offload`), handed the signed roster text and the sealed
//! envelopes, never a key. A change writes its envelopes first and its roster
//! last: the roster is the change, and it never appears in the folder before the
//! envelopes that let members read what is written under it. A folder that stops
//! answering before the roster is written leaves the team as it was, and this
//! vault unchanged.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use embargo_domain::{Progress, Unwatched};
use embargo_vault::Vault;

use crate::SyncError;
use crate::folder::{self, parse_roster_name, roster_name};
use crate::identity::MemberKeys;
use crate::offload::{self, Stopped};
use crate::roster::{
    Member, ROSTER_FORMAT_V2, Removed, Role, RosterBody, RosterChain, RosterFile, TeamKey,
};
use crate::team::{History, find_member};
use crate::v2::envelope::{self, Grant};
use crate::v2::layout::{self, ROSTER_DIR, TEAM_SCOPE};
use crate::v2::state::State;

/// What a roster change did about keys, for the person who made it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyChange {
    /// A new generation started (removal, or a member added "from now on").
    pub new_generation: Option<u32>,
    /// Generations handed to the member added.
    pub granted: Vec<u32>,
    /// Earlier generations this admin could not hand over (they do not hold them).
    pub not_held: Vec<u32>,
}

/// Start a version-2 team in the absolute `folder` with this vault's user as its
/// first admin.
pub(crate) fn create(
    vault: &mut Vault,
    folder: &Path,
    name: &str,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<RosterBody, SyncError> {
    let me = MemberKeys::of(vault.public_identity());
    let generation = age::x25519::Identity::generate();
    let body = RosterBody {
        format: ROSTER_FORMAT_V2,
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
        keys: vec![TeamKey {
            scope: TEAM_SCOPE.into(),
            generation: 1,
            recipient: generation.to_public().to_string(),
        }],
        upgraded_from: None,
    };
    let mut state = State {
        folder: folder.display().to_string(),
        team: body.team.clone(),
        pinned: me.fingerprint(),
        ..State::default()
    };
    let (file, roster) = sign(vault, folder, &body)?;
    let envelope = grant(vault, folder, &file, &me, 1, &generation)?;
    publish(
        folder,
        vec![envelope],
        roster,
        progress,
        Stopped::NothingChanged,
    )?;
    state.hold(TEAM_SCOPE, 1, &generation);
    state.rosters.push(file.text);
    state.save(vault)?;
    Ok(body)
}

/// Whether `folder` holds a version-2 team. Reads the folder: call it on a
/// folder worker.
pub(crate) fn present(folder: &Path) -> bool {
    folder::list(&folder.join(ROSTER_DIR)).is_ok_and(|names| {
        names
            .iter()
            .any(|(name, _)| parse_roster_name(name).is_some())
    })
}

/// Join the version-2 team in the absolute `folder` whose first roster is signed
/// by `pinned`.
pub(crate) fn join(
    vault: &mut Vault,
    folder: &Path,
    pinned: &str,
    progress: &dyn Progress,
) -> Result<RosterBody, SyncError> {
    let files = offload::run(folder, progress, Stopped::NothingChanged, {
        let folder = folder.to_path_buf();
        move || roster_files(&folder)
    })?;
    let chain = RosterChain::verify(&files, pinned, None).ok_or_else(|| {
        SyncError::Refused(format!(
            "no roster in {} is signed by an admin with fingerprint {pinned}; check the fingerprint with your admin",
            folder.display()
        ))
    })?;
    let current = chain.current().body.clone();
    if current
        .member(&vault.public_identity().signing_key)
        .is_none()
    {
        return Err(SyncError::NotOnRoster(current.name.clone()));
    }
    let state = State {
        folder: folder.display().to_string(),
        team: current.team.clone(),
        pinned: pinned.trim().to_owned(),
        rosters: files
            .iter()
            .filter(|f| f.body.team == current.team)
            .map(|f| f.text.clone())
            .collect(),
        ..State::default()
    };
    state.save(vault)?;
    Ok(current)
}

/// Add a member (or change a member's role). A new member receives every earlier
/// key generation this admin holds ([`History::Full`]), or only a new generation
/// started for them ([`History::FromNow`]).
pub(crate) fn add(
    vault: &mut Vault,
    keys: MemberKeys,
    admin: bool,
    history: History,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<(RosterBody, KeyChange), SyncError> {
    let (mut state, chain) = load_watched(vault, progress, Stopped::TeamUnchanged)?;
    let mut body = next_version(vault, &chain, now)?;
    let role = if admin { Role::Admin } else { Role::Member };
    let joining = body.member(&keys.signing_key).is_none();
    match body
        .members
        .iter_mut()
        .find(|m| m.keys.signing_key == keys.signing_key)
    {
        Some(existing) => {
            *existing = Member {
                keys: keys.clone(),
                role,
            }
        }
        None => body.members.push(Member {
            keys: keys.clone(),
            role,
        }),
    }
    let mut change = KeyChange::default();
    let fresh = (joining && history == History::FromNow).then(|| start_generation(&mut body));
    crate::team::check_change(&chain, &body, &vault.public_identity().signing_key)?;
    let folder = PathBuf::from(&state.folder);
    let (file, roster) = sign(vault, &folder, &body)?;
    let mut envelopes = Vec::new();
    if let Some((generation, identity)) = &fresh {
        for member in &body.members {
            envelopes.push(grant(
                vault,
                &folder,
                &file,
                &member.keys,
                *generation,
                identity,
            )?);
        }
        change.new_generation = Some(*generation);
        change.granted.push(*generation);
    } else if joining {
        for team_key in body.keys.iter().filter(|k| k.scope == TEAM_SCOPE) {
            match held(&state, team_key.generation) {
                Some(identity) => {
                    envelopes.push(grant(
                        vault,
                        &folder,
                        &file,
                        &keys,
                        team_key.generation,
                        &identity,
                    )?);
                    change.granted.push(team_key.generation);
                }
                None => change.not_held.push(team_key.generation),
            }
        }
    }
    publish(&folder, envelopes, roster, progress, Stopped::TeamUnchanged)?;
    if let Some((generation, identity)) = &fresh {
        state.hold(TEAM_SCOPE, *generation, identity);
    }
    state.rosters.push(file.text);
    state.save(vault)?;
    Ok((body, change))
}

/// Remove a member named by name, e-mail or fingerprint. A new key generation
/// starts, handed to everyone who stays: nothing written afterwards reaches them.
/// Their segments merged here so far still count everywhere; anything later is
/// rejected.
pub(crate) fn remove(
    vault: &mut Vault,
    who: &str,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<(RosterBody, Member, KeyChange), SyncError> {
    let (mut state, chain) = load_watched(vault, progress, Stopped::TeamUnchanged)?;
    let mut body = next_version(vault, &chain, now)?;
    let gone = find_member(&body, who)?;
    body.members
        .retain(|m| m.keys.signing_key != gone.keys.signing_key);
    let mut removed = Removed {
        signing_key: gone.keys.signing_key.clone(),
        cut: Default::default(),
        cut_hash: Default::default(),
    };
    for (dir, log) in &state.devices {
        if log.author.as_deref() == Some(gone.keys.signing_key.as_str())
            && let Some((seq, hash)) = log.head()
        {
            removed.cut.insert(dir.clone(), seq);
            removed.cut_hash.insert(dir.clone(), hash.to_owned());
        }
    }
    body.removed
        .retain(|r| r.signing_key != gone.keys.signing_key);
    body.removed.push(removed);
    let (generation, identity) = start_generation(&mut body);
    crate::team::check_change(&chain, &body, &vault.public_identity().signing_key)?;
    let folder = PathBuf::from(&state.folder);
    let (file, roster) = sign(vault, &folder, &body)?;
    let envelopes = body
        .members
        .iter()
        .map(|member| grant(vault, &folder, &file, &member.keys, generation, &identity))
        .collect::<Result<Vec<_>, _>>()?;
    publish(&folder, envelopes, roster, progress, Stopped::TeamUnchanged)?;
    state.hold(TEAM_SCOPE, generation, &identity);
    state.rosters.push(file.text);
    state.save(vault)?;
    let change = KeyChange {
        new_generation: Some(generation),
        granted: vec![generation],
        not_held: Vec::new(),
    };
    Ok((body, gone, change))
}

/// The stored state and the verified roster chain (folder files + remembered ones).
/// The roster folder is read by a folder worker: on a share that stopped
/// answering, this gives up after [`crate::STALL_LIMIT`] instead of hanging.
pub fn load(vault: &mut Vault) -> Result<(State, RosterChain), SyncError> {
    load_watched(vault, &Unwatched, Stopped::NothingChanged)
}

/// [`load`] within a pass: stops when `progress` asks to.
pub(crate) fn load_watched(
    vault: &mut Vault,
    progress: &dyn Progress,
    stopped: Stopped,
) -> Result<(State, RosterChain), SyncError> {
    let mut state = State::load(vault)?.ok_or(SyncError::NoTeam)?;
    let (chain, learned) = chain(&state, progress, stopped)?;
    let chain = chain.ok_or_else(|| {
        SyncError::Refused(
            "no roster chains back to the pinned admin; the team state is damaged".into(),
        )
    })?;
    if !learned.is_empty() {
        state.rosters.extend(learned);
        state.save(vault)?;
    }
    Ok((state, chain))
}

/// The chain from every roster file known (remembered or in the folder), and the
/// texts to remember that are not yet: the chain and its valid rivals (a rival
/// that lost can still decide a later choice; invalid files are not kept, so junk
/// cannot grow the vault). A folder that cannot be listed adds nothing; one that
/// does not answer is an error.
pub(crate) fn chain(
    state: &State,
    progress: &dyn Progress,
    stopped: Stopped,
) -> Result<(Option<RosterChain>, Vec<String>), SyncError> {
    let mut files: Vec<RosterFile> = state
        .rosters
        .iter()
        .filter_map(|t| RosterFile::parse(t))
        .collect();
    let root = PathBuf::from(&state.folder);
    let scanned = offload::run(&root, progress, stopped, {
        let root = root.clone();
        move || crate::roster_dir::scan(&root, ROSTER_DIR, ROSTER_FORMAT_V2)
    })?;
    for file in scanned.map(|scanned| scanned.files).unwrap_or_default() {
        if file.body.team == state.team && !files.iter().any(|f| f.hash == file.hash) {
            files.push(file);
        }
    }
    let chain = RosterChain::verify(&files, &state.pinned, Some(&state.team));
    let learned = chain
        .iter()
        .flat_map(|c| c.versions.iter().chain(&c.rivals))
        .filter(|f| !state.rosters.contains(&f.text))
        .map(|f| f.text.clone())
        .collect();
    Ok((chain, learned))
}

fn next_version(
    vault: &Vault,
    chain: &RosterChain,
    now: DateTime<Utc>,
) -> Result<RosterBody, SyncError> {
    let current = chain.current();
    if !current.body.is_admin(&vault.public_identity().signing_key) {
        return Err(SyncError::Refused(
            "only an admin of the team can change the roster".into(),
        ));
    }
    let mut body = current.body.clone();
    body.version += 1;
    body.prev = Some(current.hash.clone());
    body.issued_at = now;
    body.upgraded_from = None;
    Ok(body)
}

/// Add the next generation of the team scope to `body`; its secret.
fn start_generation(body: &mut RosterBody) -> (u32, age::x25519::Identity) {
    let generation = body.newest_key(TEAM_SCOPE).map_or(1, |k| k.generation + 1);
    let identity = age::x25519::Identity::generate();
    body.keys.push(TeamKey {
        scope: TEAM_SCOPE.into(),
        generation,
        recipient: identity.to_public().to_string(),
    });
    (generation, identity)
}

fn held(state: &State, generation: u32) -> Option<age::x25519::Identity> {
    state.keys.0.get(TEAM_SCOPE)?.get(&generation)?.parse().ok()
}

/// A file for the folder worker to write: a signed roster (public) or a sealed
/// envelope (ciphertext), never a key.
#[derive(Debug)]
pub(crate) struct Outgoing {
    dir: PathBuf,
    name: String,
    bytes: Vec<u8>,
}

/// Sign `body` as the next roster file (written by [`publish`]).
pub(crate) fn sign(
    vault: &Vault,
    folder: &Path,
    body: &RosterBody,
) -> Result<(RosterFile, Outgoing), SyncError> {
    let text = body.sign(vault.signing_key());
    let file = RosterFile::parse(&text)
        .ok_or_else(|| SyncError::Refused("a roster this device signed does not verify".into()))?;
    let outgoing = Outgoing {
        dir: folder.join(ROSTER_DIR),
        name: roster_name(body.version, text.as_bytes()),
        bytes: text.into_bytes(),
    };
    Ok((file, outgoing))
}

/// Seal `member`'s envelope of `generation`, granted under the roster `file`
/// (written by [`publish`]).
pub(crate) fn grant(
    vault: &Vault,
    folder: &Path,
    file: &RosterFile,
    member: &MemberKeys,
    generation: u32,
    secret: &age::x25519::Identity,
) -> Result<Outgoing, SyncError> {
    let to: age::x25519::Recipient = member
        .recipient
        .parse()
        .map_err(|_| SyncError::Refused(format!("{:?} has no valid age recipient", member.name)))?;
    let grant = Grant {
        team: file.body.team.clone(),
        scope: TEAM_SCOPE.into(),
        generation,
        recipient: secret.to_public().to_string(),
        member: member.signing_key.clone(),
        roster_version: file.body.version,
        roster_hash: file.hash.clone(),
        signer: vault.public_identity().signing_key.clone(),
    };
    let dir = layout::envelope_dir(folder, TEAM_SCOPE, generation);
    let bytes = envelope::seal(&grant, secret, vault.signing_key(), &to)
        .map_err(SyncError::folder(&dir))?;
    Ok(Outgoing {
        name: layout::envelope_name(&member.signing_key, &bytes),
        dir,
        bytes,
    })
}

/// Write `envelopes`, then `roster`, on a folder worker. The roster comes last:
/// once it is in the folder, so is every envelope it needs, even if this device
/// stops waiting right then; before it, nothing has changed.
pub(crate) fn publish(
    folder: &Path,
    envelopes: Vec<Outgoing>,
    roster: Outgoing,
    progress: &dyn Progress,
    stopped: Stopped,
) -> Result<(), SyncError> {
    offload::run(folder, progress, stopped, move || {
        for file in envelopes.iter().chain([&roster]) {
            folder::write_once(&file.dir, &file.name, &file.bytes)?;
        }
        Ok(())
    })?
}

/// Every strictly named version-2 roster file in the folder whose name matches its
/// content and whose signature holds, read within bounds. Reads the folder: call
/// it on a folder worker.
pub(crate) fn roster_files(folder: &Path) -> Vec<RosterFile> {
    crate::roster_dir::scan(folder, ROSTER_DIR, ROSTER_FORMAT_V2)
        .map(|scanned| scanned.files)
        .unwrap_or_default()
}
