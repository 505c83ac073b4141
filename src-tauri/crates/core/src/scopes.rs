//! `Scopes`: the Microsoft Graph permissions a profile asks for, normalized once when made
//! (required ones added, unknown and duplicate ones dropped, catalogue order kept).

use std::ops::Deref;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::azure::permissions::{self, DEFAULT_SCOPES};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(from = "Vec<String>", into = "Vec<String>")]
#[ts(type = "Array<string>")]
pub struct Scopes(Vec<String>);

impl Scopes {
    pub fn new<S: AsRef<str>>(requested: &[S]) -> Self {
        let owned: Vec<String> = requested.iter().map(|s| s.as_ref().to_string()).collect();
        Self(permissions::normalize(&owned))
    }
}

impl Default for Scopes {
    fn default() -> Self {
        Self::new(DEFAULT_SCOPES)
    }
}

impl Deref for Scopes {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.0
    }
}

impl From<Vec<String>> for Scopes {
    fn from(v: Vec<String>) -> Self {
        Self::new(&v)
    }
}

impl From<Scopes> for Vec<String> {
    fn from(s: Scopes) -> Self {
        s.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalized_when_made_and_when_read() {
        let s = Scopes::new(&["https://graph.microsoft.com/mail.send", "Bogus.All", "Mail.Send"]);
        assert_eq!(&*s, ["offline_access", "openid", "profile", "User.Read", "Mail.Send"]);
        let read: Scopes = serde_json::from_str(r#"["Mail.Send","mail.send"]"#).unwrap();
        assert_eq!(read, s);
        assert_eq!(serde_json::to_value(&s).unwrap()[4], "Mail.Send");
    }
}
