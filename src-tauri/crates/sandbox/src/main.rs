//! Serves the demo tenant standalone: `mailbox-connect-sandbox --listen 127.0.0.1:0`.

use mailbox_connect_sandbox::{fixtures as f, Sandbox};

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("mailbox-connect-sandbox [--listen IP:PORT] [--nylas-listen IP:PORT]\nServes a local Microsoft identity platform and Nylas v3 API for demos and tests.");
        return Ok(());
    }
    let listen = arg(&args, "--listen").unwrap_or_else(|| "127.0.0.1:0".into());
    let ip = listen
        .rsplit_once(':')
        .map(|(ip, _)| ip.to_string())
        .unwrap_or_else(|| "127.0.0.1".into());
    let nylas_listen = arg(&args, "--nylas-listen").unwrap_or_else(|| format!("{ip}:0"));
    let sb = Sandbox::start_on(&listen, &nylas_listen).await?;
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
