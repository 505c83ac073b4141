//! Client secrets through Graph: `addPassword` (Graph makes the value and shows it once), kept
//! in the keychain before anything else, and `removePassword`.

use serde_json::json;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::AzureApp;
use crate::error::{AppError, ErrorCode, Result};
use crate::graph::models::PasswordCredential;
use crate::graph::Graph;
use crate::profile::Profile;
use crate::secrets::SecretKind;
use crate::sensitive::Sensitive;

/// The name every secret this app adds carries in the portal's "Certificates & secrets".
pub(super) const SECRET_NAME: &str = "Mailbox Connect";

/// The error for a field Graph left out of its answer.
fn lacks(name: &str) -> AppError {
    AppError::new(ErrorCode::Graph, format!("Microsoft Graph's answer lacks {name}."))
        .with_fix("Try again; it continues where it stopped.")
}

/// How long a new secret lasts: 24 months unless the admin chose 1 to 24.
pub(super) fn secret_months(asked: Option<u8>) -> Result<u8> {
    let months = asked.unwrap_or(24);
    if (1..=24).contains(&months) {
        Ok(months)
    } else {
        Err(AppError::invalid(
            "secret_months",
            "A client secret can last from 1 to 24 months.",
            "Choose a number of months from 1 to 24.",
        ))
    }
}

impl AzureApp {
    /// A new secret for the app: its value into the keychain first, then its expiry (from Graph's
    /// answer) and ID onto the profile. Returns the updated profile and the secret.
    pub(super) async fn new_secret(
        &self,
        g: &Graph,
        p: &Profile,
        object_id: &str,
        months: u8,
    ) -> Result<(Profile, AddedSecret)> {
        let added = add_password(g, object_id, months).await?;
        self.vault.keep(p, SecretKind::AzureClientSecret, &added.value).await?;
        let p = self.profiles.update(|p| {
            p.secret_saved = true;
            p.secret_expires_on = Some(added.expires_on);
            if let Some(c) = p.created_app.as_mut() {
                c.secret_key_id = Some(added.key_id.clone());
            }
            Ok(())
        })?;
        Ok((p, added))
    }
}

pub(super) async fn remove_password(g: &Graph, object_id: &str, key_id: &str) -> Result<()> {
    g.post_only(
        &format!("applications/{object_id}/removePassword"),
        json!({ "keyId": key_id }),
    )
    .await?;
    Ok(())
}

pub(super) struct AddedSecret {
    pub value: Sensitive<String>,
    pub key_id: String,
    pub expires_on: time::Date,
}

/// `addPassword` for `months`; the value is shown once, in this answer.
async fn add_password(g: &Graph, object_id: &str, months: u8) -> Result<AddedSecret> {
    let end = OffsetDateTime::now_utc() + time::Duration::days(i64::from(months) * 365 / 12);
    let end = end.format(&Rfc3339).map_err(|e| AppError::internal(e.to_string()))?;
    let body = json!({ "passwordCredential": { "displayName": SECRET_NAME, "endDateTime": end } });
    let pw: PasswordCredential = g.post(&format!("applications/{object_id}/addPassword"), body).await?;
    let value = pw.secret_text.ok_or_else(|| lacks("secretText"))?;
    let end = pw.end_date_time.ok_or_else(|| lacks("endDateTime"))?;
    let expires_on = OffsetDateTime::parse(&end, &Rfc3339)
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
        key_id: pw.key_id,
        expires_on,
    })
}
