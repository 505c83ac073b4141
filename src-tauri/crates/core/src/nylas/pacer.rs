//! Client-side pacing so bulk work stays under Nylas's rate limit (admin APIs: 50 requests a
//! second per application) instead of discovering it through 429s.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

pub struct Pacer {
    interval: Duration,
    next: Mutex<Instant>,
}

impl Pacer {
    pub fn per_second(rate: u32) -> Self {
        Self {
            interval: Duration::from_secs(1) / rate.max(1),
            next: Mutex::new(Instant::now()),
        }
    }

    /// Waits for this caller's slot; slots are `1/rate` apart.
    pub async fn wait(&self) {
        let slot = {
            let mut next = self.next.lock().await;
            let slot = (*next).max(Instant::now());
            *next = slot + self.interval;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Real time (tokio's paused clock would need its test-util feature, and a feature that only
    // tests enable makes cargo build every crate above tokio twice).
    #[tokio::test]
    async fn spaces_calls_evenly() {
        let p = Pacer::per_second(100);
        let start = Instant::now();
        for _ in 0..11 {
            p.wait().await;
        }
        let elapsed = start.elapsed();
        assert!(elapsed >= Duration::from_millis(100), "{elapsed:?}");
        assert!(elapsed < Duration::from_millis(1000), "{elapsed:?}");
    }
}
