//! Long-running work (the sign-ins, the Graph jobs on the Azure app, and later checks and bulk
//! runs) reports through one event type, [`JobEvent`], and stops through one cancel signal. A
//! [`Job`] is both: the shell, the command line and the tests each start one from [`Jobs`] and
//! hand it to the service that does the work.

use std::sync::{Arc, Mutex, Weak};

pub use tokio_util::sync::CancellationToken;

use crate::error::{AppError, ErrorCode, Result};

mod event;

pub use event::{
    BulkProgress, ConsentStarted, DeviceCodeStarted, JobEvent, JobStep, Notice, OwnerLink, Progress, StepDone,
};

/// Where a job's events go: the window's channel, the terminal, or a test's recorder.
pub type Report = Arc<dyn Fn(JobEvent) + Send + Sync>;

/// One running job: what it reports to and the signal that stops it.
#[derive(Clone)]
pub struct Job {
    report: Report,
    cancel: CancellationToken,
    /// Held by the job and its clones: once all are gone, the job has ended.
    alive: Arc<()>,
}

impl Job {
    /// A job nobody else can cancel (the command line runs one and exits).
    pub fn detached(report: impl Fn(JobEvent) + Send + Sync + 'static) -> Self {
        Self {
            report: Arc::new(report),
            cancel: CancellationToken::new(),
            alive: Arc::new(()),
        }
    }

    pub fn report(&self, e: JobEvent) {
        (self.report)(e);
    }

    /// A step done (or a wait under way), in plain words; also logged.
    pub fn step(&self, step: JobStep, text: impl Into<String>) {
        let text = text.into();
        tracing::info!(?step, "{text}");
        self.report(JobEvent::Step(StepDone { step, text }));
    }

    /// `done` of `total` items, and what is under way.
    pub fn progress(&self, done: u32, total: u32, text: impl Into<String>) {
        self.report(JobEvent::Progress(Progress {
            done,
            total,
            text: text.into(),
        }));
    }

    /// Something the user should know that does not stop the job; also logged.
    pub fn warn(&self, text: impl Into<String>) {
        let text = text.into();
        tracing::warn!("{text}");
        self.report(JobEvent::Warning(Notice { text }));
    }

    /// The signal: resolves once the job is cancelled.
    pub fn cancel_signal(&self) -> &CancellationToken {
        &self.cancel
    }

    /// Between two steps: stops here (with [`ErrorCode::Cancelled`]) when the job was cancelled.
    pub fn go_on(&self) -> Result<()> {
        if self.cancel.is_cancelled() {
            return Err(AppError::new(ErrorCode::Cancelled, "Stopped before it finished.")
                .with_fix("What was done so far stays done. Start it again when you are ready."));
        }
        Ok(())
    }

    /// Waits `how_long` between two tries, or stops early when the job is cancelled.
    pub async fn pause(&self, how_long: std::time::Duration) -> Result<()> {
        tokio::select! {
            _ = tokio::time::sleep(how_long) => {}
            _ = self.cancel.cancelled() => {}
        }
        self.go_on()
    }

    /// Reports how the job ended (finished, failed, or cancelled) and hands its result on.
    pub fn end<T>(&self, result: Result<T>) -> Result<T> {
        self.report(match &result {
            Ok(_) => JobEvent::Finished,
            Err(e) if matches!(e.code, ErrorCode::Cancelled | ErrorCode::ConsentCancelled) => JobEvent::Cancelled,
            Err(e) => JobEvent::Failed(e.clone()),
        });
        result
    }
}

/// The app's jobs: one runs at a time, so starting one cancels the one before, and
/// [`Jobs::cancel`] stops the current one.
#[derive(Default)]
pub struct Jobs {
    current: Mutex<Option<(CancellationToken, Weak<()>)>>,
}

impl Jobs {
    pub fn start(&self, report: impl Fn(JobEvent) + Send + Sync + 'static) -> Job {
        let job = Job::detached(report);
        if let Ok(mut slot) = self.current.lock() {
            if let Some((old, _)) = slot.replace((job.cancel.clone(), Arc::downgrade(&job.alive))) {
                old.cancel();
            }
        }
        job
    }

    /// Stops the job under way, if any.
    pub fn cancel(&self) {
        if let Some((current, _)) = self.current.lock().ok().and_then(|mut c| c.take()) {
            current.cancel();
        }
    }

    /// Whether a job is under way: started, not cancelled, and not yet ended.
    pub fn busy(&self) -> bool {
        self.current.lock().ok().is_some_and(|c| {
            c.as_ref()
                .is_some_and(|(token, alive)| !token.is_cancelled() && alive.strong_count() > 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorder() -> (Arc<Mutex<Vec<JobEvent>>>, impl Fn(JobEvent) + Send + Sync + 'static) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let keep = seen.clone();
        (seen, move |e| keep.lock().unwrap().push(e))
    }

    #[test]
    fn a_new_job_cancels_the_one_before_and_cancel_stops_the_current_one() {
        let jobs = Jobs::default();
        let first = jobs.start(|_| {});
        assert!(first.go_on().is_ok());
        let second = jobs.start(|_| {});
        assert_eq!(first.go_on().unwrap_err().code, ErrorCode::Cancelled);
        assert!(second.go_on().is_ok());
        jobs.cancel();
        assert!(second.cancel_signal().is_cancelled());
    }

    #[test]
    fn the_end_says_finished_failed_or_cancelled() {
        let (seen, report) = recorder();
        let job = Job::detached(report);
        assert_eq!(job.end(Ok(1)).unwrap(), 1);
        let _ = job.end::<()>(Err(AppError::internal("broke")));
        let _ = job.end::<()>(Err(AppError::new(ErrorCode::ConsentCancelled, "Sign-in cancelled.")));
        let tags: Vec<String> = seen
            .lock()
            .unwrap()
            .iter()
            .map(|e| serde_json::to_value(e).unwrap()["event"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(tags, ["finished", "failed", "cancelled"]);
    }

    #[test]
    fn every_event_has_one_shape() {
        let (seen, report) = recorder();
        let job = Job::detached(report);
        job.step(JobStep::Registered, "The app was registered.");
        job.progress(2, 5, "Connecting b@contoso.com");
        job.warn("Nylas was not checked.");
        let json: Vec<serde_json::Value> = seen
            .lock()
            .unwrap()
            .iter()
            .map(|e| serde_json::to_value(e).unwrap())
            .collect();
        assert_eq!(
            json[0],
            serde_json::json!({"event": "step", "data": {"step": "registered", "text": "The app was registered."}})
        );
        assert_eq!(
            json[1]["data"],
            serde_json::json!({"done": 2, "total": 5, "text": "Connecting b@contoso.com"})
        );
        assert_eq!(
            json[2],
            serde_json::json!({"event": "warning", "data": {"text": "Nylas was not checked."}})
        );
    }
}
