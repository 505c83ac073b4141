//! What the window's directory table shows: the whole directory, or a search's results, held
//! here and handed to the window a page at a time, so the window holds a hundred rows however
//! large the organization.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::table::{counts, lets_through};
use super::{Connection, DirectoryFilter, DirectoryRow};

/// Rows a page shows: enough to scan, few enough that 5,000 people cost the window no more.
pub const PAGE: usize = 100;

pub struct View {
    pub rows: Vec<DirectoryRow>,
    pub listed_at: i64,
    /// The search these rows answer; `None` for the whole directory.
    pub search: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DirectoryPage {
    /// At most [`PAGE`] rows, of those the filter lets through.
    pub rows: Vec<DirectoryRow>,
    /// This page (from 0), and how many there are.
    pub page: u32,
    pub pages: u32,
    /// How many rows the filter lets through.
    pub shown: u32,
    /// Counts over the whole directory (or the whole search), whatever the filter.
    pub total: u32,
    pub valid: u32,
    pub invalid: u32,
    pub not_connected: u32,
    #[ts(type = "number")]
    pub listed_at: i64,
    #[ts(optional)]
    pub search: Option<String>,
}

impl View {
    /// Page `page` (from 0; past the end, the last) of the rows `filter` lets through.
    pub fn page(&self, filter: DirectoryFilter, page: u32) -> DirectoryPage {
        let through: Vec<&DirectoryRow> = self.rows.iter().filter(|r| lets_through(filter, r)).collect();
        let pages = through.len().div_ceil(PAGE).max(1);
        let page = (page as usize).min(pages - 1);
        let (valid, invalid, not_connected) = counts(&self.rows);
        DirectoryPage {
            rows: through
                .iter()
                .skip(page * PAGE)
                .take(PAGE)
                .map(|r| (*r).clone())
                .collect(),
            page: page as u32,
            pages: pages as u32,
            shown: through.len() as u32,
            total: self.rows.len() as u32,
            valid,
            invalid,
            not_connected,
            listed_at: self.listed_at,
            search: self.search.clone(),
        }
    }

    /// The addresses `filter` lets through that there is something to do for (not connected, or
    /// not working): "select all shown".
    pub fn selectable(&self, filter: DirectoryFilter) -> Vec<String> {
        self.rows
            .iter()
            .filter(|r| lets_through(filter, r) && r.connection != Connection::Valid)
            .map(|r| r.email.clone())
            .collect()
    }

    /// Mailboxes a run connected: valid now, with their grant.
    pub fn connected(&mut self, done: &[(String, String)]) {
        let done: HashMap<String, &String> = done.iter().map(|(e, g)| (e.to_lowercase(), g)).collect();
        for r in &mut self.rows {
            if let Some(grant) = done.get(&r.email.to_lowercase()) {
                r.connection = Connection::Valid;
                r.grant_id = Some((*grant).clone());
                r.reason = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(i: usize, connection: Connection) -> DirectoryRow {
        DirectoryRow {
            id: i.to_string(),
            name: format!("P{i}"),
            email: format!("p{i}@x.com"),
            shared: false,
            connection,
            grant_id: None,
            reason: None,
        }
    }

    #[test]
    fn five_thousand_people_a_hundred_at_a_time() {
        let rows = (0..5000)
            .map(|i| {
                row(
                    i,
                    if i % 2 == 0 {
                        Connection::Valid
                    } else {
                        Connection::NotConnected
                    },
                )
            })
            .collect();
        let mut v = View {
            rows,
            listed_at: 1,
            search: None,
        };
        let last = v.page(DirectoryFilter::NotConnected, 99);
        assert_eq!((last.page, last.pages, last.shown, last.total), (24, 25, 2500, 5000));
        assert_eq!(last.rows.len(), PAGE);
        assert_eq!(last.rows[0].email, "p4801@x.com");
        assert_eq!(v.selectable(DirectoryFilter::All).len(), 2500);
        v.connected(&[("P1@x.com".into(), "g1".into())]);
        let first = v.page(DirectoryFilter::All, 0);
        assert_eq!((first.valid, first.not_connected), (2501, 2499));
        assert_eq!(first.rows[1].grant_id.as_deref(), Some("g1"));
    }
}
