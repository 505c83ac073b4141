//! The local Nylas v3 API: applications, connectors, custom auth, grants and a data endpoint.

mod connect;
mod connectors;
mod creds;
pub mod envelope;
mod grants;
mod hosted;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
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
        .route("/v3/connect/revoke", post(hosted::revoke))
        .route("/__sandbox/faults", post(crate::faults::set))
        .with_state(st.clone());
    Router::new()
        .route("/v3/applications", get(application))
        .route(
            "/v3/applications/redirect-uris",
            get(creds::callback_uris).post(creds::add_callback_uri),
        )
        .route(
            "/v3/connectors/{provider}/creds",
            post(creds::create).get(creds::list_creds),
        )
        .route("/v3/connectors", post(connectors::create).get(connectors::list))
        .route(
            "/v3/connectors/{provider}",
            get(connectors::get)
                .patch(connectors::update)
                .put(connectors::update)
                .delete(connectors::delete),
        )
        .route("/v3/connect/custom", post(connect::custom))
        .route("/v3/grants", get(grants::list))
        .route(
            "/v3/grants/{grant_id}",
            get(grants::get).patch(grants::update).delete(grants::delete),
        )
        .route("/v3/grants/{grant_id}/messages", get(grants::messages))
        .layer(middleware::from_fn_with_state(st.clone(), crate::faults::apply))
        .layer(middleware::from_fn_with_state(st.clone(), require_api_key))
        .with_state(st.clone())
        .merge(public)
        // Like Nylas, an unknown path or method gets an error body an SDK can parse.
        .fallback(|| async {
            envelope::error(
                StatusCode::NOT_FOUND,
                "not_found_error",
                "The requested resource does not exist.",
            )
        })
        .method_not_allowed_fallback(|| async {
            envelope::error(
                StatusCode::METHOD_NOT_ALLOWED,
                "invalid_request_error",
                "This method is not allowed on this resource.",
            )
        })
        .layer(middleware::from_fn_with_state(st, crate::recording::layer))
}

/// Every endpoint here needs `Authorization: Bearer <API key>`.
async fn require_api_key(State(st): State<Arc<SandboxState>>, req: Request, next: Next) -> Response {
    let key = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_string);
    // Reached as one of Nylas's regional hosts, only that region's application answers.
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let known = {
        let inner = st.lock();
        let region = inner.nylas_region.as_deref().unwrap_or("us");
        let other_region = host
            .strip_prefix("api.")
            .and_then(|h| h.split_once(".nylas.com"))
            .is_some_and(|(r, _)| r != region);
        key.is_some_and(|k| inner.api_keys.contains(&k)) && !other_region
    };
    if !known {
        return envelope::unauthorized();
    }
    next.run(req).await
}

/// The application object. Nylas calls a test application's environment "staging"; the demo
/// tenant's name goes in `branding`, which the official SDKs expect.
async fn application(State(st): State<Arc<SandboxState>>) -> Response {
    let inner = st.lock();
    let region = inner.nylas_region.clone().unwrap_or_else(|| "us".into());
    let callback_uris: Vec<_> = inner
        .callback_uris
        .iter()
        .map(|(id, url)| creds::callback_view(id, url))
        .collect();
    envelope::data(
        StatusCode::OK,
        json!({
            "application_id": NYLAS_APPLICATION_ID,
            "organization_id": "sandbox-org",
            "region": region,
            "environment": "staging",
            "branding": { "name": "Mailbox Connect demo tenant" },
            "hosted_authentication": { "alignment": "center" },
            "callback_uris": callback_uris,
        }),
    )
}
