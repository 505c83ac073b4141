//! Tauri commands: each one line over the core engine. None runs on the UI thread: async ones
//! run on the async runtime, and the rest are marked `async` so Tauri does the same. Errors are
//! noted (redacted) for the diagnostics bundle on their way to the UI.

use std::sync::Arc;

use mailbox_connect_core::checklist::{ChecklistTarget, DataRegion};
use mailbox_connect_core::engine::bulk_check::GrantCheckRow;
use mailbox_connect_core::engine::{
    AdminConsentResult, AzureAppInput, BulkRow, ConsentStarted, GrantReport, NylasInput, ProfileSummary, SavedFile,
};
use mailbox_connect_core::ledger::LedgerEntry;
use mailbox_connect_core::legacy::{AuditReport, V2Input, V2Linked};
use mailbox_connect_core::nylas::types::{EwsAccount, Grant};
use mailbox_connect_core::profile::AuthMode;
use mailbox_connect_core::result::ConnectResult;
use mailbox_connect_core::wizard::{WizardState, WizardStep};
use mailbox_connect_core::{AppError, Engine};
use tauri::State;

use crate::demo::DemoSandbox;

type Eng<'a> = State<'a, Arc<Engine>>;
type Res<T> = Result<T, AppError>;

fn noted<T>(engine: &Engine, r: Res<T>) -> Res<T> {
    if let Err(e) = &r {
        engine.note_error(e);
    }
    r
}

/// The wizard as it was left; a demo profile gets a fresh demo tenant after a restart.
#[tauri::command]
pub async fn get_state(engine: Eng<'_>, sandbox: State<'_, DemoSandbox>) -> Res<WizardState> {
    tracing::info!("get_state called");
    if engine.needs_demo_tenant() {
        return noted(&engine, engine.resume_demo(sandbox.env().await?).await);
    }
    noted(&engine, engine.state())
}

#[tauri::command]
pub async fn choose_mode(engine: Eng<'_>, sandbox: State<'_, DemoSandbox>, demo: bool) -> Res<WizardState> {
    let env = if demo { Some(sandbox.env().await?) } else { None };
    noted(&engine, engine.choose_mode(env).await)
}

#[tauri::command(async)]
pub fn go_to(engine: Eng<'_>, step: WizardStep) -> Res<WizardState> {
    noted(&engine, engine.go_to(step))
}

#[tauri::command(async)]
pub fn set_checklist_item(engine: Eng<'_>, id: String, done: bool) -> Res<WizardState> {
    noted(&engine, engine.set_checklist_item(&id, done))
}

#[tauri::command(async)]
pub fn set_scopes(engine: Eng<'_>, scopes: Vec<String>) -> Res<WizardState> {
    noted(&engine, engine.set_scopes(&scopes))
}

#[tauri::command(async)]
pub fn set_target(engine: Eng<'_>, target: ChecklistTarget, region: DataRegion, mode: AuthMode) -> Res<WizardState> {
    noted(&engine, engine.set_target(target, region, mode))
}

#[tauri::command]
pub async fn save_azure_app(engine: Eng<'_>, input: AzureAppInput) -> Res<WizardState> {
    noted(&engine, engine.save_azure_app(input).await)
}

#[tauri::command]
pub async fn save_nylas(engine: Eng<'_>, input: NylasInput) -> Res<WizardState> {
    noted(&engine, engine.save_nylas(input).await)
}

#[tauri::command]
pub async fn start_consent(engine: Eng<'_>, login_hint: Option<String>) -> Res<ConsentStarted> {
    noted(&engine, engine.start_consent(login_hint).await)
}

#[tauri::command]
pub async fn finish_consent(engine: Eng<'_>) -> Res<ConnectResult> {
    noted(&engine, engine.finish_consent().await)
}

#[tauri::command(async)]
pub fn cancel_consent(engine: Eng<'_>) -> Res<()> {
    engine.cancel_consent()
}

#[tauri::command]
pub async fn start_admin_consent(engine: Eng<'_>) -> Res<ConsentStarted> {
    noted(&engine, engine.start_admin_consent().await)
}

#[tauri::command]
pub async fn finish_admin_consent(engine: Eng<'_>) -> Res<AdminConsentResult> {
    noted(&engine, engine.finish_admin_consent().await)
}

#[tauri::command]
pub async fn bulk_connect(engine: Eng<'_>, emails: Vec<String>) -> Res<Vec<BulkRow>> {
    noted(&engine, engine.bulk_connect(&emails).await)
}

#[tauri::command]
pub async fn connect_ews(engine: Eng<'_>, account: EwsAccount) -> Res<ConnectResult> {
    noted(&engine, engine.connect_ews(account).await)
}

#[tauri::command]
pub async fn check_grant(engine: Eng<'_>, key: String) -> Res<GrantReport> {
    noted(&engine, engine.check_existing_grant(&key).await)
}

#[tauri::command]
pub async fn check_all_grants(engine: Eng<'_>) -> Res<Vec<GrantCheckRow>> {
    noted(&engine, engine.check_all_grants().await)
}

#[tauri::command]
pub async fn list_grants(engine: Eng<'_>) -> Res<Vec<Grant>> {
    noted(&engine, engine.list_grants().await)
}

#[tauri::command(async)]
pub fn ledger(engine: Eng<'_>) -> Res<Vec<LedgerEntry>> {
    noted(&engine, engine.ledger())
}

#[tauri::command(async)]
pub fn export_ledger(engine: Eng<'_>) -> Res<SavedFile> {
    noted(&engine, engine.export_ledger_csv(None))
}

#[tauri::command(async)]
pub fn diagnostics(engine: Eng<'_>) -> Res<SavedFile> {
    noted(&engine, engine.diagnostics(None))
}

#[tauri::command(async)]
pub fn profiles(engine: Eng<'_>) -> Res<Vec<ProfileSummary>> {
    noted(&engine, engine.profiles())
}

#[tauri::command(async)]
pub fn new_profile(engine: Eng<'_>, name: String) -> Res<WizardState> {
    noted(&engine, engine.new_profile(&name))
}

#[tauri::command(async)]
pub fn switch_profile(engine: Eng<'_>, id: String) -> Res<WizardState> {
    noted(&engine, engine.switch_profile(&id))
}

#[tauri::command]
pub async fn delete_profile(engine: Eng<'_>, id: String) -> Res<Vec<ProfileSummary>> {
    noted(&engine, engine.delete_profile(&id).await)
}

#[tauri::command]
pub async fn migration_audit(engine: Eng<'_>, v2: V2Input) -> Res<AuditReport> {
    noted(&engine, engine.migration_audit(v2).await)
}

#[tauri::command]
pub async fn v2_connect_exchange(engine: Eng<'_>, v2: V2Input, account: EwsAccount) -> Res<V2Linked> {
    noted(&engine, engine.v2_connect_exchange(v2, account).await)
}

#[tauri::command]
pub async fn start_v2_consent(engine: Eng<'_>, v2: V2Input, login_hint: Option<String>) -> Res<ConsentStarted> {
    noted(&engine, engine.start_v2_consent(v2, login_hint).await)
}

#[tauri::command]
pub async fn finish_v2_consent(engine: Eng<'_>) -> Res<V2Linked> {
    noted(&engine, engine.finish_v2_consent().await)
}
