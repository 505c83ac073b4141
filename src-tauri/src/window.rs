//! The main window, created in `setup` so the first screen's state arrives with the page
//! (an initialization script) instead of after a first IPC round trip.

use mailbox_connect_core::profile::wizard::WizardState;
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

/// Shows, unminimizes and focuses the main window. The window manager may still decline focus
/// (some refuse focus stealing); the window is then at least shown and marked urgent.
pub fn bring_to_front<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::Manager;
    let Some(w) = app.get_webview_window("main") else {
        return;
    };
    let shown = w.show().and_then(|_| w.unminimize()).and_then(|_| w.set_focus());
    if shown.is_err() {
        let _ = w.request_user_attention(Some(tauri::UserAttentionType::Informational));
    }
}

/// Why no window can open here (a Linux session without X11 or Wayland), said instead of
/// GTK's panic; `None` where a window can open.
pub fn no_display() -> Option<String> {
    (!mailbox_connect::session::has_display()).then(|| {
        "error: Mailbox Connect cannot open its window: no graphical session (neither DISPLAY nor WAYLAND_DISPLAY is set).\n\
         fix: Start it from your desktop, or use a command: mailbox-connect --help lists them."
            .to_string()
    })
}
