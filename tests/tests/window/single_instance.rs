//! One instance at a time: a second launch hands over to the running window and exits, so two
//! copies never compete for Hosted auth's fixed port or the profile file.

use std::time::{Duration, Instant};

use mailbox_connect_e2e::window::{app_binary, Desktop, CHECKLIST, WELCOME};

#[tokio::test]
#[ignore = "needs Xvfb, a Secret Service, tauri-driver and chromedriver: run through `make test`"]
async fn a_second_launch_hands_over_to_the_running_window() {
    let d = Desktop::start().await;
    let app = d.app.clone();
    app.wait_for(WELCOME).await;
    let home = d.home.clone();
    let started = Instant::now();
    let second = tokio::task::spawn_blocking(move || {
        let mut child = std::process::Command::new(app_binary())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
        None
    })
    .await
    .unwrap();
    let status = second.expect("the second launch kept running beside the first");
    assert!(status.success(), "{status}");
    eprintln!("second launch handed over and exited in {:?}", started.elapsed());
    // The first window is still there and working.
    app.click("start-demo").await;
    app.wait_for(CHECKLIST).await;
    d.close().await;
}
