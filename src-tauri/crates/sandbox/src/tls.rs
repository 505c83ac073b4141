//! HTTPS for the demo tenant: a CA and a leaf certificate for `localhost`, `127.0.0.1` and `::1`
//! (and Nylas's two regional API hosts, which a test may point at it), made at start (rcgen) and
//! served with rustls. A client that trusts the CA's PEM can use the
//! demo tenant as a custom authority, as standard libraries require https for one. The keys
//! live in memory only; the CA certificate (public) is what gets written for clients.

use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose, SanType,
};
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// The demo tenant's certificates and the server configuration that serves them.
pub struct DemoTls {
    /// The CA certificate, PEM: what a client adds to its trusted roots.
    pub ca_pem: String,
    pub server: Arc<rustls::ServerConfig>,
}

impl DemoTls {
    pub fn generate() -> Result<Self, String> {
        let err = |e: rcgen::Error| format!("could not make the demo certificates: {e}");
        let mut ca = CertificateParams::new(Vec::<String>::new()).map_err(err)?;
        ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        ca.distinguished_name
            .push(DnType::CommonName, "Mailbox Connect demo tenant CA");
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().map_err(err)?).map_err(err)?;

        let names = ["localhost", "api.us.nylas.com", "api.eu.nylas.com"].map(String::from);
        let mut leaf = CertificateParams::new(names.to_vec()).map_err(err)?;
        leaf.subject_alt_names.extend([
            SanType::IpAddress(std::net::Ipv4Addr::LOCALHOST.into()),
            SanType::IpAddress(std::net::Ipv6Addr::LOCALHOST.into()),
        ]);
        leaf.distinguished_name
            .push(DnType::CommonName, "Mailbox Connect demo tenant");
        leaf.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let leaf_key = KeyPair::generate().map_err(err)?;
        let leaf_cert = leaf.signed_by(&leaf_key, &ca).map_err(err)?;

        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
        let chain = vec![leaf_cert.der().clone(), ca.der().clone()];
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut server = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .map_err(|e| format!("the demo certificate was refused: {e}"))?;
        server.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Self {
            ca_pem: ca.pem(),
            server: Arc::new(server),
        })
    }
}
