//! TEMPORARY (replaced by the bounded-read branch).
#![allow(missing_docs)]
use std::io::Read;
use std::path::Path;

#[derive(Debug)]
pub struct Refusal(pub String, pub bool);
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl Refusal {
    pub fn is_permanent(&self) -> bool {
        self.1
    }
}
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, Refusal> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| Refusal(e.to_string(), false))?;
    if !meta.is_file() {
        return Err(Refusal("not a regular file".into(), true));
    }
    if meta.len() > max {
        return Err(Refusal("too large".into(), true));
    }
    let mut out = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut out))
        .map_err(|e| Refusal(e.to_string(), false))?;
    Ok(out)
}
pub fn check_age_header(_bytes: &[u8]) -> Result<(), Refusal> {
    Ok(())
}
