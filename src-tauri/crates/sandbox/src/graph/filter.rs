//! The `$filter` clauses this Graph subset understands: `prop eq 'v'`, `startswith(prop,'v')`,
//! joined with `and`. Anything else is Graph's 400, so a client never gets a silent full list.

use std::collections::HashMap;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::error;

pub enum Clause {
    Eq(String, String),
    StartsWith(String, String),
}

pub fn parse(filter: &str) -> Result<Vec<Clause>, Response> {
    let invalid = || {
        error(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            &format!("Invalid filter clause: {filter}"),
        )
    };
    let quoted = |s: &str| {
        let s = s.trim();
        s.strip_prefix('\'')
            .and_then(|s| s.strip_suffix('\''))
            .map(|s| s.replace("''", "'"))
    };
    filter
        .split(" and ")
        .map(|clause| {
            let clause = clause.trim();
            if let Some(args) = clause.strip_prefix("startswith(").and_then(|r| r.strip_suffix(')')) {
                let (prop, value) = args.split_once(',').ok_or_else(invalid)?;
                return Ok(Clause::StartsWith(
                    prop.trim().into(),
                    quoted(value).ok_or_else(invalid)?,
                ));
            }
            let (prop, value) = clause.split_once(" eq ").ok_or_else(invalid)?;
            Ok(Clause::Eq(prop.trim().into(), quoted(value).ok_or_else(invalid)?))
        })
        .collect()
}

/// Whether `doc` matches every clause (string comparison is case-insensitive, as Graph's).
pub fn matches(doc: &Value, clauses: &[Clause]) -> bool {
    clauses.iter().all(|c| {
        let (prop, want, starts) = match c {
            Clause::Eq(p, v) => (p, v, false),
            Clause::StartsWith(p, v) => (p, v, true),
        };
        let have = doc.get(prop).and_then(Value::as_str).unwrap_or_default().to_lowercase();
        let want = want.to_lowercase();
        if starts {
            have.starts_with(&want)
        } else {
            have == want
        }
    })
}

/// A collection answer (`@odata.context` and `value`) holding the items that match the query's
/// `$filter`, if any.
pub fn answer(q: &HashMap<String, String>, collection: &str, all: Vec<Value>) -> Response {
    let clauses = match q.get("$filter").map(|f| parse(f)).transpose() {
        Ok(c) => c.unwrap_or_default(),
        Err(r) => return r,
    };
    let value: Vec<Value> = all.into_iter().filter(|v| matches(v, &clauses)).collect();
    let context = format!("https://graph.microsoft.com/v1.0/$metadata#{collection}");
    Json(json!({ "@odata.context": context, "value": value })).into_response()
}
