//! Nylas data regions.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;

use crate::error::Result;
use crate::microsoft::cloud::parse_service_url;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(tag = "kind", content = "url", rename_all = "snake_case")]
#[ts(export)]
pub enum NylasRegion {
    #[default]
    Us,
    Eu,
    Custom(String),
}

impl NylasRegion {
    pub fn base_url(&self) -> Result<Url> {
        let raw = match self {
            NylasRegion::Us => "https://api.us.nylas.com",
            NylasRegion::Eu => "https://api.eu.nylas.com",
            NylasRegion::Custom(u) => u.as_str(),
        };
        parse_service_url(raw, "nylas_region", "Nylas API address")
    }
}
