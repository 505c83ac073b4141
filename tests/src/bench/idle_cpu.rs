//! CPU used at rest on each screen: the app and its WebKit processes, over a few quiet seconds
//! after the screen has settled (WebKitGTK without GPU compositing paints on the CPU, so an
//! animation that never stops costs CPU forever). Target: under 2% of one core on every screen.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use mailbox_connect_e2e::drivers::{self, app_caps};

const TARGET_PERCENT: f64 = 2.0;
const WINDOW: Duration = Duration::from_secs(4);

/// CPU time (user + system) of the whole process tree, in seconds.
fn cpu_secs(root: u32) -> f64 {
    super::tree(root).into_iter().map(cpu_of).sum()
}

/// CPU time (user + system) of one process, in seconds.
fn cpu_of(pid: u32) -> f64 {
    let ticks = 100.0; // USER_HZ on Linux
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(") ").next().unwrap_or("").split(' ').collect();
    // After the command: state is field 3, utime field 14, stime field 15 (1-based).
    let n = |i: usize| fields.get(i - 3).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (n(14) + n(15)) / ticks
}

async fn settle_and_measure(pid: u32) -> f64 {
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (c0, a0, t0) = (cpu_secs(pid), cpu_of(pid), Instant::now());
    tokio::time::sleep(WINDOW).await;
    let secs = t0.elapsed().as_secs_f64();
    if std::env::var_os("BENCH_CPU_DETAIL").is_some() {
        eprintln!(
            "  app process {:.1}%, web processes {:.1}%",
            (cpu_of(pid) - a0) / secs * 100.0,
            (cpu_secs(pid) - c0 - (cpu_of(pid) - a0)) / secs * 100.0
        );
    }
    (cpu_secs(pid) - c0) / secs * 100.0
}

async fn click(c: &Client, id: &str) {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id} never showed: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click #{id}: {e}"));
}

/// Opens a tab, from under "More" when it waits there (a click in the page's own script: the
/// menu may lie outside a small window, and this measures the screen, not the pointer).
async fn open_tab(c: &Client, tab: &str) {
    let open = "const t = document.getElementById(arguments[0]); const more = t?.closest('details'); if (more) more.open = true; t?.click(); return !!t;";
    let found = c
        .execute(open, vec![serde_json::json!(format!("tab-{tab}"))])
        .await
        .unwrap_or_else(|e| panic!("open tab {tab}: {e}"));
    assert_eq!(found, serde_json::json!(true), "no tab {tab}");
}

async fn shows(c: &Client, css: &str) {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap();
}

/// Walks the demo through every screen and prints the CPU at rest on each.
pub async fn report(app: &Path, log: &Path) {
    let home = tempfile::tempdir().unwrap();
    let env = [
        ("HOME", home.path().display().to_string()),
        ("XDG_CONFIG_HOME", home.path().join("c").display().to_string()),
        ("XDG_DATA_HOME", home.path().join("d").display().to_string()),
        // The sign-in's browser opens nothing: the waiting screen just waits.
        ("BROWSER", "true".to_string()),
    ];
    let driver = drivers::tauri_driver(&env, log).await;
    let c = drivers::connect(&driver, app_caps(app)).await;
    shows(&c, "[data-step='welcome']").await;
    let pid = super::find_pid(app).expect("app process");
    let mut rows: Vec<(&str, f64)> = vec![("welcome", settle_and_measure(pid).await)];
    let steps: &[(&str, &str, &str)] = &[
        ("checklist", "start-demo", "[data-step='checklist']"),
        ("credentials", "checklist-next", "[data-step='credentials']"),
        ("nylas", "save-azure", "[data-step='nylas']"),
        ("sign-in", "save-nylas", "[data-step='consent']"),
        ("waiting for the browser", "start-consent", "#consent-waiting"),
    ];
    for (name, button, screen) in steps {
        click(&c, button).await;
        shows(&c, screen).await;
        rows.push((name, settle_and_measure(pid).await));
    }
    click(&c, "cancel-consent").await;
    for tab in [
        "mailboxes",
        "admin",
        "azure-app",
        "ews",
        "migration",
        "support",
        "profiles",
    ] {
        open_tab(&c, tab).await;
        shows(&c, &format!("[data-step='{tab}']")).await;
        rows.push((tab, settle_and_measure(pid).await));
    }
    click(&c, "open-about").await;
    shows(&c, "[data-step='about']").await;
    rows.push(("about", settle_and_measure(pid).await));
    let _ = c.close().await;
    drop(driver);
    let worst = rows.iter().map(|(_, p)| *p).fold(0.0, f64::max);
    for (name, p) in &rows {
        println!("idle CPU at rest, {name}: {p:.1}% of one core (target under {TARGET_PERCENT}%)");
    }
    println!(
        "idle CPU, worst screen: {worst:.1}% of one core over {}s at rest ({}; 1 run per screen)",
        WINDOW.as_secs(),
        if worst < TARGET_PERCENT {
            "within target"
        } else {
            "MISSES the target"
        }
    );
}
