//! The one spelling of the redirect URI: what the admin registers in Entra (Web platform) and
//! the loopback address this app listens on. Entra ignores the port for `localhost`, so one
//! registration serves every run.

/// The redirect URI registered in the Azure app.
pub const REGISTERED: &str = "http://localhost/callback";

/// The path the loopback listener answers on.
pub const CALLBACK_PATH: &str = "/callback";

/// The redirect URI sent for a listener on `port`.
pub fn loopback(port: u16) -> String {
    format!("http://localhost:{port}{CALLBACK_PATH}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn loopback_is_the_registered_uri_with_a_port() {
        let uri = super::loopback(4242);
        assert_eq!(uri.replace(":4242", ""), super::REGISTERED);
    }
}
