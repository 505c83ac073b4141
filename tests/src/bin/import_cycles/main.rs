//! Fails when the modules of a crate (the core, the demo tenant, the shell, the tests' library)
//! import each other in a cycle.
//!
//! Reads each crate's source as text: every `use` tree and every inline path that starts with
//! `crate::`, `super::` or a child module the file declares, resolved to the file that defines
//! the module. A parent naming its own child (a `mod.rs` routing to its handlers) is containment,
//! not an import, and is left out; everything else counts. Test modules are left out.
//!
//! `cargo run -p mailbox-connect-e2e --bin import_cycles [CRATE_SRC_DIR…]`

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod source_paths;
use source_paths::{children, code, paths};

type Module = Vec<String>;

/// The default crates, relative to this package: the core, the demo tenant, the shell, the tests.
const CRATES: &[&str] = &[
    "../src-tauri/crates/core/src",
    "../src-tauri/crates/sandbox/src",
    "../src-tauri/src",
    "src",
];

fn main() {
    let dirs: Vec<PathBuf> = match std::env::args().skip(1).collect::<Vec<_>>() {
        args if args.is_empty() => CRATES
            .iter()
            .map(|d| Path::new(env!("CARGO_MANIFEST_DIR")).join(d))
            .collect(),
        args => args.into_iter().map(PathBuf::from).collect(),
    };
    let mut failed = false;
    for dir in dirs {
        match read_crate(&dir) {
            Err(e) => {
                eprintln!("import_cycles: cannot read {}: {e}", dir.display());
                failed = true;
            }
            Ok(files) => {
                let cycles = cycles(&edges(&files));
                for c in &cycles {
                    eprintln!("import cycle in {}: {}", dir.display(), c.join(" -> "));
                }
                failed |= !cycles.is_empty();
                if cycles.is_empty() {
                    println!(
                        "No import cycle between the {} modules of {}.",
                        files.len(),
                        dir.display()
                    );
                }
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}

/// Every module file of the crate under `src`, by module path, with its source. `main.rs` and
/// `bin/` are crates of their own and are left out.
fn read_crate(src: &Path) -> std::io::Result<BTreeMap<Module, String>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let rel = path.strip_prefix(src).unwrap_or(&path).to_path_buf();
            if path.is_dir() {
                if rel != Path::new("bin") {
                    stack.push(path);
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || rel == Path::new("main.rs") {
                continue;
            }
            let mut module: Module = rel
                .with_extension("")
                .iter()
                .map(|s| s.to_string_lossy().into_owned())
                .collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            out.insert(module, std::fs::read_to_string(&path)?);
        }
    }
    Ok(out)
}

/// The module a path lands in, from the file `from` (None: outside the crate).
fn resolve(
    from: &Module,
    kids: &BTreeSet<String>,
    path: &[String],
    files: &BTreeMap<Module, String>,
) -> Option<Module> {
    let mut base: Module = match path.first().map(String::as_str) {
        Some("crate") => vec![],
        Some("super") => from.clone(),
        Some(first) if kids.contains(first) => from.clone(),
        _ => return None,
    };
    let mut rest = path;
    if rest.first().is_some_and(|p| p == "crate") {
        rest = &rest[1..];
    }
    while rest.first().is_some_and(|p| p == "super") {
        base.pop();
        rest = &rest[1..];
    }
    let mut full = base;
    full.extend(rest.iter().cloned());
    while !files.contains_key(&full) {
        full.pop()?;
    }
    Some(full)
}

/// Imports between files, as module path -> the module paths it imports.
fn edges(files: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    files
        .iter()
        .map(|(m, src)| {
            let code = code(src);
            let kids = children(&code);
            let to = paths(&code)
                .iter()
                .filter_map(|p| resolve(m, &kids, p, files))
                .filter(|t| t != m && !t.starts_with(m))
                .collect();
            (m.clone(), to)
        })
        .collect()
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

/// One cycle for each strongly connected group of more than one module (Tarjan's algorithm).
fn cycles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, (usize, usize)>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, v: &'a Module) {
        let i = w.index.len();
        w.index.insert(v, (i, i));
        w.stack.push(v);
        w.on_stack.insert(v);
        for t in w.edges.get(v).into_iter().flatten() {
            let Some((t, _)) = w.edges.get_key_value(t) else {
                continue;
            };
            if !w.index.contains_key(t) {
                visit(w, t);
                let low = w.index[t].1.min(w.index[v].1);
                w.index.entry(v).and_modify(|e| e.1 = low);
            } else if w.on_stack.contains(t) {
                let low = w.index[t].0.min(w.index[v].1);
                w.index.entry(v).and_modify(|e| e.1 = low);
            }
        }
        if w.index[v].0 == w.index[v].1 {
            let mut group = vec![];
            while let Some(m) = w.stack.pop() {
                w.on_stack.remove(m);
                group.push(name(m));
                if m == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.reverse();
                w.found.push(group);
            }
        }
    }
    let mut w = Walk {
        edges,
        index: BTreeMap::new(),
        stack: vec![],
        on_stack: BTreeSet::new(),
        found: vec![],
    };
    for v in edges.keys() {
        if !w.index.contains_key(v) {
            visit(&mut w, v);
        }
    }
    w.found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crate_of(files: &[(&str, &str)]) -> BTreeMap<Module, String> {
        files
            .iter()
            .map(|(m, s)| {
                let module = if m.is_empty() {
                    vec![]
                } else {
                    m.split("::").map(str::to_string).collect()
                };
                (module, s.to_string())
            })
            .collect()
    }

    #[test]
    fn finds_a_cycle_through_use_trees_super_and_inline_paths() {
        let files = crate_of(&[
            ("", "mod a;\nmod b;\n"),
            ("a", "use crate::b::{c::{x, y as z}, w};\n"),
            ("b", "mod c;\nfn f() { c::g() }\n"),
            ("b::c", "fn g() { super::super::a::h() }\n"),
        ]);
        assert_eq!(cycles(&edges(&files)), vec![vec!["a", "b::c"]]);
    }

    #[test]
    fn a_parent_naming_its_child_and_test_modules_are_not_cycles() {
        let files = crate_of(&[
            ("", "mod a;\nmod store;\nfn f() { a::run() }\n"),
            ("a", "use crate::store::Data;\nuse crate::f;\n// use crate::b;\n"),
            (
                "store",
                "pub struct Data;\n#[cfg(test)]\nmod tests { use crate::a::run; }\n",
            ),
        ]);
        let e = edges(&files);
        assert!(e[&vec!["a".to_string()]].contains(&vec!["store".to_string()]));
        assert!(cycles(&e).is_empty());
    }

    #[test]
    fn every_module_opens_with_a_line_on_what_it_is_for() {
        for dir in CRATES {
            for (m, src) in read_crate(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).expect("crate source") {
                assert!(
                    src.starts_with("//"),
                    "{dir}: module {} opens without a line on what it is for",
                    name(&m)
                );
            }
        }
    }

    #[test]
    fn every_crate_reads_as_its_modules_and_imports() {
        for dir in CRATES {
            let files = read_crate(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).expect("crate source");
            assert!(files.len() > 10, "{dir}: {} modules", files.len());
            let imports: usize = edges(&files).values().map(BTreeSet::len).sum();
            assert!(
                2 * imports > files.len(),
                "{dir}: {imports} imports between {} modules",
                files.len()
            );
        }
    }
}
