//! AADSTS error codes mapped to plain-language messages and fixes.

use super::callback::ProviderError;
use super::redirect::REGISTERED;
use crate::error::{AppError, ErrorCode};

/// Pulls the AADSTS number out of an `error_description` ("AADSTS7000215: Invalid client …").
pub fn code_in(description: &str) -> Option<u32> {
    let start = description.find("AADSTS")? + "AADSTS".len();
    let digits: String = description[start..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The first line of Microsoft's description, without its AADSTS prefix, trace and correlation ids.
fn first_line(description: &str) -> &str {
    let line = description.lines().next().unwrap_or(description).trim();
    match line.split_once(": ") {
        Some((prefix, rest)) if prefix.starts_with("AADSTS") => rest,
        _ => line,
    }
}

/// Codes that mean an administrator must approve the app: the admin-consent path helps.
pub const ADMIN_APPROVAL: &[u32] = &[90094, 90093, 90095, 65001, 900941, 900981];

/// A decline looks the same to the app whether the user chose Cancel or Microsoft said an
/// administrator must approve first ("Need admin approval", then "Return to the application").
const DECLINED_FIX: &str = "If Microsoft said \"Need admin approval\", an administrator must approve the app for your organization first: use Admin consent, then connect again. Otherwise start the sign-in again and choose Accept on Microsoft's permissions page.";

/// Explains a Microsoft error (from the redirect or the token endpoint) to the admin.
pub fn explain(e: &ProviderError) -> AppError {
    let description = e.description.as_deref().unwrap_or("");
    let code = code_in(description);
    let redirect_fix = format!("In the Azure portal open App registrations → your app → Authentication → Add a platform → Web, add exactly {REGISTERED}, save, and wait about 5 minutes.");
    let desktop_fix = format!(
        "In Authentication remove {REGISTERED} from 'Mobile and desktop applications' and add it under 'Web' instead."
    );
    let (field, message, fix): (Option<&str>, &str, &str) = match code {
        Some(50011) | Some(500113) => (None, "The redirect URI is not registered for this app.", &redirect_fix),
        Some(700016) => (Some("client_id"), "Microsoft does not know this Application (client) ID in this directory.",
            "Re-copy the Application (client) ID and the Directory (tenant) ID from your app's Overview page. If the app lives in another tenant, use that tenant."),
        Some(90002) | Some(900023) => (Some("tenant"), "Microsoft could not find this directory (tenant).",
            "Re-copy the Directory (tenant) ID from your app's Overview page, or use your domain such as contoso.onmicrosoft.com."),
        Some(7000215) => (Some("client_secret"), "The client secret is wrong. Often the Secret ID was pasted instead of the secret's Value.",
            "In Certificates & secrets create a new client secret and copy its Value column right away (it is shown only once), then paste it here."),
        Some(7000222) => (Some("client_secret"), "The client secret has expired.",
            "In Certificates & secrets create a new client secret (up to 24 months) and paste its Value here."),
        Some(7000218) => (None, "Microsoft expected a client secret but none was sent.",
            "Paste the client secret's Value in the app credentials step."),
        Some(700025) => (None, "The redirect URI is registered as 'Mobile and desktop', which does not accept a client secret.", &desktop_fix),
        Some(65004) => (None, "Microsoft came back without permission for the app.", DECLINED_FIX),
        Some(65001) => (None, "The permissions for this app have not been granted yet.",
            "Sign in again and accept the permissions, or ask an administrator to grant consent for the organization."),
        Some(90094) | Some(90093) | Some(900941) | Some(900981) => (None, "Your organization requires an administrator to approve this app.",
            "Sign in here with a Global, Cloud Application or Application Administrator account, or ask one to grant it in the Azure portal: Enterprise applications › your app › Permissions › Grant admin consent."),
        Some(90095) => (None, "An administrator must approve this app before you can use it.",
            "Choose 'Request approval' on Microsoft's page; once an administrator approves it in Enterprise applications → Admin consent requests, try again."),
        Some(50020) | Some(16000) => (None, "The account you signed in with does not belong to this directory.",
            "Sign in with an account from the tenant where the app is registered (a private browser window helps), or set the tenant to 'common'."),
        Some(500208) | Some(9002332) => (None, "This account type is not allowed for the app.",
            "Use a work or school account, or change the app's supported account types in Azure."),
        Some(50194) => (Some("tenant"), "The app is single-tenant, so 'common' cannot be used.",
            "Set the tenant to your Directory (tenant) ID from the Overview page."),
        Some(7000112) => (None, "Sign-in is switched off for this app in your organization.",
            "In Enterprise applications → your app → Properties, set 'Enabled for users to sign in?' to Yes, or use Check this connection on the Mailboxes tab."),
        Some(50105) => (None, "You are not assigned to this app.",
            "In Enterprise applications → your app → Users and groups, assign your account, or set 'Assignment required' to No."),
        Some(50076) | Some(50079) | Some(50072) => (None, "Microsoft requires multi-factor authentication.",
            "Complete the MFA prompt (set it up at aka.ms/mfasetup if asked), then try again."),
        Some(53003) | Some(530035) | Some(53000) | Some(50097) => (None, "Your organization's Conditional Access policy blocked this sign-in.",
            "Ask IT to allow this app or to sign in from a compliant device or location."),
        Some(50126) => (None, "The username or password was wrong.", "Try again with the correct password."),
        Some(50053) | Some(50057) => (None, "The account is locked or disabled.", "Wait a while or ask IT to unlock it."),
        Some(54005) | Some(70000) | Some(501481) | Some(500112) => (None, "The sign-in code could not be used (it expired or was already used).",
            "Start the sign-in again."),
        Some(70011) => (None, "Microsoft rejected the requested permissions.", "Check the permissions selected in the checklist, then try again."),
        _ => match (e.error.as_str(), e.subcode.as_deref()) {
            ("access_denied", Some("cancel")) => (None, "The sign-in was cancelled in the browser.", DECLINED_FIX),
            ("access_denied", _) | ("consent_required", _) => (None, "The permissions request was declined.",
                "Start the sign-in again and choose Accept on Microsoft's permissions page."),
            ("invalid_client", _) => (Some("client_secret"), "Microsoft rejected the app credentials.",
                "Check the Application (client) ID and paste the client secret's Value again."),
            ("interaction_required", _) | ("login_required", _) => (None, "Microsoft needs you to sign in interactively.", "Start the sign-in again."),
            ("temporarily_unavailable", _) | ("server_error", _) => (None, "Microsoft's sign-in service had a temporary problem.", "Wait a minute and try again."),
            _ => (None, "Microsoft did not complete the sign-in.", "Read Microsoft's message below; if it names an AADSTS code, search for it at login.microsoftonline.com/error."),
        },
    };
    let mut err = AppError::new(ErrorCode::Microsoft, message).with_fix(fix);
    if let Some(f) = field {
        err = err.on_field(f);
    }
    let mut detail = match code {
        Some(c) => format!("AADSTS{c} ({})", e.error),
        None => e.error.clone(),
    };
    if !description.is_empty() {
        detail.push_str(": ");
        detail.push_str(first_line(description));
    }
    if e.subcode.as_deref() == Some("cancel") || code == Some(65004) {
        err.code = ErrorCode::ConsentDeclined;
    } else if code.is_some_and(|c| ADMIN_APPROVAL.contains(&c)) {
        err.code = ErrorCode::AdminApprovalRequired;
    }
    err.with_detail(detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pe(error: &str, desc: &str) -> ProviderError {
        ProviderError {
            error: error.into(),
            description: Some(desc.into()),
            uri: None,
            subcode: None,
        }
    }

    #[test]
    fn secret_id_error_points_at_the_value() {
        let e = explain(&pe("invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\r\nTrace ID: 1"));
        assert_eq!(e.field.as_deref(), Some("client_secret"));
        assert!(e.message.contains("Secret ID"));
        assert_eq!(e.detail.as_deref(), Some("AADSTS7000215 (invalid_client): Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID."));
    }

    #[test]
    fn cancel_and_admin_approval() {
        let mut c = pe("access_denied", "");
        c.subcode = Some("cancel".into());
        assert_eq!(explain(&c).code, ErrorCode::ConsentDeclined);
        let a = explain(&pe("access_denied", "AADSTS90094: Admin consent is required"));
        assert!(a.message.contains("administrator"));
        assert_eq!(a.code, ErrorCode::AdminApprovalRequired);
        assert_eq!(code_in("x AADSTS50011: y"), Some(50011));
        assert_eq!(code_in("none"), None);
    }
}
