//! Which roster versions count, and which of two rival versions wins.
//!
//! The outcome is a pure function of the set of roster files (and the pinned
//! founder): never of the order files arrived in, of the time, or of anything a
//! signer can grind. A file hash decides only between versions signed by one
//! admin, who then competes only with himself. The rule is specified in
//! `docs/SYNC-FORMAT.md` ("Rival versions") so that a second implementation
//! reaches the same chain.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::identity::{fingerprint, fingerprint_matches};
use crate::roster::{Role, RosterBody, RosterFile};

/// How senior an admin is. Smaller is more senior: admin since an earlier version
/// (without a break), then an earlier place in that version's `members`; the
/// founder (version 1's signer) comes first of all. A new admin is junior to
/// every existing one, so two admins never change their relative order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Seniority {
    /// The version since which they have been admin without a break.
    pub since: u64,
    /// 0 for the founder, else 1 + their index in `members` of version `since`.
    pub place: usize,
}

/// The admins of one roster version and their seniority. It depends on the
/// versions before it, so it is computed along a chain, never from one body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Admins(BTreeMap<String, Seniority>);

impl Admins {
    /// The admins of a version 1 signed by `founder`.
    pub fn founding(body: &RosterBody, founder: &str) -> Self {
        let mut admins = BTreeMap::new();
        for (index, member) in body.members.iter().enumerate() {
            if member.role == Role::Admin {
                let key = member.keys.signing_key.clone();
                let place = if key == founder { 0 } else { index + 1 };
                admins.entry(key).or_insert(Seniority {
                    since: body.version,
                    place,
                });
            }
        }
        Self(admins)
    }

    /// The admins of `child`, a version that follows the one `self` describes.
    pub fn next(&self, child: &RosterBody) -> Self {
        let mut admins = BTreeMap::new();
        for (index, member) in child.members.iter().enumerate() {
            if member.role == Role::Admin {
                let key = &member.keys.signing_key;
                let seniority = self.0.get(key).copied().unwrap_or(Seniority {
                    since: child.version,
                    place: index + 1,
                });
                admins.entry(key.clone()).or_insert(seniority);
            }
        }
        Self(admins)
    }

    /// The admins of the last of `versions`, a chain from version 1.
    pub fn along(versions: &[RosterFile]) -> Self {
        let mut iter = versions.iter();
        let Some(first) = iter.next() else {
            return Self::default();
        };
        iter.fold(Self::founding(&first.body, &first.signer), |admins, v| {
            admins.next(&v.body)
        })
    }

    /// `key`'s seniority, if they are an admin.
    pub fn seniority(&self, key: &str) -> Option<Seniority> {
        self.0.get(key).copied()
    }

    /// Every admin, most senior first.
    pub fn by_seniority(&self) -> Vec<(&str, Seniority)> {
        let mut all: Vec<(&str, Seniority)> =
            self.0.iter().map(|(k, s)| (k.as_str(), *s)).collect();
        all.sort_by_key(|(_, s)| *s);
        all
    }
}

/// A rule a version breaks, so that it does not count (nor anything built on it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    /// Another team id than its parent's.
    OtherTeam,
    /// Its number is not its parent's plus one.
    NotNext {
        /// The parent's version.
        parent: u64,
    },
    /// Its signer is not an admin of the parent.
    NotAdmin,
    /// A signing key is listed twice in `members`.
    ListedTwice(String),
    /// It removes or demotes an admin more senior than its signer.
    SeniorDropped {
        /// That admin's key.
        admin: String,
        /// Demoted (still a member) rather than removed.
        demoted: bool,
    },
    /// No admin is left in it.
    NoAdminLeft,
    /// A member of the parent is gone from `members` but not listed in `removed`.
    RemovalUnrecorded(String),
    /// Someone in the parent's `removed` is no longer in `removed`.
    RemovalForgotten(String),
}

