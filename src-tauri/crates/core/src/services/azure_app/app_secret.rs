//! A new client secret through `addPassword`: Graph makes the value and shows it once.

use serde_json::json;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::create::{str_field, SECRET_NAME};
use crate::error::{AppError, ErrorCode, Result};
use crate::graph::Graph;
use crate::sensitive::Sensitive;

pub(super) struct AddedSecret {
    pub value: Sensitive<String>,
    pub key_id: String,
    pub expires_on: time::Date,
}

/// `addPassword` for `months`; the value is shown once, in this answer.
pub(super) async fn add_password(g: &Graph, object_id: &str, months: u8) -> Result<AddedSecret> {
    let end = OffsetDateTime::now_utc() + time::Duration::days(i64::from(months) * 365 / 12);
    let end = end.format(&Rfc3339).map_err(|e| AppError::internal(e.to_string()))?;
    let body = json!({ "passwordCredential": { "displayName": SECRET_NAME, "endDateTime": end } });
    let pw = g.post(&format!("applications/{object_id}/addPassword"), body).await?;
    let value = Sensitive::new(str_field(&pw, "secretText")?);
    let expires_on = OffsetDateTime::parse(&str_field(&pw, "endDateTime")?, &Rfc3339)
        .map_err(|e| {
            AppError::new(
                ErrorCode::Graph,
                "Microsoft Graph gave the secret an unreadable expiry.",
            )
            .with_detail(e.to_string())
        })?
        .date();
    Ok(AddedSecret {
        value,
        key_id: str_field(&pw, "keyId")?,
        expires_on,
    })
}
