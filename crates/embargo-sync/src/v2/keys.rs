//! Taking the envelopes addressed to me: each holds one key generation's secret,
//! granted by an admin. A generation is held once its envelope verifies against the
//! roster chain; then the segments that waited for it are judged again.

use std::collections::HashMap;
use std::path::Path;

use embargo_domain::Progress;
use embargo_vault::Vault;

use crate::SyncError;
use crate::bounded::Refusal;
use crate::folder;
use crate::identity::fingerprint;
use crate::offload::{self, Stopped};
use crate::report::Finding;
use crate::roster::RosterChain;
use crate::v2::envelope::{self, ENVELOPE_LIMIT, OpenError, Opened};
use crate::v2::import::{my_digest, settled};
use crate::v2::layout::{KEYS_DIR, TEAM_SCOPE, parse_envelope_name, parse_generation_dir};
use crate::v2::state::{Judged, Outcome, State, Until};

/// What the folder worker found under `v2/keys`.
#[derive(Default)]
struct Scan {
    /// Scope folders this version does not know.
    unknown_scopes: Vec<String>,
    /// Envelopes named for me of generations not held, not judged for good, in
    /// the order of the folders.
    files: Vec<EnvelopeFile>,
}

struct EnvelopeFile {
    rel: String,
    generation: u32,
    hash: String,
    stamp: (u64, i128),
    bytes: Result<Vec<u8>, Refusal>,
}

/// Read the envelopes named for me of every generation I do not hold yet.
pub(crate) fn take_envelopes(
    vault: &Vault,
    state: &mut State,
    chain: &RosterChain,
    folder: &Path,
    progress: &dyn Progress,
) -> Result<(), SyncError> {
    let head = chain.current().hash.clone();
    // What the worker needs is public: my key's digest, which generations I hold,
    // and which files' verdicts stand.
    let mine = my_digest(vault);
    let held: Vec<u32> = state
        .keys
        .0
        .get(TEAM_SCOPE)
        .map(|generations| generations.keys().copied().collect())
        .unwrap_or_default();
    let keys_held = state.key_count();
    let judged: HashMap<String, (u64, i128)> = state
        .judged
        .iter()
        .filter(|(rel, judged)| {
            rel.starts_with(KEYS_DIR) && settled(&judged.outcome, keys_held, &head)
        })
        .map(|(rel, judged)| (rel.clone(), judged.stamp))
        .collect();
    let keys_dir = folder.join(KEYS_DIR);
    let scan = offload::run(folder, progress, Stopped::NothingMerged, move || {
        scan(&keys_dir, &mine, &held, &judged)
    })??;
    for scope in scan.unknown_scopes {
        state.ignored.push(Finding {
            file: format!("{KEYS_DIR}/{scope}"),
            reason: "a key scope this version of Embargo does not know; ignored".into(),
        });
    }
    for file in scan.files {
        // Taken from an earlier envelope of this pass: the rest are not judged.
        if state.holds(TEAM_SCOPE, file.generation) {
            continue;
        }
        let outcome = match open(file.bytes, &file.hash, vault.age_identity()) {
            Err(outcome) => outcome,
            Ok(opened) => match check(&opened, state, chain, TEAM_SCOPE, file.generation, vault) {
                Some(outcome) => outcome,
                None => {
                    state.hold(TEAM_SCOPE, file.generation, &opened.identity);
                    Outcome::Done
                }
            },
        };
        state.judged.insert(
            file.rel,
            Judged {
                stamp: file.stamp,
                outcome,
            },
        );
    }
    forget_moot_waits(state);
    Ok(())
}

/// An envelope still waiting for its roster, of a generation held by now, waits
/// for nothing: it is never read again, and its roster may never come (a team
/// change stopped before its roster was written leaves its envelopes behind, and
/// the change made again brings the generation under another roster). A rejected
/// one stays reported.
fn forget_moot_waits(state: &mut State) {
    let held = |rel: &str| {
        let mut parts = rel
            .strip_prefix(KEYS_DIR)
            .and_then(|rest| rest.strip_prefix('/'))
            .unwrap_or_default()
            .split('/');
        match (parts.next(), parts.next().and_then(parse_generation_dir)) {
            (Some(scope), Some(generation)) => state.holds(scope, generation),
            _ => false,
        }
    };
    let moot: Vec<String> = state
        .judged
        .iter()
        .filter(|(rel, judged)| matches!(judged.outcome, Outcome::Waiting { .. }) && held(rel))
        .map(|(rel, _)| rel.clone())
        .collect();
    for rel in moot {
        state.judged.remove(&rel);
    }
}

