//! "Create it for me" against the demo tenant's Graph: an administrator signs in once (Graph
//! PowerShell, loopback + PKCE), the app is created for the target with its secret in the
//! keychain, replication is waited out with progress, and a mailbox then connects with it; an
//! interrupted creation resumes without a second app; rotation keeps the grant and removes the
//! old secret. Refusals are in `azure_app_refusals.rs`.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailbox_connect_core::job::{JobEvent, JobStep, Report};
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::services::azure_app::SignInOptions;
use mailbox_connect_e2e::graph_session::{client_credentials, created_apps, ADMIN, USER};
use mailbox_connect_e2e::harness::{as_admin, demo_env, graph_demo_services as demo_services, job, kept_secret};
use mailbox_connect_sandbox::faults::{FaultPlan, GraphThrottle};
use mailbox_connect_sandbox::Sandbox;

type Steps = Arc<Mutex<Vec<(JobStep, String)>>>;

fn recorder() -> (Report, Steps) {
    let steps: Steps = Arc::default();
    let keep = steps.clone();
    let report: Report = Arc::new(move |e| {
        if let JobEvent::Step(p) = e {
            keep.lock().unwrap().push((p.step, p.text));
        }
    });
    (report, steps)
}

#[tokio::test]
async fn create_it_for_me_then_connect_and_rotate() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    sb.state.lock().graph.replication = Duration::from_millis(2500);
    let dir = tempfile::tempdir().unwrap();
    let secrets = SecretStore::memory();
    let core = demo_services(&sb, dir.path(), secrets.clone()).await;
    core.setup.begin(Some(demo_env(&sb))).await.unwrap();
    assert!(created_apps(&sb).await.is_empty(), "the tenant starts without our app");

    let (report, steps) = recorder();
    let p = core
        .azure_app
        .create(as_admin(ADMIN, true), &job(&core, report))
        .await
        .unwrap();
    let steps = steps.lock().unwrap().clone();
    let kinds: Vec<JobStep> = steps.iter().map(|s| s.0).collect();
    for want in [
        JobStep::SignedIn,
        JobStep::Registered,
        JobStep::SecretSaved,
        JobStep::PrincipalCreated,
        JobStep::Consented,
        JobStep::Ready,
    ] {
        assert!(kinds.contains(&want), "{want:?} missing from {steps:?}");
    }
    // The new client ID was unknown to sign-in for a while: progress said so, then it passed.
    assert!(kinds.contains(&JobStep::Waiting), "{steps:?}");

    let apps = created_apps(&sb).await;
    assert_eq!(apps.len(), 1, "{apps:?}");
    let app = &apps[0];
    assert_eq!(app["appId"], p.client_id.as_str());
    assert_eq!(app["signInAudience"], "AzureADMyOrg");
    assert_eq!(app["web"]["redirectUris"][0], "http://localhost/callback");
    let access = app["requiredResourceAccess"][0]["resourceAccess"].as_array().unwrap();
    assert!(access.len() >= 4, "{app}");
    assert_eq!(
        p.step,
        mailbox_connect_core::profile::wizard::WizardStep::Consent,
        "straight on to the mailbox"
    );
    let created = p.created_app.clone().unwrap();
    assert!(created.ready && created.consented && created.principal_id.is_some());
    let secret = kept_secret(&secrets, &p.id).await.unwrap();
    assert_eq!(app["passwordCredentials"].as_array().unwrap().len(), 1);
    let expiry = app["passwordCredentials"][0]["endDateTime"].as_str().unwrap();
    assert_eq!(
        p.secret_expires_on.unwrap().to_string(),
        expiry[..10],
        "expiry from Graph's answer"
    );

    // A mailbox connects with the new app: nothing copied or pasted.
    let r = core
        .sign_in
        .connect(Some(USER.into()), &core.jobs.start(|_| {}))
        .await
        .unwrap();
    assert!(r.check.ok, "{:?}", r.check);

    // Rotation: a new secret, Nylas's connector updated, the grant tested, the old one removed.
    let (report, steps) = recorder();
    let rotated = core
        .azure_app
        .rotate_secret(SignInOptions::default(), Some(6), &job(&core, report))
        .await
        .unwrap();
    assert_eq!(rotated.removed, [created.secret_key_id.clone().unwrap()]);
    assert_eq!(rotated.grant_checked.as_deref(), Some(r.grant.id.as_str()));
    let kinds: Vec<JobStep> = steps.lock().unwrap().iter().map(|s| s.0).collect();
    assert!(
        kinds.contains(&JobStep::ConnectorUpdated) && kinds.contains(&JobStep::OldSecretRemoved),
        "{kinds:?}"
    );
    let old = client_credentials(&sb, &p.client_id, secret.expose()).await;
    assert!(
        old["error_description"]
            .as_str()
            .unwrap_or_default()
            .contains("7000215"),
        "{old}"
    );
    let new = kept_secret(&secrets, &p.id).await.unwrap();
    assert!(client_credentials(&sb, &p.client_id, new.expose()).await["access_token"].is_string());
    let check = core.tools.check_grant(&r.grant.id).await.unwrap();
    assert!(check.check.ok, "{:?}", check.check);
    // Nylas checks the connector's secret when a mailbox connects: it holds the new one.
    assert!(
        core.sign_in
            .connect(Some(ADMIN.into()), &core.jobs.start(|_| {}))
            .await
            .unwrap()
            .check
            .ok
    );

    // Remove this app: gone from the tenant, and from the profile and keychain.
    let (report, _) = recorder();
    let p = core
        .azure_app
        .remove(SignInOptions::default(), &job(&core, report))
        .await
        .unwrap();
    assert!(created_apps(&sb).await.is_empty());
    assert!(p.client_id.is_empty() && p.created_app.is_none());
    assert!(kept_secret(&secrets, &p.id).await.is_none());
}

