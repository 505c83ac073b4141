//! The organization's people who have a mailbox, from `GET /v1.0/users`: only the properties
//! shown, 999 a page, every `@odata.nextLink` followed to the end; a search is Graph's
//! `$search` (an advanced query, so `ConsistencyLevel: eventual`).

use serde::Deserialize;

use super::{Graph, GraphError};

/// What the directory table shows of a user (`$select`).
const SELECT: &str = "id,displayName,mail,userPrincipalName,accountEnabled";
/// Graph's largest page of users.
const PAGE: usize = 999;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub mail: Option<String>,
    #[serde(default)]
    pub user_principal_name: Option<String>,
    /// `false` on a shared mailbox (Exchange disables its account); only a hint.
    #[serde(default)]
    pub account_enabled: Option<bool>,
}

#[derive(Deserialize)]
struct Page {
    value: Vec<User>,
    #[serde(rename = "@odata.nextLink")]
    next: Option<String>,
}

/// `search` as Graph's `$search`: words starting the display name or the address.
fn search_clause(search: &str) -> String {
    // Graph's search terms are quoted; a quote or backslash inside one is escaped.
    let term = search.trim().replace('\\', "\\\\").replace('"', "\\\"");
    let query = format!("\"displayName:{term}\" OR \"mail:{term}\"");
    // Spaces as %20, as Graph's documentation writes them (a literal + is already %2B).
    url::form_urlencoded::byte_serialize(query.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// Every user with a mailbox (matching `search`, if any), page after page; `on_page` hears how
/// many were read so far and may stop the listing by returning `false`.
pub async fn people_with_mailbox(
    graph: &Graph,
    search: Option<&str>,
    mut on_page: impl FnMut(usize) -> bool,
) -> Result<Option<Vec<User>>, GraphError> {
    let search = search.map(str::trim).filter(|s| !s.is_empty());
    let mut path = format!("users?$select={SELECT}&$top={PAGE}");
    if let Some(s) = search {
        path.push_str(&format!("&$search={}", search_clause(s)));
    }
    let mut page: Page = graph.get_with(&path, search.is_some()).await?;
    let (mut read, mut people) = (0, Vec::new());
    loop {
        read += page.value.len();
        people.extend(
            page.value
                .into_iter()
                .filter(|u| u.mail.as_deref().is_some_and(|m| !m.is_empty())),
        );
        if !on_page(read) {
            return Ok(None);
        }
        match page.next {
            Some(next) => page = graph.get_link(&next, search.is_some()).await?,
            None => return Ok(Some(people)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_is_quoted_and_escaped() {
        assert_eq!(
            search_clause(" ad\"el "),
            "%22displayName%3Aad%5C%22el%22%20OR%20%22mail%3Aad%5C%22el%22"
        );
    }
}
