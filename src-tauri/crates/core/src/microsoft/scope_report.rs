//! Requested versus granted permissions.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::azure::permissions::short_name;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScopeReport {
    pub requested: Vec<String>,
    pub granted: Vec<String>,
    /// Asked for but not granted: features that need them will not work.
    pub missing: Vec<String>,
}

/// Compares scopes case-insensitively by short name. A token response without `scope` granted
/// exactly what was requested (RFC 6749 §5.1). `offline_access` is never echoed by Microsoft; a
/// refresh token is the proof it was granted.
pub fn compare(requested: &[String], granted_scope: Option<&str>, has_refresh_token: bool) -> ScopeReport {
    let mut granted: Vec<String> = match granted_scope {
        Some(scope) => scope.split_whitespace().map(|s| short_name(s).to_string()).collect(),
        None => requested.iter().map(|s| short_name(s).to_string()).collect(),
    };
    if has_refresh_token && !granted.iter().any(|g| g.eq_ignore_ascii_case("offline_access")) {
        granted.push("offline_access".into());
    }
    let missing = requested
        .iter()
        .filter(|r| !granted.iter().any(|g| g.eq_ignore_ascii_case(short_name(r))))
        .cloned()
        .collect();
    ScopeReport {
        requested: requested.to_vec(),
        granted,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_missing_scopes() {
        let req: Vec<String> = ["offline_access", "openid", "User.Read", "Mail.Send"]
            .map(String::from)
            .to_vec();
        let r = compare(
            &req,
            Some("openid profile email https://graph.microsoft.com/user.read"),
            true,
        );
        assert_eq!(r.missing, ["Mail.Send"]);
        let r = compare(&req, Some("openid User.Read Mail.Send"), false);
        assert_eq!(r.missing, ["offline_access"]);
    }

    #[test]
    fn no_scope_in_the_answer_means_all_were_granted() {
        let req: Vec<String> = ["offline_access", "openid", "https://graph.microsoft.com/Mail.Read"]
            .map(String::from)
            .to_vec();
        let r = compare(&req, None, true);
        assert!(r.missing.is_empty(), "{r:?}");
        assert_eq!(r.granted, ["offline_access", "openid", "Mail.Read"]);
    }
}
