use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::DomainError;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random id.
            pub fn random() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

uuid_id!(
    /// The stable internal identity of a case; never shown to users and never reused,
    /// so two devices that open cases offline never collide.
    CaseId
);
uuid_id!(
    /// The identity of one event, unique across every device of a team.
    EventId
);

impl CaseId {
    /// The stream of team-wide events (policy profiles, templates, export settings):
    /// they travel in the same log as case events but belong to no case.
    pub const TEAM: CaseId = CaseId(Uuid::nil());

    /// Whether this is the team stream rather than a case.
    pub fn is_team(self) -> bool {
        self == Self::TEAM
    }
}
uuid_id!(
    /// One installation of Embargo (a vault on a machine).
    DeviceId
);

/// Who wrote an event: the hex of the author's Ed25519 verifying key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct AuthorId(pub String);

impl fmt::Display for AuthorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The id people use for a case: `EMB-YYYY-NNNN`, numbered per year of receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HumanId {
    /// Year the report was received.
    pub year: i32,
    /// Sequence number within the year, from 1.
    pub number: u32,
}

impl fmt::Display for HumanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EMB-{:04}-{:04}", self.year, self.number)
    }
}

impl FromStr for HumanId {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || DomainError::InvalidHumanId(s.to_owned());
        let rest = s.strip_prefix("EMB-").ok_or_else(invalid)?;
        let (year, number) = rest.split_once('-').ok_or_else(invalid)?;
        if year.len() != 4 || number.len() < 4 {
            return Err(invalid());
        }
        Ok(Self {
            year: year.parse().map_err(|_| invalid())?,
            number: number.parse().map_err(|_| invalid())?,
        })
    }
}

impl Serialize for HumanId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for HumanId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The largest wall time a content-derived id can carry in its 48 time bits.
const MAX_ID_MILLIS: i64 = (1 << 48) - 1;

impl EventId {
    /// The id of an event whose content hashed to `digest`, made at `wall_ms`
    /// (see [`crate::Event::content_id`] for the whole derivation).
    ///
    /// The millisecond leads, big-endian, so ids sort by time like UUIDv7 and the
    /// log's id index grows at its end instead of splitting pages at random places.
    /// Times outside 48 bits are clamped rather than wrapped, so even a nonsense
    /// clock cannot make an id sort before older ones.
    pub(crate) fn derived(wall_ms: i64, digest: &[u8; 32]) -> Self {
        let millis = wall_ms.clamp(0, MAX_ID_MILLIS).to_be_bytes();
        let mut bytes = [0u8; 16];
        bytes[..6].copy_from_slice(&millis[2..]);
        bytes[6..].copy_from_slice(&digest[..10]);
        bytes[6] = (bytes[6] & 0x0f) | 0x80;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        Self(Uuid::from_bytes(bytes))
    }

    /// Whether this id claims to be derived from its event's content (UUID version
    /// 8). Only the version nibble counts: an id that merely claims it must then
    /// match ([`crate::Event::has_content_id`]); older events keep their version 4
    /// or 7 ids, which name their event only by convention.
    pub fn is_content_derived(self) -> bool {
        self.0.get_version_num() == 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_id_round_trips_through_text() {
        let id: HumanId = "EMB-2026-0042".parse().expect("valid id");
        assert_eq!(
            id,
            HumanId {
                year: 2026,
                number: 42
            }
        );
        assert_eq!(id.to_string(), "EMB-2026-0042");
        assert_eq!(
            HumanId {
                year: 2026,
                number: 12345
            }
            .to_string(),
            "EMB-2026-12345"
        );
    }

    #[test]
    fn malformed_human_ids_are_refused() {
        for bad in [
            "",
            "EMB-26-0001",
            "emb-2026-0001",
            "EMB-2026-1",
            "EMB-2026-00x1",
            "EMB-2026",
        ] {
            assert!(bad.parse::<HumanId>().is_err(), "{bad:?} should not parse");
        }
    }
}
