//! A scripted user agent for whole-flow tests without a window: it opens the consent URL over
//! real HTTP, picks an account, presses Accept or Cancel, and delivers Microsoft's answer to the
//! loopback listener exactly as a browser would (following the 302 or posting the form_post).

use std::sync::{Arc, Mutex};

use mailbox_connect_core::browser::BrowserOpener;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Accept,
    Cancel,
    /// This computer has no browser: opening one fails (the user signs in elsewhere).
    NoBrowser,
}

#[derive(Clone)]
pub struct ScriptedBrowser {
    pub decision: Decision,
    /// Pages seen, last one last (for assertions on what the user saw).
    pub pages: Arc<Mutex<Vec<String>>>,
    /// When the answer was last sent on to the app's loopback listener (for benchmarks).
    pub answered_at: Arc<Mutex<Option<std::time::Instant>>>,
    /// A CA the browser trusts besides none (the demo tenant's, in HTTPS mode).
    ca_pem: Option<String>,
    /// The account to sign in as, instead of the one the page pre-selects.
    account: Option<String>,
}

impl ScriptedBrowser {
    pub fn new(decision: Decision) -> Self {
        Self {
            decision,
            pages: Arc::default(),
            answered_at: Arc::default(),
            ca_pem: None,
            account: None,
        }
    }

    /// The same browser, choosing `email` on the consent page.
    pub fn as_account(mut self, email: &str) -> Self {
        self.account = Some(email.to_string());
        self
    }

    /// The same browser, trusting `ca_pem` (the demo tenant's CA in HTTPS mode).
    pub fn trusting(mut self, ca_pem: &str) -> Self {
        self.ca_pem = Some(ca_pem.to_string());
        self
    }

    /// Whether any page the browser showed contains `needle`.
    pub fn saw(&self, needle: &str) -> bool {
        self.pages
            .lock()
            .map(|p| p.iter().any(|page| page.contains(needle)))
            .unwrap_or(false)
    }

    /// The app's page the sign-in ended on (its `data-result`), once the browser has it: the tab
    /// is answered as the app finishes, so it may arrive just after the app's call returns.
    pub async fn final_page(&self) -> String {
        for _ in 0..100 {
            if self.last_page().contains("data-result=") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        self.last_page()
    }

    pub fn last_page(&self) -> String {
        self.pages
            .lock()
            .map(|p| p.last().cloned().unwrap_or_default())
            .unwrap_or_default()
    }
}

impl BrowserOpener for ScriptedBrowser {
    fn open(&self, url: &str) -> Result<(), String> {
        if self.decision == Decision::NoBrowser {
            return Err("no display".into());
        }
        let me = self.clone();
        let url = url.to_string();
        tokio::spawn(async move {
            if let Err(e) = me.browse(&url).await {
                me.pages.lock().map(|mut p| p.push(format!("BROWSER ERROR: {e}"))).ok();
            }
        });
        Ok(())
    }
}

fn attr<'a>(html: &'a str, after: &str, name: &str) -> Option<&'a str> {
    let start = html.find(after)?;
    let rest = &html[start..];
    let key = format!("{name}=\"");
    let v = rest.find(&key)? + key.len();
    let end = rest[v..].find('"')?;
    Some(&rest[v..v + end])
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// GETs `url`, following redirects as a browser does; returns the final URL and page.
async fn get_following(http: &reqwest::Client, url: &str) -> Result<(String, String), String> {
    let mut url = url.to_string();
    for _ in 0..10 {
        let resp = http.get(&url).send().await.map_err(|e| e.to_string())?;
        match resp.headers().get("location") {
            Some(loc) => url = loc.to_str().map_err(|e| e.to_string())?.to_string(),
            None => return Ok((url, resp.text().await.map_err(|e| e.to_string())?)),
        }
    }
    Err("too many redirects".into())
}

/// POSTs a form and returns the page it answers with.
async fn post_form<T: serde::Serialize + ?Sized>(
    http: &reqwest::Client,
    url: &str,
    fields: &T,
) -> Result<String, String> {
    let resp = http.post(url).form(fields).send().await.map_err(|e| e.to_string())?;
    resp.text().await.map_err(|e| e.to_string())
}

