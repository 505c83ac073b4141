//! Nylas's published v3 contract (the official OpenAPI document, vendored verbatim in
//! `tests/contract/`) and a check of recorded demo-tenant answers against it: the operation must
//! be in the spec, its status documented (errors may use the spec's shared error responses), its
//! body valid under the documented JSON Schema, and every envelope must carry what the official
//! SDKs read (`request_id`; `error.type` and `error.message` on errors).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use jsonschema::Validator;
use mailbox_connect_sandbox::recording::Exchange;
use serde_json::{json, Value};

pub fn spec_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("contract/nylas-openapi-v3.yml")
}

/// Known places where the spec disagrees with itself or with the official SDKs, which the demo
/// tenant follows instead: (operation, status, JSON pointer into the body, the finding's words).
const SDK_OVER_SPEC: &[(&str, u16, &str, &str)] = &[
    // The spec types `error_code` as a string; Nylas sends a number, and the Node (`errorCode:
    // number`) and Python (`error_code: int`) SDKs parse a number.
    (
        "POST /v3/connect/token",
        400,
        "/error_code",
        "is not of type \"string\"",
    ),
    (
        "POST /v3/connect/token",
        401,
        "/error_code",
        "is not of type \"string\"",
    ),
    (
        "POST /v3/connect/revoke",
        400,
        "/error_code",
        "is not of type \"string\"",
    ),
    // The messages list is `allOf` a base whose `data` is an object and a part whose `data` is an
    // array of messages, which nothing can satisfy; the SDKs read an array (each item is checked).
    (
        "GET /v3/grants/{grant_id}/messages",
        200,
        "/data",
        "is not of type \"object\"",
    ),
];

/// Answers outside the API the spec describes: Nylas's own redirect target for the provider's
/// sign-in (the browser reaches it, never a client).
const NOT_API: &[&str] = &["/v3/connect/callback"];

/// Methods the official SDKs send that the spec leaves out, checked as the documented method:
/// the Node SDK's `connectors.update` sends PUT, the spec documents PATCH.
const SDK_METHODS: &[(&str, &str, &str)] = &[("PUT", "/v3/connectors/{provider}", "PATCH")];

pub struct NylasSpec {
    doc: Value,
    validators: Mutex<HashMap<String, Arc<Validator>>>,
}

