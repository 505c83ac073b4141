//! Sign-in flows that go through the browser: this app's own Microsoft consent (BYO) and Nylas
//! Hosted auth. One flow at a time; each ends in a registered, tested grant.

use std::sync::Arc;

use tokio::sync::Notify;

use super::{check_grant, lock, no_flow, nylas_for, ConsentStarted, Engine};
use crate::consent::{self, ConsentPlan, PendingConsent};
use crate::error::{AppError, ErrorCode, Result};
use crate::ledger::{Ledger, LedgerEntry};
use crate::legacy::{V2Input, V2_MICROSOFT_SCOPES};
use crate::microsoft::admin_consent;
use crate::microsoft::callback::Outcome;
use crate::microsoft::cloud::Endpoints;
use crate::microsoft::id_token::SignedInAccount;
use crate::microsoft::listener::Listener;
use crate::microsoft::oauth::MsOAuth;
use crate::microsoft::scope_report;
use crate::nylas::hosted::{self, HostedAuthRequest};
use crate::nylas::types::{ConnectorAction, Grant};
use crate::nylas::{MicrosoftConnectorSettings, NylasClient};
use crate::permissions;
use crate::profile::{AuthMode, Profile};
use crate::result::ConnectResult;
use crate::secrets::SecretKind;
use crate::sensitive::Sensitive;
use crate::validate;
use crate::wizard::WizardStep;

pub(crate) enum Pending {
    Byo(Box<PendingConsent>),
    Hosted {
        listener: Listener,
        verifier: String,
        redirect_uri: String,
        nylas_client_id: String,
        connector: ConnectorAction,
    },
    Admin {
        listener: Listener,
    },
    V2 {
        consent: Box<PendingConsent>,
        v2: V2Input,
    },
}

pub(crate) struct Flow {
    pending: Option<Pending>,
    cancel: Arc<Notify>,
    secret: Sensitive<String>,
    api_key: Sensitive<String>,
    profile: Profile,
}

/// What a finishing flow needs, taken out of the engine.
pub(crate) struct Taken {
    pub pending: Pending,
    pub cancel: Arc<Notify>,
    pub secret: Sensitive<String>,
    pub api_key: Sensitive<String>,
    pub profile: Profile,
}

impl Engine {
    /// Opens the loopback port, builds the sign-in link (BYO or Hosted) and opens the browser.
    pub async fn start_consent(&self, login_hint: Option<String>) -> Result<ConsentStarted> {
        let p = self.active()?;
        let hint = validate::email(login_hint.as_deref().unwrap_or(""))?;
        let secret = self.secret(&p, SecretKind::AzureClientSecret).await?;
        let api_key = self.secret(&p, SecretKind::NylasApiKey).await?;
        match p.auth_mode {
            AuthMode::Byo => {
                let tenant = validate::tenant(&p.tenant)?;
                let scopes = permissions::normalize(&p.scopes);
                let pending = self
                    .begin_consent(&p, &tenant, &scopes, hint.as_deref(), &secret)
                    .await?;
                let (url, redirect) = (pending.url.to_string(), pending.redirect_uri.clone());
                self.open_flow(Pending::Byo(Box::new(pending)), url, redirect, secret, api_key, p)
            }
            AuthMode::Hosted => self.start_hosted(p, hint, secret, api_key).await,
        }
    }

    async fn start_hosted(
        &self,
        p: Profile,
        hint: Option<String>,
        secret: Sensitive<String>,
        api_key: Sensitive<String>,
    ) -> Result<ConsentStarted> {
        let nylas = nylas_for(&self.http, &p, api_key.clone())?;
        let app = nylas.application().await?;
        let nylas_client_id = app.application_id.ok_or_else(|| {
            AppError::new(ErrorCode::Nylas, "Nylas did not return the application's client ID.")
                .with_fix("Check the API key belongs to a Nylas v3 application.")
        })?;
        let connector = ensure_connector(&nylas, &p, &secret).await?;
        let state = MsOAuth::new_state();
        let listener = Listener::bind_on(self.cfg.hosted_port, state.clone()).await?;
        let redirect_uri = listener.redirect_uri();
        nylas.ensure_callback_uri(&redirect_uri).await?;
        let verifier = format!("{}{}", MsOAuth::new_state(), MsOAuth::new_state());
        let url = hosted::auth_url(
            nylas.base(),
            &HostedAuthRequest {
                client_id: &nylas_client_id,
                redirect_uri: &redirect_uri,
                state: &state,
                verifier: &verifier,
                login_hint: hint.as_deref(),
                scopes: &[],
            },
        )?;
        let pending = Pending::Hosted {
            listener,
            verifier,
            redirect_uri: redirect_uri.clone(),
            nylas_client_id,
            connector,
        };
        self.open_flow(pending, url.to_string(), redirect_uri, secret, api_key, p)
    }

