//! Deriving inputs from seeds: the byte-level mutations coverage-guided fuzzers
//! use (bit flips, interesting bytes and numbers, deleted, duplicated and
//! inserted ranges, splices between seeds, truncation), stacked, from a
//! deterministic generator so a run can be replayed from its seed.

/// Byte values that often sit on a parser's edge.
const INTERESTING_BYTES: &[u8] = b"\0\xff\x7f\x80\n\r\t \"\\{}[]:,-=+/0189<>@.;";
/// Numbers that overflow, underflow or mean something special.
const INTERESTING_NUMBERS: &[&[u8]] = &[
    b"0",
    b"-1",
    b"255",
    b"256",
    b"65536",
    b"4294967295",
    b"4294967296",
    b"18446744073709551615",
    b"99999999999999999999999",
    b"1e999",
    b"NaN",
];

/// A deterministic input generator.
#[derive(Debug, Clone)]
pub struct Mutator(u64);

impl Mutator {
    /// A generator that always gives the same inputs for the same seed.
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// Replace `input` with the next input: usually a fresh copy of a seed,
    /// sometimes the previous input again, then 1 to 8 stacked mutations.
    pub fn next_input(&mut self, input: &mut Vec<u8>, seeds: &[Vec<u8>], max_len: usize) {
        if input.is_empty() || self.below(4) != 0 {
            input.clear();
            input.extend_from_slice(&seeds[self.below(seeds.len())]);
        }
        let stacked = 1 + self.below(8);
        for _ in 0..stacked {
            self.mutate(input, seeds);
        }
        input.truncate(max_len);
    }

    fn mutate(&mut self, input: &mut Vec<u8>, seeds: &[Vec<u8>]) {
        let len = input.len();
        match self.below(10) {
            0 if len > 0 => {
                let at = self.below(len);
                input[at] ^= 1 << self.below(8);
            }
            1 if len > 0 => {
                let at = self.below(len);
                input[at] = INTERESTING_BYTES[self.below(INTERESTING_BYTES.len())];
            }
            2 if len > 0 => {
                let at = self.below(len);
                let n = 1 + self.below(64.min(len - at));
                input.drain(at..at + n);
            }
            3 if len > 0 => {
                let from = self.below(len);
                let n = 1 + self.below(256.min(len - from));
                let copy = input[from..from + n].to_vec();
                let at = self.below(len + 1);
                input.splice(at..at, copy);
            }
            4 => {
                let at = self.below(len + 1);
                let n = 1 + self.below(16);
                let random: Vec<u8> = (0..n).map(|_| self.next() as u8).collect();
                input.splice(at..at, random);
            }
            5 => {
                let other = &seeds[self.below(seeds.len())];
                let from = self.below(other.len() + 1);
                let at = self.below(len + 1);
                input.truncate(at);
                input.extend_from_slice(&other[from..]);
            }
            6 if len > 0 => {
                let at = self.below(len);
                input.truncate(at);
            }
            7 => {
                let number = INTERESTING_NUMBERS[self.below(INTERESTING_NUMBERS.len())];
                match find_digits(input, self.below(len + 1)) {
                    Some((start, end)) => {
                        input.splice(start..end, number.iter().copied());
                    }
                    None => {
                        let at = self.below(len + 1);
                        input.splice(at..at, number.iter().copied());
                    }
                }
            }
            8 if len > 0 => {
                let other = &seeds[self.below(seeds.len())];
                if !other.is_empty() {
                    let from = self.below(other.len());
                    let n = 1 + self.below(64.min(other.len() - from));
                    let at = self.below(len);
                    let end = (at + n).min(len);
                    input.splice(at..end, other[from..from + n].iter().copied());
                }
            }
            _ => {
                // Repeat a range many times: deep nesting, long lines, many parts.
                if len > 0 {
                    let from = self.below(len);
                    let n = 1 + self.below(16.min(len - from));
                    let copy = input[from..from + n].to_vec();
                    let times = 1 + self.below(512);
                    let at = self.below(len + 1);
                    let repeated: Vec<u8> = copy.iter().copied().cycle().take(n * times).collect();
                    input.splice(at..at, repeated);
                }
            }
        }
    }
}

/// The run of ASCII digits at or after `from`, if any.
fn find_digits(input: &[u8], from: usize) -> Option<(usize, usize)> {
    let start = from + input.get(from..)?.iter().position(u8::is_ascii_digit)?;
    let end = start
        + input[start..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(input.len() - start);
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_inputs_and_inputs_stay_under_the_cap() {
        let seeds = vec![b"From: a@b\n\nbody 42".to_vec(), b"{\"n\": 7}".to_vec()];
        let run = |seed| {
            let mut m = Mutator::new(seed);
            let mut input = Vec::new();
            (0..200)
                .map(|_| {
                    m.next_input(&mut input, &seeds, 300);
                    assert!(input.len() <= 300);
                    input.clone()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let distinct: std::collections::HashSet<_> = run(7).into_iter().collect();
        assert!(distinct.len() > 150, "mutations vary: {}", distinct.len());
    }
}
