//! Retry policy for 429 and 5xx: exponential backoff with jitter, honouring `Retry-After` (in
//! seconds or as an HTTP date). A request that creates something is repeated only when that is
//! safe: see [`Replay`].

use std::time::{Duration, SystemTime};

use rand::Rng;

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub max_retries: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

/// Whether a request may be sent again after an answer that says it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replay {
    /// Sending it twice has the effect of sending it once (reads, updates, deletes, and
    /// `connect/custom`, which Nylas answers with the existing grant for the same mailbox).
    Safe,
    /// It creates something: after a 5xx it may have been carried out, so only a 429 (refused
    /// before any work) is retried here. The caller looks before sending it again.
    OnlyIfRefused,
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
    pub fn should_retry(&self, status: u16, attempt: u32, replay: Replay) -> bool {
        let worth_it = match replay {
            Replay::Safe => status == 429 || (500..=599).contains(&status),
            Replay::OnlyIfRefused => status == 429,
        };
        attempt < self.max_retries && worth_it
    }

    /// Delay before retry number `attempt` (0-based); a `Retry-After` (seconds or an HTTP date)
    /// wins when given, capped at `max_delay`.
    pub fn delay(&self, attempt: u32, retry_after: Option<&str>) -> Duration {
        if let Some(wait) = retry_after.and_then(|v| retry_after_delay(v, SystemTime::now())) {
            return wait.min(self.max_delay);
        }
        let exp = self.base_delay.saturating_mul(2u32.saturating_pow(attempt));
        let jitter = rand::thread_rng().gen_range(0.0..0.25);
        exp.mul_f64(1.0 + jitter).min(self.max_delay)
    }

    /// Sends the request `build` makes, again after a delay while the answer is worth retrying
    /// (see [`Replay`]) and retries remain. The last answer is returned whatever its status.
    pub async fn send(
        &self,
        build: impl Fn() -> reqwest::RequestBuilder,
        replay: Replay,
    ) -> reqwest::Result<reqwest::Response> {
        let mut attempt = 0;
        loop {
            let resp = build().send().await?;
            if !self.should_retry(resp.status().as_u16(), attempt, replay) {
                return Ok(resp);
            }
            tokio::time::sleep(self.delay(attempt, retry_after(&resp).as_deref())).await;
            attempt += 1;
        }
    }
}

fn retry_after(resp: &reqwest::Response) -> Option<String> {
    let v = resp.headers().get(reqwest::header::RETRY_AFTER)?;
    v.to_str().ok().map(str::to_string)
}

/// `Retry-After` is delay-seconds or an HTTP date (RFC 9110 §10.2.3); a date in the past is 0.
fn retry_after_delay(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
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
        assert!(p.should_retry(429, 0, Replay::Safe) && p.should_retry(503, 2, Replay::Safe));
        assert!(!p.should_retry(503, 3, Replay::Safe) && !p.should_retry(400, 0, Replay::Safe));
    }

    #[test]
    fn retry_after_as_an_http_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_784_000_000);
        let later = httpdate::fmt_http_date(now + Duration::from_secs(7));
        assert_eq!(retry_after_delay(&later, now), Some(Duration::from_secs(7)));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(60));
        assert_eq!(retry_after_delay(&earlier, now), Some(Duration::ZERO));
        assert_eq!(
            retry_after_delay("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after_delay("soon", now), None);
        let p = RetryPolicy::default();
        let in_a_day = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(86_400));
        assert_eq!(p.delay(0, Some(&in_a_day)), Duration::from_secs(30), "capped");
    }

    #[test]
    fn a_create_is_retried_only_when_refused() {
        let p = RetryPolicy::default();
        assert!(p.should_retry(429, 0, Replay::OnlyIfRefused));
        for status in [500, 502, 503, 504] {
            assert!(!p.should_retry(status, 0, Replay::OnlyIfRefused), "{status}");
        }
    }
}