    /// Starts Microsoft's admin-consent flow for the organization.
    pub async fn start_admin_consent(&self) -> Result<ConsentStarted> {
        let p = self.active()?;
        let secret = self.secret(&p, SecretKind::AzureClientSecret).await?;
        let api_key = self.secret(&p, SecretKind::NylasApiKey).await?;
        let tenant = validate::tenant(&p.tenant)?;
        let endpoints = Endpoints::new(&p.cloud, &tenant)?;
        let state = MsOAuth::new_state();
        let listener = Listener::bind(state.clone()).await?;
        let redirect_uri = listener.redirect_uri();
        let scopes = permissions::normalize(&p.scopes);
        let url = admin_consent::url(&endpoints, &tenant, &p.client_id, &scopes, &redirect_uri, &state)?;
        self.open_flow(
            Pending::Admin { listener },
            url.to_string(),
            redirect_uri,
            secret,
            api_key,
            p,
        )
    }

    /// Legacy v2 native auth for Office 365: a Microsoft sign-in with v2's Exchange scopes
    /// (tenant `common`), whose refresh token goes to v2's `/connect/authorize`.
    pub async fn start_v2_consent(&self, v2: V2Input, login_hint: Option<String>) -> Result<ConsentStarted> {
        let p = self.active()?;
        crate::legacy::V2Client::new(self.http.clone(), &v2)?;
        let hint = validate::email(login_hint.as_deref().unwrap_or(""))?;
        let secret = self.secret(&p, SecretKind::AzureClientSecret).await?;
        let scopes: Vec<String> = V2_MICROSOFT_SCOPES.iter().map(|s| s.to_string()).collect();
        let pending = self
            .begin_consent(&p, &crate::validate::Tenant::Common, &scopes, hint.as_deref(), &secret)
            .await?;
        let (url, redirect) = (pending.url.to_string(), pending.redirect_uri.clone());
        let pending = Pending::V2 {
            consent: Box::new(pending),
            v2,
        };
        self.open_flow(pending, url, redirect, secret.clone(), secret, p)
    }

    /// Finishes the v2 Office 365 sign-in and links the account in v2.
    pub async fn finish_v2_consent(&self) -> Result<crate::legacy::V2Linked> {
        let t = self.take_flow()?;
        let cancel = t.cancel.clone();
        let result = match t.pending {
            Pending::V2 { consent: pc, v2 } => {
                let redirect_uri = pc.redirect_uri.clone();
                match consent::complete(*pc, &self.http, self.cfg.consent_timeout, &cancel).await {
                    Ok(c) => {
                        let client = crate::legacy::V2Client::new(self.http.clone(), &v2)?;
                        let settings = serde_json::json!({
                            "microsoft_client_id": t.profile.client_id,
                            "microsoft_client_secret": t.secret.expose(),
                            "microsoft_refresh_token": c.refresh_token.expose(),
                            "redirect_uri": redirect_uri,
                        });
                        let email = c.account.email.clone().unwrap_or_default();
                        let name = c.account.name.clone().unwrap_or_default();
                        client
                            .native_auth(
                                &name,
                                &email,
                                "office365",
                                settings,
                                "email.read_only,calendar,contacts",
                            )
                            .await
                    }
                    Err(e) => Err(e),
                }
            }
            _ => Err(AppError::internal("No v2 sign-in is in progress.")),
        };
        self.clear_flow(&cancel)?;
        result
    }

    /// Binds the listener and builds Microsoft's sign-in link for this profile's app.
    async fn begin_consent(
        &self,
        p: &Profile,
        tenant: &crate::validate::Tenant,
        scopes: &[String],
        hint: Option<&str>,
        secret: &Sensitive<String>,
    ) -> Result<PendingConsent> {
        let endpoints = Endpoints::new(&p.cloud, tenant)?;
        let plan = ConsentPlan {
            endpoints: &endpoints,
            client_id: &p.client_id,
            secret,
            scopes,
            login_hint: hint,
            mode: self.cfg.response_mode,
        };
        consent::begin(&plan).await
    }

    pub(crate) fn open_flow(
        &self,
        pending: Pending,
        url: String,
        redirect_uri: String,
        secret: Sensitive<String>,
        api_key: Sensitive<String>,
        profile: Profile,
    ) -> Result<ConsentStarted> {
        let flow = Flow {
            pending: Some(pending),
            cancel: Arc::new(Notify::new()),
            secret,
            api_key,
            profile,
        };
        // Only one sign-in at a time: a previous one stops waiting and closes its port.
        if let Some(old) = lock(&self.flow)?.replace(flow) {
            old.cancel.notify_one();
        }
        let opened = self.cfg.browser.open(&url);
        Ok(ConsentStarted {
            url,
            redirect_uri,
            browser_opened: opened.is_ok(),
            browser_error: opened.err(),
        })
    }

    pub(crate) fn take_flow(&self) -> Result<Taken> {
        let mut guard = lock(&self.flow)?;
        let flow = guard.as_mut().ok_or_else(no_flow)?;
        let pending = flow.pending.take().ok_or_else(no_flow)?;
        Ok(Taken {
            pending,
            cancel: flow.cancel.clone(),
            secret: flow.secret.clone(),
            api_key: flow.api_key.clone(),
            profile: flow.profile.clone(),
        })
    }

