//! Taking the envelopes addressed to me: each holds one key generation's secret,
//! granted by an admin. A generation is held once its envelope verifies against the
//! roster chain; then the segments that waited for it are judged again.

use std::path::Path;

use embargo_vault::Vault;

use crate::SyncError;
use crate::folder;
use crate::identity::fingerprint;
use crate::report::Finding;
use crate::roster::RosterChain;
use crate::v2::envelope::{self, ENVELOPE_LIMIT, OpenError, Opened};
use crate::v2::import::{my_digest, settled, stamp_of};
use crate::v2::layout::{KEYS_DIR, TEAM_SCOPE, parse_envelope_name, parse_generation_dir};
use crate::v2::state::{Judged, Outcome, State, Until};

/// Read the envelopes named for me of every generation I do not hold yet.
pub(crate) fn take_envelopes(
    vault: &Vault,
    state: &mut State,
    chain: &RosterChain,
    folder: &Path,
) -> Result<(), SyncError> {
    let mine = my_digest(vault);
    let head = chain.current().hash.clone();
    for (scope, scope_path) in folder::list(&folder.join(KEYS_DIR))? {
        if scope != TEAM_SCOPE {
            state.ignored.push(Finding {
                file: format!("{KEYS_DIR}/{scope}"),
                reason: "a key scope this version of Embargo does not know; ignored".into(),
            });
            continue;
        }
        for (generation_dir, path) in folder::list(&scope_path)? {
            let Some(generation) = parse_generation_dir(&generation_dir) else {
                continue;
            };
            if state.holds(&scope, generation) {
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
                let stamp = stamp_of(&file_path);
                if let Some(judged) = state.judged.get(&rel)
                    && judged.stamp == stamp
                    && settled(&judged.outcome, state.key_count(), &head)
                {
                    continue;
                }
                let outcome = match read(&file_path, &hash, vault.age_identity()) {
                    Err(outcome) => outcome,
                    Ok(opened) => match check(&opened, state, chain, &scope, generation, vault) {
                        Some(outcome) => outcome,
                        None => {
                            state.hold(&scope, generation, &opened.identity);
                            Outcome::Done
                        }
                    },
                };
                state.judged.insert(rel, Judged { stamp, outcome });
                if state.holds(&scope, generation) {
                    break;
                }
            }
        }
    }
    Ok(())
}

fn read(path: &Path, hash: &str, me: &age::x25519::Identity) -> Result<Opened, Outcome> {
    let bytes = crate::bounded::read_regular(path, ENVELOPE_LIMIT).map_err(|e| {
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
