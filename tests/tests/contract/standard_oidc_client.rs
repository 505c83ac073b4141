//! A standard OpenID Connect client that this project did not write (the `openidconnect` crate's
//! `CoreClient`) signs in against the demo tenant: discovery, the auth-code flow with PKCE and a
//! nonce, the code redeemed, and the ID token verified with the tenant's JWKS. Over plain HTTP and
//! over HTTPS, where the demo tenant is a custom authority trusted through its own CA.

use std::time::Duration;

use mailbox_connect_core::browser::BrowserOpener;
use mailbox_connect_core::job::CancellationToken;
use mailbox_connect_core::microsoft::callback::Outcome;
use mailbox_connect_core::microsoft::listener::Loopback;
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_sandbox::fixtures as f;
use mailbox_connect_sandbox::Sandbox;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge,
    RedirectUrl, Scope, TokenResponse,
};

#[tokio::test]
async fn a_standard_oidc_client_signs_in_and_verifies_the_id_token() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    // Redirects are not followed, as the crate asks (no SSRF through discovery).
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    sign_in(&sb, &http, ScriptedBrowser::new(Decision::Accept)).await;
}

#[tokio::test]
async fn over_https_with_the_demo_ca_the_same_client_signs_in() {
    let sb = Sandbox::start_https("127.0.0.1").await.unwrap();
    assert!(sb.identity_url.starts_with("https://") && sb.nylas_url.starts_with("https://"));
    let ca = sb.ca_pem.clone().unwrap();
    // Without the demo CA, TLS is refused: the certificate is real, not a formality.
    let untrusting = reqwest::Client::new();
    let refused = untrusting
        .get(format!("{}/common/discovery/v2.0/keys", sb.identity_url))
        .send()
        .await;
    assert!(refused.is_err(), "an untrusted certificate was accepted");
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .https_only(true)
        .add_root_certificate(reqwest::Certificate::from_pem(ca.as_bytes()).unwrap())
        .build()
        .unwrap();
    sign_in(&sb, &http, ScriptedBrowser::new(Decision::Accept).trusting(&ca)).await;
}

/// Discovery, authorize with PKCE and a nonce, the redirect, the code redeemed, the ID token
/// verified: all by the `openidconnect` crate.
async fn sign_in(sb: &Sandbox, http: &reqwest::Client, browser: ScriptedBrowser) {
    let issuer = IssuerUrl::new(format!("{}/{}/v2.0", sb.identity_url, f::TENANT_ID)).unwrap();
    let meta = CoreProviderMetadata::discover_async(issuer, http).await.unwrap();
    let state = CsrfToken::new_random();
    // Only a loopback catcher for the redirect; everything OIDC is the crate's.
    let listener = Loopback::default().bind(state.secret().clone()).await.unwrap();
    let redirect = format!("http://localhost:{}/callback", listener.port());
    let client = CoreClient::from_provider_metadata(
        meta,
        ClientId::new(f::CLIENT_ID.into()),
        Some(ClientSecret::new(f::SECRET_VALUE.into())),
    )
    .set_redirect_uri(RedirectUrl::new(redirect).unwrap());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let sent_state = state.clone();
    let (url, _, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            move || sent_state,
            Nonce::new_random,
        )
        .add_scope(Scope::new("offline_access".into()))
        .add_scope(Scope::new("https://graph.microsoft.com/Mail.Read".into()))
        .set_pkce_challenge(challenge)
        .url();
    let waiter = tokio::spawn(async move { listener.wait(Duration::from_secs(20), &CancellationToken::new()).await });
    browser.open(url.as_str()).unwrap();
    // The listener holds the browser's request; this client does not need to answer it.
    let (outcome, _reply) = waiter.await.unwrap().unwrap();
    let Outcome::Code(code) = outcome else {
        panic!("no code: {}", browser.last_page());
    };
    let tokens = client
        .exchange_code(AuthorizationCode::new(code.into_inner()))
        .unwrap()
        .set_pkce_verifier(verifier)
        // Microsoft requires the scope on the token request too (AADSTS28003).
        .add_extra_param("scope", "openid offline_access https://graph.microsoft.com/Mail.Read")
        .request_async(http)
        .await
        .unwrap();
    let id_token = tokens.id_token().expect("an ID token");
    let claims = id_token.claims(&client.id_token_verifier(), &nonce).unwrap();
    assert_eq!(claims.preferred_username().unwrap().as_str(), f::USERS[0].email);
    assert_eq!(claims.nonce().map(|n| n.secret()), Some(nonce.secret()));
    assert!(tokens.refresh_token().is_some());
    // A nonce this sign-in never sent is refused by the same client.
    let other = Nonce::new_random();
    assert!(id_token.claims(&client.id_token_verifier(), &other).is_err());
}

#[tokio::test]
async fn discovery_publishes_what_microsoft_publishes_and_every_endpoint_answers() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let url = format!(
        "{}/{}/v2.0/.well-known/openid-configuration",
        sb.identity_url,
        f::TENANT_DOMAIN
    );
    let resp = http.get(url).send().await.unwrap();
    assert_eq!(resp.headers()["access-control-allow-origin"], "*");
    let doc: serde_json::Value = resp.json().await.unwrap();
    for field in [
        "device_authorization_endpoint",
        "tenant_region_scope",
        "kerberos_endpoint",
    ] {
        assert!(doc.get(field).is_some(), "discovery lacks {field}");
    }
    let keys = http.get(doc["jwks_uri"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(keys.headers()["access-control-allow-origin"], "*");
    let keys: serde_json::Value = keys.json().await.unwrap();
    assert_eq!(keys["keys"][0]["kty"], "RSA");
    assert!(keys["keys"][0]["kid"].as_str().is_some_and(|k| !k.is_empty()));
    let logout = http
        .get(doc["end_session_endpoint"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 200, "the advertised sign-out endpoint answers");
    // It goes on only to a redirect URI registered for the app, never anywhere it is told.
    let end = doc["end_session_endpoint"].as_str().unwrap();
    let to = |uri: &str| format!("{end}?client_id={}&post_logout_redirect_uri={uri}", f::CLIENT_ID);
    let open = http.get(to("https://evil.example/")).send().await.unwrap();
    assert_eq!(open.status(), 200, "an unregistered post-logout URI was followed");
    let back = http.get(to("http://localhost:5173/callback")).send().await.unwrap();
    assert_eq!(back.status(), 303);
    assert_eq!(back.headers()["location"], "http://localhost:5173/callback");
}
