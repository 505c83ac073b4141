//! One running sign-in: what it uses (HTTP client, settings, its job) and how it reports its link
//! or device code.

use std::sync::Mutex;

use super::Settings;
use crate::error::{AppError, ErrorCode, Result};
use crate::job::{CancellationToken, ConsentStarted, DeviceCodeStarted, Job, JobEvent};

/// How long a sign-in page's host has to answer before the sign-in is called off.
const REACH_WITHIN: std::time::Duration = std::time::Duration::from_secs(8);

/// What one running sign-in uses: the HTTP client, the settings, and the job it reports to.
pub(crate) struct Run<'a> {
    pub http: &'a reqwest::Client,
    pub settings: &'a Settings,
    pub job: &'a Job,
    /// The current sign-in's link, kept (until this run ends) so the browser can open it again.
    pub(super) link: &'a Mutex<Option<String>>,
}

impl Run<'_> {
    /// The job's cancel signal: cancelling stops the wait and closes the port.
    pub fn cancel(&self) -> &CancellationToken {
        self.job.cancel_signal()
    }

    /// Opens the browser at `url` and reports the link, once `whose` sign-in page answers at
    /// all ([`Run::reach`]).
    pub async fn started(&mut self, url: String, redirect_uri: String, whose: &str) -> Result<()> {
        self.reach(&url, whose).await?;
        let opened = self.settings.browser.open(&url);
        self.report_link(url, redirect_uri, opened);
        Ok(())
    }

    /// Whether the sign-in page's host answers at all (any HTTP answer will do), so a computer
    /// without internet is told in seconds, not after the sign-in's whole wait.
    pub async fn reach(&self, url: &str, whose: &str) -> Result<()> {
        let Ok(page) = url::Url::parse(url) else {
            return Ok(());
        };
        let origin = page.origin().ascii_serialization();
        let probe = self.http.get(&origin).timeout(REACH_WITHIN).send().await;
        probe.map(|_| ()).map_err(|e| {
            AppError::new(
                ErrorCode::Network,
                format!("{whose} sign-in page could not be reached from this computer."),
            )
            .with_fix("Check that this computer is online (and its proxy, if it uses one), then start again.")
            .with_detail(format!(
                "{}: {}",
                page.host_str().unwrap_or(""),
                crate::error::chain(&e)
            ))
        })
    }

    pub fn open_browser(&self, url: &str) -> std::result::Result<(), String> {
        self.settings.browser.open(url)
    }

    /// Reports the sign-in on another device.
    pub fn device_code(&mut self, started: DeviceCodeStarted) {
        tracing::info!(
            verification_uri = started.verification_uri,
            "sign-in on another device started"
        );
        self.job.report(JobEvent::DeviceCode(started));
    }

    /// Reports the link the browser was (or could not be) opened on.
    pub fn report_link(&mut self, url: String, redirect_uri: String, opened: std::result::Result<(), String>) {
        if let Ok(mut link) = self.link.lock() {
            *link = Some(url.clone());
        }
        tracing::info!(
            redirect_uri,
            browser_opened = opened.is_ok(),
            "sign-in started; waiting for the browser"
        );
        self.job.report(JobEvent::SignIn(ConsentStarted {
            url,
            redirect_uri,
            wait_secs: self.settings.timeout.as_secs(),
            browser_opened: opened.is_ok(),
            browser_error: opened.err(),
        }));
    }
}

impl Drop for Run<'_> {
    /// The sign-in no longer waits: "Open the browser again" has nothing to open.
    fn drop(&mut self) {
        if let Ok(mut link) = self.link.lock() {
            link.take();
        }
    }
}
