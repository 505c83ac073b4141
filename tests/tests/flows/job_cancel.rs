//! Cancel stops any job, not only a sign-in's wait: a Graph job stops at its next step with its
//! own code, keeps what it did, and the next run finishes it without a second app.

use std::sync::Arc;
use std::time::Duration;

use mailbox_connect_core::job::{JobEvent, JobStep};
use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::services::azure_app::{CreateOptions, SignInOptions};
use mailbox_connect_core::ErrorCode;
use mailbox_connect_e2e::graph_session::{created_apps, ADMIN};
use mailbox_connect_e2e::harness::{demo_env, services_with};
use mailbox_connect_e2e::scripted_browser::{Decision, ScriptedBrowser};
use mailbox_connect_sandbox::Sandbox;

fn create() -> CreateOptions {
    CreateOptions {
        sign_in: SignInOptions {
            login_hint: Some(ADMIN.into()),
            ..SignInOptions::default()
        },
        target: None,
        secret_months: None,
    }
}

#[tokio::test]
async fn a_graph_job_cancelled_after_a_step_stops_there_and_resumes_later() {
    let sb = Sandbox::start("127.0.0.1").await.unwrap();
    sb.state.lock().graph.replication = Duration::from_millis(300);
    let dir = tempfile::tempdir().unwrap();
    let core = Arc::new(services_with(
        dir.path(),
        ScriptedBrowser::new(Decision::Accept),
        ResponseMode::FormPost,
        Duration::from_secs(20),
        SecretStore::memory(),
    ));
    core.setup.begin(Some(demo_env(&sb))).await.unwrap();

    // Cancel is pressed (as the window's Cancel calls it) once the app is registered.
    let jobs = core.jobs.clone();
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let keep = seen.clone();
    let job = core.jobs.start(move |e| {
        if matches!(&e, JobEvent::Step(s) if s.step == JobStep::Registered) {
            jobs.cancel();
        }
        keep.lock().unwrap().push(e);
    });
    let e = job.end(core.azure_app.create(create(), &job).await).unwrap_err();
    assert_eq!(e.code, ErrorCode::Cancelled, "{e:?}");
    let steps: Vec<JobStep> = seen
        .lock()
        .unwrap()
        .iter()
        .filter_map(|e| match e {
            JobEvent::Step(s) => Some(s.step),
            _ => None,
        })
        .collect();
    assert_eq!(
        steps,
        [JobStep::SignedIn, JobStep::Registered],
        "it stopped at the next step"
    );
    assert!(matches!(seen.lock().unwrap().last(), Some(JobEvent::Cancelled)));
    let half = core.setup.state().unwrap().profile.created_app.unwrap();
    assert!(half.object_id.is_some() && half.secret_key_id.is_none(), "{half:?}");
    assert_eq!(created_apps(&sb).await.len(), 1);

    // The next run (the administrator still signed in) finishes the same app.
    let p = core.azure_app.create(create(), &core.jobs.start(|_| {})).await.unwrap();
    let done = p.created_app.unwrap();
    assert!(done.ready && done.secret_key_id.is_some(), "{done:?}");
    assert_eq!(done.object_id, half.object_id, "the same app");
    assert_eq!(created_apps(&sb).await.len(), 1, "no second app");
}
