//! Legacy v2 native auth for Office 365: this app's Microsoft sign-in with v2's Exchange scopes
//! (at the profile's tenant: a single-organization app is refused at `common`, AADSTS50194),
//! whose refresh token v2's `/connect/authorize` takes.

use super::Run;
use crate::consent::{self, ConsentPlan};
use crate::error::Result;
use crate::legacy::{Office365App, V2Client, V2Linked, V2_MICROSOFT_SCOPES};
use crate::microsoft::cloud::Endpoints;
use crate::profile::Profile;
use crate::sensitive::Sensitive;

pub(super) async fn link(
    run: &mut Run<'_>,
    p: &Profile,
    secret: &Sensitive<String>,
    client: &V2Client,
    hint: Option<&str>,
) -> Result<V2Linked> {
    let scopes: Vec<String> = V2_MICROSOFT_SCOPES.iter().map(|s| s.to_string()).collect();
    let endpoints = Endpoints::new(&p.cloud, &p.tenant)?;
    let pending = consent::begin(&ConsentPlan {
        endpoints: &endpoints,
        client_id: &p.client_id,
        secret,
        scopes: &scopes,
        login_hint: hint,
        mode: run.settings.response_mode,
    })
    .await?;
    let redirect_uri = pending.redirect_uri.clone();
    run.started(pending.url.to_string(), redirect_uri.clone(), "Microsoft's")
        .await?;
    let (c, reply) = consent::complete(pending, run.http, run.settings.timeout, run.cancel()).await?;
    let app = Office365App {
        client_id: &p.client_id,
        client_secret: secret,
        refresh_token: &c.refresh_token,
        redirect_uri: &redirect_uri,
    };
    let email = c.account.email.clone().unwrap_or_default();
    let name = c.account.name.clone().unwrap_or_default();
    let result = client.link_office365(&app, &name, &email).await.map_err(Into::into);
    reply
        .settle(result, |linked: &V2Linked| {
            (
                "Linked to Nylas v2".into(),
                format!(
                    "{} is linked to the v2 application. Return to Mailbox Connect.",
                    linked.email_address
                ),
            )
        })
        .await
}
