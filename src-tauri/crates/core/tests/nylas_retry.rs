//! The Nylas client against a real local HTTP server that rate-limits, then answers.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use mailbox_connect_core::nylas::retry::RetryPolicy;
use mailbox_connect_core::nylas::NylasClient;
use mailbox_connect_core::Sensitive;

async fn serve(app: Router) -> url::Url {
    let tcp = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", tcp.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(tcp, app).await.unwrap() });
    url.parse().unwrap()
}

#[tokio::test]
async fn retries_429_and_5xx_honouring_retry_after() {
    let hits = Arc::new(AtomicUsize::new(0));
    let h = hits.clone();
    let app = Router::new().route(
        "/v3/applications",
        get(move |headers: HeaderMap| {
            let h = h.clone();
            async move {
                assert_eq!(headers["authorization"], "Bearer nyk_test_key_000000000000000");
                match h.fetch_add(1, Ordering::SeqCst) {
                    0 => (
                        StatusCode::TOO_MANY_REQUESTS,
                        [("retry-after", "1")],
                        r#"{"request_id":"r","error":{"type":"rate_limit_error","message":"Too many requests"}}"#,
                    )
                        .into_response(),
                    1 => (StatusCode::SERVICE_UNAVAILABLE, "").into_response(),
                    _ => (
                        StatusCode::OK,
                        r#"{"request_id":"r","data":{"application_id":"app-1","region":"us"}}"#,
                    )
                        .into_response(),
                }
            }
        }),
    );
    let base = serve(app).await;
    let fast = RetryPolicy {
        base_delay: Duration::from_millis(10),
        ..RetryPolicy::default()
    };
    let client = NylasClient::new(
        reqwest::Client::new(),
        base,
        Sensitive::from("nyk_test_key_000000000000000"),
    )
    .with_retry(fast);
    let started = Instant::now();
    let app = client.application().await.unwrap();
    assert_eq!(app.application_id.as_deref(), Some("app-1"));
    assert_eq!(hits.load(Ordering::SeqCst), 3);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After was not honoured"
    );
}

#[tokio::test]
async fn gives_up_with_nylas_message_after_max_retries() {
    let app = Router::new().route(
        "/v3/applications",
        get(|| async {
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                r#"{"request_id":"r9","error":{"type":"api.internal_error","message":"boom"}}"#,
            )
        }),
    );
    let base = serve(app).await;
    let fast = RetryPolicy {
        base_delay: Duration::from_millis(1),
        max_retries: 2,
        ..RetryPolicy::default()
    };
    let client = NylasClient::new(reqwest::Client::new(), base, Sensitive::from("k")).with_retry(fast);
    let typed = client.application().await.unwrap_err();
    assert_eq!(typed.status(), Some(500));
    let err = mailbox_connect_core::AppError::from(typed);
    assert!(err.message.contains("temporary problem"), "{err:?}");
    assert_eq!(
        err.detail.as_deref(),
        Some("HTTP 500 api.internal_error: boom [request r9]")
    );
}
