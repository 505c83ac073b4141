//! The client secret's expiry: parsed once from the form, stored as a `time::Date` (written to the
//! profile as `YYYY-MM-DD`), and the warning shown 30 days ahead.

use serde::Serialize;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{Date, Month};
use ts_rs::TS;

use crate::error::{AppError, Result};
use crate::validate::shorten;

const YMD: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");
const WORDS: &[BorrowedFormatItem<'static>] =
    format_description!("[weekday repr:long] [day padding:none] [month repr:long] [year]");

/// One way to read a typed expiry: the date, in words, and how far away it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExpiryDate {
    /// `YYYY-MM-DD`, what is saved.
    pub iso: String,
    /// "Saturday 22 May 2027".
    pub words: String,
    /// "in 18 months", "in 12 days", "3 days ago".
    pub from_now: String,
}

/// What an expiry as typed can mean: no date, one, or two when day and month could be swapped
/// (the portal shows dates in the browser's format, 5/6/2027 in one country is 6/5/2027 in
/// another). Never a silent guess: two readings are both offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExpiryReading {
    pub dates: Vec<ExpiryDate>,
    /// Why nothing could be read.
    #[ts(optional)]
    pub problem: Option<String>,
}

/// Reads an expiry as the Azure portal may show it: `2027-05-22`, `5/22/2027`, `22/05/2027`,
/// `22.05.2027`, `22 May 2027` or `May 22, 2027`.
pub fn read(input: &str, today: Date) -> ExpiryReading {
    let raw = input.trim();
    let mut dates: Vec<Date> = candidates(raw);
    dates.dedup();
    let problem = match (raw.is_empty(), dates.is_empty()) {
        (true, _) => None,
        (false, true) => Some(format!(
            "'{}' is not a date Mailbox Connect can read. Type it as shown in Certificates & secrets, for example 5/22/2027 or 2027-05-22.",
            shorten(raw)
        )),
        _ => None,
    };
    ExpiryReading {
        dates: dates.into_iter().map(|d| described(d, today)).collect(),
        problem,
    }
}

/// [`read`], counting from today (UTC).
pub fn read_today(input: &str) -> ExpiryReading {
    read(input, time::OffsetDateTime::now_utc().date())
}

fn candidates(raw: &str) -> Vec<Date> {
    if let Ok(d) = Date::parse(raw, YMD) {
        return vec![d];
    }
    let numbers: Vec<&str> = raw.split(['/', '.']).map(str::trim).collect();
    if let [a, b, y] = numbers.as_slice() {
        let (Ok(a), Ok(b), Ok(y)) = (a.parse::<u8>(), b.parse::<u8>(), y.parse::<i32>()) else {
            return vec![];
        };
        if !(2000..=2200).contains(&y) {
            return vec![];
        }
        let ymd = |m: u8, d: u8| {
            Month::try_from(m)
                .ok()
                .and_then(|m| Date::from_calendar_date(y, m, d).ok())
        };
        // Dots are day first (22.05.2027); slashes may be either way round.
        let day_first = ymd(b, a);
        if raw.contains('.') {
            return day_first.into_iter().collect();
        }
        return ymd(a, b).into_iter().chain(day_first).collect();
    }
    by_month_name(raw).into_iter().collect()
}

/// `22 May 2027`, `May 22, 2027`, `22-May-2027` (English month names, any case, 3+ letters).
fn by_month_name(raw: &str) -> Option<Date> {
    let words: Vec<&str> = raw.split([' ', ',', '-']).filter(|w| !w.is_empty()).collect();
    let [a, b, y] = words.as_slice() else {
        return None;
    };
    let year: i32 = y.parse().ok()?;
    let (day, name) = match (a.parse::<u8>(), b.parse::<u8>()) {
        (Ok(d), _) => (d, *b),
        (_, Ok(d)) => (d, *a),
        _ => return None,
    };
    let month = (1..=12u8).filter_map(|m| Month::try_from(m).ok()).find(|m| {
        let full = m.to_string().to_ascii_lowercase();
        let n = name.trim_end_matches('.').to_ascii_lowercase();
        n.len() >= 3 && full.starts_with(&n)
    })?;
    Date::from_calendar_date(year, month, day).ok()
}

fn described(d: Date, today: Date) -> ExpiryDate {
    let days = (d - today).whole_days();
    let span = match days.abs() {
        0 => String::new(),
        n if n < 60 => format!("{n} day{}", if n == 1 { "" } else { "s" }),
        n => format!("{} months", (n as f64 / 30.44).round() as i64),
    };
    ExpiryDate {
        iso: d.format(YMD).unwrap_or_default(),
        words: d.format(WORDS).unwrap_or_default(),
        from_now: match days {
            0 => "today".into(),
            n if n > 0 => format!("in {span}"),
            _ => format!("{span} ago"),
        },
    }
}

/// Days before expiry when the wizard starts warning.
pub const WARN_DAYS: i64 = 30;

/// 24 months (Azure's longest secret; 731 days across a leap day) and a day of slack.
const MAX_DAYS_AHEAD: i64 = 732;

/// [`parse_on`], counting from today (UTC).
pub fn parse(input: &str) -> Result<Option<Date>> {
    parse_on(input, time::OffsetDateTime::now_utc().date())
}

