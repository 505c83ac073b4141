//! The command line for support staff and scripts: the same engine as the app.
//! `mailbox-connect connect|check-grant|grants|audit|ledger|diagnostics|sandbox|help`.

use std::io::Write;

use crate::engine::{DemoEnv, Engine};
use crate::error::AppError;
use crate::legacy::V2Input;
use crate::profile::AuthMode;
use crate::sensitive::Sensitive;

pub const COMMANDS: &[&str] = &[
    "connect",
    "check-grant",
    "check-grants",
    "grants",
    "audit",
    "ledger",
    "diagnostics",
    "sandbox",
    "help",
    "--help",
    "-h",
];

pub const USAGE: &str = "Mailbox Connect command line (uses the app's active profile and keychain)

  mailbox-connect connect [--demo] [--hosted] [--email ADDRESS]
      Sign a mailbox in with Microsoft in the browser, register it with Nylas, test it.
  mailbox-connect check-grant GRANT_ID_OR_EMAIL
      Test an existing grant: Nylas status plus one mailbox read. Exit 2 if it fails.
  mailbox-connect check-grants
      Test every grant, paced under Nylas's rate limit. Exit 2 if any fails.
  mailbox-connect grants
      List the Nylas application's grants with their status.
  mailbox-connect audit --v2-url URL --client-id ID
      Nylas v2 Basic-Auth migration audit (secret from NYLAS_V2_CLIENT_SECRET).
  mailbox-connect ledger        Print the onboarding ledger as CSV.
  mailbox-connect diagnostics   Write a redacted diagnostics bundle and print its path.
  mailbox-connect sandbox [--listen IP:PORT]
      Serve the demo tenant (Microsoft identity platform + Nylas API) on loopback.

Exit codes: 0 success, 1 error (message and fix printed), 2 a grant test failed.";

pub fn is_command(arg: &str) -> bool {
    COMMANDS.contains(&arg)
}

fn flag(args: &[String], name: &str) -> bool {
    args.iter().any(|a| a == name)
}

fn value(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// `Test: passed. <detail>` or `Test: FAILED. <detail>`.
fn test_line(c: &crate::result::GrantCheck) -> String {
    format!("Test: {} {}", if c.ok { "passed." } else { "FAILED." }, c.detail)
}

fn print_error(out: &mut dyn Write, e: &AppError) {
    let _ = writeln!(out, "error: {}", e.message);
    if let Some(fix) = &e.fix {
        let _ = writeln!(out, "fix: {fix}");
    }
    if let Some(d) = &e.detail {
        let _ = writeln!(out, "detail: {d}");
    }
}

/// Runs one command (not `sandbox`, which the binary serves itself). Returns the exit code.
pub async fn run(args: &[String], engine: &Engine, demo: Option<DemoEnv>, out: &mut dyn Write) -> i32 {
    match run_inner(args, engine, demo, out).await {
        Ok(code) => code,
        Err(e) => {
            print_error(out, &e);
            1
        }
    }
}

async fn run_inner(
    args: &[String],
    engine: &Engine,
    demo: Option<DemoEnv>,
    out: &mut dyn Write,
) -> Result<i32, AppError> {
    let w = |out: &mut dyn Write, s: String| {
        let _ = writeln!(out, "{s}");
    };
    match args.first().map(String::as_str) {
        Some("connect") => {
            if let Some(env) = demo {
                engine.choose_mode(Some(env)).await?;
            }
            if flag(args, "--hosted") {
                engine.set_auth_mode(AuthMode::Hosted)?;
            }
            let started = engine.start_consent(value(args, "--email")).await?;
            if !started.browser_opened {
                w(out, "Could not open a browser. Open this link to sign in:".into());
            } else {
                w(
                    out,
                    "Your browser is open at Microsoft's sign-in page. If it is not, open:".into(),
                );
            }
            w(out, started.url);
            let r = engine.finish_consent().await?;
            w(out, format!("Signed in: {}", r.account.email.unwrap_or_default()));
            w(
                out,
                format!("Grant: {} ({})", r.grant.id, r.grant.grant_status.unwrap_or_default()),
            );
            if !r.scopes.missing.is_empty() {
                w(out, format!("Not granted: {}", r.scopes.missing.join(", ")));
            }
            w(out, test_line(&r.check));
            Ok(if r.check.ok { 0 } else { 2 })
        }
        Some("check-grant") => {
            let key = args.get(1).cloned().unwrap_or_default();
            let r = engine.check_existing_grant(&key).await?;
            w(
                out,
                format!(
                    "Grant: {} {} [{}]",
                    r.grant.id,
                    r.grant.email.unwrap_or_default(),
                    r.grant.provider
                ),
            );
            w(out, test_line(&r.check));
            Ok(if r.check.ok { 0 } else { 2 })
        }
        Some("check-grants") => {
            let rows = engine.check_all_grants().await?;
            let failed = rows.iter().filter(|r| !r.check.ok).count();
            for r in &rows {
                let email = r.grant.email.clone().unwrap_or_default();
                let verdict = if r.check.ok { "passed" } else { "FAILED" };
                w(out, format!("{}\t{email}\t{verdict}\t{}", r.grant.id, r.check.detail));
            }
            w(
                out,
                format!("# {} of {} grants passed", rows.len() - failed, rows.len()),
            );
            Ok(if failed == 0 { 0 } else { 2 })
        }
        Some("grants") => {
            for g in engine.list_grants().await? {
                w(
                    out,
                    format!(
                        "{}\t{}\t{}\t{}",
                        g.id,
                        g.email.unwrap_or_default(),
                        g.provider,
                        g.grant_status.unwrap_or_default()
                    ),
                );
            }
            Ok(0)
        }
        Some("audit") => {
            let secret = std::env::var("NYLAS_V2_CLIENT_SECRET").unwrap_or_default();
            let input = V2Input {
                base_url: value(args, "--v2-url").unwrap_or_else(|| "https://api.nylas.com".into()),
                client_id: value(args, "--client-id").unwrap_or_default(),
                client_secret: Sensitive::new(secret),
            };
            let r = engine.migration_audit(input).await?;
            w(out, "email,provider,account_id".into());
            for a in &r.affected {
                w(out, format!("{},{},{}", a.email, a.provider, a.id));
            }
            w(
                out,
                format!(
                    "# {} of {} accounts use Exchange passwords ({} pages, {} ms)",
                    r.affected.len(),
                    r.total_accounts,
                    r.pages,
                    r.elapsed_ms
                ),
            );
            Ok(0)
        }
        Some("ledger") => {
            let _ = write!(out, "{}", crate::ledger::to_csv(&engine.ledger()?));
            Ok(0)
        }
        Some("diagnostics") => {
            let saved = engine.diagnostics(value(args, "--out").map(Into::into))?;
            w(out, saved.path);
            Ok(0)
        }
        _ => {
            w(out, USAGE.into());
            Ok(0)
        }
    }
}
