//! One recorded answer of the Nylas API, as the recording layer keeps it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One answer of the Nylas API: what was asked (method, path without query) and what came back.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Exchange {
    pub method: String,
    pub path: String,
    pub status: u16,
    /// The JSON body (`null` when it was empty or not JSON).
    pub body: Value,
    /// Whether the body was JSON (an empty or non-JSON body is then a finding).
    pub json: bool,
}
