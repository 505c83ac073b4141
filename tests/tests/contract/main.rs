//! The demo tenant against what others wrote: Nylas's published OpenAPI document, the official
//! Nylas SDK, a standard OpenID Connect client, and Microsoft Graph as documented; and how the
//! app uses those contracts.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod graph_demo_tenant;
mod graph_directory;
mod nylas_contract_use;
mod nylas_official_sdk;
mod nylas_spec_check;
mod standard_oidc_client;
