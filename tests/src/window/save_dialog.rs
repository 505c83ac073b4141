//! Answers the system's Save and Open dialogs (GTK's file chooser, a native window outside the
//! webview) as a person would, with the keyboard, through xdotool on the test's X display.

use std::path::Path;
use std::process::Command;

/// Waits for the Save dialog titled `title`, types `path` into its name field and presses Enter.
pub fn save_as(title: &str, path: &Path) {
    focus(title);
    // GTK selects the suggested name; a typed absolute path replaces it, folder included. Keys go
    // through XTEST to the focused window, as a keyboard's would (GTK ignores synthetic events).
    xdotool(&["key", "--clearmodifiers", "ctrl+a"]);
    xdotool(&["type", "--delay", "20", &path.display().to_string()]);
    xdotool(&["key", "Return"]);
}

/// Waits for the Open dialog titled `title`, types `path` into its location field and presses
/// Enter.
pub fn open(title: &str, path: &Path) {
    focus(title);
    // Ctrl+L shows GTK's location field; a typed absolute path names the file.
    xdotool(&["key", "--clearmodifiers", "ctrl+l"]);
    xdotool(&["type", "--delay", "20", &path.display().to_string()]);
    xdotool(&["key", "Return"]);
}

/// Waits for the Save dialog titled `title` and closes it with Escape.
pub fn close(title: &str) {
    focus(title);
    xdotool(&["key", "Escape"]);
}

/// Waits until the dialog is shown, then gives it the keyboard.
fn focus(title: &str) {
    let found = xdotool(&["search", "--sync", "--onlyvisible", "--name", &format!("^{title}$")]);
    let id = found.lines().last().unwrap_or_default().to_string();
    assert!(!id.is_empty(), "no file dialog titled {title:?}");
    xdotool(&["windowfocus", "--sync", &id]);
}

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("timeout")
        .arg("30")
        .arg("xdotool")
        .args(args)
        .output()
        .expect("xdotool runs (install it with `make deps`)");
    assert!(
        out.status.success(),
        "xdotool {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
