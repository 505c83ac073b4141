//! Drives the real app window (tauri-driver + WebKitWebDriver under Xvfb) through the demo flow,
//! with headless Chromium as the system browser pressing Cancel, then Accept, on the sandbox's
//! consent page. Bad input on the way must give specific messages and lose nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use mailbox_connect_e2e::drivers::{self, app_caps, chromium_caps};
use serde_json::json;

const WAIT: Duration = Duration::from_secs(30);

fn app_binary() -> PathBuf {
    let p = std::env::var_os("MAILBOX_CONNECT_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/mailbox-connect"));
    assert!(
        p.is_file(),
        "app binary {} missing: build it with `make app` (custom-protocol feature)",
        p.display()
    );
    p
}

fn artifacts() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-artifacts");
    std::fs::create_dir_all(&d).unwrap();
    d
}

async fn shot(c: &Client, name: &str) {
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(artifacts().join(format!("{name}.png")), png);
    }
}

/// Every regular file under `dir` (small enough to read).
fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect_files(&p, out),
            Ok(t) if t.is_file() && entry.metadata().is_ok_and(|m| m.len() < 8 << 20) => out.push(p),
            _ => {}
        }
    }
}

/// Waits for the element with this id to appear. A lookup that lands while the page navigates
/// (a form posting to the loopback listener) is answered "aborted by navigation": asked again.
async fn element(c: &Client, id: &str) -> Element {
    let deadline = Instant::now() + WAIT;
    let found = loop {
        match c.find(Locator::Id(id)).await {
            Ok(el) => break Ok(el),
            Err(e) if Instant::now() >= deadline => break Err(e),
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    };
    match found {
        Ok(el) => el,
        Err(e) => {
            // Say what the screen shows instead: the error box, or the current step.
            shot(c, &format!("failed-waiting-for-{id}")).await;
            let mut seen = String::new();
            for probe in ["error", "step-heading"] {
                if let Ok(el) = c.find(Locator::Id(probe)).await {
                    seen.push_str(&format!(" #{probe}: {:?}", el.text().await.unwrap_or_default()));
                }
            }
            let busy = c
                .execute("return document.querySelector('main')?.ariaBusy", vec![])
                .await;
            seen.push_str(&format!(" busy: {:?}", busy.unwrap_or_default()));
            panic!("#{id}: {e};{seen}")
        }
    }
}

async fn text_of(c: &Client, id: &str) -> String {
    element(c, id).await.text().await.unwrap()
}

/// Waits until the current step's heading reads `expected` (the step has changed).
async fn wait_heading(c: &Client, expected: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let now = match c.find(Locator::Id("step-heading")).await {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if now.contains(expected) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "expected step '{expected}', still on '{now}'"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn click(c: &Client, id: &str) {
    let el = element(c, id).await;
    // A button is disabled while the previous action is still running.
    let deadline = Instant::now() + WAIT;
    while !el.is_enabled().await.unwrap_or(false) {
        assert!(Instant::now() < deadline, "#{id} stayed disabled");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    el.click().await.unwrap_or_else(|e| panic!("click #{id}: {e}"));
}

/// Empties a field the way a user selecting all and deleting would, then types `value`, and waits
/// until the field holds it. Key events are delivered asynchronously and, on a loaded machine, one
/// can be lost: then the field is cleared and typed again, as a person would.
async fn type_into(c: &Client, id: &str, value: &str) {
    let el = element(c, id).await;
    for _attempt in 0..3 {
        c.execute(
            "const e=document.getElementById(arguments[0]);const s=Object.getOwnPropertyDescriptor(HTMLInputElement.prototype,'value').set;s.call(e,'');e.dispatchEvent(new Event('input',{bubbles:true}));",
            vec![json!(id)],
        )
        .await
        .unwrap();
        if !value.is_empty() {
            el.send_keys(value).await.unwrap();
        }
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if value_of(c, id).await == value {
                // Let the UI see the last key before the next action.
                tokio::time::sleep(Duration::from_millis(100)).await;
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    panic!(
        "#{id} never held the typed value (it holds {:?})",
        value_of(c, id).await
    );
}

async fn value_of(c: &Client, id: &str) -> String {
    c.execute("return document.getElementById(arguments[0]).value", vec![json!(id)])
        .await
        .unwrap()
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// Runs axe-core (WCAG 2.1 A and AA rules) on the current screen and fails on any violation.
async fn audit_a11y(c: &Client, screen: &str) {
    let axe = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(&axe)
        .unwrap_or_else(|e| panic!("{}: {e} (run `make test`, which installs it)", axe.display()));
    c.execute(&format!("{source}\nreturn typeof axe;"), vec![])
        .await
        .unwrap();
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
               .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))))
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    let violations: Vec<String> = serde_json::from_value(found).unwrap();
    assert!(
        violations.is_empty(),
        "accessibility violations on {screen}: {violations:#?}"
    );
    // The audit itself must work: a planted unlabelled image is caught.
    let planted = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const probe = document.createElement('div');
             probe.innerHTML = '<img src=\"data:,\">';
             document.body.appendChild(probe);
             axe.run(probe, { runOnly: { type: 'rule', values: ['image-alt'] } })
               .then(r => { probe.remove(); done(r.violations.length); })
               .catch(e => { probe.remove(); done(-1); });",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        planted,
        serde_json::json!(1),
        "axe did not catch a planted violation on {screen}"
    );
}

/// Waits until the app has asked the system browser to open a new URL.
async fn next_opened_url(file: &Path, seen: usize) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let lines: Vec<String> = std::fs::read_to_string(file)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect();
        if lines.len() > seen {
            return lines[seen].clone();
        }
        assert!(Instant::now() < deadline, "the app never opened the browser");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The system browser: loads the consent page, presses a button, returns the final page's verdict.
async fn browser_consents(chrome: &Client, url: &str, button: &str) -> String {
    chrome.goto(url).await.unwrap();
    click(chrome, button).await;
    element(chrome, "result")
        .await
        .attr("data-result")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// The real app under tauri-driver and headless Chromium as its system browser.
struct Desktop {
    tmp: tempfile::TempDir,
    home: PathBuf,
    url_file: PathBuf,
    app: Client,
    chrome: Client,
    opened: usize,
    _servers: (drivers::Server, drivers::Server),
}

impl Desktop {
    async fn start() -> Self {
        Self::start_with(&[]).await
    }

    async fn start_with(extra_env: &[(&str, String)]) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let url_file = tmp.path().join("opened-urls.txt");
        let recorder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/record-url.sh");
        let env = [
            ("HOME", home.display().to_string()),
            ("XDG_CONFIG_HOME", home.join(".config").display().to_string()),
            ("XDG_DATA_HOME", home.join(".local/share").display().to_string()),
            ("XDG_CACHE_HOME", home.join(".cache").display().to_string()),
            ("XDG_DOWNLOAD_DIR", home.join("Downloads").display().to_string()),
            ("BROWSER", recorder.display().to_string()),
            ("MC_E2E_URL_FILE", url_file.display().to_string()),
        ];
        let env: Vec<(&str, String)> = env.into_iter().chain(extra_env.iter().cloned()).collect();
        let tauri = drivers::tauri_driver(&env, &artifacts().join("tauri-driver.log")).await;
        let app = drivers::connect(&tauri, app_caps(&app_binary())).await;
        let chromedriver = drivers::chromedriver(&artifacts().join("chromedriver.log")).await;
        let chrome = drivers::connect(&chromedriver, chromium_caps(&tmp.path().join("chromium-profile"))).await;
        Self {
            tmp,
            home,
            url_file,
            app,
            chrome,
            opened: 0,
            _servers: (tauri, chromedriver),
        }
    }

    /// The system browser answers the next page the app opened by pressing `button`.
    async fn browser_presses(&mut self, button: &str) -> String {
        let url = next_opened_url(&self.url_file, self.opened).await;
        self.opened += 1;
        browser_consents(&self.chrome, &url, button).await
    }

    /// Kills the app process outright (SIGKILL, no clean-up) and opens a fresh one with the same
    /// home folder and keychain.
    async fn kill_and_relaunch(&mut self) {
        let binary = app_binary().canonicalize().unwrap();
        let pids: Vec<u32> = std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter_map(|e| e.file_name().to_string_lossy().parse::<u32>().ok())
            .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|p| p == binary))
            .collect();
        assert!(!pids.is_empty(), "the app is not running");
        for pid in pids {
            std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status()
                .unwrap();
        }
        let _ = self.app.clone().close().await;
        self.app = drivers::connect(&self._servers.0, app_caps(&app_binary())).await;
    }

    async fn close(self) {
        self.app.close().await.unwrap();
        self.chrome.close().await.unwrap();
        drop(self.tmp);
    }
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn demo_flow_in_the_real_window() {
    let mut d = Desktop::start().await;
    let (app, home) = (d.app.clone(), d.home.clone());

    // Welcome → demo → checklist.
    wait_heading(&app, "Connect Microsoft 365 mailboxes").await;
    audit_a11y(&app, "welcome").await;
    click(&app, "start-demo").await;
    wait_heading(&app, "Register the app in Azure").await;
    assert!(text_of(&app, "manifest-snippet")
        .await
        .contains("requiredResourceAccess"));
    shot(&app, "1-checklist").await;
    audit_a11y(&app, "checklist").await;
    click(&app, "checklist-next").await;
    wait_heading(&app, "Paste the app's credentials").await;
    // The long checklist was scrolled to its end; the new step is shown from its top, with focus on
    // its heading, before it is painted (nothing moves under the pointer afterwards).
    let shown = app
        .execute("return [window.scrollY, document.activeElement.id]", vec![])
        .await
        .unwrap();
    assert_eq!(shown, json!([0, "step-heading"]));

    // A bad client ID: a specific message on the field, the tenant kept.
    let good_client_id = value_of(&app, "client-id").await;
    let tenant = value_of(&app, "tenant").await;
    type_into(&app, "client-id", "my-app").await;
    click(&app, "save-azure").await;
    assert!(text_of(&app, "client-id-error").await.contains("GUID"));
    assert_eq!(
        value_of(&app, "tenant").await,
        tenant,
        "typed values must survive an error"
    );
    shot(&app, "2-bad-client-id").await;
    audit_a11y(&app, "credentials with an error").await;

    // The secret's ID pasted instead of its value.
    type_into(&app, "client-id", &good_client_id).await;
    type_into(&app, "client-secret", mailbox_connect_sandbox::fixtures::SECRET_ID).await;
    click(&app, "save-azure").await;
    assert!(text_of(&app, "client-secret-error").await.contains("Secret ID"));
    shot(&app, "3-secret-id").await;

    // Empty secret keeps the one in the keychain; Microsoft checks the credentials.
    type_into(&app, "client-secret", "").await;
    click(&app, "save-azure").await;
    wait_heading(&app, "Connect to Nylas").await;
    click(&app, "save-nylas").await;
    wait_heading(&app, "Sign in to the mailbox").await;

    // Cancel on the consent page: a specific message, and the wizard can go on.
    click(&app, "start-consent").await;
    assert_eq!(d.browser_presses("cancel").await, "err");
    let msg = text_of(&app, "error-message").await;
    assert!(msg.contains("declined") || msg.contains("cancelled"), "{msg}");
    shot(&app, "4-cancelled").await;
    audit_a11y(&app, "sign-in with an error").await;

    // Try again and accept.
    click(&app, "start-consent").await;
    assert_eq!(d.browser_presses("accept").await, "ok");
    wait_heading(&app, "Mailbox connected").await;
    let grant = text_of(&app, "grant-id").await;
    assert_eq!(grant.len(), 36, "grant id: {grant}");
    assert!(text_of(&app, "result-email")
        .await
        .contains("adele.vance@contoso-demo.onmicrosoft.com"));
    assert!(text_of(&app, "grant-check").await.starts_with("Passed"));
    shot(&app, "5-result").await;
    audit_a11y(&app, "result").await;

    // No secret (client secret, API key, refresh token) in any file the app wrote, nor in its log.
    let config = std::fs::read_to_string(home.join(".config/com.mailboxconnect.app/profiles.json")).unwrap();
    assert!(config.contains(&grant));
    let mut files = Vec::new();
    collect_files(&home, &mut files);
    files.push(artifacts().join("tauri-driver.log"));
    assert!(files.len() > 3, "{files:?}");
    for f in &files {
        let bytes = std::fs::read(f).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        for secret in [
            mailbox_connect_sandbox::fixtures::SECRET_VALUE,
            mailbox_connect_sandbox::fixtures::NYLAS_API_KEY,
            "1.sbx.",
        ] {
            assert!(!text.contains(secret), "{secret} found in {}", f.display());
        }
    }

    d.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn admin_ews_migration_support_and_profiles_in_the_real_window() {
    let mut d = Desktop::start().await;
    let app = d.app.clone();
    click(&app, "start-demo").await;
    wait_heading(&app, "Register the app in Azure").await;

    // A non-administrator hits "Need admin approval"; the app offers the admin path.
    click(&app, "checklist-next").await;
    wait_heading(&app, "Paste the app's credentials").await;
    click(&app, "save-azure").await;
    wait_heading(&app, "Connect to Nylas").await;
    click(&app, "save-nylas").await;
    wait_heading(&app, "Sign in to the mailbox").await;
    type_into(&app, "login-hint", "lee.gu@contoso-demo.onmicrosoft.com").await;
    click(&app, "start-consent").await;
    assert_eq!(d.browser_presses("accept").await, "err");
    assert!(text_of(&app, "error-message").await.contains("administrator"));
    click(&app, "go-admin-consent").await;
    wait_heading(&app, "Admin consent and bulk onboarding").await;
    click(&app, "start-admin-consent").await;
    assert_eq!(d.browser_presses("accept").await, "ok");
    assert!(text_of(&app, "admin-result").await.contains("approved"));
    click(&app, "bulk-connect").await;
    let rows = text_of(&app, "bulk-results").await;
    assert_eq!(rows.matches("Grant ").count(), 3, "{rows}");
    shot(&app, "6-bulk").await;
    audit_a11y(&app, "admin consent").await;

    // Test every grant from the Mailboxes tab.
    click(&app, "tab-mailboxes").await;
    wait_heading(&app, "Mailboxes").await;
    click(&app, "test-all-grants").await;
    let deadline = Instant::now() + WAIT;
    while text_of(&app, "grants-table").await.matches("Passed").count() < 3 {
        assert!(Instant::now() < deadline, "grants were not all tested");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    audit_a11y(&app, "mailboxes").await;

    // Exchange on-premises.
    click(&app, "tab-ews").await;
    wait_heading(&app, "Exchange on-premises").await;
    type_into(&app, "ews-password", mailbox_connect_sandbox::fixtures::EWS_USERS[0].2).await;
    click(&app, "connect-ews").await;
    assert!(text_of(&app, "ews-result")
        .await
        .contains("alex.wilber@fabrikam-onprem.example"));

    audit_a11y(&app, "exchange on-premises").await;

    // v2 migration audit, then re-authenticate one account in v3 with its address pre-filled.
    click(&app, "tab-migration").await;
    wait_heading(&app, "Nylas v2 migration").await;
    click(&app, "run-audit").await;
    let summary = text_of(&app, "audit-summary").await;
    assert!(
        summary.contains(&format!(
            "of {} accounts",
            mailbox_connect_sandbox::fixtures::V2_DEMO_ACCOUNTS
        )),
        "{summary}"
    );
    shot(&app, "7-audit").await;
    audit_a11y(&app, "v2 migration").await;
    click(&app, "reauth-0").await;
    wait_heading(&app, "Sign in to the mailbox").await;
    assert!(value_of(&app, "login-hint")
        .await
        .ends_with("@contoso-demo.onmicrosoft.com"));

    // Ledger, CSV export and the diagnostics bundle.
    click(&app, "tab-support").await;
    wait_heading(&app, "Onboarding ledger").await;
    click(&app, "export-ledger").await;
    assert!(text_of(&app, "export-path").await.contains(".csv"));
    click(&app, "make-diagnostics").await;
    let diag = text_of(&app, "diagnostics-preview").await;
    assert!(
        !diag.contains(mailbox_connect_sandbox::fixtures::SECRET_VALUE)
            && !diag.contains(mailbox_connect_sandbox::fixtures::NYLAS_API_KEY)
    );
    shot(&app, "8-support").await;
    audit_a11y(&app, "ledger and support").await;

    // A second profile with the Streams checklist.
    click(&app, "tab-profiles").await;
    wait_heading(&app, "Profiles").await;
    audit_a11y(&app, "profiles").await;
    type_into(&app, "new-profile-name", "Fabrikam Streams").await;
    click(&app, "create-profile").await;
    wait_heading(&app, "Register the app in Azure").await;
    click(&app, "target-streams").await;
    let deadline = Instant::now() + WAIT;
    while !text_of(&app, "manifest-snippet")
        .await
        .contains("311a71cc-e848-46a1-bdf8-97ff7156d8e6")
    {
        assert!(Instant::now() < deadline, "the Streams manifest never showed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(text_of(&app, "profile-name").await, "Fabrikam Streams");
    shot(&app, "9-streams").await;
    audit_a11y(&app, "streams checklist").await;
    d.close().await;
}

/// Presses Tab until the element with `id` has focus (and shows a visible focus ring), then
/// presses `key` on it.
async fn keyboard_to(c: &Client, id: &str, key: &str) {
    element(c, id).await;
    for _ in 0..60 {
        let active = c.active_element().await.unwrap();
        if active.attr("id").await.unwrap().as_deref() == Some(id) {
            let ring = c
                .execute(
                    "const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;",
                    vec![],
                )
                .await
                .unwrap();
            assert_eq!(ring, serde_json::json!(true), "#{id} has no visible focus ring");
            active.send_keys(key).await.unwrap();
            return;
        }
        active.send_keys("\u{E004}").await.unwrap();
    }
    panic!("Tab never reached #{id}");
}

const ENTER: &str = "\u{E007}";
const SPACE: &str = " ";

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn the_whole_demo_flow_by_keyboard_alone() {
    let mut d = Desktop::start().await;
    let app = d.app.clone();
    wait_heading(&app, "Connect Microsoft 365 mailboxes").await;
    keyboard_to(&app, "start-demo", ENTER).await;
    wait_heading(&app, "Register the app in Azure").await;
    keyboard_to(&app, "check-open-portal", SPACE).await;
    keyboard_to(&app, "checklist-next", ENTER).await;
    wait_heading(&app, "Paste the app's credentials").await;
    keyboard_to(&app, "save-azure", ENTER).await;
    wait_heading(&app, "Connect to Nylas").await;
    keyboard_to(&app, "save-nylas", ENTER).await;
    wait_heading(&app, "Sign in to the mailbox").await;
    keyboard_to(&app, "start-consent", ENTER).await;
    assert_eq!(d.browser_presses("accept").await, "ok");
    wait_heading(&app, "Mailbox connected").await;
    keyboard_to(&app, "connect-another", ENTER).await;
    wait_heading(&app, "Sign in to the mailbox").await;
    d.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn killed_at_each_step_the_app_resumes_and_loses_nothing() {
    let mut d = Desktop::start().await;
    click(&d.app, "start-demo").await;
    wait_heading(&d.app, "Register the app in Azure").await;
    click(&d.app, "check-secret").await;
    for (next, heading) in [
        ("checklist-next", "Paste the app's credentials"),
        ("save-azure", "Connect to Nylas"),
        ("save-nylas", "Sign in to the mailbox"),
    ] {
        click(&d.app, next).await;
        wait_heading(&d.app, heading).await;
        d.kill_and_relaunch().await;
        wait_heading(&d.app, heading).await;
    }
    // Killed while the browser is on Microsoft's page: back on the sign-in step, sign in once.
    click(&d.app, "start-consent").await;
    element(&d.app, "consent-waiting").await;
    d.opened += 1;
    d.kill_and_relaunch().await;
    wait_heading(&d.app, "Sign in to the mailbox").await;
    click(&d.app, "start-consent").await;
    assert_eq!(d.browser_presses("accept").await, "ok");
    wait_heading(&d.app, "Mailbox connected").await;
    let grant = text_of(&d.app, "grant-id").await;
    d.kill_and_relaunch().await;
    wait_heading(&d.app, "Mailbox connected").await;
    assert_eq!(text_of(&d.app, "grant-id").await, grant, "the result survives");
    // The checklist tick survived every kill.
    click(&d.app, "tab-support").await;
    wait_heading(&d.app, "Onboarding ledger").await;
    // The ledger loads after the tab opens; it lists this grant exactly once.
    let deadline = Instant::now() + WAIT;
    while !text_of(&d.app, "ledger-table").await.contains(&grant) {
        assert!(Instant::now() < deadline, "the ledger never listed the grant");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        text_of(&d.app, "ledger-table").await.matches(&grant).count(),
        1,
        "one grant, recorded once"
    );
    d.close().await;
}

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn dark_theme_is_dark_and_passes_the_audit() {
    let d = Desktop::start_with(&[("GTK_THEME", "Adwaita:dark".to_string())]).await;
    wait_heading(&d.app, "Connect Microsoft 365 mailboxes").await;
    let bg = d
        .app
        .execute("return getComputedStyle(document.body).backgroundColor", vec![])
        .await
        .unwrap();
    assert_eq!(bg, json!("rgb(18, 22, 27)"), "prefers-color-scheme: dark is honoured");
    audit_a11y(&d.app, "welcome (dark)").await;
    click(&d.app, "start-demo").await;
    wait_heading(&d.app, "Register the app in Azure").await;
    audit_a11y(&d.app, "checklist (dark)").await;
    click(&d.app, "checklist-next").await;
    type_into(&d.app, "client-id", "nope").await;
    click(&d.app, "save-azure").await;
    element(&d.app, "client-id-error").await;
    shot(&d.app, "10-dark-error").await;
    audit_a11y(&d.app, "credentials error (dark)").await;
    d.close().await;
}
