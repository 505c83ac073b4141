//! Each command's work and what it prints: plain lines for people, tab-separated rows for
//! scripts, and `error:` / `fix:` / `detail:` lines when something fails.

use std::io::Write;

use mailbox_connect_core::legacy::V2Input;
use mailbox_connect_core::nylas::grant_cause::GrantAction;
use mailbox_connect_core::profile::AuthMode;
use mailbox_connect_core::result::GrantCheck;
use mailbox_connect_core::{profile::ledger, AppError, DemoEnv, Sensitive, Services};

use super::json::as_json;
use super::progress::printed;
use super::Command;

/// Runs `command` (not `sandbox`, which serves until stopped) and returns the exit code.
pub async fn execute(command: Command, s: &Services, demo: Option<DemoEnv>, out: &mut dyn Write) -> i32 {
    let json = matches!(
        command,
        Command::CheckGrant { json: true, .. }
            | Command::CheckGrants { json: true, .. }
            | Command::Grants { json: true, .. }
            | Command::Doctor { json: true, .. }
            | Command::Directory { json: true, .. }
    );
    let mut lines = Vec::new();
    let code = match execute_inner(command, s, demo, &mut lines).await {
        Ok(code) => code,
        Err(e) if json => {
            lines.push(as_json(&serde_json::json!({ "error": e })));
            1
        }
        Err(e) => {
            lines.extend(error_lines(e));
            1
        }
    };
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
    code
}

/// An error as the command line prints it: `error:`, then `fix:` and `detail:` when known.
pub(super) fn error_lines(e: AppError) -> Vec<String> {
    let mut lines = vec![format!("error: {}", e.message)];
    lines.extend(e.fix.map(|f| format!("fix: {f}")));
    lines.extend(e.detail.map(|d| format!("detail: {d}")));
    lines
}

/// The test's verdict; a failure also says why, what Nylas answered, the scopes, and what next.
fn test_line(c: &GrantCheck, email: &str) -> String {
    let mut out = format!("Test: {} {}", if c.ok { "passed." } else { "FAILED." }, c.detail);
    if c.ok {
        return out;
    }
    if let Some(r) = &c.refusal {
        let status = r.status.map(|s| format!("HTTP {s} ")).unwrap_or_default();
        let kind = r.kind.as_deref().unwrap_or("");
        let request = r.request_id.as_deref().unwrap_or("none");
        out.push_str(&format!(
            "\n  Nylas said: {status}{kind}: {} (request ID {request})",
            r.message
        ));
    }
    if !c.scopes.is_empty() || !c.missing_scopes.is_empty() {
        out.push_str(&format!("\n  Grant's scopes: {}", c.scopes.join(" ")));
    }
    if !c.missing_scopes.is_empty() {
        out.push_str(&format!(
            "\n  Missing for this profile: {}",
            c.missing_scopes.join(", ")
        ));
    }
    if let Some(cause) = &c.cause {
        out.push_str(&format!("\n  Cause: {cause}"));
    }
    let email = if email.is_empty() { "ADDRESS" } else { email };
    let next = match c.action {
        Some(GrantAction::Reauthenticate) => {
            format!("sign the mailbox in again: mailbox-connect connect --email {email}")
        }
        Some(GrantAction::CheckConnection) => "check the connection: mailbox-connect doctor".into(),
        Some(GrantAction::TryAgain) => "test again in a minute".into(),
        None => "mailbox-connect doctor".into(),
    };
    out.push_str(&format!("\n  Next: {next}"));
    out
}

