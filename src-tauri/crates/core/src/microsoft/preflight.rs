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

/// With `common` or `organizations`: whether Microsoft refuses the app there because it is for
/// one organization only (AADSTS50194), which its sign-in page says before anyone signs in.
/// Unreachable or unclear answers say nothing (the sign-in reports what is wrong then).
pub async fn single_tenant_at_common(
    http: &reqwest::Client,
    authorize: url::Url,
    client_id: &str,
) -> Result<(), AppError> {
    let mut url = authorize;
    url.query_pairs_mut()
        .append_pair("client_id", client_id)
        .append_pair("response_type", "code")
        .append_pair("scope", "openid")
        .append_pair("redirect_uri", super::redirect::REGISTERED);
    let page = match http.get(url).send().await {
        Ok(r) => r.text().await.unwrap_or_default(),
        Err(_) => return Ok(()),
    };
    if !page.contains("AADSTS50194") {
        return Ok(());
    }
    Err(AppError::invalid(
        "tenant",
        "This app is for your organization only (\"Accounts in this organizational directory only\"), so Microsoft refuses 'common' for it (AADSTS50194).",
        "Paste the Directory (tenant) ID from the app's Overview page, or your organization's domain.",
    ))
}
