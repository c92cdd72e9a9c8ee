//! Mutation fuzzing of every parser of untrusted bytes: e-mail (.eml, mbox,
//! HTML-to-text), segments, rosters, key envelopes, member bundles and key
//! files. Each [`Target`] feeds bytes to the same function Embargo reads those
//! files with; [`Mutator`] derives inputs from the target's committed seed
//! corpus (`corpus/<target>/`); [`run`] catches a panic with the input that
//! caused it and measures the slowest input (a hang shows there).
//!
//! Short runs are part of `cargo test` (`tests/short_runs.rs`); the long
//! runs are coverage-guided, libFuzzer through `cargo fuzz` (the `fuzz/`
//! crate at the repository root, one `fuzz_target!` per target calling
//! [`feed`]), or this crate's own binary without coverage guidance (see
//! `docs/RELIABILITY.md`).

mod mutator;
mod targets;

pub use mutator::Mutator;
pub use targets::{Keys, SEED_PASSPHRASE, TARGETS, Target};

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The seed corpora, one folder per target.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every seed of `target` (and its regression inputs, `regressions/`), sorted by name.
pub fn seeds(target: &Target) -> Vec<(String, Vec<u8>)> {
    let dir = corpus_dir().join(target.name);
    let mut seeds = Vec::new();
    for sub in [dir.clone(), dir.join("regressions")] {
        let Ok(entries) = std::fs::read_dir(&sub) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() {
                let name = path
                    .strip_prefix(&dir)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                if let Ok(bytes) = std::fs::read(&path) {
                    seeds.push((name, bytes));
                }
            }
        }
    }
    seeds.sort();
    seeds
}

/// The target called `name`, if there is one.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// Feed one input to the target called `name`, with keys prepared once per
/// process: what an external fuzzer (libFuzzer's `fuzz_target!`) calls, so it
/// runs exactly the code [`run`] does. Inputs longer than the target's
/// `max_len` are cut there, as the mutator would.
///
/// # Panics
/// If there is no target `name` (a fuzz target named wrongly), or if the
/// target panics, which is the finding.
pub fn feed(name: &str, input: &[u8]) {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    let target = target(name).unwrap_or_else(|| panic!("no fuzz target {name:?}"));
    let keys = KEYS.get_or_init(target.prepare);
    (target.run)(keys, &input[..input.len().min(target.max_len)]);
}

/// What a run found.
#[derive(Debug)]
pub struct RunReport {
    /// Inputs tried (seeds included).
    pub inputs: u64,
    /// Wall time of the whole run.
    pub elapsed: Duration,
    /// The slowest single input and how long it took.
    pub slowest: (Duration, Vec<u8>),
}

/// An input that made the target panic.
#[derive(Debug)]
pub struct Crash {
    /// The input.
    pub input: Vec<u8>,
    /// The panic message.
    pub message: String,
}

/// Run `target` on every seed, then on `mutations` inputs derived from them.
pub fn run(target: &Target, mutations: u64, rng_seed: u64) -> Result<RunReport, Crash> {
    let seeds: Vec<Vec<u8>> = seeds(target).into_iter().map(|(_, b)| b).collect();
    assert!(!seeds.is_empty(), "no seeds for {}", target.name);
    let prepared = (target.prepare)();
    let mut mutator = Mutator::new(rng_seed);
    let started = Instant::now();
    let mut slowest = (Duration::ZERO, Vec::new());
    let mut inputs = 0;
    let mut try_one = |input: &[u8]| -> Result<(), Crash> {
        let began = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| (target.run)(&prepared, input)));
        let took = began.elapsed();
        if took > slowest.0 {
            slowest = (took, input.to_vec());
        }
        outcome.map_err(|panic| Crash {
            input: input.to_vec(),
            message: panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default(),
        })
    };
    for seed in &seeds {
        try_one(seed)?;
        inputs += 1;
    }
    let mut input = Vec::new();
    for _ in 0..mutations {
        mutator.next_input(&mut input, &seeds, target.max_len);
        try_one(&input)?;
        inputs += 1;
    }
    Ok(RunReport {
        inputs,
        elapsed: started.elapsed(),
        slowest,
    })
}
