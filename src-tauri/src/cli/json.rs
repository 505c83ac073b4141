//! JSON on the terminal, for scripts: one document per command.

/// One line of JSON (serializing the core's own types cannot fail; `null` if it ever did).
pub fn as_json(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}
