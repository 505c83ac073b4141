#![no_main]
//! Feeds arbitrary bytes to the callback parser and verdict: no panic, and nothing is accepted
//! unless its state is exactly the expected one.

use libfuzzer_sys::fuzz_target;
use mailbox_connect_core::microsoft::callback::{parse, Verdict};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(p) = parse(text) {
            if let Verdict::Accept(_) = p.clone().verdict("expected-state") {
                assert_eq!(p.state.as_deref(), Some("expected-state"));
            }
        }
    }
});
