//! The page the browser shows after the redirect: branded, inert, never cached.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

pub fn success(heading: &str, detail: &str) -> Response {
    page(StatusCode::OK, "Done", heading, detail, "ok")
}

/// A tab left open on an attempt the user cancelled, or that ran out of time.
pub fn attempt_ended(cancelled: bool) -> Response {
    let (heading, body) = if cancelled {
        ("This attempt was cancelled: return to Mailbox Connect", "The sign-in was cancelled in Mailbox Connect. Close this tab and start again from the app when you are ready.")
    } else {
        (
            "This attempt timed out: return to Mailbox Connect",
            "Mailbox Connect stopped waiting for this sign-in. Close this tab and start again from the app.",
        )
    };
    page(StatusCode::OK, "Attempt ended", heading, body, "wait")
}

/// Past the browser's patience: the outcome is not known yet.
pub fn still_working() -> Response {
    page(
        StatusCode::OK,
        "Still working",
        "Still working: return to Mailbox Connect",
        "Microsoft's answer arrived and Mailbox Connect is finishing the connection with Nylas. The app shows the result; you can close this tab.",
        "wait",
    )
}

pub fn failure(title: &str, detail: &str) -> Response {
    page(StatusCode::OK, "Sign-in failed", title, detail, "err")
}

pub fn wrong_state() -> Response {
    page(
        StatusCode::BAD_REQUEST,
        "Not this sign-in",
        "This sign-in link is not from the current attempt",
        "It may be from an older tab. Return to Mailbox Connect and start the sign-in again from there.",
        "err",
    )
}

pub fn not_found() -> Response {
    page(
        StatusCode::NOT_FOUND,
        "Not found",
        "Nothing here",
        "Return to Mailbox Connect.",
        "err",
    )
}

fn page(status: StatusCode, title: &str, heading: &str, body: &str, kind: &str) -> Response {
    let html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} · Mailbox Connect</title><style>
:root{{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",sans-serif}}
body{{margin:0;min-height:100vh;display:grid;place-items:center;background:Canvas;color:CanvasText}}
main{{max-width:32rem;padding:2rem;border-radius:12px;border:1px solid #8884}}
.brand{{font-weight:600;letter-spacing:.02em;opacity:.8}}
h1{{font-size:1.4rem;margin:.6rem 0}}
.ok h1{{color:#1a7f37}}.err h1{{color:#c62828}}
p{{line-height:1.5;white-space:pre-wrap}}
</style></head><body><main class="{kind}" id="result" data-result="{kind}"><div class="brand">Mailbox Connect</div><h1>{heading}</h1><p>{body}</p></main></body></html>"#,
        title = escape(title),
        heading = escape(heading),
        body = escape(body),
        kind = kind,
    );
    let mut resp = (status, html).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::CONNECTION, HeaderValue::from_static("close"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    resp
}

/// HTML-escapes text so provider-supplied strings render inert.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x')</script>&"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"
        );
    }

    #[test]
    fn headers_are_strict() {
        let r = failure("t", "<b>d</b>");
        assert_eq!(r.headers()[header::CACHE_CONTROL], "no-store");
        assert!(r.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .starts_with("default-src 'none'"));
    }
}
