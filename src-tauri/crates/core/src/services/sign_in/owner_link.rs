//! A sign-in link for a mailbox's owner to open on their own computer: Nylas Hosted auth with
//! `login_hint`. Microsoft answers Nylas's own callback, which renews the mailbox's grant, so
//! the link works from anywhere; this app watches Nylas until the grant is renewed, then tests
//! and records it. The link has no PKCE: its code is never redeemed here.

use std::time::Duration;

use super::{Keys, Run};
use crate::error::{AppError, ErrorCode, Result};
use crate::job::{JobEvent, OwnerLink};
use crate::microsoft::id_token::SignedInAccount;
use crate::microsoft::oauth::MsOAuth;
use crate::microsoft::{redirect, scope_report};
use crate::nylas::grant_check::check_grant;
use crate::nylas::hosted::{self, HostedAuthRequest};
use crate::nylas::types::Grant;
use crate::nylas::NylasClient;
use crate::profile::Profile;
use crate::result::{now, ConnectResult};

/// How long the job watches for the owner's sign-in; the link itself lasts longer.
pub(crate) const WATCH: Duration = Duration::from_secs(30 * 60);
/// How often Nylas is asked whether the grant was renewed.
const POLL: Duration = Duration::from_secs(2);

pub(super) async fn send(run: &mut Run<'_>, p: &Profile, keys: &Keys, email: &str) -> Result<ConnectResult> {
    let (nylas, nylas_client_id, connector) = super::hosted::prepare(run, p, keys).await?;
    // Nylas only sends people back to a registered address: this computer's, which the owner's
    // browser cannot open at the very end (the mailbox is connected by then).
    let redirect_uri = redirect::loopback(run.settings.hosted_port);
    nylas.ensure_callback_uri(&redirect_uri).await?;
    let since = now();
    let url = hosted::auth_url(
        nylas.base(),
        &HostedAuthRequest {
            client_id: &nylas_client_id,
            redirect_uri: &redirect_uri,
            state: &MsOAuth::new_state(),
            verifier: None,
            login_hint: Some(email),
            scopes: &[],
        },
    )?;
    tracing::info!("sign-in link made for a mailbox's owner; watching Nylas for the grant");
    run.job.report(JobEvent::OwnerLink(OwnerLink {
        url: url.to_string(),
        email: email.into(),
        wait_secs: WATCH.as_secs(),
    }));
    let grant = renewed(&nylas, run, email, since).await?;
    let check = check_grant(&nylas, &grant.id, &p.scopes).await;
    Ok(ConnectResult {
        account: SignedInAccount::with_email(Some(email.into())),
        scopes: scope_report::compare(&p.scopes, Some(&grant.scope.join(" ")), true),
        connector,
        check,
        grant,
        finished_at: now(),
    })
}

/// The mailbox's valid grant once Nylas made or renewed it at or after `since`.
async fn renewed(nylas: &NylasClient, run: &Run<'_>, email: &str, since: i64) -> Result<Grant> {
    let deadline = tokio::time::Instant::now() + WATCH;
    loop {
        let fresh = nylas.grants_of(email).await?.into_iter().find(|g| {
            g.provider == "microsoft"
                && g.grant_status.as_deref() == Some("valid")
                && g.updated_at.unwrap_or(g.created_at) >= since
        });
        if let Some(g) = fresh {
            return Ok(g);
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(AppError::new(
                ErrorCode::ConsentTimeout,
                format!("{email} has not signed in with the link yet."),
            )
            .with_fix("The link keeps working: test the mailbox on the Mailboxes tab once its owner says they have signed in."));
        }
        run.job.pause(POLL).await?;
    }
}
