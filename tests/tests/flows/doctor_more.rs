//! More of the doctor's findings, each broken the way it happens: the app's enterprise
//! application deleted (fixed by adding it again), an Exchange permission on a v3 app, Hosted
//! auth with no return address registered with Nylas, the Microsoft connector deleted through
//! Nylas's API (fixed by making it again), and an API key revoked in the Nylas dashboard.

use mailbox_connect_core::doctor::{Checkup, FindingCode};
use mailbox_connect_core::profile::AuthMode;
use mailbox_connect_core::services::NylasInput;
use mailbox_connect_core::Sensitive;
use mailbox_connect_e2e::graph_session::{doctor_check, doctor_fix};
use mailbox_connect_e2e::graph_session::{graph, http, sign_in, ADMIN};
use mailbox_connect_e2e::harness::demo_begun;
use mailbox_connect_sandbox::fixtures as f;
use mailbox_connect_sandbox::Sandbox;
use serde_json::json;

const EWS: &str = "9769c687-087d-48ac-9cb3-c37dde652038";

fn codes(c: &Checkup) -> Vec<FindingCode> {
    c.findings.iter().map(|x| x.code).collect()
}

#[tokio::test]
async fn a_deleted_enterprise_application_and_an_exchange_permission_on_a_v3_app() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = demo_begun(&sb, dir.path()).await;
    let token = sign_in(&sb, ADMIN).await;
    let app = format!("applications(appId='{}')", f::CLIENT_ID);
    let (_, doc) = graph(&sb, &token, "GET", &app, None, false).await;
    let mut access = doc["requiredResourceAccess"].clone();
    access[0]["resourceAccess"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": EWS, "type": "Scope"}));
    let (status, _) = graph(
        &sb,
        &token,
        "PATCH",
        &app,
        Some(json!({"requiredResourceAccess": access})),
        false,
    )
    .await;
    assert_eq!(status, 204);
    let (_, sp) = graph(
        &sb,
        &token,
        "GET",
        &format!("servicePrincipals(appId='{}')", f::CLIENT_ID),
        None,
        false,
    )
    .await;
    let sp_id = sp["id"].as_str().unwrap();
    let (status, _) = graph(
        &sb,
        &token,
        "DELETE",
        &format!("servicePrincipals/{sp_id}"),
        None,
        false,
    )
    .await;
    assert_eq!(status, 204);

    let found = doctor_check(&core).await;
    assert_eq!(
        codes(&found),
        [FindingCode::UnsupportedPermission, FindingCode::ServicePrincipalMissing],
        "{found:?}"
    );
    let only = [FindingCode::ServicePrincipalMissing];
    let fixed = doctor_fix(&core, Some(&only)).await;
    let sp = fixed
        .findings
        .iter()
        .find(|x| x.code == FindingCode::ServicePrincipalMissing)
        .unwrap();
    assert!(sp.fixed, "{fixed:?}");
    // The deleted enterprise application took its tenant-wide consent with it: said on the second look.
    assert!(codes(&fixed).contains(&FindingCode::ConsentMissing), "{fixed:?}");
    let fixed = doctor_fix(&core, None).await;
    assert_eq!(
        codes(&fixed),
        [FindingCode::UnsupportedPermission, FindingCode::ConsentMissing],
        "{fixed:?}"
    );
    // The Exchange permission needs the portal: the admin removes it there.
    let (_, doc) = graph(&sb, &token, "GET", &app, None, false).await;
    let mut access = doc["requiredResourceAccess"].clone();
    access[0]["resourceAccess"]
        .as_array_mut()
        .unwrap()
        .retain(|p| p["id"] != EWS);
    let (status, _) = graph(
        &sb,
        &token,
        "PATCH",
        &app,
        Some(json!({"requiredResourceAccess": access})),
        false,
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(codes(&doctor_check(&core).await), []);
    let r = core
        .sign_in
        .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    assert!(r.check.ok, "{r:?}");
}

#[tokio::test]
async fn hosted_auth_without_a_return_address_a_deleted_connector_and_a_revoked_key() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = demo_begun(&sb, dir.path()).await;
    let r = core
        .sign_in
        .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    assert!(r.check.ok);

    // The connector deleted through Nylas's API while a Microsoft grant exists.
    let answer = http()
        .delete(format!("{}/v3/connectors/microsoft", sb.nylas_url))
        .bearer_auth(f::NYLAS_API_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    // Hosted auth chosen, with no return address on this computer registered with Nylas.
    core.setup.set_auth_mode(AuthMode::Hosted).unwrap();
    let found = doctor_check(&core).await;
    assert_eq!(
        codes(&found),
        [FindingCode::ConnectorMissing, FindingCode::CallbackUriMissing],
        "{found:?}"
    );
    let fixed = doctor_fix(&core, None).await;
    let connector = fixed
        .findings
        .iter()
        .find(|x| x.code == FindingCode::ConnectorMissing)
        .unwrap();
    assert!(connector.fixed, "{fixed:?}");
    assert!(sb.state.lock().connectors.contains_key("microsoft"));

    let again = core
        .sign_in
        .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    assert!(again.check.ok && again.grant.id == r.grant.id, "{again:?}");

    // The API key revoked in the Nylas dashboard; a new one made there and pasted on the Nylas step.
    sb.state.lock().api_keys.clear();
    assert_eq!(codes(&doctor_check(&core).await), [FindingCode::ApiKeyInvalid]);
    let new_key = "nyk_v0_made_again_in_the_dashboard_0123456789abcdef";
    sb.state.lock().api_keys.push(new_key.into());
    let region = core.setup.state().unwrap().profile.region;
    let input = NylasInput {
        region,
        api_key: Sensitive::from(new_key),
    };
    core.setup.save_nylas(input).await.unwrap();
    assert_eq!(codes(&doctor_check(&core).await), []);
    assert!(core.tools.check_grant(&r.grant.id).await.unwrap().check.ok);
}
