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
}

impl Shell {
    /// Brings the wizard window forward (after the browser had the user's attention).
    pub fn bring_to_front(&self) {
        crate::window::bring_to_front(&self.app);
    }
}

impl Deref for Shell {
    type Target = Services;
    fn deref(&self) -> &Services {
        &self.core
    }
}
