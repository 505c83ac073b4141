//! An update server on loopback for the updater's tests: it serves a `latest.json` and the
//! package it names, signed with a key pair the test generates with `tauri signer` (the same
//! tool the release uses). The test can change what it serves while it runs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::StreamExt;

fn tauri_cli() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/.bin/tauri")
}

/// A minisign key pair made by `tauri signer generate` (no password).
pub struct UpdateKey {
    key: PathBuf,
    /// The public key as `tauri.conf.json` holds it (base64 of the `.pub` file).
    pub public: String,
}

impl UpdateKey {
    pub fn generate(dir: &Path, name: &str) -> Self {
        let key = dir.join(format!("{name}.key"));
        let out = Command::new(tauri_cli())
            .args(["signer", "generate", "--ci", "-f", "-w"])
            .arg(&key)
            .output()
            .expect("tauri signer (ui/node_modules: run `make deps`)");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let public = std::fs::read_to_string(dir.join(format!("{name}.key.pub"))).unwrap();
        Self {
            key,
            public: public.trim().to_string(),
        }
    }

    /// `tauri signer sign` on `bytes`, bound to `version`: the `.sig` file's contents.
    pub fn sign(&self, bytes: &[u8], version: &str) -> String {
        let file = self.key.with_extension(format!("{version}.deb"));
        std::fs::write(&file, bytes).unwrap();
        let out = Command::new(tauri_cli())
            .args(["signer", "sign", "-f"])
            .arg(&self.key)
            .args(["--app-version", version])
            .arg(&file)
            .env("TAURI_SIGNING_PRIVATE_KEY_PASSWORD", "")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        std::fs::read_to_string(file.with_extension("deb.sig")).unwrap()
    }
}

/// What the server offers.
#[derive(Clone)]
pub struct Release {
    pub version: String,
    pub notes: String,
    pub package: Vec<u8>,
    pub signature: String,
    /// How the package is handed out.
    pub download: Download,
}

#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum Download {
    #[default]
    AtOnce,
    /// 64 KiB every 40 ms, with its length announced: a download whose progress can be watched.
    Slowly,
    /// The server fails the download (HTTP 500).
    Fails,
    /// The first 64 KiB, then nothing more (a download that never ends by itself).
    Stalls,
}

#[derive(Clone, Default)]
struct Served {
    release: Arc<Mutex<Option<Release>>>,
    downloads: Arc<Mutex<u32>>,
}

pub struct UpdateServer {
    pub endpoint: String,
    served: Served,
}

impl UpdateServer {
    pub async fn start(release: Release) -> Self {
        let served = Served::default();
        *served.release.lock().unwrap() = Some(release);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let at = listener.local_addr().unwrap();
        let app = Router::new()
            .route("/latest.json", get(latest))
            .route("/mailbox-connect.deb", get(package))
            .with_state((served.clone(), format!("http://{at}")));
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self {
            endpoint: format!("http://{at}/latest.json"),
            served,
        }
    }

    pub fn serve(&self, release: Release) {
        *self.served.release.lock().unwrap() = Some(release);
    }

    /// How many times the package was downloaded.
    pub fn downloads(&self) -> u32 {
        *self.served.downloads.lock().unwrap()
    }
}

async fn latest(State((served, base)): State<(Served, String)>) -> (StatusCode, String) {
    let Some(r) = served.release.lock().unwrap().clone() else {
        return (StatusCode::NOT_FOUND, String::new());
    };
    let platform = serde_json::json!({ "url": format!("{base}/mailbox-connect.deb"), "signature": r.signature });
    let body = serde_json::json!({
        "version": r.version,
        "notes": r.notes,
        "pub_date": "2026-12-01T09:00:00Z",
        // The package's own key first (as the release publishes it), and the plain one that a
        // build not installed from a package looks for.
        "platforms": { "linux-x86_64-deb": platform, "linux-x86_64": platform },
    });
    (StatusCode::OK, body.to_string())
}

async fn package(State((served, _)): State<(Served, String)>) -> Response {
    *served.downloads.lock().unwrap() += 1;
    let Some(r) = served.release.lock().unwrap().clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match r.download {
        Download::AtOnce => r.package.into_response(),
        Download::Fails => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        Download::Slowly => {
            let length = r.package.len();
            let chunks: Vec<Vec<u8>> = r.package.chunks(64 * 1024).map(<[u8]>::to_vec).collect();
            let paced = futures_util::stream::iter(chunks).then(|chunk| async move {
                tokio::time::sleep(Duration::from_millis(40)).await;
                Ok::<_, std::io::Error>(chunk)
            });
            ([(header::CONTENT_LENGTH, length.to_string())], Body::from_stream(paced)).into_response()
        }
        Download::Stalls => {
            let first = r.package[..r.package.len().min(64 * 1024)].to_vec();
            let stalled =
                futures_util::stream::iter([Ok::<_, std::io::Error>(first)]).chain(futures_util::stream::pending());
            let length = r.package.len().to_string();
            ([(header::CONTENT_LENGTH, length)], Body::from_stream(stalled)).into_response()
        }
    }
}
