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
