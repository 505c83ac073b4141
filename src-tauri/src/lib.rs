//! The shell's parts that need no window: the command line and the in-process demo tenant, so
//! the tests can drive them as the binary does.

pub mod cli;
pub mod demo;
pub mod logging;

pub const KEYCHAIN_SERVICE: &str = "mailbox-connect";