impl ScriptedBrowser {
    /// The browser's HTTP client: redirects are followed by hand, as the page's answers need.
    fn client(&self) -> Result<reqwest::Client, String> {
        let mut http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
        if let Some(pem) = &self.ca_pem {
            http =
                http.add_root_certificate(reqwest::Certificate::from_pem(pem.as_bytes()).map_err(|e| e.to_string())?);
        }
        http.build().map_err(|e| e.to_string())
    }

    async fn browse(&self, url: &str) -> Result<(), String> {
        let http = self.client()?;
        let (consent_url, consent) = get_following(&http, url).await?;
        self.answer(&http, &consent_url, consent).await
    }

    /// A sign-in on another device: opens `verification_uri`, enters `user_code`, and answers
    /// the consent page it leads to.
    pub async fn enter_code(&self, verification_uri: &str, user_code: &str) -> Result<(), String> {
        let http = self.client()?;
        let (page_url, page) = get_following(&http, verification_uri).await?;
        self.pages.lock().map(|mut p| p.push(page)).ok();
        let consent = post_form(&http, &page_url, &[("otc", user_code)]).await?;
        self.answer(&http, &page_url, consent).await
    }

    /// Answers a consent page as decided and follows Microsoft's answer to its end.
    async fn answer(&self, http: &reqwest::Client, consent_url: &str, consent: String) -> Result<(), String> {
        self.pages.lock().map(|mut p| p.push(consent.clone())).ok();
        let request = attr(&consent, "name=\"request\"", "value")
            .ok_or("no consent form")?
            .to_string();
        let action = attr(&consent, "<form", "action")
            .ok_or("no consent form action")?
            .to_string();
        let decide = url::Url::parse(consent_url)
            .and_then(|u| u.join(&action))
            .map_err(|e| e.to_string())?;
        let decision = if self.decision != Decision::Cancel {
            "accept"
        } else {
            "cancel"
        };
        // The account radio the page pre-selected (from login_hint, or the first).
        let preselected = consent
            .find("\" checked>")
            .and_then(|end| consent[..end].rfind("value=\"").map(|v| unescape(&consent[v + 7..end])));
        let account = self.account.clone().or(preselected).unwrap_or_default();
        let answer = http
            .post(decide)
            .form(&[
                ("request", request.as_str()),
                ("decision", decision),
                ("account", account.as_str()),
            ])
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let mut answer = answer;
        // Microsoft's "Need admin approval" page: read it, then take its way back to the app.
        let final_page = loop {
            if let Some(loc) = answer.headers().get("location") {
                let loc = loc.to_str().map_err(|e| e.to_string())?.to_string();
                break get_following(http, &loc).await?.1;
            }
            let html = answer.text().await.map_err(|e| e.to_string())?;
            if let Some(back) = attr(&html, "id=\"return\"", "href").map(unescape) {
                self.pages.lock().map(|mut p| p.push(html.clone())).ok();
                let back = url::Url::parse(consent_url)
                    .and_then(|u| u.join(&back))
                    .map_err(|e| e.to_string())?;
                answer = http.get(back).send().await.map_err(|e| e.to_string())?;
                continue;
            }
            let Some(action) = attr(&html, "<form", "action").map(unescape) else {
                break html;
            };
            let mut fields = Vec::new();
            let mut rest = html.as_str();
            while let Some(i) = rest.find("<input type=\"hidden\"") {
                rest = &rest[i + 1..];
                let name = unescape(attr(rest, "name=", "name").unwrap_or(""));
                let value = unescape(attr(rest, "name=", "value").unwrap_or(""));
                fields.push((name, value));
            }
            self.answered_at
                .lock()
                .map(|mut t| *t = Some(std::time::Instant::now()))
                .ok();
            break post_form(http, &action, &fields).await?;
        };
        self.pages.lock().map(|mut p| p.push(final_page)).ok();
        Ok(())
    }
}