/// On the folder worker: list `v2/keys` and read the envelopes named `mine` of
/// generations not `held`, except those whose verdict stands (`judged`, by stamp).
fn scan(
    keys_dir: &Path,
    mine: &str,
    held: &[u32],
    judged: &HashMap<String, (u64, i128)>,
) -> Result<Scan, SyncError> {
    let mut scan = Scan::default();
    for (scope, scope_path) in folder::list(keys_dir)? {
        if scope != TEAM_SCOPE {
            scan.unknown_scopes.push(scope);
            continue;
        }
        for (generation_dir, path) in folder::list(&scope_path)? {
            let Some(generation) = parse_generation_dir(&generation_dir) else {
                continue;
            };
            if held.contains(&generation) {
                continue;
            }
            for (name, file_path) in folder::list(&path)? {
                let Some((digest, hash)) = parse_envelope_name(&name) else {
                    continue;
                };
                if digest != mine {
                    continue;
                }
                let rel = format!("{KEYS_DIR}/{scope}/{generation_dir}/{name}");
                let stamp = folder::stamp_of(&file_path);
                if judged.get(&rel) == Some(&stamp) {
                    continue;
                }
                let bytes = crate::bounded::read_regular(&file_path, ENVELOPE_LIMIT);
                scan.files.push(EnvelopeFile {
                    rel,
                    generation,
                    hash,
                    stamp,
                    bytes,
                });
            }
        }
    }
    Ok(scan)
}

fn open(
    bytes: Result<Vec<u8>, Refusal>,
    hash: &str,
    me: &age::x25519::Identity,
) -> Result<Opened, Outcome> {
    let bytes = bytes.map_err(|e| {
        if e.is_permanent() {
            Outcome::Rejected {
                reason: e.to_string(),
            }
        } else {
            Outcome::Waiting {
                reason: format!("cannot be read yet ({e})"),
                until: Until::FileChanges,
            }
        }
    })?;
    if crate::signed::sha256_hex(&bytes) != hash {
        return Err(Outcome::Waiting {
            reason: "incomplete or damaged (content does not match its name)".into(),
            until: Until::FileChanges,
        });
    }
    envelope::open(&bytes, me).map_err(|e| match e {
        OpenError::NotForMe(why) => Outcome::Rejected {
            reason: format!("named for this member but {why}"),
        },
        OpenError::Invalid(reason) => Outcome::Rejected { reason },
    })
}

/// Whether the admin who signed the envelope could grant this generation to me
/// under the roster version it names.
fn check(
    opened: &Opened,
    state: &State,
    chain: &RosterChain,
    scope: &str,
    generation: u32,
    vault: &Vault,
) -> Option<Outcome> {
    let grant = &opened.grant;
    let rejected = |reason: &str| {
        Some(Outcome::Rejected {
            reason: reason.to_owned(),
        })
    };
    if grant.team != state.team
        || grant.scope != scope
        || grant.generation != generation
        || grant.member != vault.public_identity().signing_key
    {
        return rejected("an envelope for another team, key or member, placed here");
    }
    let head = chain.current().hash.clone();
    let Some(version) = chain
        .versions
        .iter()
        .find(|v| v.hash == grant.roster_hash && v.body.version == grant.roster_version)
    else {
        return Some(Outcome::Waiting {
            reason: format!(
                "granted under roster version {}, which has not arrived yet",
                grant.roster_version
            ),
            until: Until::RosterChanges(head),
        });
    };
    if !version.body.is_admin(&grant.signer) {
        return Some(Outcome::RejectedByRoster {
            reason: format!(
                "signed by {}, who is not an admin in roster version {}",
                fingerprint(&grant.signer),
                grant.roster_version
            ),
            head,
        });
    }
    if version.body.member(&grant.member).is_none() {
        return rejected("grants a key to someone not on the roster it names");
    }
    if version
        .body
        .key(scope, generation)
        .map(|k| k.recipient.as_str())
        != Some(grant.recipient.as_str())
    {
        return rejected("the key it holds is not the one the roster lists for that generation");
    }
    None
}
