//! The review every screen gets, in the light and the dark theme: a screenshot, axe-core's
//! WCAG audit, and a check that its words are plain (technical terms only as secondary text).

use super::page::Page;
use super::{artifacts, Screen};

/// Words a non-technical admin should not have to read. Allowed inside `code`, `pre`, `kbd` and
/// `.tech` (the secondary line kept for support staff), and in the portal's own labels.
const JARGON: &[&str] = &[
    r"\bloopback\b",
    r"\bPKCE\b",
    r"\bOAuth\b",
    r"\bcallback\b",
    r"\btokens?\b",
    r"\bcustom auth\b",
    r"\bhosted auth\b",
    r"\bnative auth\b",
    r"\bimplicit[- ]grant\b",
    r"\bre-?authenticat",
    r"\bEWS\b",
    r"\bon-prem\b",
    r"\bbulk\b",
    r"\bGUID\b",
    r"\bscopes?\b",
    r"\bendpoints?\b",
    r"\bledger\b",
];

/// Where the review's screenshots go; `screens_check` reads them back.
pub fn screens_dir() -> std::path::PathBuf {
    let d = artifacts().join("screens");
    std::fs::create_dir_all(&d).unwrap();
    d
}

impl Page {
    /// Reviews the current screen in both themes; `name` tells this state of it apart.
    pub async fn review(&self, name: &str) {
        let screen = self.screen().await.unwrap_or_else(|| "none".into());
        assert!(
            Screen::all().iter().any(|s| s.attr() == screen),
            "{name}: unknown screen {screen}"
        );
        self.check_plain_words(name).await;
        for theme in ["light", "dark"] {
            self.execute(
                "document.documentElement.style.colorScheme = arguments[0];",
                vec![theme.into()],
            )
            .await
            .unwrap();
            let file = screens_dir().join(format!("{screen}--{name}.{theme}.png"));
            self.shot_to(&file).await;
            self.audit_a11y(&format!("{name} ({theme})")).await;
        }
        self.execute("document.documentElement.style.colorScheme = '';", vec![])
            .await
            .unwrap();
    }

    /// Fails on any jargon in the screen's visible text outside technical elements.
    async fn check_plain_words(&self, name: &str) {
        let found = self
            .execute(
                "const skip = 'code, pre, kbd, .tech, script, style, [hidden]';
                 const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                 const words = [];
                 while (walk.nextNode()) if (!walk.currentNode.parentElement.closest(skip)) words.push(walk.currentNode.data);
                 const text = words.join(' ').replace(/\\s+/g, ' ');
                 const found = t => arguments[0].flatMap(p => (t.match(new RegExp('.{0,30}' + p + '.{0,30}', 'gi')) || []));
                 if (found('Sign in through the loopback').length !== 1) return ['the check misses a planted word'];
                 return found(text);",
                vec![serde_json::json!(JARGON)],
            )
            .await
            .unwrap();
        let found: Vec<String> = serde_json::from_value(found).unwrap();
        assert!(found.is_empty(), "jargon on {name}: {found:#?}");
    }
}