/// Whether `child`, signed by `signer`, may follow `parent` (whose admins are
/// `admins`). `prev` is not checked here: the caller pairs files by it.
pub fn check_step(
    parent: &RosterBody,
    admins: &Admins,
    signer: &str,
    child: &RosterBody,
) -> Result<(), Breach> {
    if child.team != parent.team {
        return Err(Breach::OtherTeam);
    }
    if Some(child.version) != parent.version.checked_add(1) {
        return Err(Breach::NotNext {
            parent: parent.version,
        });
    }
    let Some(signer_rank) = admins.seniority(signer) else {
        return Err(Breach::NotAdmin);
    };
    // Position in `members` ranks new admins and `member()` reads the first
    // entry only: a key listed twice would make both ambiguous.
    let mut seen = BTreeSet::new();
    if let Some(twice) = child
        .members
        .iter()
        .find(|m| !seen.insert(m.keys.signing_key.as_str()))
    {
        return Err(Breach::ListedTwice(twice.keys.signing_key.clone()));
    }
    for (admin, rank) in admins.by_seniority() {
        if admin != signer && rank < signer_rank && !child.is_admin(admin) {
            return Err(Breach::SeniorDropped {
                admin: admin.to_owned(),
                demoted: child.member(admin).is_some(),
            });
        }
    }
    // Covers the signer stepping down too: only if another admin remains.
    if !child.members.iter().any(|m| m.role == Role::Admin) {
        return Err(Breach::NoAdminLeft);
    }
    let recorded = |key: &str| child.removed.iter().any(|r| r.signing_key == key);
    for member in &parent.members {
        let key = &member.keys.signing_key;
        if child.member(key).is_none() && !recorded(key) {
            return Err(Breach::RemovalUnrecorded(key.clone()));
        }
    }
    if let Some(forgotten) = parent.removed.iter().find(|r| !recorded(&r.signing_key)) {
        return Err(Breach::RemovalForgotten(forgotten.signing_key.clone()));
    }
    Ok(())
}

impl Breach {
    /// Why the version does not count, for `roster_forks`.
    pub fn describe(&self, parent: &RosterBody, signer: &str) -> String {
        let name = |key: &str| label(parent, key);
        let why = match self {
            Self::OtherTeam => "belongs to another team".to_owned(),
            Self::NotNext { parent } => format!("does not number itself {}", parent + 1),
            Self::NotAdmin => format!(
                "signed by {}, who is not an admin of version {}",
                name(signer),
                parent.version
            ),
            Self::ListedTwice(key) => format!("lists {} twice", name(key)),
            Self::SeniorDropped { admin, demoted } => format!(
                "{} {}, an admin senior to its signer {}",
                if *demoted { "demotes" } else { "removes" },
                name(admin),
                name(signer)
            ),
            Self::NoAdminLeft => "leaves the team without an admin".to_owned(),
            Self::RemovalUnrecorded(key) => {
                format!("drops {} without recording the removal", name(key))
            }
            Self::RemovalForgotten(key) => {
                format!("forgets that {} was removed", fingerprint(key))
            }
        };
        format!("{why} (invalid)")
    }
}

/// A roster version that is not on the chain in force, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RosterFork {
    /// Its version number.
    pub version: u64,
    /// SHA-256 of its file, hex.
    pub hash: String,
    /// Its signer's fingerprint.
    pub signer: String,
    /// Why it lost, or which rule it breaks.
    pub reason: String,
}

/// The chain chosen from a set of roster files, and everything that lost.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    /// Version 1, 2, … in order.
    pub chain: Vec<&'a RosterFile>,
    /// Valid versions off the chain. Kept by every replica that saw them: they
    /// take part in later decisions, so forgetting them could change the chain.
    pub rivals: Vec<&'a RosterFile>,
    /// Every version off the chain (valid or not), by version then hash.
    pub forks: Vec<RosterFork>,
}

/// Someone removing or demoting an admin somewhere in a subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Threat {
    strength: Strength,
    version: u64,
    by: String,
    demoted: bool,
}

/// Smaller is stronger. Stepping down yourself is the strongest: otherwise an
/// admin who stepped down could fork before that version, remove a junior
/// admin who signed the real next version, and win the tie on threats by his
/// seniority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Own,
    Senior(Seniority),
}

/// How exposed a rival is; larger is safer (`Safe`: no threat at all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Exposure {
    Own,
    Senior(Seniority),
    Safe,
}

struct Node<'a> {
    file: &'a RosterFile,
    parent: Option<usize>,
    admins: Admins,
    children: Vec<usize>,
    /// Per admin key: the strongest removal or demotion of them in this subtree.
    threats: BTreeMap<String, Threat>,
}

