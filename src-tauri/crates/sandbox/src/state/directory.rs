//! The demo organization's directory: the named demo users first, then people made up from a
//! fixed list of names (the same for a given size, run after run), some of them shared
//! mailboxes (account disabled, as Exchange makes them) and some without a mailbox (`mail`
//! null, as an unlicensed user's).

use crate::fixtures::{TENANT_DOMAIN, USERS};

/// How many people the demo directory holds unless told otherwise.
pub const DEFAULT_SIZE: usize = 40;

#[derive(Clone, Debug)]
pub struct Person {
    pub name: String,
    /// The mailbox's address; `None` for a user without a mailbox.
    pub mail: Option<String>,
    /// The sign-in name.
    pub upn: String,
    pub oid: String,
    pub admin: bool,
    /// A shared mailbox: a user object whose account is disabled.
    pub shared: bool,
    pub job_title: Option<String>,
    pub department: Option<String>,
}

impl Person {
    /// The address the person signs in and is known by (their mailbox's, else the UPN).
    pub fn email(&self) -> &str {
        self.mail.as_deref().unwrap_or(&self.upn)
    }

    pub fn account_enabled(&self) -> bool {
        !self.shared
    }
}

const FIRST: &[&str] = &[
    "Alex",
    "Diego",
    "Grady",
    "Henrietta",
    "Isaiah",
    "Johanna",
    "Joni",
    "Lidia",
    "Lynne",
    "Miriam",
    "Nestor",
    "Patti",
    "Pradeep",
    "Irvin",
    "Christie",
    "Debra",
    "Allan",
    "Enrico",
    "Emily",
    "Cameron",
    "Ben",
    "Raul",
    "Sofia",
    "Tomas",
    "Yuki",
    "Amara",
    "Priya",
    "Mateo",
    "Ingrid",
    "Kofi",
    "Leila",
    "Oskar",
    "Rosa",
    "Hana",
    "Viktor",
    "Nadia",
    "Farid",
    "Elena",
    "Jonas",
    "Aiko",
];
const LAST: &[&str] = &[
    "Wilber",
    "Siciliani",
    "Archie",
    "Cartwright",
    "Langer",
    "Lauer",
    "Sherman",
    "Holloway",
    "Robbins",
    "Bowen",
    "Wilke",
    "Fernandez",
    "Gupta",
    "Sayers",
    "Cline",
    "Berg",
    "Deyoung",
    "Varga",
    "Braun",
    "White",
    "Walters",
    "Molina",
    "Rossi",
    "Novak",
    "Tanaka",
    "Okafor",
    "Iyer",
    "Alvarez",
    "Larsen",
    "Mensah",
    "Haddad",
    "Lindqvist",
    "Moreno",
    "Sato",
    "Petrov",
    "Karimi",
    "Nasser",
    "Popescu",
    "Becker",
    "Kim",
];
const SHARED: &[&str] = &[
    "Info",
    "Support",
    "Sales",
    "Billing",
    "Reception",
    "Careers",
    "Press",
    "Facilities",
    "Legal",
    "Events",
];
const DEPARTMENTS: &[&str] = &[
    "Sales",
    "Finance",
    "Engineering",
    "Operations",
    "Marketing",
    "Legal",
    "Support",
];
const TITLES: &[&str] = &[
    "Manager",
    "Analyst",
    "Engineer",
    "Coordinator",
    "Specialist",
    "Director",
];

/// A directory of `size` people (at least the named demo users).
pub fn seed(size: usize) -> Vec<Person> {
    let mut people: Vec<Person> = USERS
        .iter()
        .map(|u| Person {
            name: u.name.into(),
            mail: Some(u.email.into()),
            upn: u.email.into(),
            oid: u.oid.into(),
            admin: u.admin,
            shared: false,
            job_title: Some(if u.admin { "IT Administrator" } else { "Account Manager" }.into()),
            department: Some(if u.admin { "IT" } else { "Sales" }.into()),
        })
        .collect();
    let (mut shared, mut made) = (0, 0);
    while people.len() < size {
        let i = people.len();
        // One in twelve is a shared mailbox, one in nine has no mailbox.
        let person = if i % 12 == 5 && shared < SHARED.len() * 100 {
            let base = SHARED[shared % SHARED.len()];
            let round = shared / SHARED.len();
            shared += 1;
            let local = match round {
                0 => base.to_lowercase(),
                n => format!("{}{}", base.to_lowercase(), n + 1),
            };
            let name = match round {
                0 => base.to_string(),
                n => format!("{base} {}", n + 1),
            };
            let upn = format!("{local}@{TENANT_DOMAIN}");
            Person {
                name,
                mail: Some(upn.clone()),
                upn,
                oid: oid(i),
                admin: false,
                shared: true,
                job_title: None,
                department: None,
            }
        } else {
            let (first, last) = (
                FIRST[made % FIRST.len()],
                LAST[(made / FIRST.len() + made) % LAST.len()],
            );
            let round = made / (FIRST.len() * LAST.len());
            made += 1;
            let local = match round {
                0 => format!("{}.{}", first.to_lowercase(), last.to_lowercase()),
                n => format!("{}.{}{}", first.to_lowercase(), last.to_lowercase(), n + 1),
            };
            let upn = format!("{local}@{TENANT_DOMAIN}");
            Person {
                name: format!("{first} {last}"),
                mail: (i % 9 != 7).then(|| upn.clone()),
                upn,
                oid: oid(i),
                admin: false,
                shared: false,
                job_title: Some(TITLES[i % TITLES.len()].into()),
                department: Some(DEPARTMENTS[i % DEPARTMENTS.len()].into()),
            }
        };
        people.push(person);
    }
    people
}

/// The person with this sign-in name or mailbox address (case-insensitive).
pub fn find(people: &[Person], email: &str) -> Option<usize> {
    people.iter().position(|p| {
        p.upn.eq_ignore_ascii_case(email) || p.mail.as_deref().is_some_and(|m| m.eq_ignore_ascii_case(email))
    })
}

/// A stable object ID for the `i`th person.
fn oid(i: usize) -> String {
    format!(
        "d1a0c7e2-{:04x}-4{:03x}-9{:03x}-{:012x}",
        i & 0xffff,
        (i * 7) & 0xfff,
        (i * 13) & 0xfff,
        i * 7919
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_has_unique_people_shared_mailboxes_and_users_without_one() {
        let people = seed(5000);
        assert_eq!(people.len(), 5000);
        let mut upns: Vec<&str> = people.iter().map(|p| p.upn.as_str()).collect();
        upns.sort_unstable();
        upns.dedup();
        assert_eq!(upns.len(), 5000, "sign-in names are unique");
        let mut oids: Vec<&str> = people.iter().map(|p| p.oid.as_str()).collect();
        oids.sort_unstable();
        oids.dedup();
        assert_eq!(oids.len(), 5000, "object IDs are unique");
        assert!(people.iter().filter(|p| p.shared).count() > 300);
        assert!(people.iter().filter(|p| p.mail.is_none()).count() > 400);
        assert_eq!(people[0].upn, USERS[0].email);
        assert_eq!(find(&people, &USERS[2].email.to_uppercase()), Some(2));
        let small = seed(40);
        assert_eq!(
            small[..40].iter().map(|p| &p.upn).collect::<Vec<_>>(),
            people[..40].iter().map(|p| &p.upn).collect::<Vec<_>>()
        );
    }
}
