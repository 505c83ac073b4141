//! The app's CSP stays strict and its one capability grants only the app's own commands.

use std::collections::BTreeSet;
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
    assert_eq!(
        cap["permissions"],
        serde_json::json!([
            "wizard:default",
            "sign-in:default",
            "azure-app:default",
            "tools:default",
            "organization:default",
            "about:default"
        ]),
        "the window gets the app's six command groups and nothing else"
    );
    // Each group's default allows exactly the commands the UI's generated API calls in it
    // (both come from src-tauri/src/command_list.rs; the ACL file is written by the build).
    let acl = read_json("src-tauri/gen/schemas/acl-manifests.json");
    let api =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings/commands.ts")).unwrap();
    let mut total = 0;
    for plugin in ["wizard", "sign-in", "azure-app", "tools", "organization", "about"] {
        let allowed: BTreeSet<String> = acl[plugin]["default_permission"]["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().trim_start_matches("allow-").replace('-', "_"))
            .collect();
        let called: BTreeSet<String> = api
            .split(&format!("\"plugin:{plugin}|"))
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_string())
            .collect();
        assert_eq!(allowed, called, "{plugin}: permitted vs called");
        total += called.len();
    }
    assert!(total >= 20, "{total}");
    let caps_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/capabilities");
    assert_eq!(
        std::fs::read_dir(caps_dir).unwrap().count(),
        1,
        "only one capability file"
    );
}
