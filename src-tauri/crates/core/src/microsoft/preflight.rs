//! Before opening the browser, checks the client ID and secret with a client-credentials request
//! (possible only for a specific tenant). Only credential errors stop the wizard; anything else
//! is left for the real sign-in to report.

use oauth2::Scope;

use super::error::MsError;
use super::oauth::MsOAuth;

const CREDENTIAL_ERRORS: &[u32] = &[700016, 7000215, 7000222, 7000218, 90002, 900023];

impl MsOAuth {
    pub async fn check_credentials(&self, http: &reqwest::Client, graph_default_scope: &str) -> Result<(), MsError> {
        let res = self
            .client_credentials()
            .add_scope(Scope::new(graph_default_scope.to_string()))
            .request_async(http)
            .await;
        match res {
            Ok(_) => Ok(()),
            Err(oauth2::RequestTokenError::ServerResponse(r)) => {
                let err = MsError::from(r);
                if err.aadsts().is_some_and(|c| CREDENTIAL_ERRORS.contains(&c)) {
                    Err(err)
                } else {
                    Ok(())
                }
            }
            Err(oauth2::RequestTokenError::Request(e)) => Err(MsError::Unreachable {
                what: "check the app credentials",
                detail: e.to_string(),
            }),
            Err(_) => Ok(()),
        }
    }
}
