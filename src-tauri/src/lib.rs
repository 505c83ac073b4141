//! The shell's parts that need no window: the command line and the in-process demo tenant, so
//! the tests can drive them as the binary does.

pub mod cli;

/// This build: its version and the commit it was made from (`build.rs` finds it).
pub mod build_info {
    pub const VERSION: &str = env!("CARGO_PKG_VERSION");
    pub const COMMIT: &str = env!("MAILBOX_CONNECT_COMMIT");
    /// What `--version` prints after the program's name.
    pub const VERSION_LINE: &str = concat!(
        env!("CARGO_PKG_VERSION"),
        " (commit ",
        env!("MAILBOX_CONNECT_COMMIT"),
        ")"
    );
}
pub mod demo;
pub mod logging;
pub mod session;
pub mod updater;

pub const KEYCHAIN_SERVICE: &str = "mailbox-connect";

/// The app's configuration and assets (`tauri.conf.json`, the built UI), for the window and for
/// the command line's windowless updater.
pub fn context() -> tauri::Context<tauri::Wry> {
    tauri::generate_context!()
}
