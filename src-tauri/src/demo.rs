//! Demo mode: the sandbox tenant runs inside the app (or the command), started on first use.

use mailbox_connect_core::{AppError, DemoEnv, DemoSamples, Sensitive};
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
    env_at(&sb.identity_url, &sb.nylas_url, &sb.graph_url)
}

fn env_at(identity: &str, nylas: &str, graph: &str) -> DemoEnv {
    DemoEnv {
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
