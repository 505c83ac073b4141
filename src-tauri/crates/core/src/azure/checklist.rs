//! The Azure app registration checklist, by target (Nylas v3, legacy v2, Streams), region and
//! sign-in mode: steps with copyable values, the permissions table and the manifest
//! `requiredResourceAccess` snippet generated from the chosen permissions.

use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

pub use super::target::{AuthMode, ChecklistTarget};
use crate::azure::permissions::{Permission, LEGACY_V2, NYLAS_V3, STREAMS};
use crate::azure::portal::PortalPage;
use crate::microsoft::redirect;
use crate::nylas::Region;
use crate::scopes::Scopes;

pub const SECRET_MAX_MONTHS: u32 = 24;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CopyValue {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ChecklistItem {
    pub id: String,
    pub title: String,
    pub detail: String,
    pub copy: Vec<CopyValue>,
    /// Where in the Azure portal it is done; none for advice (something to know, not to do).
    #[ts(optional)]
    pub page: Option<PortalPage>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PermissionRow {
    pub permission: Permission,
    pub selected: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Checklist {
    pub target: ChecklistTarget,
    pub region: Region,
    pub items: Vec<ChecklistItem>,
    pub permissions: Vec<PermissionRow>,
    /// The `requiredResourceAccess` array, ready to paste into the app manifest.
    pub manifest: String,
    /// The redirect URIs to register under the Web platform.
    pub redirect_uris: Vec<String>,
    pub secret_max_months: u32,
}

fn item(id: &str, title: &str, detail: &str, copy: &[(&str, &str)]) -> ChecklistItem {
    let page = match id {
        "open-portal" | "name-audience" => Some(PortalPage::Registrations),
        "redirect-uri" | "implicit-grant" => Some(PortalPage::Authentication),
        "permissions" => Some(PortalPage::ApiPermissions),
        "secret" => Some(PortalPage::Certificates),
        "copy-ids" => Some(PortalPage::Overview),
        _ => None,
    };
    ChecklistItem {
        page,
        id: id.into(),
        title: title.into(),
        detail: detail.into(),
        copy: copy
            .iter()
            .map(|(l, v)| CopyValue {
                label: (*l).into(),
                value: (*v).into(),
            })
            .collect(),
    }
}

/// The redirect URIs the Azure app needs for this target and sign-in mode.
pub fn redirect_uris(target: ChecklistTarget, region: &Region, mode: AuthMode) -> Vec<String> {
    let r = region.host_label();
    match (target, mode) {
        (ChecklistTarget::Streams, _) => vec![
            format!("https://datastreams.{r}.nylas.com/connect/callback"),
            format!("https://datastreams.{r}.nylas.com/v3/connect/callback"),
        ],
        // A custom API address (the demo tenant's) has its own callback.
        (ChecklistTarget::NylasV3, AuthMode::Hosted) => match region {
            Region::Custom(base) => vec![format!("{}/v3/connect/callback", base.trim_end_matches('/'))],
            _ => vec![format!("https://api.{r}.nylas.com/v3/connect/callback")],
        },
        _ => vec![redirect::REGISTERED.into()],
    }
}

/// The checklist for a target, region, sign-in mode and (for v3) the chosen scopes.
pub fn build(target: ChecklistTarget, region: &Region, mode: AuthMode, scopes: &Scopes) -> Checklist {
    let uris = redirect_uris(target, region, mode);
    let (catalogue, chosen): (&[Permission], &[String]) = match target {
        ChecklistTarget::NylasV3 => (NYLAS_V3, scopes),
        ChecklistTarget::LegacyV2 => (LEGACY_V2, &[]),
        ChecklistTarget::Streams => (STREAMS, &[]),
    };
    let rows: Vec<PermissionRow> = catalogue
        .iter()
        .map(|p| PermissionRow {
            permission: p.clone(),
            selected: p.required || chosen.iter().any(|c| c == p.name),
        })
        .collect();
    let selected: Vec<&Permission> = rows.iter().filter(|r| r.selected).map(|r| &r.permission).collect();
    // As "Create it for me" registers it: for the organization's own mailboxes. Other
    // organizations' mailboxes need a multi-tenant app, a verified publisher and `common`.
    let audience = "\"Accounts in this organizational directory only\", as \"Create it for me\" does: the app is for your organization's own mailboxes. Only to connect other organizations' mailboxes choose \"Accounts in any organizational directory\" instead; Microsoft then wants a verified publisher, and the tenant in the next step is common";
    let uri_pairs: Vec<(&str, &str)> = uris.iter().map(|u| ("Redirect URI (Web)", u.as_str())).collect();
    let mut items = vec![
        item("open-portal", "Open App registrations", "Sign in to the Azure portal, search for \"App registrations\" and choose New registration.",
            &[("Portal address", "https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade")]),
        item("name-audience", "Name the app and choose who can sign in",
            &format!("Give it a name your users will recognise. Under Supported account types choose {audience}."), &[("Suggested name", "Mailbox Connect")]),
        item("redirect-uri", "Add the redirect URI under Web",
            "Under Redirect URI pick the platform Web (not \"Mobile and desktop\") and enter this address exactly. More can be added later in Authentication → Add a platform → Web.", &uri_pairs),
        item("permissions", "Add the API permissions",
            "API permissions → Add a permission: add every delegated permission in the table below. Or open Manifest and replace requiredResourceAccess with the snippet below (this replaces any existing permissions).", &[]),
    ];
    if target == ChecklistTarget::Streams {
        items.push(item("implicit-grant", "Tick the two sign-in boxes Streams needs",
            "Authentication → \"Implicit grant and hybrid flows\": tick both \"Access tokens (used for implicit flows)\" and \"ID tokens (used for implicit and hybrid flows)\", then Configure.", &[]));
    }
    items.extend([
        item("secret", "Create a client secret",
            "Certificates & secrets → New client secret. Choose how long it lasts (Azure recommends 180 days; 24 months at most) and note it for the next step, choose Add, then copy the Value column right away: it is shown only once. Do not copy the Secret ID.", &[]),
        item("copy-ids", "Copy the app's IDs",
            "From the app's Overview page copy the Application (client) ID and the Directory (tenant) ID; you paste them in the next step.", &[]),
        // Advice: no page, shown as notes rather than steps.
        item("publisher", "Before production: verify your domain and publisher",
            "Microsoft marks unverified apps and many organizations block them. Complete domain verification and become a verified publisher (Branding & properties) before onboarding real users.", &[]),
        item("shared-mailboxes", "Shared mailboxes need a password",
            "A shared mailbox signs in like a user. If it was created without a password, reset its password in the Microsoft 365 admin center first, then connect it like any mailbox.", &[]),
    ]);
    Checklist {
        target,
        region: region.clone(),
        manifest: manifest(&selected),
        items,
        permissions: rows,
        redirect_uris: uris,
        secret_max_months: SECRET_MAX_MONTHS,
    }
}

/// The `"requiredResourceAccess": [...]` manifest fragment, one entry per API in first-seen order.
pub fn manifest(perms: &[&Permission]) -> String {
    let mut groups: Vec<(&str, Vec<serde_json::Value>)> = Vec::new();
    for p in perms {
        let entry = json!({ "id": p.id, "type": "Scope" });
        match groups.iter_mut().find(|(app, _)| *app == p.resource_app_id) {
            Some((_, list)) => list.push(entry),
            None => groups.push((p.resource_app_id, vec![entry])),
        }
    }
    let value: Vec<_> = groups
        .into_iter()
        .map(|(app, access)| json!({ "resourceAppId": app, "resourceAccess": access }))
        .collect();
    let body = serde_json::to_string_pretty(&value).unwrap_or_default();
    format!("\"requiredResourceAccess\": {body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(c: &Checklist) -> serde_json::Value {
        serde_json::from_str(c.manifest.split_once(": ").unwrap().1).unwrap()
    }

    #[test]
    fn v3_manifest_lists_chosen_graph_scopes() {
        let c = build(
            ChecklistTarget::NylasV3,
            &Region::Us,
            AuthMode::Byo,
            &Scopes::new(&["Mail.Send"]),
        );
        assert!(c.manifest.starts_with("\"requiredResourceAccess\": ["));
        assert!(c.manifest.contains("e383f46e-2787-4529-855e-0e479a3ffac0"));
        assert!(!c.manifest.contains("024d486e-b451-40bb-833d-3e66d98c5c73"));
        assert_eq!(parsed(&c)[0]["resourceAccess"].as_array().unwrap().len(), 5);
        assert_eq!(c.redirect_uris, ["http://localhost/callback"]);
    }

    #[test]
    fn the_portal_route_registers_what_create_it_for_me_does() {
        let c = build(ChecklistTarget::NylasV3, &Region::Us, AuthMode::Byo, &Scopes::default());
        let audience = c.items.iter().find(|i| i.id == "name-audience").unwrap();
        assert!(
            audience
                .detail
                .contains("choose \"Accounts in this organizational directory only\""),
            "{}",
            audience.detail
        );
        assert!(!audience.detail.contains("personal Microsoft accounts"));
    }

    #[test]
    fn streams_matches_nylas_guide_and_region() {
        let c = build(ChecklistTarget::Streams, &Region::Eu, AuthMode::Byo, &Scopes::default());
        let m = parsed(&c);
        assert_eq!(m.as_array().unwrap().len(), 3);
        assert_eq!(m[1]["resourceAppId"], "00000002-0000-0000-c000-000000000000");
        assert_eq!(m[2]["resourceAccess"].as_array().unwrap().len(), 2);
        assert_eq!(c.redirect_uris[0], "https://datastreams.eu.nylas.com/connect/callback");
        assert!(c.items.iter().any(|i| i.id == "implicit-grant"));
    }

    #[test]
    fn hosted_and_legacy_redirects() {
        let c = build(
            ChecklistTarget::NylasV3,
            &Region::Us,
            AuthMode::Hosted,
            &Scopes::default(),
        );
        assert_eq!(c.redirect_uris, ["https://api.us.nylas.com/v3/connect/callback"]);
        let v2 = build(
            ChecklistTarget::LegacyV2,
            &Region::Us,
            AuthMode::Byo,
            &Scopes::default(),
        );
        assert!(
            v2.manifest.contains("00000002-0000-0ff1-ce00-000000000000")
                && v2.manifest.contains("3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5")
        );
        assert!(v2.permissions.iter().all(|r| r.selected));
    }
}
