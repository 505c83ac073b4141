//! The Nylas v3 API client.

pub mod client;
pub mod error;
pub mod hosted;
pub mod pacer;
pub mod region;
pub mod retry;
pub mod types;

pub use client::{MicrosoftConnectorSettings, NylasClient};
pub use region::NylasRegion;
