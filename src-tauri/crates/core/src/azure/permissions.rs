//! The Microsoft Graph delegated permissions Nylas v3 uses, with their manifest GUIDs.

use serde::Serialize;
use ts_rs::TS;

pub const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";
pub const EXCHANGE_APP_ID: &str = "00000002-0000-0ff1-ce00-000000000000";
pub const AAD_GRAPH_APP_ID: &str = "00000002-0000-0000-c000-000000000000";
const GRAPH_PREFIX: &str = "https://graph.microsoft.com/";

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Permission {
    pub name: &'static str,
    /// The delegated permission ("Scope") id used in the app manifest.
    pub id: &'static str,
    pub resource_app_id: &'static str,
    /// The API's name as the portal shows it.
    pub resource: &'static str,
    pub required: bool,
    pub description: &'static str,
}

const fn graph(name: &'static str, id: &'static str, required: bool, description: &'static str) -> Permission {
    Permission {
        name,
        id,
        resource_app_id: GRAPH_APP_ID,
        resource: "Microsoft Graph",
        required,
        description,
    }
}

/// Nylas v3 Microsoft permissions (required ones first).
pub const NYLAS_V3: &[Permission] = &[
    graph(
        "offline_access",
        "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
        true,
        "Keep access when the user is away, so Nylas goes on syncing without asking again.",
    ),
    graph("openid", "37f7f235-527c-4136-accd-4a02d197296e", true, "Sign users in."),
    graph(
        "profile",
        "14dad69e-099b-42c9-810b-d002981feec1",
        true,
        "See users' basic profile.",
    ),
    graph(
        "User.Read",
        "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
        true,
        "Sign in and read the user's profile.",
    ),
    graph(
        "Mail.ReadWrite",
        "024d486e-b451-40bb-833d-3e66d98c5c73",
        false,
        "Read and write the user's mail.",
    ),
    graph(
        "Mail.Send",
        "e383f46e-2787-4529-855e-0e479a3ffac0",
        false,
        "Send mail as the user.",
    ),
    graph(
        "Calendars.ReadWrite",
        "1ec239c2-d7c9-4623-a91a-a9775856bb36",
        false,
        "Read and write the user's calendars.",
    ),
    graph(
        "Contacts.ReadWrite",
        "d56682ec-c09e-4743-aaf4-1a3aac4caa21",
        false,
        "Read and write the user's contacts.",
    ),
    graph(
        "Mail.Read",
        "570282fd-fa5c-430d-a7fd-fc8dc98a9dca",
        false,
        "Read the user's mail (read-only alternative to Mail.ReadWrite).",
    ),
    graph(
        "Calendars.Read",
        "465a38f9-76ea-45b9-9f34-9e8b0d4b0b42",
        false,
        "Read the user's calendars (read-only).",
    ),
    graph(
        "Contacts.Read",
        "ff74d97f-43af-4b68-9f2a-b77ee6968c5d",
        false,
        "Read the user's contacts (read-only).",
    ),
];

const fn other(
    resource_app_id: &'static str,
    resource: &'static str,
    name: &'static str,
    id: &'static str,
    description: &'static str,
) -> Permission {
    Permission {
        name,
        id,
        resource_app_id,
        resource,
        required: true,
        description,
    }
}

/// Legacy v2 (Exchange ActiveSync / EWS through Office 365). The EAS id is the one in Nylas's
/// Streams manifest next to the documented EWS id.
pub const LEGACY_V2: &[Permission] = &[
    graph(
        "offline_access",
        "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
        true,
        "Keep access when the user is offline.",
    ),
    graph("openid", "37f7f235-527c-4136-accd-4a02d197296e", true, "Sign users in."),
    graph(
        "profile",
        "14dad69e-099b-42c9-810b-d002981feec1",
        true,
        "See users' basic profile.",
    ),
    graph(
        "User.Read",
        "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
        true,
        "Sign in and read the user's profile.",
    ),
    other(
        EXCHANGE_APP_ID,
        "Office 365 Exchange Online",
        "EAS.AccessAsUser.All",
        "266d2589-20b5-4f91-9a03-89247d1be8da",
        "Access mailboxes through Exchange ActiveSync.",
    ),
    other(
        EXCHANGE_APP_ID,
        "Office 365 Exchange Online",
        "EWS.AccessAsUser.All",
        "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5",
        "Access mailboxes as the signed-in user through Exchange Web Services.",
    ),
];

