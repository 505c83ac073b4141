//! Checks that the window tests reviewed every screen in both themes: at least one screenshot
//! of each screen, light and dark, in target/e2e-artifacts/screens (written by `Page::review`,
//! which also runs the accessibility audit and the plain-words check on it).

use mailbox_connect_e2e::window::review::screens_dir;
use mailbox_connect_e2e::window::Screen;

fn main() {
    let names: Vec<String> = std::fs::read_dir(screens_dir())
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    let mut missing = Vec::new();
    println!("{:<12} {:>6} {:>6}", "screen", "light", "dark");
    for screen in Screen::all() {
        let attr = screen.attr();
        let count = |theme: &str| {
            names
                .iter()
                .filter(|n| n.starts_with(&format!("{attr}--")) && n.ends_with(&format!(".{theme}.png")))
                .count()
        };
        let (light, dark) = (count("light"), count("dark"));
        println!("{attr:<12} {light:>6} {dark:>6}");
        if light == 0 || dark == 0 {
            missing.push(attr);
        }
    }
    if !missing.is_empty() {
        eprintln!("No screenshot in both themes of: {}", missing.join(", "));
        std::process::exit(1);
    }
    println!("Every screen reviewed in both themes ({} screenshots).", names.len());
}
