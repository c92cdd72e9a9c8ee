//! libFuzzer over the `key-file` target of embargo-fuzz (the same function its
//! mutation runs call).
#![no_main]

libfuzzer_sys::fuzz_target!(|input: &[u8]| embargo_fuzz::feed("key-file", input));
