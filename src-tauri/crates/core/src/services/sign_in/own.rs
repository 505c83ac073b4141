//! This app's own Microsoft sign-in (loopback + PKCE), then `POST /v3/connect/custom` with the
//! refresh token, and a test of the new grant.

use super::{connected_page, Keys, Run};
use crate::consent::{self, ConsentPlan, Consented};
use crate::error::Result;
use crate::microsoft::cloud::Endpoints;
use crate::nylas::grant_check::check_grant;
use crate::nylas::{MicrosoftConnectorSettings, NylasClient};
use crate::profile::Profile;
use crate::result::{now, ConnectResult};

pub(super) async fn connect(run: &mut Run<'_>, p: &Profile, keys: &Keys, hint: Option<&str>) -> Result<ConnectResult> {
    let endpoints = Endpoints::new(&p.cloud, &p.tenant)?;
    let pending = consent::begin(&ConsentPlan {
        endpoints: &endpoints,
        client_id: &p.client_id,
        secret: &keys.secret,
        scopes: &p.scopes,
        login_hint: hint,
        mode: run.settings.response_mode,
    })
    .await?;
    run.started(pending.url.to_string(), pending.redirect_uri.clone(), "Microsoft's")
        .await?;
    let (consented, reply) = consent::complete(pending, run.http, run.settings.timeout, run.cancel()).await?;
    let result = register(run.http, p, keys, consented).await;
    reply.settle(result, connected_page).await
}

/// Registers the signed-in mailbox with Nylas and tests the new grant.
async fn register(http: &reqwest::Client, p: &Profile, keys: &Keys, consented: Consented) -> Result<ConnectResult> {
    let nylas = NylasClient::for_region(http, &p.region, keys.api_key.clone())?;
    let connector = nylas
        .ensure_microsoft_connector(&MicrosoftConnectorSettings::of(p, &keys.secret))
        .await?;
    let grant = nylas.connect_microsoft(&consented.refresh_token).await?;
    Ok(ConnectResult {
        check: check_grant(&nylas, &grant.id, &p.scopes).await,
        account: consented.account,
        scopes: consented.scopes,
        connector,
        grant,
        finished_at: now(),
    })
}
