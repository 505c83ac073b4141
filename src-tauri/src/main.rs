//! Mailbox Connect desktop shell: with a command (`mailbox-connect connect …`) it runs the command
//! line; otherwise it opens the window over the core's services.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod bindings;
mod commands;
mod shell;
mod window;

use mailbox_connect::{cli, demo, KEYCHAIN_SERVICE};

use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::{browser, Config, Services};
use tauri::Manager;

fn main() {
    if let Some(command) = cli::parse() {
        std::process::exit(cli::run(command));
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MAILBOX_CONNECT_LOG").unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let started = std::time::Instant::now();
    let mut builder = tauri::Builder::default();
    for plugin in commands::plugins() {
        builder = builder.plugin(plugin);
    }
    let result = builder
        .setup(move |app| {
            tracing::info!("setup begins {:?} after start", started.elapsed());
            let config = Config::desktop(
                app.path().app_config_dir()?,
                SecretStore::keychain(KEYCHAIN_SERVICE),
                browser::system(),
            );
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
            });
            tracing::info!("services ready {:?} after start", started.elapsed());
            window::open(app, initial.as_ref())?;
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Mailbox Connect could not start: {e}");
        std::process::exit(1);
    }
}
