//! Writes `ui/src/bindings/commands.ts` from the command declaration: one typed function per
//! command, its types imported from the ts-rs bindings beside it. A test regenerates it, and
//! `make test` fails when the committed file differs.

use std::collections::BTreeSet;

use ts_rs::{Config, Dependency, TypeVisitor, TS};

/// A Rust type as TypeScript names it, with the binding files it needs.
pub struct TsType {
    pub name: String,
    pub imports: Vec<String>,
}

impl TsType {
    pub fn of<T: TS + 'static>() -> Self {
        let cfg = Config::new();
        let mut imports = Vec::new();
        Imports(&cfg, &mut imports).visit::<T>();
        Self {
            name: T::name(&cfg),
            imports,
        }
    }

    /// A `Channel<T>` argument: the window passes a `Channel` and receives `T` on it.
    pub fn channel<T: TS + 'static>() -> Self {
        let inner = Self::of::<T>();
        Self {
            name: format!("Channel<{}>", inner.name),
            imports: inner.imports,
        }
    }
}

/// The exported types a type names: itself, or else those inside it (`Array<GrantCheckRow>`).
struct Imports<'a>(&'a Config, &'a mut Vec<String>);

impl TypeVisitor for Imports<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        match Dependency::from_ty::<T>(self.0) {
            Some(d) => self.1.push(d.ts_name),
            None => T::visit_generics(self),
        }
    }
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The TypeScript module.
pub fn commands_ts() -> String {
    let sigs = crate::commands::signatures();
    let mut imports = BTreeSet::new();
    let mut body = String::new();
    for s in &sigs {
        for t in s.args.iter().map(|(_, t)| t).chain([&s.ret]) {
            imports.extend(t.imports.iter().cloned());
        }
        let params: Vec<String> = s
            .args
            .iter()
            .map(|(n, t)| format!("{}: {}", camel(n), t.name))
            .collect();
        let names: Vec<String> = s.args.iter().map(|(n, _)| camel(n)).collect();
        let payload = if names.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", names.join(", "))
        };
        body.push_str(&format!(
            "  {}: ({}) => invoke<{}>(\"plugin:{}|{}\"{payload}),\n",
            camel(s.name),
            params.join(", "),
            s.ret.name,
            s.plugin,
            s.name
        ));
    }
    let mut out = String::from(
        "// Generated from src-tauri/src/command_list.rs by `cargo test -p mailbox-connect`. Do not edit.\n",
    );
    out.push_str("import { Channel, invoke } from \"@tauri-apps/api/core\";\n");
    for name in &imports {
        out.push_str(&format!("import type {{ {name} }} from \"./{name}\";\n"));
    }
    out.push_str("\nexport { Channel };\n\n/** Every command of the window, typed from the Rust declaration. */\nexport const commands = {\n");
    out.push_str(&body);
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn export_commands_ts() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings/commands.ts");
        let ts = super::commands_ts();
        assert!(
            ts.contains("connect: (loginHint: string | null, events: Channel<JobEvent>)"),
            "{ts}"
        );
        std::fs::write(&path, ts).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
