//! The command line for support staff and scripts (`clap`): the same services as the window.
//! Usage errors exit 2 with clap's message and suggestion; see `--help` for the exit codes.

use std::io::Write;

use clap::{Parser, Subcommand};
use mailbox_connect_core::secrets::SecretStore;
use mailbox_connect_core::services::default_config_dir;
use mailbox_connect_core::services::DEMO_PROFILE;
use mailbox_connect_core::{browser, Config, Services};

use crate::{demo, KEYCHAIN_SERVICE};

mod azure_app;
mod bulk;
mod demo_profile;
mod directory;
mod doctor;
mod json;
mod progress;
mod run;
mod update;

pub use azure_app::AzureAppAction;

pub use run::execute;

const EXIT_CODES: &str = "Exit codes: 0 success; 1 an error (its message and fix are printed); \
2 a grant failed its test (connect, check-grant, check-grants) or the command line was wrong; \
3 the doctor found something wrong, some mailboxes of a bulk run failed, or `update --check` found a newer version.";

#[derive(Debug, Parser)]
#[command(name = "mailbox-connect", version = crate::build_info::VERSION_LINE, about = "Mailbox Connect: onboard Microsoft 365 mailboxes to Nylas. \
Without a command it opens the app; with one it uses the app's active profile and keychain.", after_help = EXIT_CODES)]
pub struct Cli {
    /// Use this profile (its name or ID) for this command only; the app keeps its own.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign a mailbox in with Microsoft in the browser, register it with Nylas, and test it.
    Connect {
        /// Use the built-in demo tenant (no Azure or Nylas account needed).
        #[arg(long)]
        demo: bool,
        /// Let Nylas Hosted auth talk to Microsoft instead of this app.
        #[arg(long)]
        hosted: bool,
        /// Pre-fill Microsoft's sign-in page with this address.
        #[arg(long, value_name = "ADDRESS", value_parser = address)]
        email: Option<String>,
    },
    /// Make a sign-in link for a mailbox's owner to open on their own computer (Nylas Hosted
    /// auth), wait until they have signed in, and test the mailbox (exit 2 if the test fails).
    SendLink {
        /// The mailbox whose owner gets the link.
        #[arg(long, value_name = "ADDRESS", value_parser = address)]
        email: String,
    },
    /// Test an existing grant: Nylas's status plus one mailbox read (exit 2 if it fails).
    CheckGrant {
        #[arg(value_name = "GRANT_ID_OR_EMAIL")]
        grant: String,
        /// Use the demo profile and its demo tenant.
        #[arg(long)]
        demo: bool,
        /// Print the result (or the error) as JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Test every grant, paced under Nylas's rate limit (exit 2 if any fails).
    CheckGrants {
        /// Use the demo profile and its demo tenant.
        #[arg(long)]
        demo: bool,
        /// Print the results (or the error) as JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// List the Nylas application's grants with their status.
    Grants {
        /// Use the demo profile and its demo tenant.
        #[arg(long)]
        demo: bool,
        /// Print the grants (or the error) as JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Nylas v2 Basic-Auth migration audit (the secret comes from NYLAS_V2_CLIENT_SECRET).
    Audit {
        #[arg(long, value_name = "URL", default_value = "https://api.nylas.com")]
        v2_url: String,
        #[arg(long, value_name = "ID")]
        client_id: String,
    },
    /// Print the onboarding ledger as CSV.
    Ledger,
    /// Write a redacted diagnostics bundle and print its path.
    Diagnostics {
        /// The folder to write it to, which must exist (Downloads by default).
        #[arg(long, value_name = "DIR", value_parser = folder)]
        out: Option<std::path::PathBuf>,
    },
    /// Create, show, rotate the secret of, or delete the Azure app through Microsoft Graph (an
    /// administrator signs in in the browser).
    AzureApp {
        #[command(subcommand)]
        action: AzureAppAction,
    },
    /// Find out why a connection stopped working: Microsoft's answer to the app's credentials,
    /// then the Azure app and its secret (an administrator signs in to read Azure). Changes
    /// nothing unless --fix is given.
    Doctor {
        /// Use the built-in demo tenant (no Azure account needed).
        #[arg(long)]
        demo: bool,
        /// Fix what can be fixed in one action (each fix is checked again); exit 0 if all was.
        #[arg(long)]
        fix: bool,
        /// Print the findings (or the error) as one JSON document, for scripts.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        sign_in: azure_app::SignInArgs,
    },
    /// List the organization's people with a mailbox and whether each is connected to Nylas
    /// (an administrator signs in to Microsoft Graph to read the directory).
    Directory {
        /// Use the built-in demo tenant (no Azure account needed).
        #[arg(long)]
        demo: bool,
        /// Which people to list.
        #[arg(long, value_enum, default_value_t = directory::Filter::All)]
        filter: directory::Filter,
        /// Only people whose name or address has a word starting with TEXT.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Print the table (or the error) as one JSON document, for scripts.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        sign_in: azure_app::SignInArgs,
    },
    /// Connect many mailboxes through the organization's approval (no owner signs in), with a
    /// progress line each; a run stopped part-way is resumed by the next. Exit 3 if some failed.
    BulkConnect {
        /// Use the built-in demo tenant (no Azure account needed).
        #[arg(long)]
        demo: bool,
        #[command(flatten)]
        which: bulk::Which,
        #[command(flatten)]
        sign_in: azure_app::SignInArgs,
    },
    /// Look for a newer version of Mailbox Connect and install it (its signature verified first);
    /// exit 0 when this one is the latest or the new one was installed. Needs a desktop session.
    Update {
        /// Only look: exit 0 when this is the latest version, 3 when a newer one is offered.
        #[arg(long)]
        check: bool,
    },
    /// Serve the demo tenant (Microsoft identity platform + Nylas API) on loopback.
    Sandbox {
        #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:0")]
        listen: String,
    },
}

/// `--email`: an address as the core checks it; clap names the flag and exits 2 otherwise.
fn address(s: &str) -> Result<String, String> {
    match mailbox_connect_core::validate::email(s) {
        Ok(Some(a)) => Ok(a),
        Ok(None) => Err("give an address, for example adele@contoso.com, or leave the flag out".into()),
        Err(e) => Err(e.message),
    }
}

/// `--out`: a folder that exists (a mistyped one is a usage error, never made).
fn folder(s: &str) -> Result<std::path::PathBuf, String> {
    let dir = std::path::PathBuf::from(s);
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!("there is no folder {s}"))
    }
}

/// The command to run, or `None` to open the window: with no arguments, or only those a
/// platform or a WebDriver launch adds. Anything else is the command line's, and a bad one
/// (a misspelt flag too) prints clap's message and exits 2 here.
pub fn parse() -> Option<Cli> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().all(|a| opens_window(a)) {
        return None;
    }
    Some(Cli::parse())
}

