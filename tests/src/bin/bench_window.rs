//! Start-up and memory of the app window against a blank Tauri 2 window, measured the same way:
//! WebDriver launches each under Xvfb, the clock stops when the first screen's element exists,
//! then the proportional memory (PSS) of the app and its WebKit processes is summed. Then the
//! CPU the app uses at rest on every screen (see `idle_cpu.rs`).
//! Run by `make bench` (needs release builds of both and a display).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: a panic is a broken setup

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::Locator;
use mailbox_connect_e2e::drivers::{self, app_caps};

#[path = "../bench/directory_window.rs"]
mod directory_window;
#[path = "../bench/idle_cpu.rs"]
mod idle_cpu;

/// PIDs of `root` and all its descendants.
pub(crate) fn tree(root: u32) -> Vec<u32> {
    let mut all = vec![root];
    let mut i = 0;
    while i < all.len() {
        let parent = all[i];
        for e in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            let ppid = stat
                .rsplit(") ")
                .next()
                .and_then(|r| r.split(' ').nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            if ppid == Some(parent) && !all.contains(&pid) {
                all.push(pid);
            }
        }
        i += 1;
    }
    all
}

pub(crate) fn pss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pss:")
                .map(|v| v.trim().trim_end_matches(" kB").trim().parse().unwrap_or(0))
        })
        .unwrap_or(0)
}

pub(crate) fn find_pid(binary: &Path) -> Option<u32> {
    let want = binary.canonicalize().ok()?;
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid = e.file_name().to_string_lossy().parse::<u32>().ok()?;
        (std::fs::read_link(format!("/proc/{pid}/exe")).ok()? == want).then_some(pid)
    })
}

/// A launch's environment with its own fresh `home` (settings under `home/c`).
pub(crate) fn home_env(home: &Path) -> [(&'static str, String); 4] {
    [
        ("HOME", home.display().to_string()),
        ("XDG_CONFIG_HOME", home.join("c").display().to_string()),
        ("XDG_CACHE_HOME", home.join("k").display().to_string()),
        ("XDG_DATA_HOME", home.join("d").display().to_string()),
    ]
}

/// One cold start: milliseconds to the first screen, and PSS in MiB once settled.
async fn run_once(binary: &Path, ready_id: &str, log: &Path) -> (f64, f64) {
    let home = tempfile::tempdir().unwrap();
    let driver = drivers::tauri_driver(&home_env(home.path()), log).await;
    let started = Instant::now();
    let client = drivers::connect(&driver, app_caps(binary)).await;
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Id(ready_id))
        .await
        .unwrap();
    let ready = started.elapsed().as_secs_f64() * 1000.0;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let pid = find_pid(binary).expect("app process");
    let pss: u64 = tree(pid).into_iter().map(pss_kib).sum();
    client.close().await.unwrap();
    drop(driver);
    (ready, pss as f64 / 1024.0)
}

pub(crate) fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/release"));
    let app = dir.join("mailbox-connect");
    let blank = dir.join("mailbox-connect-blank-window");
    let log = root.join("target/bench-tauri-driver.log");
    let (mut app_t, mut app_m, mut blank_t, mut blank_m) = (vec![], vec![], vec![], vec![]);
    for _ in 0..5 {
        let (t, m) = run_once(&blank, "ready", &log).await;
        blank_t.push(t);
        blank_m.push(m);
        let (t, m) = run_once(&app, "start-real", &log).await;
        app_t.push(t);
        app_m.push(m);
    }
    let (at, am, bt, bm) = (median(app_t), median(app_m), median(blank_t), median(blank_m));
    println!("cold start to interactive first screen (median of 5, WebDriver launch included in both): app {at:.0} ms vs blank Tauri window {bt:.0} ms ({:+.1}%; target within 10%)", (at / bt - 1.0) * 100.0);
    println!("memory, PSS of app + WebKit processes (median of 5): app {am:.0} MiB vs blank window {bm:.0} MiB ({:+.1}%; target within 15%)", (am / bm - 1.0) * 100.0);
    idle_cpu::report(&app, &log).await;
    directory_window::report(&app, &log).await;
    let size = std::fs::metadata(&app).map(|m| m.len()).unwrap_or(0);
    println!(
        "stripped release binary: {:.1} MiB (UI embedded; blank window {:.1} MiB)",
        size as f64 / 1048576.0,
        std::fs::metadata(&blank).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0
    );
}
