//! Choosing a file to import, through the system's Open dialog (used from Rust only, like the
//! Save dialog: the window gets no dialog or file-system permission).

use std::path::PathBuf;

use mailbox_connect_core::{AppError, ErrorCode};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// Larger files are refused before they are read (a list of 50,000 addresses is about 2 MB).
const MOST_BYTES: u64 = 20 * 1024 * 1024;

/// Asks for a file of `kind` (`exts` its extensions) and reads it; `None` when the dialog was
/// closed.
pub async fn open_file(
    app: &AppHandle,
    title: &str,
    kind: &str,
    exts: &[&str],
    start_in: PathBuf,
) -> Result<Option<Vec<u8>>, AppError> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_directory(&start_in)
        .add_filter(kind, exts)
        .add_filter("Any file", &["*"]);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    dialog.pick_file(move |chosen| {
        let _ = tx.send(chosen);
    });
    let Some(chosen) = rx.await.ok().flatten() else {
        return Ok(None);
    };
    let unreadable = |detail: String| {
        AppError::new(ErrorCode::Storage, "The chosen file could not be read.")
            .with_fix("Choose a file on this computer that you may read, for example in Documents or Downloads.")
            .with_detail(detail)
    };
    let path = chosen.into_path().map_err(|e| unreadable(e.to_string()))?;
    let size = tokio::fs::metadata(&path)
        .await
        .map_err(|e| unreadable(e.to_string()))?
        .len();
    if size > MOST_BYTES {
        return Err(AppError::invalid(
            "csv",
            format!(
                "{} is too large for a list of addresses ({} MB).",
                path.display(),
                size / (1024 * 1024)
            ),
            "Export only the address column, or split the list into smaller files.",
        ));
    }
    tokio::fs::read(&path)
        .await
        .map(Some)
        .map_err(|e| unreadable(e.to_string()))
}
