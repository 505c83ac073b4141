//! `--demo` on a command that changes the profile: the demo profile on the demo tenant.

use mailbox_connect_core::{AppError, DemoEnv, Services};

/// Begins the demo profile on the demo tenant, unless a demo profile is active already (one
/// resumed on this tenant continues as it is).
pub async fn on_demo(s: &Services, demo: Option<DemoEnv>) -> Result<(), AppError> {
    if let Some(env) = demo.filter(|_| !s.setup.state().is_ok_and(|st| st.profile.demo)) {
        s.setup.begin(Some(env)).await?;
    }
    Ok(())
}