/// Choose the chain from `files` that starts at a version 1 signed by the admin
/// with fingerprint `pinned` (of team `team`, if given), and report every
/// version that lost. `None` if there is no such version 1.
pub fn resolve<'a>(
    files: &'a [RosterFile],
    pinned: &str,
    team: Option<&str>,
) -> Option<Resolved<'a>> {
    let mut unique: BTreeMap<&str, &'a RosterFile> = BTreeMap::new();
    for file in files {
        unique.entry(file.hash.as_str()).or_insert(file);
    }
    let mut by_prev: BTreeMap<&str, Vec<&'a RosterFile>> = BTreeMap::new();
    for file in unique.values() {
        if let Some(prev) = file.body.prev.as_deref() {
            by_prev.entry(prev).or_default().push(file);
        }
    }

    let mut nodes: Vec<Node<'a>> = Vec::new();
    let mut roots = Vec::new();
    for file in unique.values() {
        if is_root(file, pinned, team) {
            roots.push(nodes.len());
            nodes.push(Node {
                file,
                parent: None,
                admins: Admins::founding(&file.body, &file.signer),
                children: Vec::new(),
                threats: BTreeMap::new(),
            });
        }
    }
    if roots.is_empty() {
        return None;
    }

    // Parents are pushed before their children, so the walk below and the
    // reverse walk that sums up subtrees need no recursion.
    let mut breaches: Vec<(&'a RosterFile, usize, Breach)> = Vec::new();
    let mut at = 0;
    while at < nodes.len() {
        let parent = nodes[at].file;
        for &child in by_prev.get(parent.hash.as_str()).into_iter().flatten() {
            match check_step(&parent.body, &nodes[at].admins, &child.signer, &child.body) {
                Ok(()) => {
                    let node = Node {
                        file: child,
                        parent: Some(at),
                        admins: nodes[at].admins.next(&child.body),
                        children: Vec::new(),
                        threats: removals(&parent.body, &nodes[at].admins, child),
                    };
                    let index = nodes.len();
                    nodes[at].children.push(index);
                    nodes.push(node);
                }
                Err(breach) => breaches.push((child, at, breach)),
            }
        }
        at += 1;
    }
    for index in (0..nodes.len()).rev() {
        if let Some(parent) = nodes[index].parent {
            let threats = std::mem::take(&mut nodes[index].threats);
            for (victim, threat) in &threats {
                keep_strongest(&mut nodes[parent].threats, victim, threat);
            }
            nodes[index].threats = threats;
        }
    }

    let mut forks = Vec::new();
    let mut on_chain = BTreeSet::new();
    let mut chain = Vec::new();
    let mut candidates = roots;
    let mut parent_admins: Option<&Admins> = None;
    loop {
        let (winner, lost) = choose(&nodes, &candidates, parent_admins);
        forks.extend(lost);
        let Some(winner) = winner else { break };
        on_chain.insert(winner);
        chain.push(nodes[winner].file);
        candidates = nodes[winner].children.clone();
        parent_admins = Some(&nodes[winner].admins);
    }

    let mut rivals = Vec::new();
    for (index, node) in nodes.iter().enumerate() {
        if on_chain.contains(&index) {
            continue;
        }
        rivals.push(node.file);
        if let Some(parent) = node.parent.filter(|p| !on_chain.contains(p)) {
            forks.push(fork(
                node.file,
                format!(
                    "follows rival version {} ({}), which lost",
                    nodes[parent].file.body.version,
                    short(&nodes[parent].file.hash)
                ),
            ));
        }
    }
    let mut broken: Vec<&'a RosterFile> = Vec::new();
    for (file, parent, breach) in breaches {
        let parent = &nodes[parent];
        forks.push(fork(file, breach.describe(&parent.file.body, &file.signer)));
        broken.push(file);
    }
    // What is built on a version that breaks the rules is never judged itself.
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    while let Some(file) = broken.pop() {
        for &child in by_prev.get(file.hash.as_str()).into_iter().flatten() {
            if seen.insert(child.hash.as_str()) {
                forks.push(fork(
                    child,
                    format!(
                        "follows version {} ({}), which breaks the roster rules",
                        file.body.version,
                        short(&file.hash)
                    ),
                ));
                broken.push(child);
            }
        }
    }
    forks.sort_by(|a, b| (a.version, &a.hash).cmp(&(b.version, &b.hash)));
    Some(Resolved {
        chain,
        rivals,
        forks,
    })
}

fn is_root(file: &RosterFile, pinned: &str, team: Option<&str>) -> bool {
    let body = &file.body;
    let mut seen = BTreeSet::new();
    body.version == 1
        && body.prev.is_none()
        && fingerprint_matches(pinned, &file.signer)
        && body.is_admin(&file.signer)
        && team.is_none_or(|t| body.team == t)
        && body
            .members
            .iter()
            .all(|m| seen.insert(m.keys.signing_key.as_str()))
}

