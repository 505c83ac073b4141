//! One running sign-in: what it uses (HTTP client, settings, cancel signal) and how it reports
//! its link or device code, once.

use std::sync::Mutex;

use tokio::sync::Notify;

use super::{ConsentStarted, DeviceCodeStarted, Report, Settings, SignInEvent};

/// What one running sign-in uses: the HTTP client, the settings, its cancel signal and report.
pub(crate) struct Run<'a> {
    pub http: &'a reqwest::Client,
    pub settings: &'a Settings,
    pub cancel: &'a Notify,
    /// The current sign-in's link, kept so the browser can be opened on it again.
    pub(super) link: &'a Mutex<Option<String>>,
    pub(super) report: Option<Report>,
}

impl Run<'_> {
    /// Opens the browser at `url` and reports the link (once).
    pub fn started(&mut self, url: String, redirect_uri: String) {
        let opened = self.settings.browser.open(&url);
        self.report_link(url, redirect_uri, opened);
    }

    pub fn open_browser(&self, url: &str) -> std::result::Result<(), String> {
        self.settings.browser.open(url)
    }

    /// Reports the sign-in on another device (once).
    pub fn device_code(&mut self, started: DeviceCodeStarted) {
        tracing::info!(
            verification_uri = started.verification_uri,
            "sign-in on another device started"
        );
        if let Some(report) = self.report.take() {
            report(SignInEvent::DeviceCode(started));
        }
    }

    /// Reports the link the browser was (or could not be) opened on (once).
    pub fn report_link(&mut self, url: String, redirect_uri: String, opened: std::result::Result<(), String>) {
        if let Ok(mut link) = self.link.lock() {
            *link = Some(url.clone());
        }
        tracing::info!(
            redirect_uri,
            browser_opened = opened.is_ok(),
            "sign-in started; waiting for the browser"
        );
        if let Some(report) = self.report.take() {
            report(SignInEvent::Started(ConsentStarted {
                url,
                redirect_uri,
                wait_secs: self.settings.timeout.as_secs(),
                browser_opened: opened.is_ok(),
                browser_error: opened.err(),
            }));
        }
    }
}