#[tokio::test]
async fn an_interrupted_creation_resumes_without_a_second_app() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    sb.state.lock().graph.replication = Duration::from_millis(300);
    let dir = tempfile::tempdir().unwrap();
    let secrets = SecretStore::memory();
    let core = Arc::new(demo_services(&sb, dir.path(), secrets.clone()).await);
    core.setup.begin(Some(demo_env(&sb))).await.unwrap();

    // The app is stopped the moment Graph has registered the app (as a kill would).
    let (tx, rx) = tokio::sync::oneshot::channel();
    let tx = Mutex::new(Some(tx));
    let report: Report = Arc::new(move |e| {
        if matches!(e, JobEvent::Step(ref p) if p.step == JobStep::Registered) {
            if let Some(tx) = tx.lock().unwrap().take() {
                let _ = tx.send(());
            }
        }
    });
    let running = core.clone();
    let task = tokio::spawn(async move {
        running
            .azure_app
            .create(as_admin(ADMIN, false), &job(&running, report))
            .await
    });
    rx.await.unwrap();
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    drop(core);
    let half = created_apps(&sb).await;
    assert_eq!(half.len(), 1);

    // Started again (same folder, same keychain): the same app, finished; Graph's throttling on
    // the way is waited out as its Retry-After says.
    sb.state.inject(FaultPlan {
        graph_throttle: Some(GraphThrottle {
            count: 2,
            retry_after: 1,
        }),
        ..FaultPlan::default()
    });
    let core = demo_services(&sb, dir.path(), secrets.clone()).await;
    let (report, _) = recorder();
    let p = core
        .azure_app
        .create(as_admin(ADMIN, false), &job(&core, report))
        .await
        .unwrap();
    let apps = created_apps(&sb).await;
    assert_eq!(apps.len(), 1, "{apps:?}");
    assert_eq!(apps[0]["appId"], half[0]["appId"]);
    assert_eq!(p.client_id, half[0]["appId"].as_str().unwrap());
    assert_eq!(
        apps[0]["passwordCredentials"].as_array().unwrap().len(),
        1,
        "no stray secret"
    );
    assert_eq!(
        sb.state.lock().faults.graph_throttled,
        0,
        "both throttled answers were met"
    );
    let secret = kept_secret(&secrets, &p.id).await.unwrap();
    assert!(client_credentials(&sb, &p.client_id, secret.expose()).await["access_token"].is_string());
}
