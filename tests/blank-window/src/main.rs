//! A blank Tauri 2 window: the baseline Mailbox Connect's start-up and memory are compared to.

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("blank window: {e}");
        std::process::exit(1);
    }
}
