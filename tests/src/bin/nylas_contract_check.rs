//! Checks every Nylas answer the test suite received from the demo tenant (recorded under the
//! folder given, see `MAILBOX_CONNECT_RECORD_NYLAS`) against Nylas's published OpenAPI document.
//! Prints one line per finding and a summary; exits 1 on any finding or when nothing was recorded.

use std::process::ExitCode;

use mailbox_connect_e2e::nylas_spec::{check_all, read_recorded, spec_path, NylasSpec};

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: nylas_contract_check <folder of recorded answers>");
        return ExitCode::from(2);
    };
    let (spec, answers) = match NylasSpec::load().and_then(|s| Ok((s, read_recorded(dir.as_ref())?))) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("nylas contract: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (ops, findings) = check_all(&spec, &answers);
    for f in &findings {
        println!("nylas contract: {f}");
    }
    println!(
        "nylas contract: {} answers over {ops} operations checked against {}: {} violations",
        answers.len(),
        spec_path().file_name().and_then(|n| n.to_str()).unwrap_or("the spec"),
        findings.len()
    );
    if answers.is_empty() || !findings.is_empty() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
