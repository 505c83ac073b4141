//! The directory table: each person with a mailbox joined with their Nylas grant by address
//! (connected and valid, connected but invalid with the reason, or not connected), counted
//! and filtered.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::graph::directory::User;
use crate::nylas::types::Grant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Connection {
    Valid,
    Invalid,
    NotConnected,
}

impl Connection {
    /// How a table written for people (the command line's, the CSV file) says it.
    pub fn word(self) -> &'static str {
        match self {
            Connection::Valid => "connected",
            Connection::Invalid => "invalid",
            Connection::NotConnected => "not connected",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DirectoryRow {
    /// The user's object ID in the directory.
    pub id: String,
    pub name: String,
    pub email: String,
    /// Probably a shared mailbox (its account is disabled, as Exchange makes them): a hint only.
    pub shared: bool,
    pub connection: Connection,
    #[ts(optional)]
    pub grant_id: Option<String>,
    /// Why the grant is invalid, in plain words.
    #[ts(optional)]
    pub reason: Option<String>,
}

/// Which rows the table shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DirectoryFilter {
    #[default]
    All,
    NotConnected,
    Invalid,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DirectoryTable {
    /// The rows the filter lets through, in the directory's order.
    pub rows: Vec<DirectoryRow>,
    /// Counts over the whole directory (or the whole search), whatever the filter.
    pub total: u32,
    pub valid: u32,
    pub invalid: u32,
    pub not_connected: u32,
    /// When the directory was read (Unix seconds).
    #[ts(type = "number")]
    pub listed_at: i64,
}

/// What an invalid grant's row says when no test of it said more.
const INVALID: &str = "Nylas reports the grant as invalid: its owner must sign in again.";

/// Joins `users` with `grants` (Microsoft's, by address, case-insensitively; a valid grant wins
/// over an invalid one of the same address). `causes` holds the latest failed test's cause by
/// grant ID.
pub fn join(users: Vec<User>, grants: &[Grant], causes: &HashMap<String, String>) -> Vec<DirectoryRow> {
    let mut by_email: HashMap<String, &Grant> = HashMap::with_capacity(grants.len());
    for g in grants.iter().filter(|g| g.provider == "microsoft") {
        let Some(email) = g.email.as_deref() else { continue };
        let key = email.to_lowercase();
        let better = by_email.get(&key).is_none_or(|held| !valid(held) && valid(g));
        if better {
            by_email.insert(key, g);
        }
    }
    users
        .into_iter()
        .filter_map(|u| {
            let email = u.mail?;
            let grant = by_email.get(&email.to_lowercase());
            let connection = match grant {
                None => Connection::NotConnected,
                Some(g) if valid(g) => Connection::Valid,
                Some(_) => Connection::Invalid,
            };
            let reason = (connection == Connection::Invalid).then(|| {
                grant
                    .and_then(|g| causes.get(&g.id))
                    .cloned()
                    .unwrap_or_else(|| INVALID.into())
            });
            Some(DirectoryRow {
                name: u.display_name.unwrap_or_else(|| email.clone()),
                shared: u.account_enabled == Some(false),
                grant_id: grant.map(|g| g.id.clone()),
                id: u.id,
                email,
                connection,
                reason,
            })
        })
        .collect()
}

fn valid(g: &Grant) -> bool {
    g.grant_status.as_deref().is_none_or(|s| s == "valid")
}

/// How many of `rows` are connected and valid, invalid, and not connected.
pub(super) fn counts(rows: &[DirectoryRow]) -> (u32, u32, u32) {
    let count = |c: Connection| rows.iter().filter(|r| r.connection == c).count() as u32;
    (
        count(Connection::Valid),
        count(Connection::Invalid),
        count(Connection::NotConnected),
    )
}

/// Whether `filter` lets `r` through.
pub(super) fn lets_through(filter: DirectoryFilter, r: &DirectoryRow) -> bool {
    match filter {
        DirectoryFilter::All => true,
        DirectoryFilter::NotConnected => r.connection == Connection::NotConnected,
        DirectoryFilter::Invalid => r.connection == Connection::Invalid,
    }
}

/// The table of `rows` as `filter` shows it, counted over all of them.
pub fn table(rows: Vec<DirectoryRow>, filter: DirectoryFilter, listed_at: i64) -> DirectoryTable {
    let (valid, invalid, not_connected) = counts(&rows);
    let total = rows.len() as u32;
    let rows = rows.into_iter().filter(|r| lets_through(filter, r)).collect();
    DirectoryTable {
        rows,
        total,
        valid,
        invalid,
        not_connected,
        listed_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, mail: Option<&str>, enabled: bool) -> User {
        User {
            id: format!("id-{name}"),
            display_name: Some(name.into()),
            mail: mail.map(Into::into),
            user_principal_name: None,
            account_enabled: Some(enabled),
        }
    }

    fn grant(id: &str, email: &str, status: &str) -> Grant {
        Grant {
            id: id.into(),
            provider: "microsoft".into(),
            email: Some(email.into()),
            grant_status: Some(status.into()),
            scope: vec![],
            created_at: 0,
            updated_at: None,
        }
    }

    #[test]
    fn people_are_joined_with_their_grants_by_address() {
        let users = vec![
            user("Adele", Some("Adele@Contoso.com"), true),
            user("Lee", Some("lee@contoso.com"), true),
            user("Info", Some("info@contoso.com"), false),
            user("Nomail", None, true),
        ];
        let grants = vec![
            grant("g-old", "adele@contoso.com", "invalid"),
            grant("g-adele", "ADELE@contoso.com", "valid"),
            grant("g-lee", "lee@contoso.com", "invalid"),
        ];
        let causes = HashMap::from([("g-lee".to_string(), "The owner changed their password.".to_string())]);
        let rows = join(users, &grants, &causes);
        assert_eq!(rows.len(), 3, "no row for a user without a mailbox");
        assert_eq!(
            (rows[0].connection, rows[0].grant_id.as_deref()),
            (Connection::Valid, Some("g-adele"))
        );
        assert_eq!(rows[1].connection, Connection::Invalid);
        assert_eq!(rows[1].reason.as_deref(), Some("The owner changed their password."));
        assert_eq!((rows[2].connection, rows[2].shared), (Connection::NotConnected, true));

        let t = table(rows, DirectoryFilter::NotConnected, 1);
        assert_eq!((t.total, t.valid, t.invalid, t.not_connected), (3, 1, 1, 1));
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].email, "info@contoso.com");
    }
}
