//! Demo mode: the sandbox tenant runs inside the app (or the command), started on first use.

use mailbox_connect_core::demo::{DemoControls, DemoFault, DemoMailbox};
use mailbox_connect_core::{AppError, DemoEnv, DemoSamples, Sensitive};
use mailbox_connect_sandbox::faults::{FaultPlan, NylasFault};
use mailbox_connect_sandbox::{fixtures as f, Sandbox};
use tokio::sync::Mutex;

/// Names a demo tenant served by another process (`mailbox-connect sandbox` prints the line), so
/// its apps, grants and Graph state outlive this app or command: three addresses, space-separated.
pub const EXTERNAL_TENANT_VAR: &str = "MAILBOX_CONNECT_DEMO_TENANT";

#[derive(Default)]
pub struct DemoSandbox(Mutex<Option<Sandbox>>);

impl DemoSandbox {
    pub async fn env(&self) -> Result<DemoEnv, AppError> {
        if let Some(env) = external()? {
            return Ok(env);
        }
        let mut guard = self.0.lock().await;
        if guard.is_none() {
            *guard = Some(start().await?);
        }
        guard
            .as_ref()
            .map(env_for)
            .ok_or_else(|| AppError::internal("demo tenant missing"))
    }
}

impl DemoSandbox {
    /// What the "Demo controls" panel shows: the built-in tenant's Nylas address and mailboxes.
    pub async fn controls(&self) -> Result<DemoControls, AppError> {
        let guard = self.0.lock().await;
        let sb = guard.as_ref().ok_or_else(not_running)?;
        let mailboxes = sb
            .state
            .lock()
            .grants
            .iter()
            .map(|g| DemoMailbox {
                grant_id: g.id.clone(),
                email: g.email.clone().unwrap_or_default(),
                valid: g.valid,
            })
            .collect();
        Ok(DemoControls {
            nylas_url: sb.nylas_url.clone(),
            mailboxes,
        })
    }

    /// Revokes a demo mailbox's sign-in sessions, as an administrator would: Nylas's next use of
    /// its grant fails (AADSTS50173) until its owner signs in again.
    pub async fn break_mailbox(&self, email: &str) -> Result<DemoControls, AppError> {
        if let Some(sb) = self.0.lock().await.as_ref() {
            sb.state.revoke_sign_in_sessions(email);
        }
        self.controls().await
    }

    /// Arms a fault for the demo tenant's next matching request.
    pub async fn arm(&self, fault: DemoFault) -> Result<(), AppError> {
        let guard = self.0.lock().await;
        let sb = guard.as_ref().ok_or_else(not_running)?;
        let nylas = |status| NylasFault {
            status,
            retry_after: (status == 429).then_some(2),
            ..NylasFault::default()
        };
        sb.state.inject(match fault {
            // As many as the app's retries, so the outage is seen, not retried away.
            DemoFault::NylasOutage => FaultPlan {
                nylas: vec![nylas(503); 4],
                ..FaultPlan::default()
            },
            DemoFault::NylasRateLimit => FaultPlan {
                nylas: vec![nylas(429)],
                ..FaultPlan::default()
            },
            DemoFault::MicrosoftMfa => FaultPlan {
                microsoft_error: Some(50076),
                ..FaultPlan::default()
            },
            DemoFault::ConditionalAccess => FaultPlan {
                microsoft_error: Some(53003),
                ..FaultPlan::default()
            },
        });
        Ok(())
    }
}

fn not_running() -> AppError {
    AppError::new(
        mailbox_connect_core::ErrorCode::InvalidInput,
        "The demo controls work with the built-in demo tenant only.",
    )
    .with_fix("Start the demo from the welcome screen (a demo tenant served by another process has its own controls).")
}

/// The demo tenant another process serves, when [`EXTERNAL_TENANT_VAR`] names one.
fn external() -> Result<Option<DemoEnv>, AppError> {
    let Ok(line) = std::env::var(EXTERNAL_TENANT_VAR) else {
        return Ok(None);
    };
    let urls: Vec<&str> = line.split_whitespace().collect();
    let [identity, nylas, graph] = urls[..] else {
        return Err(AppError::invalid(
            "demo_tenant",
            format!("{EXTERNAL_TENANT_VAR} should hold three addresses, not {}.", urls.len()),
            "Copy the line `mailbox-connect sandbox` printed, or unset it to use a demo tenant of the app's own.",
        ));
    };
    Ok(Some(env_at(identity, nylas, graph)))
}

/// The built-in demo tenant, kept in the app's settings folder so what a demo did (mailboxes
/// connected, apps created) is still there after a restart.
async fn start() -> Result<Sandbox, AppError> {
    let kept = mailbox_connect_core::services::default_config_dir().map(|d| d.join(KEPT_FILE));
    let started = match &kept {
        Some(file) => {
            if let Some(dir) = file.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            Sandbox::start_kept("127.0.0.1", file).await
        }
        None => Sandbox::start("127.0.0.1").await,
    };
    started.map_err(|e| AppError::internal(format!("Could not start the demo tenant: {e}")))
}

/// Where the built-in demo tenant is kept between runs.
const KEPT_FILE: &str = "demo-tenant.json";

/// The demo tenant's endpoints and credentials (none are secrets outside the sandbox).
pub fn env_for(sb: &Sandbox) -> DemoEnv {
    DemoEnv {
        kept: sb.state.kept_at.get().is_some(),
        ..env_at(&sb.identity_url, &sb.nylas_url, &sb.graph_url)
    }
}

fn env_at(identity: &str, nylas: &str, graph: &str) -> DemoEnv {
    DemoEnv {
        kept: false,
        identity_host: identity.into(),
        nylas_url: nylas.into(),
        graph_url: graph.into(),
        tenant: f::TENANT_ID.into(),
        client_id: f::CLIENT_ID.into(),
        client_secret: Sensitive::from(f::SECRET_VALUE),
        api_key: Sensitive::from(f::NYLAS_API_KEY),
        samples: DemoSamples {
            nylas_url: nylas.into(),
            v2_client_id: f::V2_CLIENT_ID.into(),
            v2_client_secret: f::V2_CLIENT_SECRET.into(),
            ews_email: f::EWS_USERS[0].1.into(),
            ews_password: f::EWS_USERS[0].2.into(),
            mailboxes: f::USERS.iter().map(|u| u.email.to_string()).collect(),
        },
    }
}

/// `mailbox-connect sandbox`: serves the demo tenant until Ctrl-C, printing its addresses.
pub async fn serve(listen: &str) -> i32 {
    let ip = listen.rsplit_once(':').map(|(ip, _)| ip).unwrap_or("127.0.0.1");
    match Sandbox::start_on(listen, &format!("{ip}:0")).await {
        Ok(sb) => {
            println!(
                "Microsoft identity platform: {}\nNylas API: {}\nMicrosoft Graph: {}",
                sb.identity_url, sb.nylas_url, sb.graph_url
            );
            println!(
                "To demo against this tenant (it keeps its state across app restarts):\n{EXTERNAL_TENANT_VAR}=\"{} {} {}\"\nCtrl-C to stop.",
                sb.identity_url, sb.nylas_url, sb.graph_url
            );
            let _ = tokio::signal::ctrl_c().await;
            0
        }
        Err(e) => {
            eprintln!("error: could not start the sandbox on {listen}: {e}");
            1
        }
    }
}
