//! The Organization screen's memory with the directory kept from an earlier run: 1,000 people,
//! then 5,000, nine pages turned in each (a hundred shown a page). Flat means no growth per
//! person: the two should match.

use std::path::Path;
use std::time::Duration;

use fantoccini::Locator;
use mailbox_connect_core::services::directory::{Connection, DirectoryCache, DirectoryRow};
use mailbox_connect_e2e::drivers::{self, app_caps};

fn people(n: usize) -> Vec<DirectoryRow> {
    (0..n)
        .map(|i| DirectoryRow {
            id: format!("id-{i}"),
            name: format!("Person {i}"),
            email: format!("person{i}@contoso.example"),
            shared: i % 12 == 5,
            connection: if i % 3 == 0 {
                Connection::Valid
            } else {
                Connection::NotConnected
            },
            grant_id: (i % 3 == 0).then(|| format!("grant-{i}")),
            reason: None,
        })
        .collect()
}

/// PSS (MiB) of the app showing the Organization screen with `n` people kept, after paging
/// through ten pages.
async fn once(app: &Path, log: &Path, n: usize) -> f64 {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("c").join("com.mailboxconnect.app");
    DirectoryCache::open(&config.join("state.db"))
        .unwrap()
        .keep("default", &people(n), 1_765_000_000)
        .unwrap();
    let driver = drivers::tauri_driver(&crate::home_env(home.path()), log).await;
    let client = drivers::connect(&driver, app_caps(app)).await;
    // Past the welcome (the tabs show from the checklist on); the tab waits under "More": both
    // in the page's own script, as the idle CPU bench does.
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Id("start-real"))
        .await
        .unwrap();
    client
        .execute("document.getElementById('start-real').click();", vec![])
        .await
        .unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Id("tab-more"))
        .await
        .unwrap();
    let open = "const t = document.getElementById('tab-admin'); t.closest('details').open = true; t.click();";
    client.execute(open, vec![]).await.unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Id("directory-table"))
        .await
        .unwrap();
    for _ in 0..9 {
        let next = "const n = document.getElementById('page-next'); if (n && !n.disabled) n.click();";
        client.execute(next, vec![]).await.unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let pid = crate::find_pid(app).expect("app process");
    let pss: u64 = crate::tree(pid).into_iter().map(crate::pss_kib).sum();
    client.close().await.unwrap();
    drop(driver);
    pss as f64 / 1024.0
}

pub async fn report(app: &Path, log: &Path) {
    let (mut small, mut large) = (vec![], vec![]);
    for _ in 0..3 {
        small.push(once(app, log, 1000).await);
        large.push(once(app, log, 5000).await);
    }
    let (s, l) = (crate::median(small), crate::median(large));
    println!(
        "memory of the Organization screen, PSS of app + WebKit processes (median of 3, nine pages turned in each): 5,000 people kept {l:.0} MiB vs 1,000 people {s:.0} MiB ({:+.1}%; target: flat, within 5%)",
        (l / s - 1.0) * 100.0
    );
}
