//! `GET /v1.0/users`, as Graph answers it: `User.ReadBasic.All` or `User.Read.All` required,
//! pages of `$top` (1 to 999, 100 by default) with an opaque `@odata.nextLink`, `$select`,
//! `$filter` (`eq`, `startswith`), and `$search` / `$count`, which need `ConsistencyLevel:
//! eventual`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Map, Value};

use super::{caller, error, filter};
use crate::state::directory::Person;
use crate::state::SandboxState;

pub const READ_USERS: &[&str] = &[
    "User.Read.All",
    "User.ReadBasic.All",
    "User.ReadWrite.All",
    "Directory.Read.All",
];

/// What Graph returns when no `$select` is given.
const DEFAULT_SET: &[&str] = &[
    "businessPhones",
    "displayName",
    "givenName",
    "jobTitle",
    "mail",
    "mobilePhone",
    "officeLocation",
    "preferredLanguage",
    "surname",
    "userPrincipalName",
    "id",
];
/// Further properties this subset knows, returned only when selected.
const SELECTABLE: &[&str] = &["accountEnabled", "userType", "department"];

pub async fn list(
    State(st): State<Arc<SandboxState>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    match answer(&st, &headers, &q) {
        Ok(r) | Err(r) => r,
    }
}

fn bad(code: &str, message: &str) -> Response {
    error(StatusCode::BAD_REQUEST, code, message)
}

fn answer(st: &SandboxState, headers: &HeaderMap, q: &HashMap<String, String>) -> Result<Response, Response> {
    caller(st, headers)?.needs(READ_USERS)?;
    let eventual = headers
        .get("ConsistencyLevel")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("eventual"));
    let top = match q.get("$top") {
        None => 100,
        Some(t) => t
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=999).contains(n))
            .ok_or_else(|| {
                bad(
                    "Request_BadRequest",
                    &format!("Invalid page size specified: '{t}'. Must be between 1 and 999 inclusive."),
                )
            })?,
    };
    let select: Vec<String> = match q.get("$select") {
        None => DEFAULT_SET.iter().map(|s| s.to_string()).collect(),
        Some(s) => s
            .split(',')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
    };
    if let Some(p) = select
        .iter()
        .find(|p| !DEFAULT_SET.contains(&p.as_str()) && !SELECTABLE.contains(&p.as_str()))
    {
        return Err(bad(
            "Request_BadRequest",
            &format!("Could not find a property named '{p}' on type 'microsoft.graph.user'."),
        ));
    }
    let count = q.get("$count").map(String::as_str) == Some("true");
    if count && !eventual {
        return Err(bad("Request_BadRequest", "$count is not currently supported."));
    }
    let search = match q.get("$search") {
        Some(_) if !eventual => return Err(bad("Request_UnsupportedQuery", "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'")),
        Some(s) => Some(parse_search(s)?),
        None => None,
    };
    let clauses = q
        .get("$filter")
        .map(|f| filter::parse(f))
        .transpose()?
        .unwrap_or_default();
    let offset = match q.get("$skiptoken") {
        None => 0,
        Some(t) => read_token(t).ok_or_else(|| {
            bad(
                "Directory_InvalidSkipToken",
                "The specified page token value has expired or is invalid.",
            )
        })?,
    };
    let matching: Vec<Value> = st
        .lock()
        .directory
        .iter()
        .map(document)
        .filter(|d| filter::matches(d, &clauses))
        .filter(|d| search.as_ref().is_none_or(|s| s.matches(d)))
        .collect();
    let total = matching.len();
    let value: Vec<Value> = matching
        .into_iter()
        .skip(offset)
        .take(top)
        .map(|d| pick(d, &select))
        .collect();
    let context = match q.get("$select") {
        Some(_) => format!("https://graph.microsoft.com/v1.0/$metadata#users({})", select.join(",")),
        None => "https://graph.microsoft.com/v1.0/$metadata#users".into(),
    };
    let mut body = json!({ "@odata.context": context });
    if count {
        body["@odata.count"] = json!(total);
    }
    if offset + top < total {
        body["@odata.nextLink"] = json!(next_link(st, q, offset + top));
    }
    body["value"] = Value::Array(value);
    Ok(Json(body).into_response())
}

/// A person as Graph's user resource (every property this subset knows).
fn document(p: &Person) -> Value {
    let mut parts = p.name.splitn(2, ' ');
    let (given, surname) = (parts.next(), parts.next());
    json!({
        "id": p.oid, "displayName": p.name, "mail": p.mail, "userPrincipalName": p.upn,
        "givenName": if p.shared { None } else { given }, "surname": if p.shared { None } else { surname },
        "jobTitle": p.job_title, "department": p.department, "officeLocation": null, "mobilePhone": null,
        "businessPhones": [], "preferredLanguage": if p.shared { None } else { Some("en-US") },
        "accountEnabled": p.account_enabled(), "userType": "Member",
    })
}

fn pick(doc: Value, select: &[String]) -> Value {
    let Value::Object(all) = doc else { return doc };
    let picked: Map<String, Value> = all.into_iter().filter(|(k, _)| select.iter().any(|s| s == k)).collect();
    Value::Object(picked)
}

/// The same query, at a later offset: clients follow it as it is.
fn next_link(st: &SandboxState, q: &HashMap<String, String>, offset: usize) -> String {
    let base = st.graph_url.get().cloned().unwrap_or_default();
    let mut pairs: Vec<(&String, &String)> = q.iter().filter(|(k, _)| k.as_str() != "$skiptoken").collect();
    pairs.sort();
    // As Graph writes them: the `$` names bare, the values escaped.
    let escaped = |v: &str| url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>();
    let token = URL_SAFE_NO_PAD.encode(format!("RFNwdAIAAQAAAA:{offset}"));
    let query: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={}", escaped(v)))
        .chain([format!("$skiptoken={token}")])
        .collect();
    format!("{base}/v1.0/users?{}", query.join("&"))
}

fn read_token(t: &str) -> Option<usize> {
    let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(t).ok()?).ok()?;
    raw.strip_prefix("RFNwdAIAAQAAAA:")?.parse().ok()
}

/// `"prop:value"` terms joined by `OR` or `AND`; a term matches when a word of the property
/// starts with the value (Graph's tokenized search).
struct Search {
    terms: Vec<(String, String)>,
    all: bool,
}

fn parse_search(s: &str) -> Result<Search, Response> {
    let invalid = || {
        bad(
            "Request_UnsupportedQuery",
            &format!("Unsupported or invalid search query: {s}"),
        )
    };
    let all = s.contains(" AND ");
    let terms = s
        .split(if all { " AND " } else { " OR " })
        .map(|t| {
            let t = t
                .trim()
                .strip_prefix('"')
                .and_then(|t| t.strip_suffix('"'))
                .ok_or_else(invalid)?;
            let (prop, value) = t.split_once(':').ok_or_else(invalid)?;
            Ok((prop.trim().to_string(), value.trim().to_lowercase()))
        })
        .collect::<Result<Vec<_>, Response>>()?;
    Ok(Search { terms, all })
}

impl Search {
    fn matches(&self, doc: &Value) -> bool {
        let term = |(prop, value): &(String, String)| {
            let have = doc.get(prop).and_then(Value::as_str).unwrap_or_default().to_lowercase();
            have.split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(value.as_str()))
        };
        if self.all {
            self.terms.iter().all(term)
        } else {
            self.terms.iter().any(term)
        }
    }
}
