//! Windows accounts as the channel compares and names them: a security identifier
//! (SID) in its binary form, as a process token reports it. Plain byte handling,
//! so it is built and tested on every platform; the calls that read a process's
//! SID are in `pipe::account` (Windows only).

use std::fmt;

use crate::peer::Refusal;

/// The most sub-authorities a SID has (`SID_MAX_SUB_AUTHORITIES`).
const MAX_SUB_AUTHORITIES: usize = 15;

/// A security identifier, checked to be well formed.
#[derive(Clone, PartialEq, Eq)]
pub struct Sid(Vec<u8>);

impl Sid {
    /// The SID in `bytes` (revision 1, a 6-byte authority, then that many 32-bit
    /// sub-authorities), or `None` if they are not exactly one SID.
    pub fn from_bytes(bytes: Vec<u8>) -> Option<Self> {
        let (&revision, rest) = bytes.split_first()?;
        let (&count, _) = rest.split_first()?;
        let count = usize::from(count);
        let well_formed =
            revision == 1 && count <= MAX_SUB_AUTHORITIES && bytes.len() == 8 + 4 * count;
        well_formed.then_some(Self(bytes))
    }

    /// The binary form.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The string form an SDDL text names it by: `S-1-5-21-…`.
    pub fn to_sddl(&self) -> String {
        let authority = self.0[2..8]
            .iter()
            .fold(0u64, |acc, byte| (acc << 8) | u64::from(*byte));
        // As ConvertSidToStringSid writes it: decimal below 2^32, else hex.
        let mut text = if authority < 1 << 32 {
            format!("S-{}-{authority}", self.0[0])
        } else {
            format!("S-{}-0x{authority:012X}", self.0[0])
        };
        for sub in self.0[8..].chunks_exact(4) {
            let sub = u32::from_le_bytes([sub[0], sub[1], sub[2], sub[3]]);
            text.push_str(&format!("-{sub}"));
        }
        text
    }
}

impl fmt::Debug for Sid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_sddl())
    }
}

/// Admit a peer whose process runs as the account `peer` into a process running
/// as `own`: the same account, nothing else (an administrator is another account).
pub fn admit_account(peer: Option<&Sid>, own: &Sid) -> Result<(), Refusal> {
    match peer {
        Some(peer) if peer == own => Ok(()),
        Some(peer) => Err(Refusal::OtherAccount {
            peer: peer.to_sddl(),
            own: own.to_sddl(),
        }),
        None => Err(Refusal::Unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sid(authority: u8, subs: &[u32]) -> Sid {
        let mut bytes = vec![1, u8::try_from(subs.len()).expect("few"), 0, 0, 0, 0, 0];
        bytes.push(authority);
        for sub in subs {
            bytes.extend_from_slice(&sub.to_le_bytes());
        }
        Sid::from_bytes(bytes).expect("well formed")
    }

    #[test]
    fn the_string_form_is_the_one_sddl_uses() {
        assert_eq!(sid(5, &[18]).to_sddl(), "S-1-5-18", "LocalSystem");
        assert_eq!(
            sid(5, &[21, 3_623_811_015, 3_361_044_348, 30_300_820, 1013]).to_sddl(),
            "S-1-5-21-3623811015-3361044348-30300820-1013"
        );
        let mut wide = vec![1, 1, 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC];
        wide.extend_from_slice(&7u32.to_le_bytes());
        assert_eq!(
            Sid::from_bytes(wide).expect("sid").to_sddl(),
            "S-1-0x123456789ABC-7"
        );
    }

    #[test]
    fn malformed_bytes_are_not_a_sid() {
        assert!(Sid::from_bytes(Vec::new()).is_none());
        assert!(Sid::from_bytes(vec![1]).is_none());
        assert!(
            Sid::from_bytes(vec![2, 0, 0, 0, 0, 0, 0, 5]).is_none(),
            "revision"
        );
        assert!(
            Sid::from_bytes(vec![1, 1, 0, 0, 0, 0, 0, 5]).is_none(),
            "a sub-authority announced but missing"
        );
        assert!(
            Sid::from_bytes(vec![1, 0, 0, 0, 0, 0, 0, 5, 9]).is_none(),
            "trailing"
        );
        let mut too_many = vec![1, 16, 0, 0, 0, 0, 0, 5];
        too_many.extend_from_slice(&[0; 64]);
        assert!(Sid::from_bytes(too_many).is_none());
    }

    #[test]
    fn only_the_same_account_is_admitted() {
        let me = sid(5, &[21, 1, 2, 3, 1001]);
        let other = sid(5, &[21, 1, 2, 3, 1002]);
        let system = sid(5, &[18]);
        assert_eq!(admit_account(Some(&me.clone()), &me), Ok(()));
        assert!(matches!(
            admit_account(Some(&other), &me),
            Err(Refusal::OtherAccount { .. })
        ));
        assert!(
            admit_account(Some(&system), &me).is_err(),
            "LocalSystem is another account too"
        );
        assert_eq!(admit_account(None, &me), Err(Refusal::Unknown));
    }
}
