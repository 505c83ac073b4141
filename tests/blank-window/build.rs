// Build script of the blank Tauri window that `make bench` measures the app against.
fn main() {
    tauri_build::build()
}
