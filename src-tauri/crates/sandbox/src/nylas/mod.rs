//! The local Nylas v3 API: applications, connectors, custom auth, grants and a data endpoint.

mod connect;
mod connectors;
mod creds;
pub mod envelope;
mod grants;
mod hosted;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::json;

use crate::fixtures::NYLAS_APPLICATION_ID;
use crate::state::SandboxState;

pub fn router(st: Arc<SandboxState>) -> Router {
    // OAuth endpoints take no API key (the browser calls them, or the key is the client secret).
    let public = Router::new()
        .route("/v3/connect/auth", get(hosted::auth))
        .route("/v3/connect/callback", get(hosted::callback))
        .route("/v3/connect/token", post(hosted::token))
        .route("/__sandbox/faults", post(crate::faults::set))
        .with_state(st.clone());
    Router::new()
        .route("/v3/applications", get(application))
        .route(
            "/v3/applications/redirect-uris",
            get(creds::callback_uris).post(creds::add_callback_uri),
        )
        .route(
            "/v3/applications/callback-uris",
            get(creds::callback_uris).post(creds::add_callback_uri),
        )
        .route(
            "/v3/connectors/{provider}/creds",
            post(creds::create).get(creds::list_creds),
        )
        .route("/v3/connectors", post(connectors::create).get(connectors::list))
        .route(
            "/v3/connectors/{provider}",
            get(connectors::get).patch(connectors::update).put(connectors::update),
        )
        .route("/v3/connect/custom", post(connect::custom))
        .route("/v3/grants", get(grants::list))
        .route("/v3/grants/{grant_id}", get(grants::get).delete(grants::delete))
        .route("/v3/grants/{grant_id}/messages", get(grants::messages))
        .layer(middleware::from_fn_with_state(st.clone(), crate::faults::apply))
        .layer(middleware::from_fn_with_state(st.clone(), require_api_key))
        .with_state(st)
        .merge(public)
}

/// Every endpoint here needs `Authorization: Bearer <API key>`.
async fn require_api_key(State(st): State<Arc<SandboxState>>, req: Request, next: Next) -> Response {
    let key = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    let known = key.is_some_and(|k| st.lock().api_keys.contains(&k));
    if !known {
        return envelope::unauthorized();
    }
    next.run(req).await
}

async fn application() -> Response {
    envelope::data(
        axum::http::StatusCode::OK,
        json!({ "application_id": NYLAS_APPLICATION_ID, "organization_id": "sandbox-org", "region": "us", "environment": "sandbox" }),
    )
}
