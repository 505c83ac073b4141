//! Mailbox Connect's built-in demo tenant: a local Microsoft identity platform (authorize with a
//! real consent page, token, discovery, Microsoft's error shapes) and a local Nylas v3 API
//! (applications, connectors, connect/custom, grants, messages), on two loopback ports.

pub mod faults;
pub mod fixtures;
pub mod graph;
pub mod identity;
mod jwt;
pub mod legacy;
pub mod nylas;
pub mod recording;
pub mod request_log;
pub mod state;
pub mod tls;

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
    /// Microsoft Graph (the subset for app registrations), on its own port.
    pub graph_url: String,
    /// In HTTPS mode, the CA certificate (PEM) a client trusts to reach both servers.
    pub ca_pem: Option<String>,
    pub state: Arc<SandboxState>,
    stops: Vec<oneshot::Sender<()>>,
    tasks: Vec<JoinHandle<()>>,
}

impl Sandbox {
    /// Starts the sandbox on `ip` (ports chosen by the OS).
    pub async fn start(ip: &str) -> std::io::Result<Self> {
        Self::start_on(&format!("{ip}:0"), &format!("{ip}:0")).await
    }

    /// Starts the sandbox on `ip`, kept in `file` across restarts: what an earlier run left there
    /// is read back, and every change is saved.
    pub async fn start_kept(ip: &str, file: &std::path::Path) -> std::io::Result<Self> {
        let sb = Self::start(ip).await?;
        sb.state.restore(file);
        let _ = sb.state.kept_at.set(file.to_path_buf());
        sb.state.keep(file)?;
        Ok(sb)
    }

    /// Starts the sandbox on `ip` over HTTPS, with a CA made for this run ([`Sandbox::ca_pem`]).
    pub async fn start_https(ip: &str) -> std::io::Result<Self> {
        let tls = tls::DemoTls::generate().map_err(std::io::Error::other)?;
        Self::start_with(&format!("{ip}:0"), &format!("{ip}:0"), Some(tls)).await
    }

    pub async fn start_on(identity_addr: &str, nylas_addr: &str) -> std::io::Result<Self> {
        Self::start_with(identity_addr, nylas_addr, None).await
    }

    /// Starts both servers, over HTTPS when `tls` is given.
    pub async fn start_with(identity_addr: &str, nylas_addr: &str, tls: Option<tls::DemoTls>) -> std::io::Result<Self> {
        // The ID-token signing key takes a moment to make: start it while the ports open.
        drop(tokio::task::spawn_blocking(jwt::warm_up));
        let id_tcp = TcpListener::bind(identity_addr).await?;
        let ny_tcp = TcpListener::bind(nylas_addr).await?;
        let graph_tcp = TcpListener::bind((id_tcp.local_addr()?.ip(), 0)).await?;
        let scheme = if tls.is_some() { "https" } else { "http" };
        let identity_url = format!("{scheme}://{}", id_tcp.local_addr()?);
        let nylas_url = format!("{scheme}://{}", ny_tcp.local_addr()?);
        let graph_url = format!("{scheme}://{}", graph_tcp.local_addr()?);
        let state = Arc::new(SandboxState::with_demo_tenant(&identity_url, &nylas_url));
        let _ = state.graph_url.set(graph_url.clone());
        let mut sb = Self {
            identity_url: identity_url.clone(),
            nylas_url,
            graph_url,
            ca_pem: tls.as_ref().map(|t| t.ca_pem.clone()),
            state: state.clone(),
            stops: vec![],
            tasks: vec![],
        };
        let server = tls.map(|t| t.server);
        let noted =
            |app: axum::Router| app.layer(axum::middleware::from_fn_with_state(state.clone(), request_log::note));
        sb.serve(
            id_tcp,
            noted(identity::router(state.clone(), IssuerHost(identity_url))),
            server.clone(),
        )?;
        sb.serve(graph_tcp, noted(graph::router(state.clone())), server.clone())?;
        sb.serve(
            ny_tcp,
            noted(nylas::router(state.clone()).merge(legacy::router(state.clone()))),
            server,
        )?;
        Ok(sb)
    }

    fn serve(
        &mut self,
        tcp: TcpListener,
        app: axum::Router,
        tls: Option<Arc<rustls::ServerConfig>>,
    ) -> std::io::Result<()> {
        let (tx, rx) = oneshot::channel::<()>();
        self.stops.push(tx);
        let Some(tls) = tls else {
            self.tasks.push(tokio::spawn(async move {
                let _ = axum::serve(tcp, app)
                    .with_graceful_shutdown(async move {
                        let _ = rx.await;
                    })
                    .await;
            }));
            return Ok(());
        };
        let config = axum_server::tls_rustls::RustlsConfig::from_config(tls);
        let handle = axum_server::Handle::new();
        let server = axum_server::tls_rustls::from_tcp_rustls(tcp.into_std()?, config)?.handle(handle.clone());
        self.tasks.push(tokio::spawn(async move {
            let _ = rx.await;
            handle.graceful_shutdown(Some(std::time::Duration::from_secs(1)));
        }));
        self.tasks.push(tokio::spawn(async move {
            let _ = server.serve(app.into_make_service()).await;
        }));
        Ok(())
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}
