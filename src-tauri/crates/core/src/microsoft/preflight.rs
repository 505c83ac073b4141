//! Before opening the browser, checks the client ID and secret with a client-credentials request
//! (possible only for a specific tenant). Only credential errors stop the wizard; anything else
//! is left for the real sign-in to report.

use oauth2::Scope;

use crate::error::AppError;

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
                detail: crate::error::chain(&e),
            }),
            Err(_) => Ok(()),
        }
    }
}

/// Whether `client_id` is in fact a directory: Microsoft publishes a discovery document for every
/// tenant ID, and none for an application ID. Unreachable or unclear answers say no (the sign-in
/// reports what is wrong then).
pub async fn directory_id_pasted_as_client_id(
    http: &reqwest::Client,
    discovery_of_client_id: url::Url,
) -> Result<(), AppError> {
    let answer = http.get(discovery_of_client_id).send().await;
    let is_directory = match answer {
        Ok(r) if r.status().is_success() => r
            .json::<serde_json::Value>()
            .await
            .is_ok_and(|d| d.get("issuer").is_some_and(serde_json::Value::is_string)),
        _ => false,
    };
    if !is_directory {
        return Ok(());
    }
    Err(AppError::invalid(
        "client_id",
        "This is a Directory (tenant) ID, not the Application (client) ID.",
        "On the app's Overview page, copy 'Application (client) ID', not 'Directory (tenant) ID'.",
    ))
}
