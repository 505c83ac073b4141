//! The demo tenant's directory (`GET /v1.0/users`) as Microsoft Graph documents it: a
//! permission to read users or 403, pages of `$top` (at most 999) linked by an opaque
//! `@odata.nextLink`, `$select`, `$filter`, and `$search` / `$count` only with
//! `ConsistencyLevel: eventual`. Its people sign in like the named demo users.

use std::collections::HashSet;

use mailbox_connect_e2e::graph_session::{graph, http, sign_in, sign_in_for, ADMIN};
use mailbox_connect_sandbox::Sandbox;
use serde_json::Value;

const READ_USERS: &str = "https://graph.microsoft.com/User.Read.All openid profile";

async fn get(token: &str, url: &str, eventual: bool) -> (u16, Value) {
    let mut req = http().get(url).bearer_auth(token);
    if eventual {
        req = req.header("ConsistencyLevel", "eventual");
    }
    let resp = req.send().await.unwrap();
    (resp.status().as_u16(), resp.json().await.unwrap())
}

#[tokio::test]
async fn the_directory_pages_selects_filters_and_searches_as_graph_does() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    sb.state.directory_of(250);
    let users = format!("{}/v1.0/users", sb.graph_url);

    // Without a permission to read users: Graph's 403.
    let apps_only = sign_in(&sb, ADMIN).await;
    let (status, err) = graph(&sb, &apps_only, "GET", "users", None, false).await;
    assert_eq!(status, 403, "{err}");
    assert_eq!(err["error"]["code"], "Authorization_RequestDenied");

    let token = sign_in_for(&sb, ADMIN, READ_USERS).await;
    // Every page followed as it is: 250 people in pages of 100, none twice.
    let mut url = format!("{users}?$top=100&$select=id,displayName,mail,userPrincipalName,accountEnabled");
    let (mut seen, mut pages) = (Vec::new(), 0);
    loop {
        let (status, page) = get(&token, &url, false).await;
        assert_eq!(status, 200, "{page}");
        pages += 1;
        assert_eq!(
            page["@odata.context"],
            "https://graph.microsoft.com/v1.0/$metadata#users(id,displayName,mail,userPrincipalName,accountEnabled)"
        );
        for u in page["value"].as_array().unwrap() {
            let keys: HashSet<&str> = u.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                HashSet::from(["id", "displayName", "mail", "userPrincipalName", "accountEnabled"]),
                "only what was selected: {u}"
            );
            seen.push(u.clone());
        }
        match page["@odata.nextLink"].as_str() {
            Some(next) => {
                assert!(next.starts_with(&users) && next.contains("$skiptoken="), "{next}");
                url = next.to_string();
            }
            None => break,
        }
    }
    assert_eq!((pages, seen.len()), (3, 250));
    let ids: HashSet<&str> = seen.iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 250);
    let shared: Vec<&Value> = seen.iter().filter(|u| u["accountEnabled"] == false).collect();
    assert!(
        shared.len() >= 15 && shared.iter().all(|u| u["mail"].is_string()),
        "{shared:?}"
    );
    assert!(seen.iter().filter(|u| u["mail"].is_null()).count() >= 20);

    // Without $select: Graph's default set, which has no accountEnabled.
    let (_, page) = get(&token, &format!("{users}?$top=2"), false).await;
    assert_eq!(page["value"][0]["userPrincipalName"], ADMIN);
    assert!(page["value"][0].get("accountEnabled").is_none() && page["value"][0]["businessPhones"].is_array());

    // Refused as Graph refuses them.
    let refused = [
        (format!("{users}?$top=1000"), false, "Request_BadRequest"),
        (format!("{users}?$select=favouriteColour"), false, "Request_BadRequest"),
        (
            format!("{users}?$search=\"displayName:adele\""),
            false,
            "Request_UnsupportedQuery",
        ),
        (format!("{users}?$count=true"), false, "Request_BadRequest"),
        (
            format!("{users}?$skiptoken=not-a-token"),
            false,
            "Directory_InvalidSkipToken",
        ),
    ];
    for (url, eventual, code) in refused {
        let (status, err) = get(&token, &url, eventual).await;
        assert_eq!(
            (status, err["error"]["code"].as_str()),
            (400, Some(code)),
            "{url}: {err}"
        );
    }

    // $search by word start with the header, $count with it; $filter without.
    let (status, found) = get(
        &token,
        &format!("{users}?$search=\"displayName:adel\" OR \"mail:adel\"&$count=true"),
        true,
    )
    .await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["@odata.count"], 1);
    assert_eq!(found["value"][0]["mail"], ADMIN);
    let (_, vance) = get(&token, &format!("{users}?$search=\"displayName:vance\""), true).await;
    assert_eq!(vance["value"][0]["displayName"], "Adele Vance");
    let (_, lee) = get(&token, &format!("{users}?$filter=startswith(displayName,'lee')"), false).await;
    assert_eq!(lee["value"][0]["displayName"], "Lee Gu");
    let (_, by_mail) = get(&token, &format!("{users}?$filter=mail eq '{ADMIN}'"), false).await;
    assert_eq!(by_mail["value"].as_array().unwrap().len(), 1);
}

/// Someone answers the demo app's consent page as `who`; Microsoft's answer (a redirect, or
/// its own error page).
async fn consent_as(sb: &Sandbox, who: &str) -> reqwest::Response {
    let authorize = reqwest::Url::parse_with_params(
        &format!(
            "{}/{}/oauth2/v2.0/authorize",
            sb.identity_url,
            mailbox_connect_sandbox::fixtures::TENANT_ID
        ),
        &[
            ("client_id", mailbox_connect_sandbox::fixtures::CLIENT_ID),
            ("response_type", "code"),
            ("redirect_uri", "http://localhost/callback"),
            ("scope", "openid offline_access Mail.Read"),
            ("login_hint", who),
        ],
    )
    .unwrap();
    let page = http().get(authorize).send().await.unwrap().text().await.unwrap();
    // The page offers the hinted person, pre-selected.
    assert!(page.contains(&format!("value=\"{who}\" checked")), "{page}");
    let request = page
        .split("name=\"request\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    http()
        .post(format!(
            "{}/{}/oauth2/v2.0/authorize/decide",
            sb.identity_url,
            mailbox_connect_sandbox::fixtures::TENANT_ID
        ))
        .form(&[("request", request), ("decision", "accept"), ("account", who)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn people_of_the_directory_sign_in_and_shared_mailboxes_are_disabled() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let people = sb.state.lock().directory.clone();
    let someone = people.iter().skip(3).find(|p| !p.shared && p.mail.is_some()).unwrap();
    // Signed in to the demo app (approved for the organization), as the named users are.
    let answer = consent_as(&sb, &someone.upn).await;
    let location = answer.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("http://localhost/callback?code="), "{location}");

    // A shared mailbox's account is disabled: Microsoft's own page says so (AADSTS50057).
    let shared = people.iter().find(|p| p.shared).unwrap();
    let text = consent_as(&sb, &shared.upn).await.text().await.unwrap();
    assert!(text.contains("AADSTS50057"), "{text}");
}
