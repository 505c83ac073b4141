//! The Microsoft consent engine: endpoints, loopback listener, code exchange, error mapping.

pub mod aadsts;
pub mod admin_consent;
pub mod callback;
pub mod cloud;
pub mod device_code;
pub mod error;
pub mod id_token;
pub mod listener;
mod loopback_http;
pub mod oauth;
pub mod page;
pub mod preflight;
pub mod redirect;
pub mod scope_report;

pub use error::MsError;
