//! `mailbox-connect directory`: the organization's people with a mailbox, each with its Nylas
//! grant, one tab-separated row each (or one JSON document). An administrator signs in to
//! Microsoft Graph first.

use clap::ValueEnum;
use mailbox_connect_core::services::directory::DirectoryFilter;
use mailbox_connect_core::{AppError, DemoEnv, Services};

use super::azure_app::SignInArgs;
use super::demo_profile::on_demo;
use super::json::as_json;
use super::progress::{printed, printed_aside};

/// Which rows `directory` lists.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Filter {
    /// Everyone with a mailbox.
    All,
    /// Those without a Nylas grant.
    NotConnected,
    /// Those whose grant is invalid.
    Invalid,
}

impl From<Filter> for DirectoryFilter {
    fn from(f: Filter) -> Self {
        match f {
            Filter::All => DirectoryFilter::All,
            Filter::NotConnected => DirectoryFilter::NotConnected,
            Filter::Invalid => DirectoryFilter::Invalid,
        }
    }
}

pub async fn run(
    filter: Filter,
    search: Option<String>,
    json: bool,
    sign_in: SignInArgs,
    s: &Services,
    demo: Option<DemoEnv>,
    w: &mut Vec<String>,
) -> Result<i32, AppError> {
    on_demo(s, demo).await?;
    let job = if json { printed_aside() } else { printed() };
    let listed = s
        .directory
        .list(&sign_in.options(false), search.as_deref(), filter.into(), &job)
        .await;
    let t = job.end(listed)?;
    if json {
        w.push(as_json(&t));
        return Ok(0);
    }
    for r in &t.rows {
        let mut notes = Vec::new();
        if r.shared {
            notes.push("shared mailbox?".to_string());
        }
        notes.extend(r.reason.clone());
        w.push(format!(
            "{}\t{}\t{}\t{}\t{}",
            r.email,
            r.name,
            r.connection.word(),
            r.grant_id.as_deref().unwrap_or("-"),
            notes.join("; ")
        ));
    }
    w.push(format!(
        "# {} people with a mailbox: {} connected, {} invalid, {} not connected ({} listed)",
        t.total,
        t.valid,
        t.invalid,
        t.not_connected,
        t.rows.len()
    ));
    Ok(0)
}
