// The Nylas side of a connection: the Microsoft connector against this app, Hosted auth's callback
// URI, and every grant Nylas says is invalid, with why.

use super::{Finding, FindingCode, Place, Severity};
use crate::nylas::types::Grant;

/// What Nylas answered about the application.
#[derive(Debug, Clone, Default)]
pub struct NylasSeen {
    /// The Microsoft connector's `client_id`, when there is a connector.
    pub connector_client_id: Option<String>,
    pub has_connector: bool,
    /// Every grant, each invalid one with why (from a read through it).
    pub grants: Vec<(Grant, Option<String>)>,
    /// The registered callback URIs, when Hosted auth needs one.
    pub callback_uris: Option<Vec<String>>,
}

/// Hosted auth's callback on this computer: the exact URI, or any loopback one (a port the OS
/// picks each time).
pub enum Callback<'a> {
    Exact(&'a str),
    AnyLoopback,
}

pub fn check(client_id: &str, seen: &NylasSeen, callback: Option<Callback<'_>>) -> Vec<Finding> {
    let mut out = Vec::new();
    let microsoft = seen.grants.iter().filter(|(g, _)| g.provider == "microsoft").count();
    if !seen.has_connector && microsoft > 0 {
        out.push(
            Finding::new(
                FindingCode::ConnectorMissing,
                Severity::Error,
                Place::Nylas,
                "Nylas has no Microsoft connector, so it cannot refresh the Microsoft mailboxes' access.",
            )
            .saw(format!("No Microsoft connector; {microsoft} Microsoft grant(s)"))
            .fix("Create the connector with this app's client ID and secret.", true),
        );
    }
    if let Some(theirs) = seen
        .connector_client_id
        .as_deref()
        .filter(|c| !c.eq_ignore_ascii_case(client_id))
    {
        out.push(
            Finding::new(
                FindingCode::ConnectorClientMismatch,
                Severity::Error,
                Place::Nylas,
                "Nylas's Microsoft connector uses another Azure app than this profile, so sign-ins and renewals of the mailboxes' access go to the wrong app.",
            )
            .saw(format!("Connector client ID {theirs}; this profile's app {client_id}"))
            .fix("Point the connector at this profile's app (its client ID and the keychain's secret).", true),
        );
    }
    if let (Some(uris), Some(callback)) = (&seen.callback_uris, callback) {
        // Only an exact callback can be registered ahead: a port the OS picks is new each time.
        let exact = matches!(callback, Callback::Exact(_));
        let registered = match callback {
            Callback::Exact(u) => uris.iter().any(|x| x == u),
            Callback::AnyLoopback => uris
                .iter()
                .any(|x| x.starts_with("http://localhost:") || x.starts_with("http://127.0.0.1:")),
        };
        if !registered {
            let wanted = match callback {
                Callback::Exact(u) => u.to_string(),
                Callback::AnyLoopback => "an address on this computer".to_string(),
            };
            out.push(
                Finding::new(
                    FindingCode::CallbackUriMissing,
                    Severity::Error,
                    Place::Nylas,
                    format!("Nylas does not know {wanted} as the address to return to after a Hosted sign-in, so the sign-in cannot come back to this computer."),
                )
                .saw(format!("Callback URIs in Nylas: {}", if uris.is_empty() { "none".to_string() } else { uris.join(", ") }))
                .fix("Register this computer's address with Nylas (in the Nylas Dashboard, under Hosted Authentication).", exact),
            );
        }
    }
    for (g, why) in seen
        .grants
        .iter()
        .filter(|(g, _)| g.grant_status.as_deref() == Some("invalid"))
    {
        let who = g.email.clone().unwrap_or_else(|| format!("grant {}", g.id));
        out.push(
            Finding::new(
                FindingCode::GrantInvalid,
                Severity::Error,
                Place::Nylas,
                format!("{who} is no longer connected: Nylas marked the grant invalid."),
            )
            .saw(format!(
                "Grant {} ({}): {}",
                g.id,
                g.provider,
                why.as_deref().unwrap_or("invalid")
            ))
            .fix(
                "Sign the mailbox in again on this computer, or send its owner a sign-in link to open on theirs (Mailboxes tab; mailbox-connect send-link); it keeps its grant.",
                false,
            )
            .about(g.email.clone()),
        );
    }
    out
}
