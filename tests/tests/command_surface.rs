//! One command list everywhere: declared in build.rs (so each needs a permission), registered in
//! the handler, granted by the capability, and called through the typed UI API.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::collections::BTreeSet;
use std::path::Path;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)).unwrap()
}

/// Every `"snake_case"` string literal between `start` and `end` markers.
fn quoted_between(text: &str, start: &str, end: &str) -> BTreeSet<String> {
    let from = text.find(start).unwrap() + start.len();
    let to = from + text[from..].find(end).unwrap();
    text[from..to]
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn commands_agree_across_build_handler_capability_and_ui() {
    let declared = quoted_between(&read("src-tauri/build.rs"), ".commands(&[", "])");
    let main = read("src-tauri/src/main.rs");
    let from = main.find("generate_handler![").unwrap();
    let handler: BTreeSet<String> = main[from..main[from..].find(']').unwrap() + from]
        .split("commands::")
        .skip(1)
        .map(|s| {
            s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    let cap: serde_json::Value = serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    let granted: BTreeSet<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().trim_start_matches("allow-").replace('-', "_"))
        .collect();
    let api = read("ui/src/api.ts");
    let ui: BTreeSet<String> = api
        .split("invoke<")
        .skip(1)
        .map(|s| s.split('"').nth(1).unwrap().to_string())
        .collect();
    assert!(declared.len() >= 10, "{declared:?}");
    assert_eq!(declared, handler, "build.rs vs generate_handler!");
    assert_eq!(declared, granted, "build.rs vs capability");
    assert_eq!(declared, ui, "build.rs vs ui/src/api.ts");
}
