// The Azure app registration against what this profile needs: its redirect URIs, its delegated
// permissions, no permission Microsoft refuses for Nylas v3, and its service principal (present,
// enabled, open to every user).

use crate::graph::models::{Application, ServicePrincipal};

use super::{Finding, FindingCode, Place, Severity};

const PORTAL_AUTH: &str = "Azure portal › App registrations › the app › Authentication";
const PORTAL_PERMS: &str = "Azure portal › App registrations › the app › API permissions";
const PORTAL_ENTERPRISE: &str = "Azure portal › Enterprise applications › the app › Properties";

/// A permission the profile needs, on its API, with the ID the API's service principal gives it.
#[derive(Debug, Clone)]
pub struct Wanted {
    pub resource_app_id: String,
    /// The API's name as the portal shows it (`Microsoft Graph`).
    pub resource: String,
    pub name: String,
    pub id: String,
}

/// What the profile needs of the app.
#[derive(Debug, Clone)]
pub struct Needs {
    pub redirect_uris: Vec<String>,
    pub permissions: Vec<Wanted>,
    /// Permissions the app must not ask for (EWS and EAS on a Nylas v3 app), as `(resource app
    /// ID, permission ID, name)`.
    pub refused: Vec<(String, String, String)>,
    /// Each API's service principal in the tenant, as `(resource app ID, object ID)`.
    pub principals: Vec<(String, String)>,
}

/// What is wrong with the registration and its service principal (`None`: there is none).
pub fn check(app: &Application, sp: Option<&ServicePrincipal>, needs: &Needs) -> Vec<Finding> {
    let mut out = Vec::new();
    let have = app.redirect_uris();
    for uri in needs.redirect_uris.iter().filter(|u| !have.contains(u)) {
        out.push(
            Finding::new(
                FindingCode::RedirectUriMissing,
                Severity::Error,
                Place::Azure,
                format!(
                    "The app does not list the redirect URI {uri}, so Microsoft refuses the sign-in (AADSTS50011)."
                ),
            )
            .saw(format!("Web redirect URIs in Azure: {}", listed(have)))
            .fix(format!("Add {uri} as a Web redirect URI ({PORTAL_AUTH})."), true),
        );
    }
    let asked = |resource: &str, id: &str| {
        app.required_resource_access
            .iter()
            .filter(|r| r.resource_app_id.eq_ignore_ascii_case(resource))
            .flat_map(|r| &r.resource_access)
            .any(|a| a.id.eq_ignore_ascii_case(id) && a.kind == "Scope")
    };
    let names_on = |resource: &str| -> Vec<String> {
        needs
            .permissions
            .iter()
            .filter(|w| w.resource_app_id == resource && asked(resource, &w.id))
            .map(|w| w.name.clone())
            .collect()
    };
    for w in needs.permissions.iter().filter(|w| !asked(&w.resource_app_id, &w.id)) {
        out.push(
            Finding::new(
                FindingCode::PermissionMissing,
                Severity::Error,
                Place::Azure,
                format!(
                    "The app does not ask for the {} permission {}, which this connection needs.",
                    w.resource, w.name
                ),
            )
            .saw(format!(
                "{} permissions in Azure, of those needed: {}",
                w.resource,
                listed(&names_on(&w.resource_app_id))
            ))
            .fix(
                format!(
                    "Add the delegated permission {} ({PORTAL_PERMS}), then grant consent again.",
                    w.name
                ),
                true,
            ),
        );
    }
    for (resource, id, name) in needs.refused.iter().filter(|(r, id, _)| asked(r, id)) {
        out.push(
            Finding::new(
                FindingCode::UnsupportedPermission,
                Severity::Error,
                Place::Azure,
                "The app asks for an older Exchange permission that Nylas v3 does not use and Microsoft refuses next to Graph's mail permissions.",
            )
            .saw(format!("{name} ({id}) on API {resource}"))
            .fix(format!("Remove the permission named in what was seen ({PORTAL_PERMS})."), false),
        );
    }
    out.extend(principal(sp));
    out
}

fn principal(sp: Option<&ServicePrincipal>) -> Option<Finding> {
    let Some(sp) = sp else {
        return Some(
            Finding::new(
                FindingCode::ServicePrincipalMissing,
                Severity::Error,
                Place::Azure,
                "The app is not in your organization's enterprise applications, so no one in it can sign in.",
            )
            .saw("No service principal with the app's client ID")
            .fix(
                "Add the app to the organization's enterprise applications (an administrator approving it once does this too).",
                true,
            ),
        );
    };
    if sp.account_enabled == Some(false) {
        return Some(
            Finding::new(
                FindingCode::ServicePrincipalDisabled,
                Severity::Error,
                Place::Azure,
                "Sign-in is switched off for the app in your organization (AADSTS7000112).",
            )
            .saw("Enterprise application: \"Enabled for users to sign in?\" is No")
            .fix(
                format!("Set \"Enabled for users to sign in?\" to Yes ({PORTAL_ENTERPRISE})."),
                true,
            ),
        );
    }
    (sp.app_role_assignment_required == Some(true)).then(|| {
        Finding::new(
            FindingCode::AssignmentRequired,
            Severity::Warning,
            Place::Azure,
            "Only users assigned to the app may sign in; everyone else gets AADSTS50105.",
        )
        .saw("Enterprise application: \"Assignment required?\" is Yes")
        .fix(
            format!("Let every user sign in (\"Assignment required?\" set to No), or assign the mailboxes' users ({PORTAL_ENTERPRISE})."),
            true,
        )
    })
}

/// Who may sign in to the app against the tenant the Nylas connector sends sign-ins to.
pub fn audience(app: &Application, connector_tenant: Option<&str>) -> Option<Finding> {
    let audience = app.sign_in_audience.as_deref()?;
    let tenant = connector_tenant?;
    let shared = ["common", "organizations", "consumers"]
        .iter()
        .any(|t| t.eq_ignore_ascii_case(tenant));
    let single = audience == "AzureADMyOrg";
    let seen = format!("The app accepts {audience}; Nylas's connector signs in through \"{tenant}\"");
    if single && shared {
        return Some(
            Finding::new(
                FindingCode::AudienceMismatch,
                Severity::Error,
                Place::Nylas,
                "The app is for your organization only, but Nylas signs mailboxes in through Microsoft's shared address, which Microsoft refuses for such an app (AADSTS50194).",
            )
            .saw(seen)
            .fix("Point Nylas's connector at your organization's directory (tenant) ID.", true),
        );
    }
    (!single && !shared).then(|| {
        Finding::new(
            FindingCode::AudienceMismatch,
            Severity::Warning,
            Place::Nylas,
            "The app accepts other organizations, but Nylas signs mailboxes in through your organization only, so mailboxes of other organizations cannot connect.",
        )
        .saw(seen)
        .fix(format!("If other organizations' mailboxes should connect, set the profile's tenant to \"organizations\" on the App credentials step ({PORTAL_AUTH} shows the app's audience)."), false)
    })
}

fn listed(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}
