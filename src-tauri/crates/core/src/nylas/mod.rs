//! The Nylas v3 API: a typed client (application, connectors, grants), its error type, Hosted
//! auth's PKCE, retries and pacing, and grant tests.

pub mod client;
pub mod connectors;
pub mod error;
pub mod grant_cause;
pub mod grant_check;
pub mod grants;
pub mod hosted;
pub mod pacer;
pub mod region;
pub mod retry;
pub mod types;

pub use client::NylasClient;
pub use connectors::MicrosoftConnectorSettings;
pub use error::NylasError;
pub use region::Region;
