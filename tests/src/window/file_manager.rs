//! A file manager on the test's D-Bus session bus: it owns `org.freedesktop.FileManager1` (the
//! name Nautilus, Dolphin and Nemo own) and records what it was asked to show.

use std::sync::{Arc, Mutex};

use zbus::interface;

/// The file manager while it runs; dropping it leaves the bus.
pub struct FileManager {
    shown: Arc<Mutex<Vec<String>>>,
    _bus: zbus::Connection,
}

struct Interface(Arc<Mutex<Vec<String>>>);

#[interface(name = "org.freedesktop.FileManager1")]
impl Interface {
    /// Opens a folder window with these items (file:// URIs) selected.
    #[zbus(name = "ShowItems")]
    fn show_items(&self, uris: Vec<String>, _startup_id: String) {
        self.0.lock().unwrap().extend(uris);
    }
}

impl FileManager {
    pub async fn start() -> Self {
        let shown = Arc::new(Mutex::new(Vec::new()));
        let bus = zbus::connection::Builder::session()
            .unwrap()
            .name("org.freedesktop.FileManager1")
            .unwrap()
            .serve_at("/org/freedesktop/FileManager1", Interface(shown.clone()))
            .unwrap()
            .build()
            .await
            .expect("the D-Bus session bus (run under .ci/with-desktop.sh)");
        Self { shown, _bus: bus }
    }

    /// Every item it was asked to show, in order.
    pub fn shown(&self) -> Vec<String> {
        self.shown.lock().unwrap().clone()
    }
}
