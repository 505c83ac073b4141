//! What the demo Nylas v2 API remembers: its accounts.

/// A Nylas v2 account (legacy), as `/a/{client_id}/accounts` lists it.
#[derive(Clone, Debug)]
pub struct V2Account {
    pub id: String,
    pub email: String,
    pub name: String,
    pub provider: String,
    pub authentication_type: String,
}

/// Deterministic demo accounts: a mix of Exchange (eas/ews) password and OAuth accounts.
pub fn seed(n: usize) -> Vec<V2Account> {
    const PROVIDERS: [&str; 5] = ["eas", "ews", "office365", "gmail", "eas"];
    (0..n)
        .map(|i| {
            let provider = PROVIDERS[i % PROVIDERS.len()];
            let exchange = matches!(provider, "eas" | "ews");
            let auth = if exchange && i % 3 != 0 { "password" } else { "oauth" };
            let domain = if provider == "gmail" {
                "gmail.example"
            } else {
                "contoso-demo.onmicrosoft.com"
            };
            V2Account {
                id: format!("{:0>25}", format!("acc{i}")),
                email: format!("user{i:05}@{domain}"),
                name: format!("User {i}"),
                provider: provider.into(),
                authentication_type: auth.into(),
            }
        })
        .collect()
}