async fn execute_inner(
    command: Command,
    s: &Services,
    demo: Option<DemoEnv>,
    w: &mut Vec<String>,
) -> Result<i32, AppError> {
    match command {
        Command::Connect { hosted, email, .. } => {
            if let Some(env) = demo {
                s.setup.begin(Some(env)).await?;
            }
            if hosted {
                s.setup.set_auth_mode(AuthMode::Hosted)?;
            }
            let r = s.sign_in.connect(email, &printed()).await?;
            w.push(format!("Signed in: {}", r.account.email.unwrap_or_default()));
            w.push(format!(
                "Grant: {} ({})",
                r.grant.id,
                r.grant.grant_status.unwrap_or_default()
            ));
            if !r.scopes.missing.is_empty() {
                w.push(format!("Not granted: {}", r.scopes.missing.join(", ")));
            }
            w.push(test_line(&r.check, r.grant.email.as_deref().unwrap_or_default()));
            Ok(if r.check.ok { 0 } else { 2 })
        }
        Command::SendLink { email } => {
            let r = s.sign_in.send_link(&email, &printed()).await?;
            w.push(format!("Signed in again: {email}"));
            w.push(format!(
                "Grant: {} ({})",
                r.grant.id,
                r.grant.grant_status.clone().unwrap_or_default()
            ));
            w.push(test_line(&r.check, &email));
            Ok(if r.check.ok { 0 } else { 2 })
        }
        Command::CheckGrant { grant, json, .. } => {
            let r = s.tools.check_grant(&grant).await?;
            let code = if r.check.ok { 0 } else { 2 };
            if json {
                w.push(as_json(&r));
                return Ok(code);
            }
            let email = r.grant.email.unwrap_or_default();
            w.push(format!("Grant: {} {email} [{}]", r.grant.id, r.grant.provider));
            w.push(test_line(&r.check, &email));
            Ok(code)
        }
        Command::CheckGrants { json, .. } => {
            let rows = s.tools.check_all_grants().await?;
            let failed = rows.iter().filter(|r| !r.check.ok).count();
            let code = if failed == 0 { 0 } else { 2 };
            if json {
                w.push(as_json(&rows));
                return Ok(code);
            }
            for r in &rows {
                let email = r.grant.email.clone().unwrap_or_default();
                let verdict = if r.check.ok { "passed" } else { "FAILED" };
                let why = r.check.cause.as_deref().unwrap_or(&r.check.detail);
                w.push(format!("{}\t{email}\t{verdict}\t{why}", r.grant.id));
            }
            w.push(format!("# {} of {} grants passed", rows.len() - failed, rows.len()));
            Ok(code)
        }
        Command::Grants { json, .. } => {
            let grants = s.tools.list_grants().await?;
            if json {
                w.push(as_json(&grants));
                return Ok(0);
            }
            for g in grants {
                let (email, status) = (g.email.unwrap_or_default(), g.grant_status.unwrap_or_default());
                w.push(format!("{}\t{email}\t{}\t{status}", g.id, g.provider));
            }
            Ok(0)
        }
        Command::Audit { v2_url, client_id } => {
            let secret = std::env::var("NYLAS_V2_CLIENT_SECRET").unwrap_or_default();
            let input = V2Input {
                base_url: v2_url,
                client_id,
                client_secret: Sensitive::new(secret),
            };
            let r = s.legacy.migration_audit(input).await?;
            w.push("email,provider,account_id".into());
            w.extend(
                r.affected
                    .iter()
                    .map(|a| format!("{},{},{}", a.email, a.provider, a.id)),
            );
            w.push(format!(
                "# {} of {} accounts use Exchange passwords ({} pages, {} ms)",
                r.affected.len(),
                r.total_accounts,
                r.pages,
                r.elapsed_ms
            ));
            Ok(0)
        }
        Command::Ledger => {
            let csv = ledger::to_csv(&s.tools.ledger()?);
            w.extend(csv.lines().map(str::to_string));
            Ok(0)
        }
        Command::Diagnostics { out } => {
            w.push(s.tools.diagnostics(out)?.path);
            Ok(0)
        }
        Command::AzureApp { action } => super::azure_app::run(action, s, demo, w).await,
        Command::Doctor {
            demo: _,
            fix,
            json,
            sign_in,
        } => super::doctor::run(sign_in, fix, json, s, demo, w).await,
        Command::Directory {
            filter,
            search,
            json,
            sign_in,
            ..
        } => super::directory::run(filter, search, json, sign_in, s, demo, w).await,
        Command::BulkConnect { which, sign_in, .. } => super::bulk::run(which, sign_in, s, demo, w).await,
        Command::Sandbox { .. } | Command::Update { .. } => Err(AppError::internal(
            "The sandbox and the updater run before the services: `mailbox-connect sandbox`, `mailbox-connect update`.",
        )),
    }
}