/// The recorded expiry: empty, or one date as [`read`] reads it, from today to 24 months ahead.
/// A date that could be read two ways is refused with both readings named, never guessed.
pub fn parse_on(input: &str, today: Date) -> Result<Option<Date>> {
    let raw = input.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let date = match candidates(raw).as_slice() {
        [one] => *one,
        [a, b] if a == b => *a,
        [a, b] => return Err(AppError::invalid(
            "secret_expires_on",
            format!("'{}' could be {} or {}.", shorten(raw), a.format(WORDS).unwrap_or_default(), b.format(WORDS).unwrap_or_default()),
            "Choose which one Certificates & secrets means, or type it as YYYY-MM-DD.",
        )),
        _ => return Err(AppError::invalid(
            "secret_expires_on",
            format!("'{}' is not a date Mailbox Connect can read.", shorten(raw)),
            "Type the Expires date shown in Certificates & secrets, for example 5/22/2027 or 2027-05-22, or leave it empty.",
        )),
    };
    let words = date.format(WORDS).unwrap_or_default();
    let days = (date - today).whole_days();
    if days < 0 {
        return Err(AppError::invalid(
            "secret_expires_on",
            format!("That secret expired on {words}, so Microsoft no longer accepts it."),
            "In Certificates & secrets, add a new client secret, then paste its Value and its Expires date here.",
        ));
    }
    if days > MAX_DAYS_AHEAD {
        return Err(AppError::invalid(
            "secret_expires_on",
            format!("{words} is more than 24 months away, and Azure lets a client secret last 24 months at most."),
            "Check the Expires date in Certificates & secrets (day and month may be swapped), or choose the duration you picked when you added the secret.",
        ));
    }
    Ok(Some(date))
}

/// Warns from [`WARN_DAYS`] days before the secret expires, and after.
pub fn warning(expires_on: Option<Date>, today: Date) -> Option<String> {
    let date = expires_on?;
    let days = (date - today).whole_days();
    if days < 0 {
        Some(format!(
            "The client secret expired on {date}. Replace it: until then Nylas cannot refresh access."
        ))
    } else if days <= WARN_DAYS {
        Some(format!(
            "The client secret expires in {days} day(s), on {date}. Replace it before then."
        ))
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
    fn reads_the_portals_formats_and_never_guesses() {
        let today = date!(2026 - 11 - 23);
        let one = |t: &str| {
            let r = read(t, today);
            assert_eq!(r.dates.len(), 1, "{t}: {r:?}");
            r.dates[0].clone()
        };
        let may22 = one("5/22/2027");
        assert_eq!(
            (may22.iso.as_str(), may22.words.as_str()),
            ("2027-05-22", "Saturday 22 May 2027")
        );
        assert_eq!(may22.from_now, "in 6 months");
        for same in [
            "22/05/2027",
            "22.05.2027",
            "22 May 2027",
            "May 22, 2027",
            "2027-05-22",
            "22-may-2027",
        ] {
            assert_eq!(one(same).iso, "2027-05-22", "{same}");
        }
        assert_eq!(one("12/13/2026").from_now, "in 20 days");
        // Day and month could swap: both readings, the admin chooses.
        let both = read("5/6/2027", today);
        let isos: Vec<&str> = both.dates.iter().map(|d| d.iso.as_str()).collect();
        assert_eq!(isos, ["2027-05-06", "2027-06-05"]);
        assert!(parse_on("5/6/2027", today).unwrap_err().message.contains("could be"));
        assert_eq!(read("6/6/2027", today).dates.len(), 1);
        assert!(read("next year", today).problem.is_some());
        let empty = read("", today);
        assert!(empty.dates.is_empty() && empty.problem.is_none());
    }

    #[test]
    fn parses_once() {
        let today = date!(2026 - 11 - 23);
        assert_eq!(parse_on(" 2028-11-23 ", today).unwrap(), Some(date!(2028 - 11 - 23)));
        assert_eq!(parse_on("5/22/2027", today).unwrap(), Some(date!(2027 - 05 - 22)));
        assert_eq!(parse_on("", today).unwrap(), None);
        for bad in ["5/6/2027", "2028-02-30", "next year"] {
            assert_eq!(
                parse_on(bad, today).unwrap_err().field.as_deref(),
                Some("secret_expires_on"),
                "{bad}"
            );
        }
    }

    #[test]
    fn an_expiry_in_the_past_or_beyond_24_months_is_refused() {
        let today = date!(2026 - 11 - 23);
        assert_eq!(parse_on("2026-11-23", today).unwrap(), Some(today));
        let past = parse_on("12/31/2023", today).unwrap_err();
        assert_eq!(past.field.as_deref(), Some("secret_expires_on"));
        assert!(past.message.contains("expired on Sunday 31 December 2023"), "{past:?}");
        for (typed, ok) in [("2026-11-22", false), ("2028-11-24", true), ("2028-11-25", false)] {
            assert_eq!(parse_on(typed, today).is_ok(), ok, "{typed}");
        }
        let far = parse_on("12/23/2029", today).unwrap_err();
        assert!(far.message.contains("24 months at most"), "{far:?}");
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
