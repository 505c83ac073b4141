//! Randomised input for the callback parser and verdict (a stable-Rust companion to the
//! cargo-fuzz target in `fuzz/`): it must never panic, and only an exact state ever passes.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use mailbox_connect_core::microsoft::callback::{parse, Verdict};

/// A small deterministic generator (xorshift) so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

#[test]
fn parser_survives_random_and_mutated_input() {
    let mut rng = Rng(0x5eed_cafe_f00d_d00d);
    let keys = [
        "code",
        "state",
        "error",
        "error_description",
        "error_uri",
        "error_subcode",
        "admin_consent",
        "tenant",
        "scope",
        "x",
        "",
    ];
    let values = [
        "", "st", "ST", "st ", "%", "%zz", "%00", "+", "%2B", "<script>", "\u{202e}", "🙂", "a=b", "&&&", "%E2%82",
    ];
    for _ in 0..50_000 {
        let mut q = String::new();
        for _ in 0..(rng.next() % 8) {
            if rng.next() % 4 == 0 {
                q.push(char::from_u32((rng.next() % 0x7f) as u32).unwrap_or('?'));
            } else {
                q.push_str(&format!("{}={}&", rng.pick(&keys), rng.pick(&values)));
            }
        }
        if let Ok(p) = parse(&q) {
            if let Verdict::Accept(_) = p.clone().verdict("st") {
                assert_eq!(
                    p.state.as_deref(),
                    Some("st"),
                    "accepted without the exact state: {q:?}"
                );
            }
        }
    }
}
