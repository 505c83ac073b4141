//! The local Microsoft identity platform (v2.0 endpoints).

mod approval;
mod authorize;
pub mod device_code;
mod discovery;
pub mod errors;
mod pages;
mod tenant;
mod token;
mod token_answer;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

use crate::state::SandboxState;
use crate::IssuerHost;

pub fn router(st: Arc<SandboxState>, issuer: IssuerHost) -> Router {
    Router::new()
        .route(
            "/{tenant}/v2.0/.well-known/openid-configuration",
            get(discovery::openid_configuration).with_state(issuer.clone()),
        )
        .route(
            "/{tenant}/discovery/v2.0/keys",
            get(discovery::keys).with_state(issuer.clone()),
        )
        .route(
            "/{tenant}/oauth2/v2.0/logout",
            get(discovery::logout).with_state(st.clone()),
        )
        .route(
            "/{tenant}/oauth2/v2.0/devicecode",
            post(device_code::start).with_state(st.clone()),
        )
        .route(
            "/devicelogin",
            get(device_code::enter_code)
                .post(device_code::code_entered)
                .with_state(st.clone()),
        )
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(authorize::authorize).with_state(st.clone()),
        )
        .route(
            "/{tenant}/oauth2/v2.0/authorize/decide",
            post(authorize::decide).with_state(st.clone()),
        )
        .route(
            "/{tenant}/oauth2/v2.0/authorize/choose",
            get(approval::choose).with_state(st.clone()),
        )
        .route(
            "/{tenant}/oauth2/v2.0/authorize/return",
            get(approval::back_to_app).with_state(st.clone()),
        )
        .route(
            "/{tenant}/v2.0/adminconsent",
            get(authorize::admin_consent).with_state(st.clone()),
        )
        .route(
            "/{tenant}/oauth2/v2.0/token",
            post(token::token).with_state((st, issuer)),
        )
}
