//! The one region type: where the Nylas application lives (US, EU, or a custom API address such
//! as the demo tenant's). The Azure checklist derives its Nylas hosts from it too.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;

use crate::error::Result;
use crate::microsoft::cloud::parse_service_url;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(tag = "kind", content = "url", rename_all = "snake_case")]
#[ts(export)]
pub enum Region {
    #[default]
    Us,
    Eu,
    Custom(String),
}

impl Region {
    pub fn base_url(&self) -> Result<Url> {
        let raw = match self {
            Region::Us => "https://api.us.nylas.com",
            Region::Eu => "https://api.eu.nylas.com",
            Region::Custom(u) => u.as_str(),
        };
        parse_service_url(raw, "nylas_region", "Nylas API address")
    }

    /// The label in Nylas's public host names (`api.us.nylas.com`); a custom address counts as US.
    pub fn host_label(&self) -> &'static str {
        match self {
            Region::Eu => "eu",
            Region::Us | Region::Custom(_) => "us",
        }
    }
}
