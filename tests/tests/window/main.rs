//! WebDriver tests of the real app window (tauri-driver + WebKitWebDriver under Xvfb, headless
//! Chromium as the system browser). Every test is `#[ignore]`d: `make desktop` runs them one at a
//! time inside a private D-Bus session with gnome-keyring.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

mod about;
mod checklist_guidance;
mod create_app;
mod demo_controls;
mod demo_flow;
mod doctor;
mod first_run;
mod first_screen;
mod grant_test_cause;
mod offline;
mod organization;
mod owner_link;
mod result_retest;
mod sign_in_again;
mod single_instance;
mod tools_and_resume;
mod update;