/// The admins of `parent` that `child` removes or demotes, and how strongly.
fn removals(parent: &RosterBody, admins: &Admins, child: &RosterFile) -> BTreeMap<String, Threat> {
    let Some(signer) = admins.seniority(&child.signer) else {
        return BTreeMap::new();
    };
    admins
        .by_seniority()
        .into_iter()
        .filter(|(key, _)| !child.body.is_admin(key))
        .map(|(key, _)| {
            let strength = if key == child.signer {
                Strength::Own
            } else {
                Strength::Senior(signer)
            };
            let threat = Threat {
                strength,
                version: child.body.version,
                by: label(parent, &child.signer),
                demoted: child.body.member(key).is_some(),
            };
            (key.to_owned(), threat)
        })
        .collect()
}

fn keep_strongest(threats: &mut BTreeMap<String, Threat>, victim: &str, threat: &Threat) {
    match threats.get(victim) {
        Some(old) if old.order() <= threat.order() => {}
        _ => {
            threats.insert(victim.to_owned(), threat.clone());
        }
    }
}

/// Pick the winner among rival `candidates` (children of one version, whose
/// admins are `parent_admins`; `None` for the version 1 files) and say why each
/// other one lost.
fn choose(
    nodes: &[Node<'_>],
    candidates: &[usize],
    parent_admins: Option<&Admins>,
) -> (Option<usize>, Vec<RosterFork>) {
    // A version 1 has no parent: its signer is the pinned founder, first of all.
    let founder = Seniority { since: 1, place: 0 };
    let seniority = |i: usize| {
        parent_admins
            .and_then(|a| a.seniority(&nodes[i].file.signer))
            .unwrap_or(founder)
    };
    let mut ranked: Vec<(usize, Option<&Threat>)> = candidates
        .iter()
        .map(|&i| {
            let signer = &nodes[i].file.signer;
            let threat = candidates
                .iter()
                .filter(|&&other| other != i)
                .filter_map(|&other| nodes[other].threats.get(signer))
                .min_by_key(|t| t.order());
            (i, threat)
        })
        .collect();
    ranked.sort_by_key(|&(i, threat)| {
        (
            Reverse(exposure(threat)),
            seniority(i),
            nodes[i].file.hash.as_str(),
        )
    });
    let Some(&(winner, winner_threat)) = ranked.first() else {
        return (None, Vec::new());
    };
    let name = |i: usize| {
        let file = nodes[i].file;
        let body = nodes[i].parent.map_or(&file.body, |p| &nodes[p].file.body);
        label(body, &file.signer)
    };
    let lost = ranked
        .iter()
        .skip(1)
        .map(|&(i, threat)| {
            let reason = match threat {
                Some(t) if exposure(threat) < exposure(winner_threat) => t.explain(&name(i)),
                _ if nodes[i].file.signer != nodes[winner].file.signer => format!(
                    "signed by a junior admin ({}); {}, more senior, signed the version that won",
                    name(i),
                    name(winner)
                ),
                _ => format!(
                    "{} also signed the version that won; between one signer's own versions the lowest file hash decides",
                    name(i)
                ),
            };
            fork(nodes[i].file, reason)
        })
        .collect();
    (Some(winner), lost)
}

fn exposure(threat: Option<&Threat>) -> Exposure {
    match threat.map(|t| t.strength) {
        None => Exposure::Safe,
        Some(Strength::Own) => Exposure::Own,
        Some(Strength::Senior(s)) => Exposure::Senior(s),
    }
}

impl Threat {
    /// Strongest first; the rest only makes the reported source deterministic.
    fn order(&self) -> (Strength, u64, &str, bool) {
        (self.strength, self.version, &self.by, self.demoted)
    }

    fn explain(&self, signer: &str) -> String {
        match (self.strength, self.demoted) {
            (Strength::Own, false) => format!(
                "signed by {signer}, who removed themselves in version {}",
                self.version
            ),
            (Strength::Own, true) => format!(
                "signed by {signer}, who gave up being admin in version {}",
                self.version
            ),
            (Strength::Senior(_), demoted) => format!(
                "signed by {signer}, whom a more senior admin ({}) {} in version {}",
                self.by,
                if demoted { "demoted" } else { "removed" },
                self.version
            ),
        }
    }
}

fn fork(file: &RosterFile, reason: String) -> RosterFork {
    RosterFork {
        version: file.body.version,
        hash: file.hash.clone(),
        signer: fingerprint(&file.signer),
        reason,
    }
}

/// A member's name as `body` lists them, else their fingerprint.
fn label(body: &RosterBody, key: &str) -> String {
    body.member(key)
        .map_or_else(|| fingerprint(key), |m| m.keys.name.clone())
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
