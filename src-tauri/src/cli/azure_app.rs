//! `mailbox-connect azure-app …`: the Azure app through Microsoft Graph. An administrator signs
//! in in the browser; progress is printed as it happens.

use clap::{Args, Subcommand, ValueEnum};
use mailbox_connect_core::azure::checklist::ChecklistTarget;
use mailbox_connect_core::services::azure_app::{CreateOptions, SignInOptions};
use mailbox_connect_core::{AppError, DemoEnv, Services};

use super::progress::printed;

#[derive(Debug, Subcommand)]
pub enum AzureAppAction {
    /// Create (or finish creating) the Azure app for the active profile, with its secret in the
    /// keychain; prints the new client ID.
    Create {
        /// Use the built-in demo tenant (no Azure account needed).
        #[arg(long)]
        demo: bool,
        /// What the app is for.
        #[arg(long, value_enum, default_value_t = Target::V3)]
        target: Target,
        /// Also grant consent for everyone in the organization.
        #[arg(long)]
        admin_consent: bool,
        /// How long the secret lasts, 1 to 24 months.
        #[arg(long, value_name = "MONTHS", default_value_t = 24, value_parser = clap::value_parser!(u8).range(1..=24))]
        secret_months: u8,
        #[command(flatten)]
        sign_in: SignInArgs,
    },
    /// Show the active profile's app as Microsoft Graph describes it.
    Show {
        #[command(flatten)]
        sign_in: SignInArgs,
    },
    /// Replace the app's client secret: new secret, keychain, Nylas connector, a grant test,
    /// then the old secret removed.
    RotateSecret {
        #[arg(long, value_name = "MONTHS", default_value_t = 24, value_parser = clap::value_parser!(u8).range(1..=24))]
        secret_months: u8,
        #[command(flatten)]
        sign_in: SignInArgs,
    },
    /// Remove the app Mailbox Connect created for the active profile.
    Delete {
        #[command(flatten)]
        sign_in: SignInArgs,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Target {
    V3,
    V2,
    Streams,
}

/// `--bootstrap-client-id`: a client ID as the core checks it (else clap exits 2 naming the flag).
fn client_id(s: &str) -> Result<String, String> {
    mailbox_connect_core::validate::client_id(s, None).map_err(|e| e.message)
}

#[derive(Debug, Args)]
pub struct SignInArgs {
    /// Pre-fill Microsoft's sign-in page with this administrator's address.
    #[arg(long, value_name = "ADDRESS", value_parser = super::address)]
    email: Option<String>,
    /// Sign in with your organization's own public client instead of Microsoft Graph PowerShell.
    #[arg(long, value_name = "CLIENT_ID", value_parser = client_id)]
    bootstrap_client_id: Option<String>,
    /// Sign in on another device with a code (used anyway when no browser opens here).
    #[arg(long)]
    device_code: bool,
}

impl SignInArgs {
    pub(super) fn options(self, admin_consent: bool) -> SignInOptions {
        SignInOptions {
            admin_consent,
            bootstrap_client_id: self.bootstrap_client_id,
            login_hint: self.email,
            device_code: self.device_code,
        }
    }
}

pub async fn run(
    action: AzureAppAction,
    s: &Services,
    demo: Option<DemoEnv>,
    w: &mut Vec<String>,
) -> Result<i32, AppError> {
    match action {
        AzureAppAction::Create {
            target,
            admin_consent,
            secret_months,
            sign_in,
            ..
        } => {
            // A demo profile already on this tenant (resumed above) continues its app.
            super::demo_profile::on_demo(s, demo).await?;
            let target = match target {
                Target::V3 => ChecklistTarget::NylasV3,
                Target::V2 => ChecklistTarget::LegacyV2,
                Target::Streams => ChecklistTarget::Streams,
            };
            let opts = CreateOptions {
                sign_in: sign_in.options(admin_consent),
                target: Some(target),
                secret_months: Some(secret_months),
            };
            let p = s.azure_app.create(opts, &printed()).await?;
            w.push(format!("Client ID: {}", p.client_id));
            w.push(format!("Tenant: {}", p.tenant.as_path()));
            if let Some(d) = p.secret_expires_on {
                w.push(format!("Secret expires: {d}"));
            }
        }
        AzureAppAction::Show { sign_in } => {
            let a = s.azure_app.show(sign_in.options(false), &printed()).await?;
            w.push(format!("Name: {}", a.display_name));
            w.push(format!("Client ID: {}", a.client_id));
            w.push(format!("Object ID: {}", a.object_id));
            w.push(format!("Who can sign in: {}", a.sign_in_audience));
            w.extend(a.redirect_uris.iter().map(|u| format!("Redirect URI: {u}")));
            w.extend(
                a.secrets
                    .iter()
                    .map(|x| format!("Secret: {}\t{}…\texpires {}", x.key_id, x.hint, x.expires)),
            );
            w.push(format!(
                "Created by Mailbox Connect: {}",
                if a.created_here { "yes" } else { "no" }
            ));
        }
        AzureAppAction::RotateSecret { secret_months, sign_in } => {
            let r = s
                .azure_app
                .rotate_secret(sign_in.options(false), Some(secret_months), &printed())
                .await?;
            w.push(format!("New secret: {} (expires {})", r.key_id, r.expires_on));
            w.extend(r.removed.iter().map(|k| format!("Removed secret: {k}")));
            if let Some(g) = r.grant_checked {
                w.push(format!("Grant tested: {g}"));
            }
        }
        AzureAppAction::Delete { sign_in } => {
            s.azure_app.remove(sign_in.options(false), &printed()).await?;
            w.push("Removed.".into());
        }
    }
    Ok(0)
}
