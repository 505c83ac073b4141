//! Each group of `src/command_list.rs` becomes an inlined plugin whose default permission allows
//! exactly its commands; the capability grants their defaults.

use tauri_build::{Attributes, DefaultPermissionRule, InlinedPlugin};

/// Keeps only the plugin and command names of the declaration.
macro_rules! commands {
    ($( $group:ident $plugin:literal {
        $( $(#[$meta:meta])* fn $name:ident ( $s:ident $(, $arg:ident : $aty:ty)* $(; $ch:ident : Channel<$evt:ty>)? ) -> $ret:ty $body:block )*
    } )*) => {
        const PLUGINS: &[(&str, &[&str])] = &[ $( ($plugin, &[ $( stringify!($name) ),* ]) ),* ];
    };
}

include!("src/command_list.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/command_list.rs");
    commit();
    let mut attributes = Attributes::new();
    for (plugin, commands) in PLUGINS {
        attributes = attributes.plugin(
            plugin,
            InlinedPlugin::new()
                .commands(commands)
                .default_permission(DefaultPermissionRule::AllowAllCommands),
        );
    }
    tauri_build::try_build(attributes).unwrap_or_else(|e| panic!("tauri build: {e}"));
}

/// The commit this build is made from, for `--version` and the About screen: the release
/// workflow's `MAILBOX_CONNECT_COMMIT`, else `git`, else "unknown" (a source archive).
fn commit() {
    println!("cargo:rerun-if-env-changed=MAILBOX_CONNECT_COMMIT");
    for watched in ["../.git/HEAD", "../.git/refs/heads", "../.git/packed-refs"] {
        println!("cargo:rerun-if-changed={watched}");
    }
    let from_git = || {
        let out = std::process::Command::new("git")
            .args(["rev-parse", "--short=12", "HEAD"])
            .output()
            .ok()?;
        let sha = String::from_utf8(out.stdout).ok()?.trim().to_string();
        (out.status.success() && !sha.is_empty()).then_some(sha)
    };
    let commit = std::env::var("MAILBOX_CONNECT_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .map(|c| c.trim().chars().take(12).collect())
        .or_else(from_git)
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=MAILBOX_CONNECT_COMMIT={commit}");
}
