//! What the About screen says: the version and the commit it was built from, the licence, where
//! the settings and the logs are, and the two sites an administrator uses beside the app.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The licence the packages carry (Debian's copyright format), read for its text.
const COPYRIGHT_FILE: &str = include_str!("../../../packaging/copyright");

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct About {
    pub version: String,
    /// The commit the build was made from (12 hex digits), or "unknown".
    pub commit: String,
    /// The licence's short name, as the packages declare it ("MIT").
    pub licence: String,
    pub copyright: String,
    pub licence_text: String,
    pub settings_folder: String,
    /// `None` where the system has no folder for logs.
    pub log_folder: Option<String>,
}

/// A folder the About screen shows in the file manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Folder {
    Settings,
    Logs,
}

/// A site opened in the system browser from the About screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Site {
    /// Microsoft Entra admin center: app registrations, consent, users.
    EntraAdminCenter,
    /// The Nylas dashboard: API keys, connectors, grants.
    NylasDashboard,
}

impl Site {
    pub fn url(self) -> &'static str {
        match self {
            Site::EntraAdminCenter => "https://entra.microsoft.com/",
            Site::NylasDashboard => "https://dashboard-v3.nylas.com/",
        }
    }
}

/// The licence's name, its copyright line and its text, read from the packages' copyright file.
pub fn licence() -> (String, String, String) {
    let field = |name: &str| {
        COPYRIGHT_FILE
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    // The text follows the `License:` line, one space in; a lone "." is an empty line.
    let text: Vec<&str> = COPYRIGHT_FILE
        .lines()
        .skip_while(|l| !l.starts_with("License:"))
        .skip(1)
        .take_while(|l| l.starts_with(' '))
        .map(|l| if l.trim() == "." { "" } else { &l[1..] })
        .collect();
    (field("License:"), format!("© {}", field("Copyright:")), text.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_licence_is_read_whole_from_the_packages_copyright_file() {
        let (name, copyright, text) = licence();
        assert_eq!(name, "MIT");
        assert_eq!(copyright, "© 2026 Mailbox Connect contributors");
        assert!(
            text.starts_with("Permission is hereby granted, free of charge"),
            "{text}"
        );
        assert!(text.contains("\n\nThe above copyright notice"), "{text}");
        assert!(text.trim_end().ends_with("SOFTWARE."), "{text}");
    }

    #[test]
    fn the_sites_are_the_portals_own_addresses() {
        assert!(Site::EntraAdminCenter.url().starts_with("https://entra.microsoft.com"));
        assert!(Site::NylasDashboard.url().starts_with("https://dashboard-v3.nylas.com"));
    }
}
