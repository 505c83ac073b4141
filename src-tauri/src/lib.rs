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

pub const KEYCHAIN_SERVICE: &str = "mailbox-connect";