impl NylasSpec {
    pub fn load() -> Result<Self, String> {
        let path = spec_path();
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let doc: Value = serde_norway::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Self {
            doc,
            validators: Mutex::default(),
        })
    }

    /// The spec's path template for a concrete path: literal segments beat parameters.
    pub fn template(&self, path: &str) -> Option<String> {
        let want: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let paths = self.doc["paths"].as_object()?;
        paths
            .keys()
            .filter_map(|t| {
                let segs: Vec<&str> = t.split('/').collect();
                if segs.len() != want.len() {
                    return None;
                }
                let mut literal = 0;
                for (s, w) in segs.iter().zip(&want) {
                    if s.starts_with('{') && s.ends_with('}') {
                        continue;
                    }
                    if s != w {
                        return None;
                    }
                    literal += 1;
                }
                Some((literal, t))
            })
            .max_by_key(|(literal, _)| *literal)
            .map(|(_, t)| t.clone())
    }

    /// Everything wrong with one answer (empty when it holds to the spec).
    pub fn check(&self, x: &Exchange) -> Vec<String> {
        let at = format!("{} {} → {}", x.method, x.path, x.status);
        let mut found = Vec::new();
        let mut say = |m: String| found.push(format!("{at}: {m}"));
        // A browser-facing redirect has no body to check; its status must still be documented.
        let redirect = (300..400).contains(&x.status);
        if !x.json && !redirect {
            say("the body is not JSON".into());
            return found;
        }
        if NOT_API.contains(&x.path.as_str()) {
            return found;
        }
        let op = self.template(&x.path).and_then(|t| {
            let method = SDK_METHODS
                .iter()
                .find(|(m, p, _)| *m == x.method && *p == t)
                .map_or(x.method.as_str(), |(_, _, documented)| documented);
            let op = self.doc["paths"][&t].get(method.to_ascii_lowercase()).cloned()?;
            Some((format!("{method} {t}"), op))
        });
        let oauth = x.path.starts_with("/v3/connect/token") || x.path.starts_with("/v3/connect/revoke");
        if x.status >= 400 && !oauth {
            for key in ["/request_id", "/error/type", "/error/message"] {
                if !x.body.pointer(key).is_some_and(Value::is_string) {
                    say(format!("an error answer needs a string at {key}"));
                }
            }
        } else if x.status < 300 && !oauth && !x.body["request_id"].is_string() {
            say("no request_id (the official SDKs read one from every answer)".into());
        }
        let Some((name, op)) = op else {
            if x.status < 400 {
                say("this operation is not in the spec".into());
            }
            return found;
        };
        let Some(schema) = self.response_schema(&op, x.status) else {
            say(format!("status {} is not documented for {name}", x.status));
            return found;
        };
        if redirect {
            return found;
        }
        let key = format!("{name} {}", x.status);
        let validator = match self.validator(&key, schema) {
            Ok(v) => v,
            Err(e) => {
                say(format!("the spec's schema does not compile: {e}"));
                return found;
            }
        };
        for e in validator.iter_errors(&x.body) {
            let pointer = e.instance_path().to_string();
            let text = e.to_string();
            let excused = SDK_OVER_SPEC
                .iter()
                .any(|(o, s, p, w)| *o == name && *s == x.status && *p == pointer && text.ends_with(w));
            if !excused {
                say(format!("{pointer}: {text}"));
            }
        }
        found
    }

    /// The JSON schema documented for `status` (exact, `4XX`, `default`, or for an error the
    /// spec's shared error response).
    fn response_schema(&self, op: &Value, status: u16) -> Option<Value> {
        let responses = &op["responses"];
        let class = format!("{}XX", status / 100);
        let shared = &self.doc["components"]["responses"];
        let response = [status.to_string().as_str(), class.as_str(), "default"]
            .iter()
            .find_map(|k| responses.get(*k))
            .cloned()
            .or_else(|| (status >= 400).then(|| shared.get(status.to_string()).unwrap_or(&shared["400"]).clone()))?;
        let response = match response.get("$ref").and_then(Value::as_str) {
            Some(r) => self.doc.pointer(r.trim_start_matches('#'))?.clone(),
            None => response,
        };
        match response.pointer("/content/application~1json/schema") {
            Some(s) => Some(s.clone()),
            // No JSON body documented: any JSON object will do.
            None => Some(json!({ "type": "object" })),
        }
    }

    fn validator(&self, key: &str, schema: Value) -> Result<Arc<Validator>, String> {
        let mut cache = self.validators.lock().map_err(|e| e.to_string())?;
        if let Some(v) = cache.get(key) {
            return Ok(v.clone());
        }
        // The response schema becomes the root document, with the spec's components beside it
        // so that `#/components/...` references resolve.
        let mut root = match schema {
            Value::Object(m) => Value::Object(m),
            other => json!({ "allOf": [other] }),
        };
        root["components"] = self.doc["components"].clone();
        let v = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&root)
            .map_err(|e| e.to_string())?;
        let v = Arc::new(v);
        cache.insert(key.to_string(), v.clone());
        Ok(v)
    }
}

/// Reads every JSON line the sandbox recorded under `dir` (`MAILBOX_CONNECT_RECORD_NYLAS`).
pub fn read_recorded(dir: &Path) -> Result<Vec<Exchange>, String> {
    let mut all = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).map_err(|e| e.to_string())?;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            all.push(serde_json::from_str(line).map_err(|e| format!("{}: {e}", entry.path().display()))?);
        }
    }
    Ok(all)
}

/// Checks all answers; returns the number of distinct operations seen and every finding.
pub fn check_all(spec: &NylasSpec, answers: &[Exchange]) -> (usize, Vec<String>) {
    let mut ops = std::collections::BTreeSet::new();
    let mut findings = Vec::new();
    for x in answers {
        ops.insert(format!(
            "{} {}",
            x.method,
            spec.template(&x.path).unwrap_or_else(|| x.path.clone())
        ));
        findings.extend(spec.check(x));
    }
    findings.sort();
    findings.dedup();
    (ops.len(), findings)
}
