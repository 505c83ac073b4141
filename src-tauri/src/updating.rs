//! The window's update commands over the updater: the offer kept for "Install and restart", the
//! once-a-day rhythm of the checks the window makes by itself, and the download's progress.

use mailbox_connect::updater;
use mailbox_connect_core::job::{Job, JobEvent};
use mailbox_connect_core::result::now;
use mailbox_connect_core::services::updates::UpdateOffer;
use mailbox_connect_core::{AppError, ErrorCode};
use tauri::ipc::Channel;

use crate::shell::Shell;

/// Looks for a newer version and keeps it for [`install`]. A look the window makes by itself
/// (`automatic`) happens only when the setting allows and a day has passed since the last one.
pub async fn check(s: &Shell, automatic: bool) -> Result<Option<UpdateOffer>, AppError> {
    let at = now();
    if automatic && !s.updates.automatic_check_due(at)? {
        return Ok(None);
    }
    s.updates.record_check(at)?;
    let found = match updater::check(&s.app).await {
        Ok(found) => found,
        // A look the app made by itself and could not finish is logged, not shown: the user
        // asked for nothing, and "Check for updates" says what fails.
        Err(e) if automatic => {
            tracing::warn!(
                "the daily look for a new version failed: {} ({})",
                e.message,
                e.detail.unwrap_or_default()
            );
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    let mut kept = s.update.lock().await;
    *kept = None;
    Ok(found.map(|(offer, update)| {
        tracing::info!(version = %offer.version, "a newer version is offered");
        *kept = Some(update);
        offer
    }))
}

/// Downloads the offered update (progress on `events`), verifies its signature, installs it and
/// restarts the app. Refused while other work is under way; a refused or failed download leaves
/// this version running and the offer standing.
pub async fn install(s: &Shell, events: Channel<JobEvent>) -> Result<(), AppError> {
    s.updates.may_install()?;
    let update = s.update.lock().await.clone().ok_or_else(|| {
        AppError::new(ErrorCode::NotFound, "No update is offered now.")
            .with_fix("Choose \"Check for updates\" on the About screen.")
    })?;
    // Not one of `Jobs`: starting it would stop the sign-in or run it must wait for.
    let job = Job::detached(move |e| {
        if let Err(err) = events.send(e) {
            tracing::warn!("the window stopped listening to the update: {err}");
        }
    });
    *s.update_stop.lock().await = Some(job.cancel_signal().clone());
    let installed = async {
        let bytes = updater::download(&update, &job).await?;
        s.updates.may_install()?;
        let to_install = update.clone();
        tokio::task::spawn_blocking(move || updater::install(&to_install, &bytes))
            .await
            .map_err(|e| AppError::internal(format!("the installer stopped: {e}")))?
    }
    .await;
    job.end(installed)?;
    tracing::info!(version = %update.version, "update installed; restarting");
    s.app.restart()
}

/// Stops the download under way, if any.
pub async fn cancel(s: &Shell) {
    if let Some(stop) = s.update_stop.lock().await.take() {
        stop.cancel();
    }
}
