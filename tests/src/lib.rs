//! Helpers shared by the whole-flow and WebDriver tests (test code: panics are failures).
#![allow(clippy::expect_used, clippy::unwrap_used)]

pub mod binary;
pub mod drivers;
pub mod graph_session;
pub mod harness;
pub mod nylas_spec;
pub mod scripted_browser;
pub mod update_server;
pub mod window;
