//! Saving the two sets of credentials: the Azure app (client ID, tenant, secret, expiry; checked
//! with Microsoft when the tenant is specific) and the Nylas API key (checked with Nylas). What
//! was typed is kept on the profile even when a check fails; secrets go only to the keychain.

use serde::Deserialize;
use ts_rs::TS;

use super::profiles::Profiles;
use super::vault::Vault;
use crate::error::Result;
use crate::microsoft::cloud::{Endpoints, IdentityCloud};
use crate::microsoft::oauth::MsOAuth;
use crate::microsoft::{preflight, redirect};
use crate::nylas::{NylasClient, Region};
use crate::profile::wizard::{self, Event};
use crate::profile::Profile;
use crate::secrets::SecretKind;
use crate::sensitive::Sensitive;
use crate::{expiry, tenant, validate};

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AzureAppInput {
    pub client_id: String,
    pub tenant: String,
    pub cloud: IdentityCloud,
    /// Empty keeps the secret already in the keychain.
    #[ts(type = "string")]
    pub client_secret: Sensitive<String>,
    #[ts(optional)]
    pub secret_expires_on: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct NylasInput {
    pub region: Region,
    /// Empty keeps the key already in the keychain.
    #[ts(type = "string")]
    pub api_key: Sensitive<String>,
}

const GRAPH_DEFAULT_SCOPE: &str = "https://graph.microsoft.com/.default";

pub(super) async fn save_azure_app(
    profiles: &Profiles,
    vault: &Vault,
    http: &reqwest::Client,
    input: AzureAppInput,
) -> Result<Profile> {
    let tenant = tenant::parse(&input.tenant)?;
    let expires_on = expiry::parse(input.secret_expires_on.as_deref().unwrap_or(""))?;
    let client_id = validate::client_id(&input.client_id, Some(&tenant))?;
    let endpoints = Endpoints::new(&input.cloud, &tenant).map_err(|e| e.on_field("cloud"))?;
    let mut p = profiles.active()?;
    // The checked values are kept before the remote checks, so nothing typed is lost.
    p.client_id = client_id;
    p.tenant = tenant;
    p.cloud = input.cloud;
    p.secret_expires_on = expires_on;
    let mut p = profiles.save(p)?;
    // Left empty: the saved secret, or (never saved) the field's own "missing" message.
    let secret = if input.client_secret.expose().trim().is_empty() && p.secret_saved {
        vault.require(&p, SecretKind::AzureClientSecret).await?
    } else {
        validate::client_secret(&input.client_secret, &p.client_id)?
    };
    if p.tenant.is_specific() {
        MsOAuth::new(&endpoints, &p.client_id, Some(&secret), redirect::REGISTERED)?
            .check_credentials(http, GRAPH_DEFAULT_SCOPE)
            .await?;
    } else {
        // With common or organizations Microsoft checks the ID and secret only at sign-in; a
        // directory ID pasted as the client ID can be caught now.
        let as_tenant = Endpoints::new(&p.cloud, &tenant::parse(&p.client_id)?)?;
        preflight::directory_id_pasted_as_client_id(http, as_tenant.discovery).await?;
        preflight::single_tenant_at_common(http, endpoints.authorize.clone(), &p.client_id).await?;
    }
    p.credentials_checked = p.tenant.is_specific();
    vault.put(&p, SecretKind::AzureClientSecret, &secret).await?;
    p.secret_saved = true;
    wizard::advance(&mut p, Event::AzureAppSaved)?;
    profiles.save(p)
}

pub(super) async fn save_nylas(
    profiles: &Profiles,
    vault: &Vault,
    http: &reqwest::Client,
    input: NylasInput,
) -> Result<Profile> {
    let base = input.region.base_url()?;
    let mut p = profiles.active()?;
    p.region = input.region;
    let mut p = profiles.save(p)?;
    let key = if input.api_key.expose().trim().is_empty() && p.api_key_saved {
        vault.require(&p, SecretKind::NylasApiKey).await?
    } else {
        validate::nylas_api_key(&input.api_key)?
    };
    NylasClient::new(http.clone(), base, key.clone()).application().await?;
    vault.put(&p, SecretKind::NylasApiKey, &key).await?;
    p.api_key_saved = true;
    wizard::advance(&mut p, Event::NylasSaved)?;
    profiles.save(p)
}
