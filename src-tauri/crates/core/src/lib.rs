//! Mailbox Connect's domain logic. No Tauri dependency: the desktop shell, the CLI and the tests
//! all drive the same [`engine::Engine`].

pub mod browser;
pub mod checklist;
pub mod cli;
pub mod consent;
pub mod engine;
pub mod error;
pub mod ledger;
pub mod legacy;
pub mod microsoft;
pub mod nylas;
pub mod permissions;
pub mod profile;
pub mod result;
pub mod secrets;
pub mod sensitive;
pub mod validate;
pub mod wizard;

pub use engine::{DemoEnv, Engine, EngineConfig};
pub use error::{AppError, ErrorCode};
pub use sensitive::Sensitive;
