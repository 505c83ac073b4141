//! The app's CSP stays strict and its one capability grants only the app's own commands.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::path::Path;

use serde_json::Value;

fn read_json(rel: &str) -> Value {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel);
    serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap()
}

#[test]
fn csp_is_strict() {
    let conf = read_json("src-tauri/tauri.conf.json");
    let csp = &conf["app"]["security"]["csp"];
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(csp["frame-ancestors"], "'none'");
    assert_eq!(csp["connect-src"], "ipc: http://ipc.localhost");
    for (directive, value) in csp.as_object().unwrap() {
        let v = value.as_str().unwrap();
        for bad in ["'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"] {
            assert!(!v.split_whitespace().any(|t| t == bad), "{directive} allows {bad}");
        }
    }
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    assert_eq!(conf["app"]["security"]["capabilities"], serde_json::json!(["main"]));
}

#[test]
fn capability_grants_only_app_commands() {
    let cap = read_json("src-tauri/capabilities/main.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    let build_rs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/build.rs")).unwrap();
    let perms: Vec<&str> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    for p in &perms {
        let command = p
            .strip_prefix("allow-")
            .unwrap_or_else(|| panic!("unexpected permission {p}"))
            .replace('-', "_");
        assert!(
            build_rs.contains(&format!("\"{command}\"")),
            "{p} is not one of the app's declared commands"
        );
    }
    assert!(perms.len() >= 10);
    let caps_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/capabilities");
    assert_eq!(
        std::fs::read_dir(caps_dir).unwrap().count(),
        1,
        "only one capability file"
    );
}
