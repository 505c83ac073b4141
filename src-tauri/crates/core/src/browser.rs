//! Opening the system browser. `$BROWSER`, when set, names the program to use (the usual Unix
//! convention); otherwise the desktop's default handler is used via the `open` crate.

use std::sync::Arc;

pub trait BrowserOpener: Send + Sync {
    fn open(&self, url: &str) -> Result<(), String>;
}

pub struct SystemBrowser;

impl BrowserOpener for SystemBrowser {
    fn open(&self, url: &str) -> Result<(), String> {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err("only web addresses are opened".into());
        }
        match std::env::var("BROWSER").ok().filter(|b| !b.trim().is_empty()) {
            Some(browser) => open::with_detached(url, browser.trim()).map_err(|e| e.to_string()),
            None => open::that_detached(url).map_err(|e| e.to_string()),
        }
    }
}

pub fn system() -> Arc<dyn BrowserOpener> {
    Arc::new(SystemBrowser)
}
