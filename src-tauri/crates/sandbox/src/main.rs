//! Serves the demo tenant standalone: `mailbox-connect-sandbox --listen 127.0.0.1:0` prints its
//! addresses and demo credentials as one JSON line. With `--https` both servers use TLS, and the
//! line names the CA certificate (`ca_pem_path`) a client must trust.

use clap::Parser;
use mailbox_connect_sandbox::state::directory::DEFAULT_SIZE;
use mailbox_connect_sandbox::tls::DemoTls;
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
    /// Serve HTTPS with a CA made for this run (standard client libraries require https for a
    /// custom authority).
    #[arg(long)]
    https: bool,
    /// Where to write the CA certificate in HTTPS mode (default: a file in the temp folder).
    #[arg(long, value_name = "FILE", requires = "https")]
    ca_file: Option<std::path::PathBuf>,
    /// How many people the demo organization's directory holds (Graph's `/v1.0/users`): the
    /// named demo users, then made-up ones, some shared mailboxes and some without a mailbox.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SIZE as u32, value_parser = clap::value_parser!(u32).range(3..=100_000))]
    directory_users: u32,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let ip = args.listen.rsplit_once(':').map(|(ip, _)| ip).unwrap_or("127.0.0.1");
    let nylas_listen = args.nylas_listen.clone().unwrap_or_else(|| format!("{ip}:0"));
    let tls = match args.https {
        true => Some(DemoTls::generate().map_err(std::io::Error::other)?),
        false => None,
    };
    let sb = Sandbox::start_with(&args.listen, &nylas_listen, tls).await?;
    sb.state.directory_of(args.directory_users as usize);
    let ca_file = match &sb.ca_pem {
        Some(pem) => {
            let path = args.ca_file.clone().unwrap_or_else(|| {
                std::env::temp_dir().join(format!("mailbox-connect-sandbox-ca-{}.pem", std::process::id()))
            });
            std::fs::write(&path, pem)?;
            Some(path)
        }
        None => None,
    };
    let info = serde_json::json!({
        "ca_pem_path": ca_file,
        "identity_url": sb.identity_url,
        "nylas_url": sb.nylas_url,
        "graph_url": sb.graph_url,
        "tenant_id": f::TENANT_ID,
        "tenant_domain": f::TENANT_DOMAIN,
        "client_id": f::CLIENT_ID,
        "client_secret": f::SECRET_VALUE,
        "secret_id": f::SECRET_ID,
        "nylas_api_key": f::NYLAS_API_KEY,
        "redirect_uri_registered": "http://localhost/callback",
        "directory_users": args.directory_users,
    });
    println!("{info}");
    eprintln!(
        "Microsoft identity platform: {}\nNylas API: {}\nMicrosoft Graph: {}\nCtrl-C to stop.",
        sb.identity_url, sb.nylas_url, sb.graph_url
    );
    tokio::signal::ctrl_c().await?;
    if let Some(path) = ca_file {
        let _ = std::fs::remove_file(path);
    }
    Ok(())
}
