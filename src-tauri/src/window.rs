//! The main window, created in `setup` so the first screen's state arrives with the page
//! (an initialization script) instead of after a first IPC round trip.

use mailbox_connect_core::wizard::WizardState;
use tauri::{App, WebviewUrl, WebviewWindowBuilder};

pub fn open(app: &App, initial: Option<&WizardState>) -> tauri::Result<()> {
    // serde_json output is a valid JavaScript expression; no user text is evaluated as code.
    let state = initial
        .and_then(|s| serde_json::to_string(s).ok())
        .unwrap_or_else(|| "null".into());
    WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
        .title("Mailbox Connect")
        .inner_size(960.0, 760.0)
        .min_inner_size(640.0, 520.0)
        .initialization_script(format!("window.__MC_INITIAL_STATE__ = {state};"))
        .build()?;
    Ok(())
}
