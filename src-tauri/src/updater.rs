//! Tauri's updater as the window and the command line use it: the project's GitHub releases
//! (`latest.json`) or `MAILBOX_CONNECT_UPDATE_ENDPOINT` (a company mirror), the public key of
//! `tauri.conf.json`, and a download whose signature is verified before anything is installed.

use std::time::Duration;

use mailbox_connect_core::job::{Job, JobStep};
use mailbox_connect_core::services::updates::UpdateOffer;
use mailbox_connect_core::{AppError, ErrorCode};
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Runtime};
use tauri_plugin_updater::{Error, Update, Updater, UpdaterExt};

/// Another place to look for `latest.json`, for a company mirror (https in release builds).
pub const ENDPOINT_VAR: &str = "MAILBOX_CONNECT_UPDATE_ENDPOINT";
/// Debug builds only (the tests'): the public key of a key pair a test generated.
#[cfg(debug_assertions)]
pub const PUBKEY_VAR: &str = "MAILBOX_CONNECT_UPDATE_PUBKEY";

fn env(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|v| !v.trim().is_empty())
}

/// The updater plugin, with the tests' public key in debug builds when they set one.
pub fn plugin<R: Runtime>() -> TauriPlugin<R, tauri_plugin_updater::Config> {
    #[allow(unused_mut)]
    let mut builder = tauri_plugin_updater::Builder::new();
    #[cfg(debug_assertions)]
    if let Some(key) = env(PUBKEY_VAR) {
        builder = builder.pubkey(key);
    }
    builder.build()
}

fn updater<R: Runtime>(app: &AppHandle<R>) -> Result<Updater, AppError> {
    let mut builder = app.updater_builder().timeout(Duration::from_secs(30));
    if let Some(at) = env(ENDPOINT_VAR) {
        let url = tauri::Url::parse(at.trim()).map_err(|e| {
            AppError::new(
                ErrorCode::InvalidInput,
                format!("{ENDPOINT_VAR} is not a web address: {at}"),
            )
            .with_fix("Set it to the address of latest.json on your mirror (https://…/latest.json), or unset it.")
            .with_detail(e.to_string())
        })?;
        builder = builder.endpoints(vec![url]).map_err(update_error)?;
    }
    builder.build().map_err(update_error)
}

/// Asks the update server; `Some` when it offers a newer version than this one.
pub async fn check<R: Runtime>(app: &AppHandle<R>) -> Result<Option<(UpdateOffer, Update)>, AppError> {
    let found = updater(app)?.check().await.map_err(update_error)?;
    Ok(found.map(|u| {
        let offer = UpdateOffer {
            version: u.version.clone(),
            current_version: u.current_version.clone(),
            notes: u.body.clone().filter(|n| !n.trim().is_empty()),
            date: u.raw_json["pub_date"].as_str().map(str::to_string),
        };
        (offer, u)
    }))
}

/// Downloads the update and verifies its signature against the app's public key: a package that
/// does not match is refused here. `job` hears how far it is (every 5%, or every MiB when the
/// size is unknown) and that the signature held; its cancel signal drops the download.
pub async fn download(update: &Update, job: &Job) -> Result<Vec<u8>, AppError> {
    let text = format!("KiB of version {} downloaded", update.version);
    let (mut done, mut reported) = (0u64, None);
    let download = update.download(
        |chunk, total| {
            done += chunk as u64;
            let (done_kib, total_kib) = (kib(done), total.map_or(0, kib));
            let mark = done_kib
                .saturating_mul(20)
                .checked_div(total_kib)
                .unwrap_or(done_kib / 1024);
            if reported != Some(mark) {
                reported = Some(mark);
                job.progress(done_kib, total_kib, text.clone());
            }
        },
        || {},
    );
    let bytes = tokio::select! {
        bytes = download => bytes.map_err(update_error)?,
        // Cancelled: `go_on` is the Cancelled error here. Nothing was installed.
        _ = job.cancel_signal().cancelled() => return job.go_on().map(|()| Vec::new()),
    };
    job.step(
        JobStep::Verified,
        "Signature verified: the download matches the publisher's key.",
    );
    Ok(bytes)
}

