//! Retry policy for 429 and 5xx: exponential backoff with jitter, honouring `Retry-After`.

use std::time::Duration;

use rand::Rng;

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub max_retries: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    pub fn should_retry(&self, status: u16, attempt: u32) -> bool {
        attempt < self.max_retries && (status == 429 || (500..=599).contains(&status))
    }

    /// Delay before retry number `attempt` (0-based); `Retry-After` seconds win when given.
    pub fn delay(&self, attempt: u32, retry_after: Option<&str>) -> Duration {
        if let Some(secs) = retry_after.and_then(|v| v.trim().parse::<u64>().ok()) {
            return Duration::from_secs(secs).min(self.max_delay);
        }
        let exp = self.base_delay.saturating_mul(2u32.saturating_pow(attempt));
        let jitter = rand::thread_rng().gen_range(0.0..0.25);
        exp.mul_f64(1.0 + jitter).min(self.max_delay)
    }
}

impl RetryPolicy {
    /// Sends the request `build` makes, again after a delay while the answer is 429 or 5xx and
    /// retries remain. The last answer is returned whatever its status.
    pub async fn send(&self, build: impl Fn() -> reqwest::RequestBuilder) -> reqwest::Result<reqwest::Response> {
        let mut attempt = 0;
        loop {
            let resp = build().send().await?;
            if !self.should_retry(resp.status().as_u16(), attempt) {
                return Ok(resp);
            }
            let after = resp
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            tokio::time::sleep(self.delay(attempt, after.as_deref())).await;
            attempt += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honours_retry_after_and_caps() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(0, Some("2")), Duration::from_secs(2));
        assert_eq!(p.delay(0, Some("999")), Duration::from_secs(30));
        let d = p.delay(2, None);
        assert!(d >= Duration::from_secs(2) && d <= Duration::from_millis(2500), "{d:?}");
        assert!(p.should_retry(429, 0) && p.should_retry(503, 2));
        assert!(!p.should_retry(503, 3) && !p.should_retry(400, 0));
    }
}
