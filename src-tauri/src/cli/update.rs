//! `mailbox-connect update [--check]`: the window's updater from the command line. It runs inside
//! a windowless Tauri app (the updater needs one), so it needs a desktop session as the window
//! does. An install here does not restart an open window: that keeps its version until restarted.

use std::io::Write;

use crate::updater;

/// `--check` exits 3 when a newer version is offered (0 when this one is the latest).
pub fn run(check_only: bool, out: &mut dyn Write) -> i32 {
    if !crate::session::has_display() {
        let _ = writeln!(
            out,
            "error: The update check runs in the app's desktop toolkit, and this session has no display (neither DISPLAY nor WAYLAND_DISPLAY is set).\n\
             fix: Run it from a terminal in your desktop session, or install the new version with your package manager."
        );
        return 1;
    }
    let app = match tauri::Builder::default()
        .plugin(updater::plugin())
        .build(crate::context())
    {
        Ok(app) => app,
        Err(e) => {
            let _ = writeln!(out, "error: The updater could not start.\ndetail: {e}");
            return 1;
        }
    };
    let handle = app.handle().clone();
    let result = tauri::async_runtime::block_on(async {
        let Some((offer, update)) = updater::check(&handle).await? else {
            let _ = writeln!(
                out,
                "Mailbox Connect {} is the latest version.",
                crate::build_info::VERSION
            );
            return Ok(0);
        };
        let _ = writeln!(
            out,
            "Version {} is available (this is {}).",
            offer.version, offer.current_version
        );
        if let Some(notes) = &offer.notes {
            let _ = writeln!(out, "{notes}");
        }
        if check_only {
            let _ = writeln!(out, "Install it: mailbox-connect update");
            return Ok(3);
        }
        let bytes = updater::download(&update, &super::progress::printed()).await?;
        updater::install(&update, &bytes)?;
        let _ = writeln!(
            out,
            "Installed version {}. Restart Mailbox Connect to use it.",
            offer.version
        );
        Ok::<i32, mailbox_connect_core::AppError>(0)
    });
    result.unwrap_or_else(|e| {
        for line in super::run::error_lines(e) {
            let _ = writeln!(out, "{line}");
        }
        1
    })
}
