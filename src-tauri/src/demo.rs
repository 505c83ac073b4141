//! Demo mode: the sandbox tenant runs inside the app (or the command), started on first use.

use mailbox_connect_core::{AppError, DemoEnv, DemoSamples, Sensitive};
use mailbox_connect_sandbox::{fixtures as f, Sandbox};
use tokio::sync::Mutex;

#[derive(Default)]
pub struct DemoSandbox(Mutex<Option<Sandbox>>);

impl DemoSandbox {
    pub async fn env(&self) -> Result<DemoEnv, AppError> {
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

pub async fn start() -> Result<Sandbox, AppError> {
    Sandbox::start("127.0.0.1")
        .await
        .map_err(|e| AppError::internal(format!("Could not start the demo tenant: {e}")))
}

/// The demo tenant's endpoints and credentials (none are secrets outside the sandbox).
pub fn env_for(sb: &Sandbox) -> DemoEnv {
    DemoEnv {
        identity_host: sb.identity_url.clone(),
        nylas_url: sb.nylas_url.clone(),
        graph_url: sb.graph_url.clone(),
        tenant: f::TENANT_ID.into(),
        client_id: f::CLIENT_ID.into(),
        client_secret: Sensitive::from(f::SECRET_VALUE),
        api_key: Sensitive::from(f::NYLAS_API_KEY),
        samples: DemoSamples {
            nylas_url: sb.nylas_url.clone(),
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
                "Microsoft identity platform: {}\nNylas API: {}\nMicrosoft Graph: {}\nCtrl-C to stop.",
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
