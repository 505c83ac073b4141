//! Mailbox Connect desktop shell: builds the core engine and exposes it to the UI.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod cli;
mod commands;
mod demo;
mod window;

use std::sync::Arc;
use std::time::Duration;

use mailbox_connect_core::browser;
use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::{engine, Engine, EngineConfig};
use tauri::Manager;

pub(crate) const KEYCHAIN_SERVICE: &str = "mailbox-connect";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| mailbox_connect_core::cli::is_command(a)) {
        std::process::exit(cli::main(&args));
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MAILBOX_CONNECT_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let started = std::time::Instant::now();
    let result = tauri::Builder::default()
        .setup(move |app| {
            tracing::info!("setup begins {:?} after start", started.elapsed());
            let config_dir = app.path().app_config_dir()?;
            let engine = Engine::new(EngineConfig {
                config_dir,
                secrets: SecretStore::keychain(KEYCHAIN_SERVICE),
                browser: browser::system(),
                consent_timeout: Duration::from_secs(600),
                response_mode: ResponseMode::FormPost,
                hosted_port: engine::HOSTED_CALLBACK_PORT,
                http_timeout: Duration::from_secs(30),
            })?;
            // A demo profile left active needs a new demo tenant first (get_state does that).
            let initial = if engine.needs_demo_tenant() {
                None
            } else {
                engine.state().ok()
            };
            app.manage(Arc::new(engine));
            tracing::info!("engine ready {:?} after start", started.elapsed());
            window::open(app, initial.as_ref())?;
            app.manage(demo::DemoSandbox::default());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::get_state,
            commands::choose_mode,
            commands::go_to,
            commands::set_checklist_item,
            commands::set_scopes,
            commands::set_target,
            commands::save_azure_app,
            commands::save_nylas,
            commands::start_consent,
            commands::finish_consent,
            commands::cancel_consent,
            commands::start_admin_consent,
            commands::finish_admin_consent,
            commands::bulk_connect,
            commands::connect_ews,
            commands::check_grant,
            commands::check_all_grants,
            commands::list_grants,
            commands::ledger,
            commands::export_ledger,
            commands::diagnostics,
            commands::profiles,
            commands::new_profile,
            commands::switch_profile,
            commands::delete_profile,
            commands::migration_audit,
            commands::v2_connect_exchange,
            commands::start_v2_consent,
            commands::finish_v2_consent,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Mailbox Connect could not start: {e}");
        std::process::exit(1);
    }
}
