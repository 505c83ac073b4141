//! The demo tenant's fixed identities and credentials. None of these are secrets: they only
//! work against this sandbox.

pub const TENANT_ID: &str = "6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
pub const TENANT_DOMAIN: &str = "contoso-demo.onmicrosoft.com";
pub const CLIENT_ID: &str = "3c9a7e52-1d4b-4f8e-9a61-5b2c8d7e4f10";
pub const SECRET_ID: &str = "b7e4c2a1-9f3d-4e6b-8a5c-1d2e3f4a5b6c";
pub const SECRET_VALUE: &str = "Dm0Q~sandbox.Secret_Value-0123456789abcd";
pub const EXPIRED_SECRET_VALUE: &str = "Xp1Q~sandbox.Expired_Value-0123456789abc";
pub const NYLAS_API_KEY: &str = "nyk_v0_sandbox_demo_key_0123456789abcdefghijklmnop";
pub const NYLAS_APPLICATION_ID: &str = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";

pub struct DemoUser {
    pub name: &'static str,
    pub email: &'static str,
    pub oid: &'static str,
    /// Only administrators may consent for the organization; other users can consent for
    /// themselves only after an administrator has approved the app (user consent is disabled).
    pub admin: bool,
}

pub const USERS: &[DemoUser] = &[
    DemoUser {
        name: "Adele Vance",
        email: "adele.vance@contoso-demo.onmicrosoft.com",
        oid: "0c3e5a7b-2d4f-4618-9a0b-1c2d3e4f5a6b",
        admin: true,
    },
    DemoUser {
        name: "Megan Bowen",
        email: "megan.bowen@contoso-demo.onmicrosoft.com",
        oid: "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
        admin: true,
    },
    DemoUser {
        name: "Lee Gu",
        email: "lee.gu@contoso-demo.onmicrosoft.com",
        oid: "4d5e6f70-8192-4a3b-9c4d-5e6f70819203",
        admin: false,
    },
];

/// Exchange on-premises: the demo organization's EWS server and its mailboxes.
pub const EWS_DOMAIN: &str = "fabrikam-onprem.example";
pub const EWS_HOST: &str = "mail.fabrikam-onprem.example";
pub const EWS_USERS: &[(&str, &str, &str)] = &[
    ("Alex Wilber", "alex.wilber@fabrikam-onprem.example", "Exchange!2026"),
    (
        "Diego Siciliani",
        "diego.siciliani@fabrikam-onprem.example",
        "Exchange!2026",
    ),
];

/// Nylas v2 (legacy) application credentials.
pub const V2_CLIENT_ID: &str = "8x1m4k7q2w5e9r3t6y0u2i4o6";
pub const V2_CLIENT_SECRET: &str = "v2sandboxsecret0123456789abcdef";
/// How many v2 accounts the demo application has (benchmarks seed more).
pub const V2_DEMO_ACCOUNTS: usize = 240;

/// Scopes the sandbox's Graph knows (short names, case-insensitive).
pub const KNOWN_SCOPES: &[&str] = &[
    "openid",
    "profile",
    "email",
    "offline_access",
    "User.Read",
    "Mail.Read",
    "Mail.ReadWrite",
    "Mail.Send",
    "Calendars.Read",
    "Calendars.ReadWrite",
    "Contacts.Read",
    "Contacts.ReadWrite",
    ".default",
    "EAS.AccessAsUser.All",
    "EWS.AccessAsUser.All",
    "Application.Read.All",
    "Application.ReadWrite.All",
    "DelegatedPermissionGrant.ReadWrite.All",
    "Policy.Read.All",
    "Policy.ReadWrite.Authorization",
    "User.Read.All",
    "User.ReadBasic.All",
];
