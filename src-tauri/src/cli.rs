//! `mailbox-connect <command>`: runs the core's command line instead of the window.

use std::time::Duration;

use mailbox_connect_core::browser;
use mailbox_connect_core::cli;
use mailbox_connect_core::engine::{default_config_dir, HOSTED_CALLBACK_PORT};
use mailbox_connect_core::microsoft::oauth::ResponseMode;
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::{Engine, EngineConfig};

use crate::{demo, KEYCHAIN_SERVICE};

pub fn main(args: &[String]) -> i32 {
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    rt.block_on(run(args))
}

async fn run(args: &[String]) -> i32 {
    if args.first().map(String::as_str) == Some("sandbox") {
        let mut all = vec!["mailbox-connect-sandbox".to_string()];
        all.extend(args.iter().skip(1).cloned());
        return serve_sandbox(&all).await;
    }
    let Some(config_dir) = default_config_dir() else {
        eprintln!("error: no configuration folder (is HOME set?)");
        return 1;
    };
    let engine = match Engine::new(EngineConfig {
        config_dir,
        secrets: SecretStore::keychain(KEYCHAIN_SERVICE),
        browser: browser::system(),
        consent_timeout: Duration::from_secs(600),
        response_mode: ResponseMode::FormPost,
        hosted_port: HOSTED_CALLBACK_PORT,
        http_timeout: Duration::from_secs(30),
    }) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {}", e.message);
            return 1;
        }
    };
    // `--demo`, or a demo profile left active by the app: run a demo tenant for this command.
    let wants_demo = args.iter().any(|a| a == "--demo") || engine.needs_demo_tenant();
    let sandbox = if wants_demo { demo::start().await.ok() } else { None };
    let env = sandbox.as_ref().map(demo::env_for);
    if let (Some(env), true) = (env.clone(), engine.needs_demo_tenant()) {
        if let Err(e) = engine.resume_demo(env).await {
            eprintln!("error: {}", e.message);
            return 1;
        }
    }
    cli::run(args, &engine, env, &mut std::io::stdout()).await
}

async fn serve_sandbox(args: &[String]) -> i32 {
    let listen = args
        .iter()
        .position(|a| a == "--listen")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let addr = listen.unwrap_or_else(|| "127.0.0.1:0".into());
    let ip = addr
        .rsplit_once(':')
        .map(|(ip, _)| ip.to_string())
        .unwrap_or_else(|| "127.0.0.1".into());
    match mailbox_connect_sandbox::Sandbox::start_on(&addr, &format!("{ip}:0")).await {
        Ok(sb) => {
            println!(
                "Microsoft identity platform: {}\nNylas API: {}\nCtrl-C to stop.",
                sb.identity_url, sb.nylas_url
            );
            let _ = tokio::signal::ctrl_c().await;
            0
        }
        Err(e) => {
            eprintln!("error: could not start the sandbox on {addr}: {e}");
            1
        }
    }
}