/// Nylas Streams: the manifest from Nylas's Streams guide.
pub const STREAMS: &[Permission] = &[
    graph(
        "Mail.Read",
        "570282fd-fa5c-430d-a7fd-fc8dc98a9dca",
        true,
        "Read the mail for streaming.",
    ),
    graph(
        "offline_access",
        "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
        true,
        "Maintain access to data you have given it access to.",
    ),
    graph(
        "User.Read",
        "e1fe6dd8-ba31-4d61-89e7-88639da4683d",
        true,
        "Sign in and read user profile.",
    ),
    graph("openid", "37f7f235-527c-4136-accd-4a02d197296e", true, "Sign users in."),
    graph(
        "profile",
        "14dad69e-099b-42c9-810b-d002981feec1",
        true,
        "View users' basic profile.",
    ),
    other(
        AAD_GRAPH_APP_ID,
        "Azure Active Directory Graph",
        "User.Read",
        "311a71cc-e848-46a1-bdf8-97ff7156d8e6",
        "Sign in and read user profile.",
    ),
    other(
        EXCHANGE_APP_ID,
        "Office 365 Exchange Online",
        "EAS.AccessAsUser.All",
        "266d2589-20b5-4f91-9a03-89247d1be8da",
        "Access mailboxes through Exchange ActiveSync.",
    ),
    other(
        EXCHANGE_APP_ID,
        "Office 365 Exchange Online",
        "EWS.AccessAsUser.All",
        "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5",
        "Access mailboxes as the signed-in user through Exchange Web Services.",
    ),
];

/// The scopes asked for unless the admin changes them.
pub const DEFAULT_SCOPES: &[&str] = &[
    "offline_access",
    "openid",
    "profile",
    "User.Read",
    "Mail.ReadWrite",
    "Mail.Send",
    "Calendars.ReadWrite",
    "Contacts.ReadWrite",
];

pub fn find(name: &str) -> Option<&'static Permission> {
    let short = short_name(name);
    NYLAS_V3.iter().find(|p| p.name.eq_ignore_ascii_case(short))
}

/// A permission in plain words, with its technical name kept for support staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ScopeWords {
    pub scope: String,
    pub words: String,
}

/// Each scope described as the checklist's permissions table describes it (the name itself
/// when no catalogue knows it).
pub fn in_words(scopes: &[String]) -> Vec<ScopeWords> {
    scopes
        .iter()
        .map(|s| {
            let short = short_name(s);
            let known = [NYLAS_V3, LEGACY_V2, STREAMS]
                .iter()
                .flat_map(|c| c.iter())
                .find(|p| p.name.eq_ignore_ascii_case(short));
            // `email` is OpenID Connect's, asked for with every sign-in but not in the tables.
            let words = match known {
                Some(p) => p.description.trim_end_matches('.').to_string(),
                None if short.eq_ignore_ascii_case("email") => "See users' email address".to_string(),
                None => short.to_string(),
            };
            ScopeWords {
                scope: short.to_string(),
                words,
            }
        })
        .collect()
}

/// `https://graph.microsoft.com/Mail.Read` → `Mail.Read`.
pub fn short_name(scope: &str) -> &str {
    scope.strip_prefix(GRAPH_PREFIX).unwrap_or(scope)
}

/// Adds the required scopes and removes unknown or duplicate ones, keeping catalogue order.
pub fn normalize(requested: &[String]) -> Vec<String> {
    NYLAS_V3
        .iter()
        .filter(|p| p.required || requested.iter().any(|r| short_name(r).eq_ignore_ascii_case(p.name)))
        .map(|p| p.name.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_keeps_required_and_known() {
        let got = normalize(&["https://graph.microsoft.com/mail.send".into(), "Bogus.All".into()]);
        assert_eq!(got, ["offline_access", "openid", "profile", "User.Read", "Mail.Send"]);
        assert_eq!(
            find("https://graph.microsoft.com/User.Read").unwrap().id,
            "e1fe6dd8-ba31-4d61-89e7-88639da4683d"
        );
    }

    #[test]
    fn scopes_read_as_plain_words() {
        let w = in_words(&[
            "https://graph.microsoft.com/Mail.ReadWrite".into(),
            "ews.messages".into(),
        ]);
        assert_eq!(w[0].words, "Read and write the user's mail");
        assert_eq!(w[0].scope, "Mail.ReadWrite");
        assert_eq!(w[1].words, "ews.messages", "unknown names stay as they are");
    }
}
