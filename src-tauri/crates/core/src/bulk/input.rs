//! Addresses pasted or imported for a bulk run (a CSV file, or one address a line), read with a
//! report for each line that is not used: blank lines and a header row skipped quietly,
//! duplicates, things that are not addresses, and addresses outside the organization named.
//! Nothing is sent anywhere here.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppError, Result};
use crate::validate;

/// More addresses than this in one import is refused (a whole organization's export is far less).
pub const MOST_ROWS: usize = 50_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LineProblem {
    /// The line's number in the file, from 1.
    pub line: u32,
    /// What the line said (shortened).
    pub text: String,
    pub problem: String,
    /// Refused (not an address, not of the organization, nobody there), rather than only
    /// skipped (a duplicate, or a mailbox connected already).
    pub refused: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AddressList {
    /// The addresses to use, lower-case, each once, in the file's order.
    pub emails: Vec<String>,
    /// The lines not used, and why.
    pub problems: Vec<LineProblem>,
    /// The line each address is on.
    #[serde(skip)]
    #[ts(skip)]
    pub lines: Vec<u32>,
}

impl AddressList {
    /// A line not taken because it cannot be.
    pub fn refuse(&mut self, line: u32, text: &str, problem: impl Into<String>) {
        self.note(line, text, problem.into(), true);
    }

    /// A line not taken because it is not needed.
    pub fn skip(&mut self, line: u32, text: &str, why: impl Into<String>) {
        self.note(line, text, why.into(), false);
    }

    fn note(&mut self, line: u32, text: &str, problem: String, refused: bool) {
        self.problems.push(LineProblem {
            line,
            text: validate::shorten(text),
            problem,
            refused,
        });
    }
}

/// Reads `bytes` (a CSV export, or addresses one a line or separated by commas): in each row the
/// field holding an `@` is the address. `in_organization` says whether a domain is the
/// organization's; addresses of other domains are reported, not used.
pub fn read(bytes: &[u8], in_organization: impl Fn(&str) -> bool) -> Result<AddressList> {
    let text = std::str::from_utf8(bytes)
        .ok()
        .filter(|t| !t.contains('\0'))
        .ok_or_else(|| {
            AppError::invalid(
                "csv",
                "This file is not text: it may be a spreadsheet or an image.",
                "Save the list as CSV (comma-separated values) or plain text, one address a line, and import that file.",
            )
        })?;
    let text = text.trim_start_matches('\u{feff}');
    let mut list = AddressList::default();
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut seen = std::collections::HashMap::new();
    let mut lines = Lines::default();
    for (i, row) in rows.records().enumerate() {
        let line = row
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i as u32 + 1, |p| lines.at(text, p.byte() as usize));
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                list.refuse(line, "", format!("This line could not be read as CSV: {e}."));
                continue;
            }
        };
        let fields: Vec<&str> = row.iter().filter(|f| !f.is_empty()).collect();
        let Some(first) = fields.first() else { continue };
        let Some(address) = fields.iter().find(|f| f.contains('@')) else {
            let header = i == 0 && fields.iter().any(|f| f.to_lowercase().contains("mail"));
            if !header {
                list.refuse(line, first, "No email address on this line.");
            }
            continue;
        };
        let email = match validate::email(address) {
            Ok(Some(e)) => e.to_lowercase(),
            _ => {
                list.refuse(line, address, "This is not an email address.");
                continue;
            }
        };
        let domain = email.rsplit('@').next().unwrap_or_default().to_string();
        if !in_organization(&domain) {
            list.refuse(line, &email, format!("{domain} is not a domain of this organization."));
            continue;
        }
        if let Some(first_line) = seen.get(&email) {
            list.skip(line, &email, format!("Already on line {first_line}."));
            continue;
        }
        if list.emails.len() == MOST_ROWS {
            return Err(AppError::invalid(
                "csv",
                format!("The list has more than {MOST_ROWS} addresses."),
                "Split it into smaller files and import them one after another.",
            ));
        }
        seen.insert(email.clone(), line);
        list.emails.push(email);
        list.lines.push(line);
    }
    Ok(list)
}

/// Line numbers of records, counted as the reader goes (blank lines before a record are not
/// its own).
#[derive(Default)]
struct Lines {
    byte: usize,
    newlines: usize,
}

impl Lines {
    fn at(&mut self, text: &str, byte: usize) -> u32 {
        let rest = text.get(byte..).unwrap_or_default();
        let start = byte + rest.len() - rest.trim_start_matches(['\r', '\n']).len();
        if start >= self.byte {
            self.newlines += text.get(self.byte..start).unwrap_or_default().matches('\n').count();
            self.byte = start;
        }
        self.newlines as u32 + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contoso(d: &str) -> bool {
        d == "contoso.com"
    }

    #[test]
    fn a_csv_export_with_a_header_blanks_duplicates_and_strangers() {
        let file = "\u{feff}Display name,Email address\nAdele Vance,Adele@Contoso.com\n\n\"Gu, Lee\",lee@contoso.com\nlee@CONTOSO.com\nsomeone@fabrikam.com\nnot an address\nx@@contoso.com\n";
        let list = read(file.as_bytes(), contoso).unwrap();
        assert_eq!(list.emails, vec!["adele@contoso.com", "lee@contoso.com"]);
        let said: Vec<(u32, &str)> = list.problems.iter().map(|p| (p.line, p.problem.as_str())).collect();
        assert_eq!(
            said,
            vec![
                (5, "Already on line 4."),
                (6, "fabrikam.com is not a domain of this organization."),
                (7, "No email address on this line."),
                (8, "This is not an email address."),
            ]
        );
    }

    #[test]
    fn binary_junk_and_too_many_rows_are_refused_whole() {
        let e = read(&[0x50, 0x4b, 0x03, 0x04, 0x00, 0xff], contoso).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("csv"));
        assert!(e.message.contains("not text"), "{e:?}");
        let many: String = (0..MOST_ROWS + 1).map(|i| format!("u{i}@contoso.com\n")).collect();
        assert!(read(many.as_bytes(), contoso)
            .unwrap_err()
            .message
            .contains("more than"));
        let ten_thousand: String = (0..10_000).map(|i| format!("u{i}@contoso.com\n")).collect();
        assert_eq!(read(ten_thousand.as_bytes(), contoso).unwrap().emails.len(), 10_000);
    }
}
