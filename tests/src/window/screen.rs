//! The app's screens as the window tests name them: each is a `<section data-step="…">` in the UI,
//! and the list matches the window's one list of screens (`ui/src/routes.ts`).

use mailbox_connect_core::profile::wizard::WizardStep;

/// A screen of the app: a wizard step or one of the tabs beside the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Step(WizardStep),
    Mailboxes,
    Admin,
    AzureApp,
    Ews,
    Migration,
    Support,
    Profiles,
    About,
}

pub const WELCOME: Screen = Screen::Step(WizardStep::Welcome);
pub const CHECKLIST: Screen = Screen::Step(WizardStep::Checklist);
pub const CREDENTIALS: Screen = Screen::Step(WizardStep::Credentials);
pub const NYLAS: Screen = Screen::Step(WizardStep::Nylas);
pub const CONSENT: Screen = Screen::Step(WizardStep::Consent);
pub const RESULT: Screen = Screen::Step(WizardStep::Result);

impl Screen {
    /// Every screen the window has.
    pub fn all() -> Vec<Screen> {
        let steps = [WELCOME, CHECKLIST, CREDENTIALS, NYLAS, CONSENT, RESULT];
        let tools = [
            Screen::Mailboxes,
            Screen::Admin,
            Screen::AzureApp,
            Screen::Ews,
            Screen::Migration,
            Screen::Support,
            Screen::Profiles,
            Screen::About,
        ];
        steps.into_iter().chain(tools).collect()
    }

    /// The value of the screen's `data-step` attribute. A wizard step is named as the core names
    /// it (its serde name), so the UI, the core and these tests agree on one spelling.
    pub fn attr(self) -> String {
        match self {
            Screen::Step(step) => serde_json::to_value(step)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            Screen::Mailboxes => "mailboxes".into(),
            Screen::Admin => "admin".into(),
            Screen::AzureApp => "azure-app".into(),
            Screen::Ews => "ews".into(),
            Screen::Migration => "migration".into(),
            Screen::Support => "support".into(),
            Screen::Profiles => "profiles".into(),
            Screen::About => "about".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wizard_steps_are_named_as_the_core_names_them() {
        assert_eq!(WELCOME.attr(), "welcome");
        assert_eq!(CREDENTIALS.attr(), "credentials");
        assert_eq!(RESULT.attr(), "result");
        assert_eq!(Screen::Ews.attr(), "ews");
    }

    /// The screens `ui/src/routes.ts` lists (its `step:` entries, then its `tab:` entries but
    /// the wizard's own), in order, are exactly these.
    #[test]
    fn the_screens_are_the_ones_routes_ts_lists() {
        let routes = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/routes.ts")).unwrap();
        let named = |key: &str| -> Vec<String> {
            routes
                .lines()
                .filter_map(|l| l.trim().strip_prefix(&format!("{{ {key}: \"")))
                .filter_map(|rest| rest.split('"').next().map(str::to_string))
                .collect()
        };
        let listed: Vec<String> = named("step")
            .into_iter()
            .chain(named("tab").into_iter().filter(|t| t != "wizard"))
            .collect();
        let ours: Vec<String> = Screen::all().into_iter().map(Screen::attr).collect();
        assert_eq!(listed, ours);
    }
}
