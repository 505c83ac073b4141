//! Nylas Hosted auth: Nylas talks to Microsoft; this app registers its fixed loopback callback
//! with the Nylas application, sends the browser to `/v3/connect/auth` with Nylas's PKCE, and
//! redeems Nylas's code at `/v3/connect/token`.

use super::{connected_page, Keys, Run};
use crate::consent;
use crate::error::{AppError, ErrorCode, Result};

use crate::microsoft::id_token::SignedInAccount;
use crate::microsoft::listener::Loopback;
use crate::microsoft::oauth::MsOAuth;
use crate::microsoft::scope_report;
use crate::nylas::grant_check::check_grant;
use crate::nylas::hosted::{self, HostedAuthRequest};
use crate::nylas::types::ConnectorAction;
use crate::nylas::{MicrosoftConnectorSettings, NylasClient};
use crate::profile::Profile;
use crate::result::{now, ConnectResult};
use crate::sensitive::Sensitive;

/// What a Hosted-auth sign-in needs from Nylas first: the client, the application's client ID,
/// and the Microsoft connector set to this profile's app.
pub(super) async fn prepare(run: &Run<'_>, p: &Profile, keys: &Keys) -> Result<(NylasClient, String, ConnectorAction)> {
    let nylas = NylasClient::for_region(run.http, &p.region, keys.api_key.clone())?;
    let app = nylas.application().await?;
    let nylas_client_id = app.application_id.ok_or_else(|| {
        AppError::new(ErrorCode::Nylas, "Nylas did not return the application's client ID.")
            .with_fix("Check the API key belongs to a Nylas v3 application.")
    })?;
    let connector = nylas
        .ensure_microsoft_connector(&MicrosoftConnectorSettings::of(p, &keys.secret))
        .await?;
    Ok((nylas, nylas_client_id, connector))
}

pub(super) async fn connect(run: &mut Run<'_>, p: &Profile, keys: &Keys, hint: Option<&str>) -> Result<ConnectResult> {
    let (nylas, nylas_client_id, connector) = prepare(run, p, keys).await?;
    let state = MsOAuth::new_state();
    let listener = Loopback::default()
        .on_port(run.settings.hosted_port)
        .bind(state.clone())
        .await?;
    let redirect_uri = listener.redirect_uri();
    nylas.ensure_callback_uri(&redirect_uri).await?;
    let verifier = Sensitive::new(format!("{}{}", MsOAuth::new_state(), MsOAuth::new_state()));
    let url = hosted::auth_url(
        nylas.base(),
        &HostedAuthRequest {
            client_id: &nylas_client_id,
            redirect_uri: &redirect_uri,
            state: &state,
            verifier: Some(verifier.expose()),
            login_hint: hint,
            scopes: &[],
        },
    )?;
    run.started(url.to_string(), redirect_uri.clone(), "Nylas's").await?;
    let (outcome, reply) = consent::wait_for(listener, run.settings.timeout, run.cancel()).await?;
    let result = async {
        let code = consent::code(outcome)?;
        let token = nylas
            .exchange_hosted_code(&nylas_client_id, &code, &redirect_uri, &verifier)
            .await?;
        let grant = nylas.grant(&token.grant_id).await?;
        let granted = token.scope.clone().unwrap_or_else(|| grant.scope.join(" "));
        Ok(ConnectResult {
            account: SignedInAccount::with_email(token.email.clone().or_else(|| grant.email.clone())),
            scopes: scope_report::compare(&grant.scope, Some(&granted), true),
            check: check_grant(&nylas, &grant.id, &p.scopes).await,
            connector,
            grant,
            finished_at: now(),
        })
    }
    .await;
    reply.settle(result, connected_page).await
}
