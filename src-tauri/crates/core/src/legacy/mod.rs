//! Nylas v2 (legacy): native auth and the Basic-Auth migration audit. v2 was retired in 2025;
//! this exists to find accounts still on Exchange passwords and move them to v3.

mod audit;
mod client;
mod error;

pub use audit::{audit, AuditReport, V2Account, CONCURRENCY, PAGE_SIZE};
pub use client::{Office365App, V2Client, V2Input, V2Linked, V2Result};
pub use error::V2Error;

/// The Microsoft scopes v2's Microsoft guide required (tenant `common`).
pub const V2_MICROSOFT_SCOPES: &[&str] = &[
    "offline_access",
    "https://outlook.office365.com/EAS.AccessAsUser.All",
    "https://outlook.office365.com/EWS.AccessAsUser.All",
    "openid",
    "profile",
    "User.Read",
];