fn kib(bytes: u64) -> u32 {
    u32::try_from(bytes / 1024).unwrap_or(u32::MAX)
}

/// Installs a verified package (a `.deb` or `.rpm` asks for the administrator's password
/// through the system). A copy not installed from a package (a build from source) is refused:
/// the updater would otherwise replace its executable as if it were an AppImage.
pub fn install(update: &Update, bytes: &[u8]) -> Result<(), AppError> {
    if tauri::utils::platform::bundle_type().is_none() {
        return Err(AppError::new(
            ErrorCode::Update,
            format!(
                "Version {} was downloaded and its signature verified, but this copy of Mailbox Connect was not installed from a package, so it cannot replace itself.",
                update.version
            ),
        )
        .with_fix("Install the new version from the project's releases page with your package manager."));
    }
    update.install(bytes).map_err(update_error)
}

/// The updater's error, in words: what failed, and that the running version is unchanged.
pub fn update_error(e: Error) -> AppError {
    let detail = e.to_string();
    let unchanged = "This version keeps working; nothing was installed.";
    let (code, message, fix) = match &e {
        Error::Minisign(_) | Error::Base64(_) | Error::SignatureUtf8(_) | Error::MissingSignedVersion => (
            ErrorCode::UpdateRefused,
            "The update was refused: its signature does not match Mailbox Connect's publisher key, so it may have been changed on the way.".to_string(),
            format!("{unchanged} Try again later; if it happens again, tell your IT team (the download or the update server may be tampered with)."),
        ),
        Error::SignedVersionMismatch { signed, announced } => (
            ErrorCode::UpdateRefused,
            format!("The update was refused: the server announced version {announced}, but the download is signed as version {signed}."),
            format!("{unchanged} Tell your IT team: the update server's answer may be tampered with."),
        ),
        Error::Reqwest(r) => (
            ErrorCode::Update,
            match r.url().and_then(|u| u.host_str()) {
                Some(host) => format!("The update server could not be reached ({host})."),
                None => "The update server could not be reached.".to_string(),
            },
            format!("{unchanged} Check the internet connection (or the company mirror set in {ENDPOINT_VAR}) and try again."),
        ),
        Error::Network(_) => (
            ErrorCode::Update,
            "The update's download failed.".to_string(),
            format!("{unchanged} Check the internet connection (or the company mirror set in {ENDPOINT_VAR}) and try again."),
        ),
        Error::ReleaseNotFound | Error::Serialization(_) | Error::Semver(_) => (
            ErrorCode::Update,
            "The update server did not answer with a release description.".to_string(),
            format!("{unchanged} Try again later; a company mirror ({ENDPOINT_VAR}) must serve latest.json as published."),
        ),
        Error::TargetNotFound(_) | Error::TargetsNotFound(_) => (
            ErrorCode::Update,
            "The new version has no download for this system.".to_string(),
            format!("{unchanged} Install it from the project's releases page when it is published for this system."),
        ),
        Error::InsecureTransportProtocol | Error::UrlParse(_) => (
            ErrorCode::InvalidInput,
            "The update address must start with https://.".to_string(),
            format!("Set {ENDPOINT_VAR} to your mirror's https:// address of latest.json, or unset it."),
        ),
        Error::AuthenticationFailed => (
            ErrorCode::Update,
            "The update was not installed: the administrator's password was not given.".to_string(),
            format!("{unchanged} Choose \"Install and restart\" again and enter the password when the system asks."),
        ),
        _ => (
            ErrorCode::Update,
            "The update could not be installed.".to_string(),
            format!("{unchanged} Install the new version from the project's releases page."),
        ),
    };
    AppError::new(code, message).with_fix(fix).with_detail(detail)
}
