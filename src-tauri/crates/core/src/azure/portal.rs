//! Where each checklist step is done in the Azure portal: App registrations, or once the client ID
//! is known, that app's own page (Authentication, API permissions, Certificates & secrets…).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

const PORTAL: &str = "https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps";

/// A page of the Azure portal a checklist step points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PortalPage {
    Registrations,
    Overview,
    Authentication,
    ApiPermissions,
    Certificates,
    Branding,
}

impl PortalPage {
    /// The page's address: the app's own blade when its client ID is known, else the list.
    pub fn url(self, client_id: &str) -> String {
        let blade = match self {
            PortalPage::Registrations => None,
            PortalPage::Overview => Some("Overview"),
            PortalPage::Authentication => Some("Authentication"),
            PortalPage::ApiPermissions => Some("CallAnAPI"),
            PortalPage::Certificates => Some("Credentials"),
            PortalPage::Branding => Some("Branding"),
        };
        let app = uuid_like(client_id);
        match (blade, app) {
            (Some(b), true) => format!("{PORTAL}/ApplicationMenuBlade/~/{b}/appId/{client_id}"),
            _ => format!("{PORTAL}/ApplicationsListBlade"),
        }
    }
}

fn uuid_like(s: &str) -> bool {
    s.len() == 36 && s.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apps_own_page_once_its_id_is_known() {
        let id = "3c9a7e52-1d4b-4f8e-9a61-5b2c8d7e4f10";
        assert!(PortalPage::Certificates
            .url(id)
            .ends_with("/ApplicationMenuBlade/~/Credentials/appId/3c9a7e52-1d4b-4f8e-9a61-5b2c8d7e4f10"));
        assert!(PortalPage::Certificates.url("").ends_with("/ApplicationsListBlade"));
        assert!(PortalPage::Registrations.url(id).ends_with("/ApplicationsListBlade"));
    }
}
