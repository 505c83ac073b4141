//! The wizard's state machine: its steps, the events that move it, and the one place a step
//! changes ([`advance`]). A move the profile is not ready for is rejected here, and only here.

use serde::Serialize;
use ts_rs::TS;

pub use super::step::WizardStep;
use super::Profile;
use crate::azure::checklist::Checklist;
use crate::demo::DemoSamples;
use crate::error::{AppError, ErrorCode, Result};

/// What happened, as far as the wizard is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The admin chose how to start (their organization or the demo), or made a new profile.
    Began,
    /// The admin asked to open a step (Back, Continue, a tab, re-authentication).
    Open(WizardStep),
    /// The Azure app's client ID and secret were checked and saved.
    AzureAppSaved,
    /// The Nylas API key was checked and saved.
    NylasSaved,
    /// A mailbox was connected and its result recorded on the profile.
    Connected,
}

impl WizardStep {
    /// Whether a profile has what this step needs (no skipping past missing input).
    pub fn ready(self, p: &Profile) -> bool {
        match self {
            WizardStep::Welcome | WizardStep::Checklist | WizardStep::Credentials => true,
            WizardStep::Nylas => p.secret_saved,
            WizardStep::Consent => p.secret_saved && p.api_key_saved,
            WizardStep::Result => p.last_result.is_some(),
        }
    }
}

/// The step `event` leads to from the profile's current step.
pub fn next(p: &Profile, event: Event) -> Result<WizardStep> {
    let to = match event {
        Event::Began if p.step == WizardStep::Welcome => WizardStep::Checklist,
        Event::Began => p.step,
        Event::Open(step) => step,
        Event::AzureAppSaved => WizardStep::Nylas,
        Event::NylasSaved => WizardStep::Consent,
        Event::Connected => WizardStep::Result,
    };
    if to.ready(p) {
        Ok(to)
    } else {
        Err(
            AppError::new(ErrorCode::InvalidInput, "That step needs the earlier steps first.")
                .with_fix("Complete the current step, then continue."),
        )
    }
}

/// Moves the profile's wizard for `event`, or says why it cannot move.
pub fn advance(p: &mut Profile, event: Event) -> Result<()> {
    p.step = next(p, event)?;
    Ok(())
}

/// The wizard as the UI renders it.
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
    pub demo: Option<DemoSamples>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_move_is_checked_in_one_place() {
        let mut p = Profile::new("p", "P", false);
        advance(&mut p, Event::Began).unwrap();
        assert_eq!(p.step, WizardStep::Checklist);
        assert!(advance(&mut p, Event::Open(WizardStep::Consent)).is_err());
        assert!(advance(&mut p, Event::AzureAppSaved).is_err(), "nothing was saved");
        p.secret_saved = true;
        advance(&mut p, Event::AzureAppSaved).unwrap();
        assert_eq!(p.step, WizardStep::Nylas);
        assert!(advance(&mut p, Event::Connected).is_err(), "no result yet");
        p.api_key_saved = true;
        advance(&mut p, Event::NylasSaved).unwrap();
        advance(&mut p, Event::Open(WizardStep::Credentials)).unwrap();
        advance(&mut p, Event::Began).unwrap();
        assert_eq!(p.step, WizardStep::Credentials, "beginning again keeps the place");
    }
}
