//! The window's commands, made from the one declaration in `command_list.rs`: each becomes an
//! async Tauri command (off the UI thread) in its group's inlined plugin, whose errors are noted
//! (redacted) for the diagnostics bundle, and a typed function in `ui/src/bindings/commands.ts`.

use mailbox_connect::build_info;
use mailbox_connect_core::about::{About, Folder, Site};
use mailbox_connect_core::azure::checklist::ChecklistTarget;
use mailbox_connect_core::azure::permissions::{self, ScopeWords};
use mailbox_connect_core::azure::portal::PortalPage;
use mailbox_connect_core::demo::{DemoControls, DemoFault};
use mailbox_connect_core::doctor::{Checkup, FindingCode};
use mailbox_connect_core::expiry::{self, ExpiryReading};
use mailbox_connect_core::job::{Job, JobEvent, JobStep, StepDone};
use mailbox_connect_core::legacy::{AuditReport, V2Input, V2Linked};
use mailbox_connect_core::nylas::grant_check::GrantCheckRow;
use mailbox_connect_core::nylas::types::{EwsAccount, Grant};
use mailbox_connect_core::nylas::Region;
use mailbox_connect_core::profile::ledger::LedgerEntry;
use mailbox_connect_core::profile::wizard::{WizardState, WizardStep};
use mailbox_connect_core::profile::AuthMode;
use mailbox_connect_core::result::ConnectResult;
use mailbox_connect_core::services::azure_app::{AppSummary, CreateOptions, Rotated, SignInOptions};
use mailbox_connect_core::services::{
    AdminConsentResult, AzureAppInput, GrantReport, NylasInput, ProfileSummary, SavedFile,
};
use mailbox_connect_core::AppError;
use tauri::ipc::Channel;
use tauri::plugin::TauriPlugin;
use tauri::{State, Wry};

use mailbox_connect_core::services::tools::{DIAGNOSTICS_STEM, LEDGER_STEM};

use mailbox_connect_core::bulk::{RunKind, RunRow, RunSummary};
use mailbox_connect_core::services::directory::{DirectoryFilter, DirectoryPage, Pick, Selection};
use mailbox_connect_core::services::updates::{UpdateOffer, UpdateSettings};

use crate::open_file::open_file;
use crate::save::{reveal, ToSave};
use crate::shell::Shell;
use crate::updating;

/// One command as TypeScript sees it.
#[cfg(test)]
pub struct Signature {
    pub plugin: &'static str,
    pub name: &'static str,
    /// `(name, Rust type)` per argument, the channel last.
    pub args: Vec<(&'static str, crate::bindings::TsType)>,
    pub ret: crate::bindings::TsType,
}

/// Starts a job whose events go to the window. The window comes forward once the browser no
/// longer needs the user: when the administrator has signed in to Graph, or when the job ends.
fn job(s: &Shell, events: Channel<JobEvent>) -> Job {
    let app = s.app.clone();
    s.jobs.start(move |e| {
        let forward = matches!(
            &e,
            JobEvent::Step(StepDone {
                step: JobStep::SignedIn,
                ..
            }) | JobEvent::Finished
                | JobEvent::Failed(_)
                | JobEvent::Cancelled
        );
        if let Err(err) = events.send(e) {
            tracing::warn!("the window stopped listening to a job: {err}");
        }
        if forward {
            crate::window::bring_to_front(&app);
        }
    })
}

macro_rules! commands {
    ($( $group:ident $plugin:literal {
        $( $(#[$meta:meta])* fn $name:ident ( $s:ident $(, $arg:ident : $aty:ty)* $(; $ch:ident : Channel<$evt:ty>)? ) -> $ret:ty $body:block )*
    } )*) => {
        $( pub mod $group {
            use super::*;
            $(
                $(#[$meta])*
                #[tauri::command]
                #[allow(unused_braces)] // one-line bodies are blocks inside the async block
                pub async fn $name(shell: State<'_, Shell> $(, $arg: $aty)* $(, $ch: Channel<$evt>)?) -> Result<$ret, AppError> {
                    let $s: &Shell = &shell;
                    let result: Result<$ret, AppError> = async { $body }.await;
                    if let Err(e) = &result {
                        $s.tools.note_error(e);
                    }
                    result
                }
            )*
            pub fn plugin() -> TauriPlugin<Wry> {
                tauri::plugin::Builder::new($plugin)
                    .invoke_handler(tauri::generate_handler![$($name),*])
                    .build()
            }
        } )*

        /// The inlined plugins that carry the commands.
        pub fn plugins() -> Vec<TauriPlugin<Wry>> {
            vec![$($group::plugin()),*]
        }

        /// Every command's TypeScript signature, in declaration order.
        #[cfg(test)]
        pub fn signatures() -> Vec<Signature> {
            use crate::bindings::TsType;
            vec![$($(Signature {
                plugin: $plugin,
                name: stringify!($name),
                args: vec![$((stringify!($arg), TsType::of::<$aty>()),)* $((stringify!($ch), TsType::channel::<$evt>()),)?],
                ret: TsType::of::<$ret>(),
            },)*)*]
        }
    };
}

include!("command_list.rs");
