//! Identifiers, opaque tokens and the clock, as every store makes them.

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A random opaque token with a recognisable prefix.
pub fn opaque(prefix: &str) -> String {
    use rand::Rng;
    let bytes: [u8; 32] = rand::thread_rng().gen();
    let body: String = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, bytes);
    format!("{prefix}{body}")
}

pub fn now_unix() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
