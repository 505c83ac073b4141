//! Saving a file where the user chooses, through the system's Save dialog, and showing it in
//! its folder afterwards. Both plugins are used from Rust only: the window gets no dialog or
//! opener permission, just the two tools commands that call this.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use mailbox_connect_core::services::tools::{file_name, write_file, SavedFile};
use mailbox_connect_core::{AppError, ErrorCode};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

/// What is about to be saved.
pub struct ToSave<'a> {
    pub title: &'a str,
    pub stem: &'a str,
    pub ext: &'a str,
    /// The file type's name in the dialog's filter, for example "CSV spreadsheet".
    pub kind: &'a str,
    pub start_in: PathBuf,
    pub contents: String,
}

/// The last file saved, so "Show in folder" reveals only what this app wrote.
#[derive(Default)]
pub struct Saved(Mutex<Option<PathBuf>>);

impl Saved {
    /// Asks where to save, then writes there. `None` when the user closed the dialog.
    pub async fn save_as(&self, app: &AppHandle, file: ToSave<'_>) -> Result<Option<SavedFile>, AppError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let mut dialog = app
            .dialog()
            .file()
            .set_title(file.title)
            .set_directory(&file.start_in)
            .set_file_name(file_name(file.stem, file.ext))
            .add_filter(file.kind, &[file.ext]);
        if let Some(window) = app.get_webview_window("main") {
            dialog = dialog.set_parent(&window);
        }
        dialog.save_file(move |chosen| {
            // The command may have been dropped with its window; nothing waits for the answer then.
            let _ = tx.send(chosen);
        });
        let Some(chosen) = rx.await.ok().flatten() else {
            return Ok(None);
        };
        let path = chosen.into_path().map_err(|e| {
            AppError::new(ErrorCode::Storage, "The chosen place is not a file on this computer.")
                .with_fix("Choose a folder on this computer, for example Documents or Downloads.")
                .with_detail(e.to_string())
        })?;
        let saved = write_file(&path, file.contents)?;
        if let Ok(mut last) = self.0.lock() {
            *last = Some(path);
        }
        Ok(Some(saved))
    }

    /// Opens the file manager on the last saved file, selected.
    pub async fn show_in_folder(&self, app: &AppHandle) -> Result<(), AppError> {
        let path = self.0.lock().ok().and_then(|p| p.clone()).ok_or_else(|| {
            AppError::new(ErrorCode::NotFound, "Nothing has been saved yet.").with_fix("Save the file first.")
        })?;
        reveal(app, path).await
    }
}

/// Opens the file manager on `path`, selected in its folder.
pub async fn reveal(app: &AppHandle, path: PathBuf) -> Result<(), AppError> {
    let app = app.clone();
    let shown = {
        let path = path.clone();
        // The opener waits on D-Bus (Linux) or the desktop: keep it off the async workers.
        tokio::task::spawn_blocking(move || app.opener().reveal_item_in_dir(&path)).await
    };
    match shown {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(no_file_manager(&path, e.to_string())),
        Err(e) => Err(no_file_manager(&path, e.to_string())),
    }
}

fn no_file_manager(path: &Path, detail: String) -> AppError {
    let folder = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(path)
    };
    AppError::new(
        ErrorCode::Internal,
        "No file manager answered, so the folder could not be shown.",
    )
    .with_fix(format!("Open {} in your file manager yourself.", folder.display()))
    .with_detail(detail)
}
