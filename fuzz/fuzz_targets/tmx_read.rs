//! Arbitrary bytes as TMX: the reader returns a memory or an error, never panics or hangs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = tmalign::read_tmx(data);
});
