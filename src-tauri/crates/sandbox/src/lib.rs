//! Mailbox Connect's built-in demo tenant: a local Microsoft identity platform (authorize with a
//! real consent page, token, discovery, Microsoft's error shapes) and a local Nylas v3 API
//! (applications, connectors, connect/custom, grants, messages), on two loopback ports.

pub mod faults;
pub mod fixtures;
pub mod identity;
mod jwt;
pub mod legacy;
pub mod nylas;
pub mod recording;
pub mod state;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use state::SandboxState;

/// The identity host as seen by clients (used as the token issuer).
#[derive(Clone)]
pub struct IssuerHost(pub String);

/// A running sandbox. Dropping it stops both servers.
pub struct Sandbox {
    pub identity_url: String,
    pub nylas_url: String,
    pub state: Arc<SandboxState>,
    stops: Vec<oneshot::Sender<()>>,
    tasks: Vec<JoinHandle<()>>,
}

impl Sandbox {
    /// Starts the sandbox on `ip` (ports chosen by the OS).
    pub async fn start(ip: &str) -> std::io::Result<Self> {
        Self::start_on(&format!("{ip}:0"), &format!("{ip}:0")).await
    }

    pub async fn start_on(identity_addr: &str, nylas_addr: &str) -> std::io::Result<Self> {
        // The ID-token signing key takes a moment to make: start it while the ports open.
        drop(tokio::task::spawn_blocking(jwt::warm_up));
        let id_tcp = TcpListener::bind(identity_addr).await?;
        let ny_tcp = TcpListener::bind(nylas_addr).await?;
        let identity_url = url_of(id_tcp.local_addr()?);
        let nylas_url = url_of(ny_tcp.local_addr()?);
        let state = Arc::new(SandboxState::with_demo_tenant(&identity_url, &nylas_url));
        let mut sb = Self {
            identity_url: identity_url.clone(),
            nylas_url,
            state: state.clone(),
            stops: vec![],
            tasks: vec![],
        };
        sb.serve(id_tcp, identity::router(state.clone(), IssuerHost(identity_url)));
        sb.serve(ny_tcp, nylas::router(state.clone()).merge(legacy::router(state)));
        Ok(sb)
    }

    fn serve(&mut self, tcp: TcpListener, app: axum::Router) {
        let (tx, rx) = oneshot::channel::<()>();
        self.stops.push(tx);
        self.tasks.push(tokio::spawn(async move {
            let _ = axum::serve(tcp, app)
                .with_graceful_shutdown(async move {
                    let _ = rx.await;
                })
                .await;
        }));
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

fn url_of(addr: SocketAddr) -> String {
    format!("http://{addr}")
}
