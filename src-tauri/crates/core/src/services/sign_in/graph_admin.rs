//! An administrator's sign-in to Microsoft Graph, as a public client (loopback + PKCE, no
//! secret): by default as Microsoft Graph PowerShell, whose registration has `http://localhost`
//! as a redirect URI in every tenant. The access token stays in memory.

use std::time::{Duration, Instant};

use oauth2::AuthorizationCode;
use url::Url;

use super::Run;
use crate::consent;
use crate::error::{AppError, ErrorCode, Result};
use crate::graph::Graph;
use crate::job::DeviceCodeStarted;
use crate::microsoft::cloud::Endpoints;
use crate::microsoft::device_code;
use crate::microsoft::id_token::{self, Expected, SignedInAccount};
use crate::microsoft::listener::{Listener, Loopback};
use crate::microsoft::oauth::{AuthRequest, MsOAuth, Tokens};

/// Microsoft Graph PowerShell: a first-party public client present in every tenant.
pub const GRAPH_POWERSHELL_CLIENT_ID: &str = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

/// What the admin sign-in asks for and where.
pub struct GraphAdminPlan {
    pub endpoints: Endpoints,
    /// The public client to sign in as (Graph PowerShell, or the tenant's own bootstrap app).
    pub client_id: String,
    /// Graph's base address (`https://graph.microsoft.com/`, or the demo tenant's).
    pub graph_base: Url,
    /// Also ask to grant tenant-wide consent (`DelegatedPermissionGrant.ReadWrite.All`).
    pub admin_consent: bool,
    /// Also ask to read the tenant's consent policy (`Policy.Read.All`), for the doctor.
    pub read_policy: bool,
    /// Also ask to read the organization's people (`User.Read.All`), for the directory.
    pub read_directory: bool,
    pub login_hint: Option<String>,
    /// Sign in on another device with a code instead of this computer's browser.
    pub device_code: bool,
}

impl GraphAdminPlan {
    /// The delegated Graph permissions asked for, under the cloud's Graph resource.
    pub fn scopes(&self, resource: &str) -> Vec<String> {
        let mut s = vec![format!("{resource}Application.ReadWrite.All")];
        if self.admin_consent {
            s.push(format!("{resource}DelegatedPermissionGrant.ReadWrite.All"));
        }
        if self.read_policy {
            s.push(format!("{resource}Policy.Read.All"));
        }
        if self.read_directory {
            s.push(format!("{resource}User.Read.All"));
        }
        s.extend(["openid".into(), "profile".into()]);
        s
    }
}

/// A signed-in administrator: Graph with their token, their directory, until the token expires.
#[derive(Clone)]
pub struct AdminSession {
    pub graph: Graph,
    pub tenant_id: String,
    pub account: SignedInAccount,
    pub admin_consent: bool,
    pub read_policy: bool,
    pub read_directory: bool,
    expires: Instant,
}

impl AdminSession {
    /// Whether the token still has a few minutes left.
    pub fn fresh(&self) -> bool {
        self.expires > Instant::now() + Duration::from_secs(300)
    }
}

pub(super) async fn sign_in(run: &mut Run<'_>, plan: &GraphAdminPlan, resource: &str) -> Result<AdminSession> {
    let scopes = plan.scopes(resource);
    let browser_error = if plan.device_code {
        None
    } else {
        let state = MsOAuth::new_state();
        let listener = Loopback::default().at_root().bind(state.clone()).await?;
        let redirect_uri = listener.redirect_uri();
        let oauth = MsOAuth::new(&plan.endpoints, &plan.client_id, None, &redirect_uri)?;
        let req = oauth.authorize(&state, &scopes, plan.login_hint.as_deref(), run.settings.response_mode);
        run.reach(req.url.as_str(), "Microsoft's").await?;
        // As Graph PowerShell does: without a browser here, sign in on another device instead.
        match run.open_browser(req.url.as_str()) {
            Ok(()) => {
                run.report_link(req.url.to_string(), redirect_uri, Ok(()));
                return in_this_browser(run, plan, listener, &oauth, req, &scopes).await;
            }
            Err(why) => {
                tracing::info!("no browser opened ({why}); signing the administrator in with a device code");
                Some(why)
            }
        }
    };
    on_another_device(run, plan, &scopes, browser_error)
        .await
        .map_err(|e| explain(e, &plan.client_id))
}

