//! A job's events on the terminal, printed at once: the person needs the sign-in link or the
//! device code while the command waits. How the job ended is the command's own output.

use mailbox_connect_core::job::{Job, JobEvent};

/// A job whose events are printed; nothing else can cancel it (Ctrl+C ends the process).
pub fn printed() -> Job {
    Job::detached(print)
}

fn print(e: JobEvent) {
    match e {
        JobEvent::SignIn(s) if s.browser_opened => {
            println!(
                "Your browser is open at Microsoft's sign-in page. If it is not, open:\n{}",
                s.url
            )
        }
        JobEvent::SignIn(s) => println!("Could not open a browser. Open this link to sign in:\n{}", s.url),
        JobEvent::DeviceCode(d) => {
            if let Some(why) = &d.browser_error {
                println!("Could not open a browser here ({why}).");
            }
            println!(
                "On any device, open {} and enter the code {} (it lasts {} minutes).",
                d.verification_uri,
                d.user_code,
                d.expires_secs / 60
            )
        }
        JobEvent::Progress(p) => println!("[{}/{}] {}", p.done, p.total, p.text),
        JobEvent::Step(s) => println!("{}", s.text),
        JobEvent::Warning(w) => eprintln!("warning: {}", w.text),
        JobEvent::Finished | JobEvent::Failed(_) | JobEvent::Cancelled => {}
    }
}
