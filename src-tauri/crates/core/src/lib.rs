//! Mailbox Connect's domain logic. No Tauri dependency: the desktop shell, the command line and
//! the tests all drive the same [`services::Services`].
//!
//! Values are parsed once and kept typed ([`tenant::Tenant`], [`scopes::Scopes`],
//! [`nylas::Region`], the secret's expiry date); each remote service has its own error type
//! (`NylasError`, `MsError`, `KeychainError`, `V2Error`) that becomes the admin-facing
//! [`AppError`] once, at the service boundary.

pub mod about;
pub mod azure;
pub mod browser;
pub mod bulk;
pub mod consent;
pub mod demo;
pub mod doctor;
pub mod error;
pub mod expiry;
pub mod graph;
pub mod job;
pub mod legacy;
pub mod microsoft;
pub mod nylas;
pub mod profile;
pub mod result;
pub mod scopes;
pub mod secrets;
pub mod sensitive;
pub mod services;
mod sqlite;
mod syntax;
pub mod tenant;
pub mod validate;

pub use demo::{DemoEnv, DemoSamples};
pub use error::{AppError, ErrorCode};
pub use sensitive::Sensitive;
pub use services::{Config, Services};