    /// Clears this flow only: a newer sign-in may have replaced it meanwhile.
    pub(crate) fn clear_flow(&self, cancel: &Arc<Notify>) -> Result<()> {
        let mut guard = lock(&self.flow)?;
        if guard.as_ref().is_some_and(|f| Arc::ptr_eq(&f.cancel, cancel)) {
            guard.take();
        }
        Ok(())
    }

    /// Waits for the sign-in, then registers the mailbox with Nylas and checks the grant.
    pub async fn finish_consent(&self) -> Result<ConnectResult> {
        let t = self.take_flow()?;
        let cancel = t.cancel.clone();
        let result = match t.pending {
            Pending::Byo(pc) => self.finish_byo(*pc, &cancel, &t.secret, t.api_key, &t.profile).await,
            Pending::Hosted {
                listener,
                verifier,
                redirect_uri,
                nylas_client_id,
                connector,
            } => {
                let outcome = consent::wait_for(listener, self.cfg.consent_timeout, &cancel).await;
                match outcome {
                    Ok(o) => {
                        let nylas = nylas_for(&self.http, &t.profile, t.api_key)?;
                        finish_hosted(&nylas, o, &nylas_client_id, &redirect_uri, &verifier, connector).await
                    }
                    Err(e) => Err(e),
                }
            }
            Pending::Admin { .. } | Pending::V2 { .. } => Err(AppError::internal(
                "Another kind of sign-in is in progress; start this one again.",
            )),
        };
        self.clear_flow(&cancel)?;
        let result = result?;
        let method = if t.profile.auth_mode == AuthMode::Hosted {
            "hosted"
        } else {
            "byo"
        };
        self.record(&result, method)?;
        Ok(result)
    }

    async fn finish_byo(
        &self,
        pc: PendingConsent,
        cancel: &Notify,
        secret: &Sensitive<String>,
        api_key: Sensitive<String>,
        profile: &Profile,
    ) -> Result<ConnectResult> {
        let consented = consent::complete(pc, &self.http, self.cfg.consent_timeout, cancel).await?;
        let nylas = nylas_for(&self.http, profile, api_key)?;
        let connector = ensure_connector(&nylas, profile, secret).await?;
        let grant = nylas.connect_microsoft(&consented.refresh_token, None).await?;
        Ok(ConnectResult {
            check: check_grant(&nylas, &grant.id).await,
            account: consented.account,
            scopes: consented.scopes,
            connector,
            grant,
            finished_at: now(),
        })
    }

    /// Stops waiting for the browser and closes the loopback port.
    pub fn cancel_consent(&self) -> Result<()> {
        if let Some(flow) = lock(&self.flow)?.as_ref() {
            flow.cancel.notify_one();
        }
        Ok(())
    }

    /// Keeps the result on the profile (the wizard shows it after a restart) and in the ledger.
    pub(crate) fn record(&self, result: &ConnectResult, method: &str) -> Result<()> {
        let mut p = self.active()?;
        Ledger::new(&self.cfg.config_dir).append(&LedgerEntry {
            at: result.finished_at,
            profile: p.id.clone(),
            email: result
                .grant
                .email
                .clone()
                .or_else(|| result.account.email.clone())
                .unwrap_or_default(),
            grant_id: result.grant.id.clone(),
            provider: result.grant.provider.clone(),
            method: method.into(),
            scopes: result.grant.scope.clone(),
            test_passed: result.check.ok,
        })?;
        p.last_result = Some(result.clone());
        p.step = WizardStep::Result;
        self.save(p)?;
        Ok(())
    }
}

pub(crate) async fn ensure_connector(
    nylas: &NylasClient,
    p: &Profile,
    secret: &Sensitive<String>,
) -> Result<ConnectorAction> {
    let tenant = validate::tenant(&p.tenant)?;
    let scopes = permissions::normalize(&p.scopes);
    nylas
        .ensure_microsoft_connector(&MicrosoftConnectorSettings {
            client_id: &p.client_id,
            client_secret: secret,
            tenant: tenant.as_path(),
            scopes: &scopes,
        })
        .await
}

async fn finish_hosted(
    nylas: &NylasClient,
    outcome: Outcome,
    client_id: &str,
    redirect_uri: &str,
    verifier: &str,
    connector: ConnectorAction,
) -> Result<ConnectResult> {
    let code = match outcome {
        Outcome::Code(c) => c,
        Outcome::Error(e) => return Err(crate::microsoft::aadsts::explain(&e)),
        Outcome::AdminConsent { .. } => return Err(AppError::internal("Unexpected admin-consent answer.")),
    };
    let token = nylas
        .exchange_hosted_code(client_id, &code, redirect_uri, verifier)
        .await?;
    let grant: Grant = nylas.grant(&token.grant_id).await?;
    let granted = token.scope.clone().unwrap_or_else(|| grant.scope.join(" "));
    Ok(ConnectResult {
        account: SignedInAccount {
            email: token.email.clone().or_else(|| grant.email.clone()),
            name: None,
            tenant_id: None,
            object_id: None,
            personal: false,
        },
        scopes: scope_report::compare(&grant.scope, Some(&granted), true),
        check: check_grant(nylas, &grant.id).await,
        connector,
        grant,
        finished_at: now(),
    })
}

pub(crate) fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
