//! Serves the demo tenant standalone: `mailbox-connect-sandbox --listen 127.0.0.1:0` prints its
//! addresses and demo credentials as one JSON line.

use clap::Parser;
use mailbox_connect_sandbox::{fixtures as f, Sandbox};

/// Serves a local Microsoft identity platform and Nylas v3 API for demos and tests.
#[derive(Debug, Parser)]
#[command(name = "mailbox-connect-sandbox", version)]
struct Args {
    /// Where the Microsoft identity platform listens (port 0: any free port).
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:0")]
    listen: String,
    /// Where the Nylas API listens (default: the same IP, any free port).
    #[arg(long, value_name = "IP:PORT")]
    nylas_listen: Option<String>,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let ip = args.listen.rsplit_once(':').map(|(ip, _)| ip).unwrap_or("127.0.0.1");
    let nylas_listen = args.nylas_listen.clone().unwrap_or_else(|| format!("{ip}:0"));
    let sb = Sandbox::start_on(&args.listen, &nylas_listen).await?;
    let info = serde_json::json!({
        "identity_url": sb.identity_url,
        "nylas_url": sb.nylas_url,
        "tenant_id": f::TENANT_ID,
        "tenant_domain": f::TENANT_DOMAIN,
        "client_id": f::CLIENT_ID,
        "client_secret": f::SECRET_VALUE,
        "secret_id": f::SECRET_ID,
        "nylas_api_key": f::NYLAS_API_KEY,
        "redirect_uri_registered": "http://localhost/callback",
    });
    println!("{info}");
    eprintln!(
        "Microsoft identity platform: {}\nNylas API: {}\nCtrl-C to stop.",
        sb.identity_url, sb.nylas_url
    );
    tokio::signal::ctrl_c().await?;
    Ok(())
}
