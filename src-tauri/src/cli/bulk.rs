//! `mailbox-connect bulk-connect`: many mailboxes connected through the organization's
//! approval, one progress line each and a summary. A run stopped part-way (Ctrl-C, a kill) is
//! resumed by the next one. Exit 0 when every mailbox connected, 3 when some failed (listed), 1
//! when the run could not start.

use std::path::PathBuf;

use clap::Args;
use mailbox_connect_core::bulk::RowState;
use mailbox_connect_core::services::directory::{select, DirectoryFilter, Pick};
use mailbox_connect_core::{AppError, DemoEnv, Services};

use super::azure_app::SignInArgs;
use super::demo_profile::on_demo;
use super::progress::printed;

/// Some mailboxes failed (they are listed).
pub const SOME_FAILED: i32 = 3;

#[derive(Debug, Args)]
#[group(id = "which", required = true, multiple = false, args = ["all_not_connected", "all_invalid", "csv", "emails"])]
pub struct Which {
    /// Every person with a mailbox who has no Nylas grant yet.
    #[arg(long)]
    all_not_connected: bool,
    /// Every mailbox whose grant is invalid, signed in again through the organization's approval.
    #[arg(long)]
    all_invalid: bool,
    /// The addresses in a CSV export (or a text file, one address a line).
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// These addresses.
    #[arg(value_name = "EMAIL")]
    emails: Vec<String>,
}

pub async fn run(
    which: Which,
    sign_in: SignInArgs,
    s: &Services,
    demo: Option<DemoEnv>,
    w: &mut Vec<String>,
) -> Result<i32, AppError> {
    on_demo(s, demo).await?;
    let job = printed();
    let opts = sign_in.options(false);
    let pick = if which.all_not_connected {
        Pick::NotConnected
    } else if which.all_invalid {
        Pick::Invalid
    } else if let Some(file) = &which.csv {
        Pick::Addresses(std::fs::read(file).map_err(|e| {
            AppError::invalid(
                "csv",
                format!("{} could not be read: {e}.", file.display()),
                "Check the file's name and that you may read it.",
            )
        })?)
    } else {
        Pick::Addresses(which.emails.join("\n").into_bytes())
    };
    let table = s.directory.list(&opts, None, DirectoryFilter::All, &job).await?;
    let chosen = select(&table.rows, pick)?;
    for p in &chosen.problems {
        let what = if p.refused { "refused" } else { "skipped" };
        w.push(format!("{what} line {}: {} ({})", p.line, p.problem, p.text));
    }
    let refused = chosen.problems.iter().any(|p| p.refused);
    let unfinished = s.bulk.unfinished()?;
    if let Some(r) = &unfinished {
        println!(
            "Resuming the run stopped with {} of {} mailboxes left.",
            r.left, r.total
        );
    }
    if chosen.emails.is_empty() && unfinished.is_none() {
        w.push("Nothing to connect: every mailbox chosen is connected already.".into());
        return Ok(if refused { SOME_FAILED } else { 0 });
    }
    s.bulk.approve(&opts, &job).await?;
    let summary = match unfinished.filter(|_| chosen.emails.is_empty()) {
        Some(r) => s.bulk.resume(&r.id, &job).await?,
        None => s.bulk.run(chosen.kind, &chosen.emails, &job).await?,
    };
    for r in s.bulk.rows(&summary.id)?.iter().filter(|r| r.state == RowState::Failed) {
        let why = r.error.as_ref().map(|e| e.message.as_str()).unwrap_or("failed");
        w.push(format!("FAILED\t{}\t{why}", r.email));
    }
    w.push(format!(
        "# {} of {} mailboxes connected, {} failed",
        summary.connected, summary.total, summary.failed
    ));
    Ok(if summary.failed == 0 && !refused {
        0
    } else {
        SOME_FAILED
    })
}