/// The loopback sign-in, once the browser is open on `req`: the code redeemed, the tab settled.
async fn in_this_browser(
    run: &mut Run<'_>,
    plan: &GraphAdminPlan,
    listener: Listener,
    oauth: &MsOAuth,
    req: AuthRequest,
    scopes: &[String],
) -> Result<AdminSession> {
    let (outcome, reply) = consent::wait_for(listener, run.settings.timeout, run.cancel()).await?;
    let result = async {
        let code = AuthorizationCode::new(consent::code(outcome)?.into_inner());
        let tokens = oauth.exchange(run.http, code, req.verifier, scopes).await?;
        session(run.http, plan, tokens, Some(&req.nonce)).await
    }
    .await
    .map_err(|e| explain(e, &plan.client_id));
    reply
        .settle(result, |s| {
            let who = s.account.email.clone().unwrap_or_else(|| "You".into());
            (
                "Signed in".into(),
                format!("{who} signed in. Mailbox Connect now sets up the app; return to it to follow along."),
            )
        })
        .await
}

/// The device code flow: a code to enter on any device, then polling until it is answered.
async fn on_another_device(
    run: &mut Run<'_>,
    plan: &GraphAdminPlan,
    scopes: &[String],
    browser_error: Option<String>,
) -> Result<AdminSession> {
    let login = device_code::start(run.http, &plan.endpoints, &plan.client_id, scopes).await?;
    run.device_code(DeviceCodeStarted {
        user_code: login.user_code().secret().clone(),
        verification_uri: login.verification_uri().to_string(),
        expires_secs: login.expires_in().as_secs(),
        browser_error,
    });
    let tokens = tokio::select! {
        t = device_code::finish(run.http, &plan.endpoints, &plan.client_id, &login) => t?,
        _ = run.cancel().cancelled() => {
            return Err(AppError::new(ErrorCode::ConsentCancelled, "Sign-in cancelled.")
                .with_fix("Start the sign-in again when you are ready."));
        }
    };
    session(run.http, plan, tokens, None).await
}

/// The administrator's session from Microsoft's tokens, once the ID token is verified.
async fn session(
    http: &reqwest::Client,
    plan: &GraphAdminPlan,
    tokens: Tokens,
    nonce: Option<&openidconnect::Nonce>,
) -> Result<AdminSession> {
    let unknown_tenant = || {
        AppError::new(
            ErrorCode::Microsoft,
            "Microsoft did not say which organization you signed in to.",
        )
    };
    let id_token = tokens.id_token.ok_or_else(unknown_tenant)?;
    let expected = Expected {
        endpoints: &plan.endpoints,
        client_id: &plan.client_id,
        nonce,
    };
    let account = id_token::verify(http, id_token.expose(), &expected).await?;
    let tenant_id = account.tenant_id.clone().ok_or_else(unknown_tenant)?;
    if account.personal {
        return Err(AppError::new(
            ErrorCode::AdminRoleRequired,
            "A personal Microsoft account cannot create apps for an organization.",
        )
        .with_fix("Sign in with your work account, as an administrator of your organization."));
    }
    let lasts = Duration::from_secs(tokens.expires_in.unwrap_or(3600));
    Ok(AdminSession {
        graph: Graph::new(http.clone(), plan.graph_base.clone(), tokens.access_token),
        tenant_id,
        account,
        admin_consent: plan.admin_consent,
        read_policy: plan.read_policy,
        read_directory: plan.read_directory,
        expires: Instant::now() + lasts,
    })
}

/// Sign-in failures in terms of what this sign-in is for: managing app registrations.
fn explain(e: AppError, client_id: &str) -> AppError {
    let aadsts = |codes: &[&str]| {
        e.detail
            .as_deref()
            .is_some_and(|d| codes.iter().any(|c| d.contains(&format!("AADSTS{c} "))))
    };
    let declined = matches!(e.code, ErrorCode::ConsentDeclined | ErrorCode::AdminApprovalRequired);
    if declined || aadsts(&["65001", "65004", "90093", "90094", "90095"]) {
        let detail = e.detail.clone().unwrap_or_default();
        return AppError::new(ErrorCode::AdminRoleRequired, "Microsoft did not give this account the right to manage app registrations.")
            .with_fix(format!("Sign in with an account that has the {} role and choose Accept on Microsoft's page, or ask such an administrator to do this step.", crate::graph::ADMIN_ROLES))
            .with_detail(detail);
    }
    if aadsts(&["50105", "7000112", "700016", "50020"]) && client_id == GRAPH_POWERSHELL_CLIENT_ID {
        let detail = e.detail.clone().unwrap_or_default();
        return AppError::new(ErrorCode::Microsoft, "Your organization does not allow the sign-in app Mailbox Connect uses to create apps (Microsoft Graph Command Line Tools).")
            .with_fix("Ask an administrator to allow it (Enterprise applications → Microsoft Graph Command Line Tools), or give your organization's own sign-in app in the options. The manual checklist works too.")
            .with_detail(detail);
    }
    e
}
