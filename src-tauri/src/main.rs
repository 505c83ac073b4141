//! Mailbox Connect desktop shell: with a command (`mailbox-connect connect …`) it runs the command
//! line; otherwise it opens the window over the core's services.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod bindings;
mod commands;
mod open_file;
mod save;
mod shell;
mod updating;
mod window;

use mailbox_connect::{cli, demo, logging, updater, KEYCHAIN_SERVICE};

use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::services::default_log_dir;
use mailbox_connect_core::{browser, Config, Services};
use tauri::Manager;

fn main() {
    if let Some(args) = cli::parse() {
        std::process::exit(cli::run(args));
    }
    if let Some(missing) = window::no_display() {
        eprintln!("{missing}");
        std::process::exit(1);
    }
    let _log = logging::init(default_log_dir().as_deref());
    let started = std::time::Instant::now();
    // One instance at a time (Hosted auth's fixed port and the profile file are shared): a second
    // launch brings the first window forward and exits.
    let mut builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            window::bring_to_front(app);
        }))
        // Used from Rust only (Save dialog, Show in folder); the window has no permission for them.
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        // Used from Rust only, like the two above: the window asks through the `about` commands.
        .plugin(updater::plugin());
    for plugin in commands::plugins() {
        builder = builder.plugin(plugin);
    }
    let result = builder
        .setup(move |app| {
            tracing::info!(
                version = env!("CARGO_PKG_VERSION"),
                os = std::env::consts::OS,
                "Mailbox Connect starts; setup begins {:?} after start",
                started.elapsed()
            );
            let config = Config::desktop(
                app.path().app_config_dir()?,
                SecretStore::keychain(KEYCHAIN_SERVICE),
                browser::system(),
            );
            if let Err(e) = mailbox_connect_core::secrets::keychain_persists() {
                tracing::error!("{} {}", e.message, e.fix.as_deref().unwrap_or(""));
            }
            let core = Services::new(config)?;
            // A demo profile left active needs a new demo tenant first (get_state does that).
            let initial = if core.demo.needs_tenant() {
                None
            } else {
                core.setup.state().ok()
            };
            app.manage(shell::Shell {
                core,
                sandbox: demo::DemoSandbox::default(),
                app: app.handle().clone(),
                saved: Default::default(),
                update: Default::default(),
                update_stop: Default::default(),
            });
            tracing::info!("services ready {:?} after start", started.elapsed());
            window::open(app, initial.as_ref())?;
            Ok(())
        })
        .run(mailbox_connect::context());
    if let Err(e) = result {
        eprintln!("Mailbox Connect could not start: {e}");
        std::process::exit(1);
    }
}
