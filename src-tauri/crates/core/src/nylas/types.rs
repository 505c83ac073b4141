//! The parts of Nylas v3 objects Mailbox Connect reads.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Grant {
    pub id: String,
    pub provider: String,
    #[serde(default)]
    #[ts(optional)]
    pub email: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub grant_status: Option<String>,
    #[serde(default)]
    pub scope: Vec<String>,
    #[ts(type = "number")]
    pub created_at: i64,
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub updated_at: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Connector {
    pub provider: String,
    #[serde(default)]
    pub settings: serde_json::Value,
    #[serde(default)]
    pub scope: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct ApplicationInfo {
    #[serde(default)]
    #[ts(optional)]
    pub application_id: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub region: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub environment: Option<String>,
}

/// What ensuring the Microsoft connector did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ConnectorAction {
    Created,
    Updated,
    Unchanged,
}

#[derive(Debug, Deserialize)]
pub(crate) struct IdOnly {
    pub id: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct NamedId {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct CallbackUri {
    pub url: String,
}

/// An Exchange on-premises mailbox for the EWS connector.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct EwsAccount {
    pub email: String,
    pub username: String,
    #[ts(type = "string")]
    pub password: crate::sensitive::Sensitive<String>,
    /// Empty lets Nylas discover the server from the username.
    #[ts(optional)]
    pub host: Option<String>,
}

/// `POST /v3/connect/token`'s answer (no envelope).
#[derive(Debug, Clone, Deserialize)]
pub struct HostedToken {
    pub grant_id: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub id_token: Option<String>,
    #[serde(default)]
    pub provider: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Data<T> {
    pub data: T,
}
