//! The loopback listener answers only requests addressed to it (`localhost` or the loopback
//! address with its port) and holds its port on [::1] as well as 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::time::Duration;

use mailbox_connect_core::job::CancellationToken;
use mailbox_connect_core::microsoft::callback::Outcome;
use mailbox_connect_core::microsoft::listener::{Listener, Loopback, WaitEnd};

/// Waits like the app does and settles the browser's page at once (a plain success).
async fn answered(l: Listener, timeout: Duration, cancel: &CancellationToken) -> Result<Outcome, WaitEnd> {
    let (outcome, reply) = l.wait(timeout, cancel).await?;
    let _ = reply.settle(Ok(()), |_| ("Connected".into(), "Done.".into())).await;
    Ok(outcome)
}

fn ipv6_loopback() -> bool {
    std::net::TcpListener::bind("[::1]:0").is_ok()
}

#[tokio::test]
async fn a_request_for_another_host_is_refused_and_the_sign_in_keeps_waiting() {
    let l = Loopback::default().bind("st".into()).await.unwrap();
    let port = l.port();
    let url = format!("http://127.0.0.1:{port}/callback?code=the-code&state=st");
    let waiter = tokio::spawn(async move { answered(l, Duration::from_secs(10), &CancellationToken::new()).await });
    let c = reqwest::Client::new();
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "localhost:1",
        "127.0.0.1",
    ] {
        let r = c.get(&url).header("host", host).send().await.unwrap();
        assert_eq!(r.status(), 421, "Host: {host}");
    }
    assert!(!waiter.is_finished(), "a request for another host ended the flow");
    let ok = c
        .get(&url)
        .header("host", format!("localhost:{port}"))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(waiter.await.unwrap().unwrap(), Outcome::Code("the-code".into()));
}

#[tokio::test]
async fn the_port_is_held_on_ipv6_loopback_too() {
    let l = Loopback::default().bind("st".into()).await.unwrap();
    let port = l.port();
    if !ipv6_loopback() {
        // No IPv6 on this machine: nothing can listen on [::1], and 127.0.0.1 still answers.
        let r = reqwest::get(format!("http://127.0.0.1:{port}/favicon.ico"))
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
        eprintln!("no IPv6 loopback here: checked 127.0.0.1 only");
        return;
    }
    let taken = std::net::TcpListener::bind(("::1", port)).unwrap_err();
    assert_eq!(taken.kind(), std::io::ErrorKind::AddrInUse);
    let url = format!("http://[::1]:{port}/callback?code=via-v6&state=st");
    let waiter = tokio::spawn(async move { answered(l, Duration::from_secs(10), &CancellationToken::new()).await });
    let r = reqwest::Client::new()
        .get(&url)
        .header("host", format!("localhost:{port}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(waiter.await.unwrap().unwrap(), Outcome::Code("via-v6".into()));
}

#[tokio::test]
async fn a_fixed_port_taken_on_ipv6_loopback_is_refused_not_shared() {
    if !ipv6_loopback() {
        eprintln!("no IPv6 loopback here: nothing can take the port on [::1]");
        return;
    }
    // Another process holds [::1] on the port the flow needs.
    let squatter = std::net::TcpListener::bind("[::1]:0").unwrap();
    let port = squatter.local_addr().unwrap().port();
    match Loopback::default().on_port(port).bind("st".into()).await {
        Err(e) => assert!(e.to_string().contains(&port.to_string()), "{e}"),
        Ok(_) => panic!("listened on 127.0.0.1:{port} while another process holds [::1]:{port}"),
    }
}
