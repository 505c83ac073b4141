//! The Microsoft consent engine: endpoints, loopback listener, code exchange, error mapping.

pub mod aadsts;
pub mod admin_consent;
pub mod callback;
pub mod cloud;
pub mod id_token;
pub mod listener;
pub mod oauth;
pub mod page;
pub mod preflight;
pub mod scope_report;
