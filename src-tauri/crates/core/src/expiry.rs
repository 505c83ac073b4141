//! The client secret's expiry: parsed once from the form, stored as a `time::Date` (written to the
//! profile as `YYYY-MM-DD`), and the warning shown 30 days ahead.

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::Date;

use crate::error::{AppError, Result};
use crate::validate::shorten;

const YMD: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// Days before expiry when the wizard starts warning.
pub const WARN_DAYS: i64 = 30;

/// The recorded expiry: empty, or a real `YYYY-MM-DD` date.
pub fn parse(input: &str) -> Result<Option<Date>> {
    let raw = input.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    Date::parse(raw, YMD).map(Some).map_err(|_| {
        AppError::invalid(
            "secret_expires_on",
            format!("'{}' is not a date in the form YYYY-MM-DD.", shorten(raw)),
            "Copy the Expires date from Certificates & secrets, for example 2028-11-23, or leave it empty.",
        )
    })
}

/// Warns from [`WARN_DAYS`] days before the secret expires, and after.
pub fn warning(expires_on: Option<Date>, today: Date) -> Option<String> {
    let date = expires_on?;
    let days = (date - today).whole_days();
    if days < 0 {
        Some(format!("The client secret expired on {date}. Create a new one in Certificates & secrets and save it here; until then Nylas cannot refresh access."))
    } else if days <= WARN_DAYS {
        Some(format!("The client secret expires in {days} day(s), on {date}. Create a new one in Certificates & secrets before then."))
    } else {
        None
    }
}

/// Serde for `Option<Date>` as `"YYYY-MM-DD"`. An unreadable saved date reads as none (the
/// admin is asked again) instead of making the profile file unreadable.
pub mod ymd {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::{Date, YMD};

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d.and_then(|d| d.format(YMD).ok()) {
            Some(text) => s.serialize_str(&text),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let raw: Option<String> = Option::deserialize(d)?;
        Ok(raw.and_then(|r| Date::parse(r.trim(), YMD).ok()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn parses_once() {
        assert_eq!(parse(" 2028-11-23 ").unwrap(), Some(date!(2028 - 11 - 23)));
        assert_eq!(parse("").unwrap(), None);
        for bad in ["23/11/2028", "2028-02-30", "next year"] {
            assert_eq!(
                parse(bad).unwrap_err().field.as_deref(),
                Some("secret_expires_on"),
                "{bad}"
            );
        }
    }

    #[test]
    fn warnings() {
        let today = date!(2026 - 11 - 23);
        assert!(warning(Some(date!(2026 - 11 - 01)), today).unwrap().contains("expired"));
        assert!(warning(Some(date!(2026 - 12 - 10)), today).unwrap().contains("17 day"));
        assert_eq!(warning(Some(date!(2028 - 11 - 23)), today), None);
        assert_eq!(warning(None, today), None);
    }
}
