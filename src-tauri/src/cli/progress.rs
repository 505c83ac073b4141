//! A job's events on the terminal, printed at once: the person needs the sign-in link or the
//! device code while the command waits. How the job ended is the command's own output.

use mailbox_connect_core::bulk::RowState;
use mailbox_connect_core::job::{BulkProgress, Job, JobEvent};

/// A job whose events are printed; nothing else can cancel it (Ctrl+C ends the process).
pub fn printed() -> Job {
    Job::detached(|e| {
        if let Some(line) = said(e) {
            println!("{line}");
        }
    })
}

/// Like [`printed`], on standard error, so standard output stays one JSON document.
pub fn printed_aside() -> Job {
    Job::detached(|e| {
        if let Some(line) = said(e) {
            eprintln!("{line}");
        }
    })
}

/// What an event says on the terminal; `None` for how the job ended.
fn said(e: JobEvent) -> Option<String> {
    Some(match e {
        JobEvent::SignIn(s) if s.browser_opened => {
            format!(
                "Your browser is open at Microsoft's sign-in page. If it is not, open:\n{}",
                s.url
            )
        }
        JobEvent::SignIn(s) => format!("Could not open a browser. Open this link to sign in:\n{}", s.url),
        JobEvent::DeviceCode(d) => {
            let why = d
                .browser_error
                .as_ref()
                .map(|why| format!("Could not open a browser here ({why}).\n"))
                .unwrap_or_default();
            format!(
                "{why}On any device, open {} and enter the code {} (it lasts {} minutes).",
                d.verification_uri,
                d.user_code,
                d.expires_secs / 60
            )
        }
        JobEvent::OwnerLink(l) => format!(
            "Send this link to {}; they open it on their own computer and sign in (at the very end their browser may say the page cannot be reached: they can close it).\n{}\nWaiting up to {} minutes for them to sign in (Ctrl-C stops waiting; the link keeps working).",
            l.email,
            l.url,
            l.wait_secs / 60
        ),
        // No total known (a listing page by page): the words alone.
        JobEvent::Progress(p) if p.total == 0 => p.text,
        JobEvent::Progress(p) => format!("[{}/{}] {}", p.done, p.total, p.text),
        JobEvent::Bulk(b) => bulk_line(&b),
        JobEvent::Step(s) => s.text,
        JobEvent::Warning(w) => format!("warning: {}", w.text),
        JobEvent::Finished | JobEvent::Failed(_) | JobEvent::Cancelled => return None,
    })
}

/// One mailbox of a bulk run done: counts, the mailbox's outcome, the pace and time left.
fn bulk_line(b: &BulkProgress) -> String {
    let done = b.connected + b.failed;
    let row = b.row.as_ref().map(|r| match (&r.state, &r.error) {
        (RowState::Connected, _) => format!("{} connected", r.email),
        (_, Some(e)) => format!("{} FAILED: {}", r.email, e.message),
        _ => r.email.clone(),
    });
    let left = match b.seconds_left {
        Some(s) if b.left > 0 => format!(", about {} left", duration(s)),
        _ => String::new(),
    };
    format!(
        "[{done}/{}] {} ({} failed, {} left; {:.0} a minute{left})",
        b.total,
        row.unwrap_or_default(),
        b.failed,
        b.left,
        b.per_minute
    )
}

fn duration(secs: u64) -> String {
    match secs {
        0..=89 => format!("{secs} s"),
        90..=5399 => format!("{} min", secs.div_ceil(60)),
        _ => format!("{} h {} min", secs / 3600, (secs % 3600) / 60),
    }
}
