//! Opening the system browser. On Linux and the BSDs `$BROWSER`, when set, names the program to
//! use (the usual convention there); otherwise, and always on Windows and macOS, the system's
//! default handler is used via the `open` crate (ShellExecute, Launch Services, xdg-open).

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
        let honours_browser_var = cfg!(unix) && !cfg!(target_os = "macos");
        let chosen = std::env::var("BROWSER")
            .ok()
            .filter(|b| honours_browser_var && !b.trim().is_empty());
        match chosen {
            Some(browser) => open::with_detached(url, browser.trim()).map_err(|e| e.to_string()),
            None => open::that_detached(url).map_err(|e| e.to_string()),
        }
    }
}

pub fn system() -> Arc<dyn BrowserOpener> {
    Arc::new(SystemBrowser)
}
