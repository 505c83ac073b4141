//! Whole-flow and command-line tests: every path of the app's engine against the demo tenant over
//! real loopback HTTP, faults, the keychain and the real binary. The tests that need the real
//! Secret Service or the built binary are `#[ignore]`d here and run by `make desktop`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod admin_paths;
mod azure_app;
mod azure_app_device_code;
mod azure_app_refusals;
mod browser_outcome;
mod bulk_run;
mod cli;
mod cli_azure_app;
mod cli_bulk;
mod cli_directory;
mod cli_doctor;
mod cli_profile;
mod cli_send_link;
mod cli_update;
mod demo_app_graph;
mod demo_kept;
mod directory;
mod doctor;
mod doctor_expiry;
mod doctor_more;
mod doctor_nylas;
mod doctor_principal;
mod doctor_region;
mod faults;
mod full_flow;
mod grant_causes;
mod job_cancel;
mod keychain;
mod migration;
mod offline;
mod owner_link;
mod security_config;
mod support_tools;
