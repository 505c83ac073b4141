//! Wizard steps and the state the UI renders.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checklist::Checklist;
use crate::profile::Profile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WizardStep {
    Welcome,
    Checklist,
    Credentials,
    Nylas,
    Consent,
    Result,
}

impl WizardStep {
    /// Steps a profile may open, given what it has saved (no skipping past missing input).
    pub fn allowed(self, p: &Profile) -> bool {
        match self {
            WizardStep::Welcome | WizardStep::Checklist | WizardStep::Credentials => true,
            WizardStep::Nylas => p.secret_saved,
            WizardStep::Consent => p.secret_saved && p.api_key_saved,
            WizardStep::Result => p.last_result.is_some(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct WizardState {
    pub profile: Profile,
    pub checklist: Checklist,
    /// A warning when the recorded client secret expiry is near or past.
    #[ts(optional)]
    pub secret_warning: Option<String>,
    /// Whether secrets go to the OS keychain (false only for demo credentials without one).
    pub keychain: bool,
    /// In the demo tenant: sample values for each path.
    #[ts(optional)]
    pub demo: Option<crate::engine::DemoSamples>,
}

/// Warns 30 days before the secret expires, and after.
pub fn secret_warning(expires_on: Option<&str>, today: time::Date) -> Option<String> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(expires_on?, fmt).ok()?;
    let days = (date - today).whole_days();
    if days < 0 {
        Some(format!("The client secret expired on {expires_on}. Create a new one in Certificates & secrets and save it here; until then Nylas cannot refresh access.", expires_on = date))
    } else if days <= 30 {
        Some(format!("The client secret expires in {days} day(s), on {date}. Create a new one in Certificates & secrets before then."))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn secret_expiry_warnings() {
        let today = date!(2026 - 11 - 23);
        assert!(secret_warning(Some("2026-11-01"), today).unwrap().contains("expired"));
        assert!(secret_warning(Some("2026-12-10"), today).unwrap().contains("17 day"));
        assert_eq!(secret_warning(Some("2028-11-23"), today), None);
        assert_eq!(secret_warning(None, today), None);
    }
}
