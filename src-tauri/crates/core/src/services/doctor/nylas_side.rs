// The doctor's look at Nylas: the API key (and, when Nylas refuses it, whether the other region
// knows it), the Microsoft connector, Hosted auth's callback URI and every grant, each asked once.

use crate::doctor::nylas::{self, Callback, NylasSeen};
use crate::doctor::{Finding, FindingCode, Place, Severity};
use crate::error::{AppError, Result};
use crate::microsoft::redirect;
use crate::nylas::connectors::MicrosoftConnectorSettings;
use crate::nylas::{NylasClient, Region};
use crate::profile::{AuthMode, Profile};
use crate::sensitive::Sensitive;

pub(super) async fn look(
    http: &reqwest::Client,
    p: &Profile,
    key: Sensitive<String>,
    hosted_port: u16,
) -> Result<(Vec<Finding>, Option<String>)> {
    let client = NylasClient::for_region(http, &p.region, key.clone())?;
    match client.application().await {
        Ok(_) => {}
        Err(e) if e.status() == Some(401) => return Ok((vec![refused_key(http, p, key).await], None)),
        Err(e) => return Err(e.into()),
    }
    let connector = client.microsoft_connector().await?;
    let mut grants = Vec::new();
    for g in client.all_grants().await? {
        // Why an invalid grant fails: Nylas's own answer to a read through it.
        let why = match g.grant_status.as_deref() {
            Some("invalid") => client.newest_message_count(&g.id).await.err().map(|e| {
                let e = AppError::from(e);
                e.detail.unwrap_or(e.message)
            }),
            _ => None,
        };
        grants.push((g, why));
    }
    let callback_uris = match p.auth_mode {
        AuthMode::Hosted => Some(client.callback_uris().await?),
        AuthMode::Byo => None,
    };
    let exact = (hosted_port != 0).then(|| redirect::loopback(hosted_port));
    let callback = (p.auth_mode == AuthMode::Hosted).then(|| match &exact {
        Some(u) => Callback::Exact(u),
        None => Callback::AnyLoopback,
    });
    let tenant = connector
        .as_ref()
        .and_then(|c| c.settings.get("tenant"))
        .and_then(|v| v.as_str())
        .map(str::to_string);
    let seen = NylasSeen {
        connector_client_id: connector
            .as_ref()
            .and_then(|c| c.settings.get("client_id"))
            .and_then(|v| v.as_str())
            .map(str::to_string),
        has_connector: connector.is_some(),
        grants,
        callback_uris,
    };
    Ok((nylas::check(&p.client_id, &seen, callback), tenant))
}

/// Fixes the chosen Nylas findings: the connector pointed at (or made for) this app and this
/// profile's tenant with the keychain's secret, and Hosted auth's callback registered. Says what
/// was done.
pub(super) async fn repair(
    http: &reqwest::Client,
    p: &Profile,
    key: Sensitive<String>,
    secret: Option<&Sensitive<String>>,
    hosted_port: u16,
    chosen: &[FindingCode],
) -> Result<Vec<String>> {
    let client = NylasClient::for_region(http, &p.region, key)?;
    let mut done = Vec::new();
    let connector = [
        FindingCode::ConnectorMissing,
        FindingCode::ConnectorClientMismatch,
        FindingCode::AudienceMismatch,
    ];
    if let Some(secret) = secret.filter(|_| chosen.iter().any(|c| connector.contains(c))) {
        client
            .ensure_microsoft_connector(&MicrosoftConnectorSettings::of(p, secret))
            .await?;
        done.push("Nylas's Microsoft connector now uses this profile's app.".to_string());
    }
    if chosen.contains(&FindingCode::CallbackUriMissing) && hosted_port != 0 {
        client.ensure_callback_uri(&redirect::loopback(hosted_port)).await?;
        done.push("The callback URI was registered with Nylas.".to_string());
    }
    Ok(done)
}

/// Nylas refused the key: it belongs to the other region's application, or to none.
async fn refused_key(http: &reqwest::Client, p: &Profile, key: Sensitive<String>) -> Finding {
    let other = match p.region {
        Region::Us => Some(Region::Eu),
        Region::Eu => Some(Region::Us),
        Region::Custom(_) => None,
    };
    if let Some(other) = other {
        let there = NylasClient::for_region(http, &other, key).map(|c| async move { c.application().await.is_ok() });
        if let Ok(asked) = there {
            if asked.await {
                let name = |r: &Region| if *r == Region::Eu { "EU" } else { "US" };
                return Finding::new(
                    FindingCode::WrongRegion,
                    Severity::Error,
                    Place::Nylas,
                    format!("The Nylas API key belongs to an application in the {} region, not the {} region this profile uses.", name(&other), name(&p.region)),
                )
                .saw(format!("The {} API refused the key; the {} API accepted it", name(&p.region), name(&other)))
                .fix(format!("Choose the {} region on the Nylas step.", name(&other)), false);
            }
        }
    }
    Finding::new(
        FindingCode::ApiKeyInvalid,
        Severity::Error,
        Place::Nylas,
        "Nylas refuses the API key in the keychain (it was revoked, or belongs to another application).",
    )
    .saw("Nylas answered HTTP 401 to the key")
    .fix(
        "Paste a current API key on the Nylas step (Nylas Dashboard › API Keys).",
        false,
    )
}
