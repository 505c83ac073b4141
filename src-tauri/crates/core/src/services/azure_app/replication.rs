//! The wait until Microsoft's sign-in knows a new app or secret (replication can take minutes):
//! the new client credentials are tried, with progress, for a bounded time.

use std::time::{Duration, Instant};

use super::AzureApp;
use crate::error::{AppError, ErrorCode, Result};
use crate::job::{Job, JobStep};
use crate::microsoft::cloud::Endpoints;
use crate::microsoft::oauth::MsOAuth;
use crate::microsoft::redirect;
use crate::profile::Profile;
use crate::secrets::SecretKind;

const REPLICATION_PATIENCE: Duration = Duration::from_secs(180);
const POLL: Duration = Duration::from_secs(2);
/// Microsoft's own answers while a new app or secret is still being published.
const NOT_YET_KNOWN: &[u32] = &[700016, 7000215];

impl AzureApp {
    /// Asks Microsoft's token endpoint for the new app's own token until it knows the app.
    pub(super) async fn wait_until_known(&self, p: &Profile, job: &Job) -> Result<()> {
        let secret = self.vault.require(p, SecretKind::AzureClientSecret).await?;
        let endpoints = Endpoints::new(&p.cloud, &p.tenant)?;
        let oauth = MsOAuth::new(&endpoints, &p.client_id, Some(&secret), redirect::REGISTERED)?;
        let identity = p.cloud.host()?;
        let resource = crate::graph::resource(&identity);
        let started = Instant::now();
        loop {
            match oauth
                .check_credentials(&self.http, &format!("{resource}.default"))
                .await
            {
                Ok(()) => return Ok(()),
                Err(e) if e.aadsts().is_some_and(|c| NOT_YET_KNOWN.contains(&c)) => {
                    let waited = started.elapsed();
                    if waited >= REPLICATION_PATIENCE {
                        return Err(AppError::new(
                            ErrorCode::Microsoft,
                            "Microsoft has not finished publishing the new app yet.",
                        )
                        .with_fix(
                            "Wait a few minutes, then choose Create it for me again: it continues with the same app.",
                        )
                        .with_detail(e.to_string()));
                    }
                    job.step(
                        JobStep::Waiting,
                        format!(
                            "Microsoft is publishing the new app to its sign-in servers ({} s so far)…",
                            waited.as_secs()
                        ),
                    );
                    job.pause(POLL).await?;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
}
