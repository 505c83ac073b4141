//! The Azure app registration as the admin sees it: the portal checklist, the permissions table and
//! manifest snippet, deep links into the Entra admin center, and what the app is for.

pub mod checklist;
pub mod permissions;
pub mod portal;
pub mod target;