/// Launch arguments that are not the user's: WebKit's WebDriver (`--automation`) and macOS's
/// old process serial number (`-psn_…`).
fn opens_window(arg: &str) -> bool {
    arg == "--automation" || arg.starts_with("-psn_")
}

/// Runs one command against the app's profile (or the one `--profile` names) and keychain.
/// Returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let Cli { profile, command } = cli;
    let _log = crate::logging::init(mailbox_connect_core::services::default_log_dir().as_deref());
    // The updater runs in a Tauri app of its own, built here on the main thread.
    if let Command::Update { check } = command {
        return update::run(check, &mut std::io::stdout());
    }
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    rt.block_on(async {
        if let Command::Sandbox { listen } = &command {
            return demo::serve(listen).await;
        }
        let Some(config_dir) = default_config_dir() else {
            eprintln!("error: no configuration folder (is HOME set?)");
            return 1;
        };
        let config = Config::desktop(config_dir, SecretStore::keychain(KEYCHAIN_SERVICE), browser::system());
        let services = match Services::new(config) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {}", e.message);
                return 1;
            }
        };
        // `--profile`, or `--demo` on a read-only command: that profile, for this command only.
        let read_only_demo = matches!(
            command,
            Command::CheckGrant { demo: true, .. }
                | Command::CheckGrants { demo: true, .. }
                | Command::Grants { demo: true, .. }
        );
        let chosen = if read_only_demo {
            Some(DEMO_PROFILE.to_string())
        } else {
            profile
        };
        if let Some(name) = chosen {
            if let Err(e) = services.setup.use_profile_for_this_run(&name) {
                let fix = if read_only_demo {
                    "Run `mailbox-connect connect --demo` first."
                } else {
                    e.fix.as_deref().unwrap_or("")
                };
                eprintln!(
                    "error: {}\nfix: {fix}",
                    if read_only_demo {
                        "There is no demo profile yet."
                    } else {
                        e.message.as_str()
                    }
                );
                return 2;
            }
        }
        // `--demo`, or a demo profile left active by the app: run a demo tenant for this command.
        let resume = services.demo.needs_tenant();
        let wants_demo = matches!(
            command,
            Command::Connect { demo: true, .. }
                | Command::AzureApp {
                    action: AzureAppAction::Create { demo: true, .. }
                }
                | Command::Doctor { demo: true, .. }
                | Command::Directory { demo: true, .. }
                | Command::BulkConnect { demo: true, .. }
        ) || resume;
        // The app's own choice between a demo tenant served elsewhere and one of its own (kept
        // running here until the command ends).
        let sandbox = demo::DemoSandbox::default();
        let env = if wants_demo {
            match sandbox.env().await {
                Ok(env) => Some(env),
                Err(e) => {
                    eprintln!("error: {} {}", e.message, e.fix.unwrap_or_default());
                    return 1;
                }
            }
        } else {
            None
        };
        if let (Some(env), true) = (env.clone(), resume) {
            if let Err(e) = services.demo.resume(env).await {
                eprintln!("error: {}", e.message);
                return 1;
            }
        }
        let mut out = std::io::stdout();
        let code = execute(command, &services, env, &mut out).await;
        let _ = out.flush();
        code
    })
}
