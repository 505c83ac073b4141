//! One Microsoft consent: bind the listener, build the URL, wait for the redirect, redeem the code.

use std::time::Duration;

use oauth2::{AuthorizationCode, PkceCodeVerifier};
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::error::{AppError, ErrorCode, Result};
use crate::microsoft::callback::Outcome;
use crate::microsoft::cloud::Endpoints;
use crate::microsoft::id_token::{self, Expected, SignedInAccount};
use crate::microsoft::listener::{BrowserReply, Listener, Loopback, WaitEnd};
use crate::microsoft::oauth::{MsOAuth, ResponseMode};
use crate::microsoft::scope_report::{self, ScopeReport};
use crate::microsoft::MsError;
use crate::sensitive::Sensitive;

pub struct ConsentPlan<'a> {
    pub endpoints: &'a Endpoints,
    pub client_id: &'a str,
    pub secret: &'a Sensitive<String>,
    pub scopes: &'a [String],
    pub login_hint: Option<&'a str>,
    pub mode: ResponseMode,
}

/// A consent in progress: the port is open, the browser may be on Microsoft's page.
pub struct PendingConsent {
    listener: Listener,
    redeem: Redeem,
    pub url: Url,
    pub redirect_uri: String,
}

/// What redeeming the code needs.
struct Redeem {
    oauth: MsOAuth,
    verifier: PkceCodeVerifier,
    nonce: openidconnect::Nonce,
    endpoints: Endpoints,
    client_id: String,
    scopes: Vec<String>,
}

/// What the consent produced. The refresh token goes to Nylas and nowhere else.
pub struct Consented {
    pub account: SignedInAccount,
    pub scopes: ScopeReport,
    pub refresh_token: Sensitive<String>,
}

/// Binds the loopback listener first, then builds the authorize URL for its port.
pub async fn begin(plan: &ConsentPlan<'_>) -> Result<PendingConsent> {
    let state = MsOAuth::new_state();
    let listener = Loopback::default().bind(state.clone()).await?;
    let redirect_uri = listener.redirect_uri();
    let oauth = MsOAuth::new(plan.endpoints, plan.client_id, Some(plan.secret), &redirect_uri)?;
    let req = oauth.authorize(&state, plan.scopes, plan.login_hint, plan.mode);
    Ok(PendingConsent {
        listener,
        redeem: Redeem {
            oauth,
            verifier: req.verifier,
            nonce: req.nonce,
            endpoints: plan.endpoints.clone(),
            client_id: plan.client_id.to_string(),
            scopes: plan.scopes.to_vec(),
        },
        url: req.url,
        redirect_uri,
    })
}

/// Waits for the one answer at the listener, turning timeout and cancel into plain errors. The
/// browser's request stays open in the [`BrowserReply`] until the outcome is settled.
pub async fn wait_for(
    listener: Listener,
    timeout: Duration,
    cancel: &CancellationToken,
) -> Result<(Outcome, BrowserReply)> {
    listener.wait(timeout, cancel).await.map_err(|end| match end {
        WaitEnd::Cancelled => AppError::new(ErrorCode::ConsentCancelled, "Sign-in cancelled.")
            .with_fix("Start the sign-in again when you are ready."),
        WaitEnd::TimedOut => AppError::new(ErrorCode::ConsentTimeout, "Microsoft's answer did not arrive in time.")
            .with_fix("If the browser showed an error from Microsoft (a code such as AADSTS50011), fix what it names in Azure and start again. If no browser opened, copy the sign-in link into your browser."),
    })
}

/// The authorization code in a sign-in's answer, or Microsoft's error explained.
pub fn code(outcome: Outcome) -> Result<Sensitive<String>> {
    match outcome {
        Outcome::Code(c) => Ok(c),
        Outcome::Error(e) => Err(MsError::Provider(e).into()),
        Outcome::AdminConsent { .. } => Err(AppError::internal(
            "An admin-consent answer arrived where a sign-in was expected.",
        )),
    }
}

/// Waits for the redirect (or timeout / cancel), then redeems the code. A failure to redeem is
/// shown in the browser tab too; on success the caller settles the tab with the final outcome.
pub async fn complete(
    p: PendingConsent,
    http: &reqwest::Client,
    timeout: Duration,
    cancel: &CancellationToken,
) -> Result<(Consented, BrowserReply)> {
    let (outcome, reply) = wait_for(p.listener, timeout, cancel).await?;
    match redeem(p.redeem, outcome, http).await {
        Ok(c) => Ok((c, reply)),
        Err(e) => Err(reply.fail(e).await),
    }
}

async fn redeem(p: Redeem, outcome: Outcome, http: &reqwest::Client) -> Result<Consented> {
    let code = AuthorizationCode::new(code(outcome)?.into_inner());
    let tokens = p.oauth.exchange(http, code, p.verifier, &p.scopes).await?;
    let refresh_token = tokens.refresh_token.ok_or_else(|| {
        AppError::new(ErrorCode::Microsoft, "Microsoft did not return a refresh token, so Nylas could not keep access.")
            .with_fix("Make sure the offline_access permission is in the app's API permissions and selected in the checklist, then sign in again.")
    })?;
    let id_token = tokens.id_token.ok_or_else(|| {
        AppError::new(ErrorCode::Microsoft, "Microsoft did not return an ID token.")
            .with_fix("Make sure the openid permission is in the app's API permissions, then sign in again.")
    })?;
    let expected = Expected {
        endpoints: &p.endpoints,
        client_id: &p.client_id,
        nonce: Some(&p.nonce),
    };
    let account = id_token::verify(http, id_token.expose(), &expected).await?;
    let scopes = scope_report::compare(&p.scopes, tokens.granted_scope.as_deref(), true);
    Ok(Consented {
        account,
        scopes,
        refresh_token,
    })
}
