//! What can go wrong talking to Microsoft, as data: the provider's own error (with its AADSTS
//! code), an unreachable or unreadable service, or no local port for the reply. Turned into the
//! admin-facing [`AppError`] once, by `From`.

use super::aadsts;
use super::callback::ProviderError;
use crate::error::{AppError, ErrorCode};

#[derive(Debug, Clone, thiserror::Error)]
pub enum MsError {
    /// Microsoft answered with an OAuth error (redirect or token endpoint).
    #[error("Microsoft answered {}", .0.error)]
    Provider(ProviderError),
    #[error("could not reach Microsoft to {what}: {detail}")]
    Unreachable { what: &'static str, detail: String },
    #[error("Microsoft's answer could not be read when trying to {what}: {detail}")]
    Unreadable { what: &'static str, detail: String },
    #[error("could not open local port {port} for the sign-in reply: {detail}")]
    LocalPort { port: u16, detail: String },
}

impl MsError {
    /// The AADSTS number, when Microsoft gave one.
    pub fn aadsts(&self) -> Option<u32> {
        match self {
            MsError::Provider(p) => p.description.as_deref().and_then(aadsts::code_in),
            _ => None,
        }
    }
}

impl From<MsError> for AppError {
    fn from(e: MsError) -> Self {
        match e {
            MsError::Provider(p) => aadsts::explain(&p),
            MsError::Unreachable { what, detail } => {
                AppError::new(ErrorCode::Network, format!("Could not reach Microsoft to {what}."))
                    .with_fix("Check your internet connection (and proxy), then try again.")
                    .with_detail(detail)
            }
            MsError::Unreadable { what, detail } => AppError::new(
                ErrorCode::Microsoft,
                format!("Microsoft's answer could not be read when trying to {what}."),
            )
            .with_fix("Try again; if it keeps failing, check that the sign-in host is a Microsoft identity platform.")
            .with_detail(detail),
            MsError::LocalPort { port, detail } => {
                let fix = if port == 0 {
                    "Check that no firewall or security tool blocks local (127.0.0.1) connections, then try again."
                        .to_string()
                } else {
                    format!("Another program is using port {port}. Close it (or a second copy of Mailbox Connect) and try again.")
                };
                AppError::new(
                    ErrorCode::LocalPort,
                    "Could not open a local port for the sign-in reply.",
                )
                .with_fix(fix)
                .with_detail(detail)
            }
        }
    }
}
