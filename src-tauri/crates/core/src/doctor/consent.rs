// Tenant-wide consent: the permissions the profile needs granted for the whole organization, or
// users allowed to grant them themselves; otherwise only administrators can connect mailboxes.

use super::registration::Needs;
use super::{Finding, FindingCode, Place, Severity};
use crate::graph::models::OAuth2PermissionGrant;

/// The needed permissions not granted tenant-wide, per API: `(resource app ID, names)`.
pub fn missing(needs: &Needs, grants: &[OAuth2PermissionGrant]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for w in &needs.permissions {
        let resource = needs
            .principals
            .iter()
            .find(|(api, _)| api == &w.resource_app_id)
            .map(|(_, id)| id.as_str());
        let granted = grants
            .iter()
            .filter(|g| g.consent_type.as_deref() == Some("AllPrincipals") && g.resource_id.as_deref() == resource)
            .flat_map(|g| g.scope.as_deref().unwrap_or_default().split_whitespace())
            .any(|s| s.eq_ignore_ascii_case(&w.name));
        if !granted {
            match out.iter_mut().find(|(api, _)| api == &w.resource_app_id) {
                Some((_, names)) => names.push(w.name.clone()),
                None => out.push((w.resource_app_id.clone(), vec![w.name.clone()])),
            }
        }
    }
    out
}

pub fn check(needs: &Needs, grants: &[OAuth2PermissionGrant], users_may_consent: bool) -> Option<Finding> {
    let missing = missing(needs, grants);
    if missing.is_empty() || users_may_consent {
        return None;
    }
    let names: Vec<String> = missing.into_iter().flat_map(|(_, n)| n).collect();
    Some(
        Finding::new(
            FindingCode::ConsentMissing,
            Severity::Warning,
            Place::Azure,
            "Only administrators can connect their mailboxes: the app's permissions are not granted for the whole organization, and your organization does not let other users grant them (they see \"Need admin approval\").",
        )
        .saw(format!("Not granted for everyone: {}; users may not grant permissions to apps", names.join(", ")))
        .fix("Grant the permissions for the whole organization (Azure portal › Enterprise applications › the app › Permissions › Grant admin consent).", true),
    )
}
