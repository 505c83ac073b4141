//! `mailbox-connect doctor [--fix]`: the connection doctor on the terminal, a few lines per
//! finding (or one JSON document). Exit 0 when nothing is wrong (or all was fixed), 3 when
//! something still is, 1 when the check could not run.

use mailbox_connect_core::doctor::{Place, Severity};
use mailbox_connect_core::{AppError, DemoEnv, Services};

use super::azure_app::SignInArgs;
use super::json::as_json;
use super::progress::{printed, printed_aside};

/// Something was found (and not fixed).
pub const FOUND: i32 = 3;

pub async fn run(
    sign_in: SignInArgs,
    fix: bool,
    json: bool,
    s: &Services,
    demo: Option<DemoEnv>,
    w: &mut Vec<String>,
) -> Result<i32, AppError> {
    super::demo_profile::on_demo(s, demo).await?;
    let job = if json { printed_aside() } else { printed() };
    let opts = sign_in.options(false);
    let checked = if fix {
        s.doctor.fix(opts, None, &job).await
    } else {
        s.doctor.check(opts, &job).await
    };
    let checkup = job.end(checked)?;
    let code = if checkup.summary.remaining == 0 { 0 } else { FOUND };
    if json {
        w.push(as_json(&checkup));
        return Ok(code);
    }
    for f in &checkup.findings {
        let severity = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = match f.place {
            Place::Azure => "Azure",
            Place::Keychain => "keychain",
            Place::Nylas => "Nylas",
        };
        let code = serde_json::to_value(f.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let done = if f.fixed { " [fixed]" } else { "" };
        w.push(format!("{severity} ({place}, {code}){done}: {}", f.message));
        w.push(format!("  saw: {}", f.evidence));
        w.push(format!("  fix: {}", f.fix));
    }
    w.push(checkup.summary.text);
    Ok(code)
}
