//! What the window's commands share: the core's services and the demo tenant this process runs
//! on first use.

use std::ops::Deref;

use mailbox_connect_core::Services;

use mailbox_connect::demo::DemoSandbox;

pub struct Shell {
    pub core: Services,
    pub sandbox: DemoSandbox,
    pub app: tauri::AppHandle,
    /// The last file saved through the Save dialog.
    pub saved: crate::save::Saved,
    /// The update the window was last offered, kept for "Install and restart".
    pub update: tokio::sync::Mutex<Option<tauri_plugin_updater::Update>>,
    /// Stops the update's download under way ("Cancel" in the banner).
    pub update_stop: tokio::sync::Mutex<Option<mailbox_connect_core::job::CancellationToken>>,
}

impl Deref for Shell {
    type Target = Services;
    fn deref(&self) -> &Services {
        &self.core
    }
}
