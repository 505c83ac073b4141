//! Which mailboxes a bulk run takes: everyone not connected, everyone whose grant is invalid,
//! or the addresses of a list, each held against the directory before anything is sent: an
//! address of another domain, or of nobody with a mailbox, is refused on its line, and one
//! already connected is left as it is.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use ts_rs::TS;

use super::{Connection, DirectoryRow};
use crate::bulk::input::{self, LineProblem};
use crate::bulk::RunKind;
use crate::error::Result;

/// What to take from the directory.
pub enum Pick {
    NotConnected,
    Invalid,
    /// A list's bytes (a CSV export, or addresses one a line).
    Addresses(Vec<u8>),
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Selection {
    pub kind: RunKind,
    pub emails: Vec<String>,
    /// The lines of a list that are not taken, and why.
    pub problems: Vec<LineProblem>,
}

/// The selection `pick` makes from the directory's `rows`.
pub fn select(rows: &[DirectoryRow], pick: Pick) -> Result<Selection> {
    let with = |c: Connection| {
        rows.iter()
            .filter(|r| r.connection == c)
            .map(|r| r.email.to_lowercase())
            .collect()
    };
    let bytes = match pick {
        Pick::NotConnected => return Ok(selection(RunKind::Connect, with(Connection::NotConnected))),
        Pick::Invalid => return Ok(selection(RunKind::Reauthenticate, with(Connection::Invalid))),
        Pick::Addresses(bytes) => bytes,
    };
    let by_email: HashMap<String, &DirectoryRow> = rows.iter().map(|r| (r.email.to_lowercase(), r)).collect();
    let domains: HashSet<&str> = by_email
        .keys()
        .filter_map(|e| e.rsplit_once('@').map(|(_, d)| d))
        .collect();
    let mut list = input::read(&bytes, |d| domains.contains(d))?;
    let (emails, lines) = (std::mem::take(&mut list.emails), std::mem::take(&mut list.lines));
    let mut taken = Vec::with_capacity(emails.len());
    for (email, line) in emails.into_iter().zip(lines) {
        match by_email.get(&email).map(|r| r.connection) {
            None => list.refuse(line, &email, "Nobody with a mailbox has this address in the directory."),
            Some(Connection::Valid) => list.skip(line, &email, "Already connected; left as it is."),
            Some(_) => taken.push(email),
        }
    }
    list.problems.sort_by_key(|p| p.line);
    Ok(Selection {
        kind: RunKind::Connect,
        emails: taken,
        problems: list.problems,
    })
}

fn selection(kind: RunKind, emails: Vec<String>) -> Selection {
    Selection {
        kind,
        emails,
        problems: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(email: &str, connection: Connection) -> DirectoryRow {
        DirectoryRow {
            id: email.into(),
            name: email.into(),
            email: email.into(),
            shared: false,
            connection,
            grant_id: None,
            reason: None,
        }
    }

    #[test]
    fn a_list_is_held_against_the_directory_before_anything_is_sent() {
        let rows = vec![
            row("adele@contoso.com", Connection::Valid),
            row("lee@contoso.com", Connection::Invalid),
            row("megan@contoso.com", Connection::NotConnected),
        ];
        let list = b"email\nmegan@contoso.com\nADELE@contoso.com\nlee@contoso.com\nghost@contoso.com\nx@fabrikam.com\n";
        let s = select(&rows, Pick::Addresses(list.to_vec())).unwrap();
        assert_eq!(s.emails, vec!["megan@contoso.com", "lee@contoso.com"]);
        let lines: Vec<u32> = s.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![3, 5, 6]);
        assert!(s.problems[0].problem.starts_with("Already connected"));
        assert_eq!(select(&rows, Pick::Invalid).unwrap().emails, vec!["lee@contoso.com"]);
        assert_eq!(select(&rows, Pick::NotConnected).unwrap().kind, RunKind::Connect);
    }
}
