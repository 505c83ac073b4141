//! What a Rust source file names: its code without comments and strings, the child modules it
//! declares, and every module path its `use` trees and inline paths start.

use std::collections::BTreeSet;

/// The source without comments and without what follows `#[cfg(test)]`.
pub fn code(src: &str) -> String {
    let mut out = String::new();
    for line in src.lines() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        out.push_str(line.split(" // ").next().unwrap_or(line));
        out.push('\n');
    }
    out
}

/// The modules a file declares with `mod NAME;`.
pub fn children(code: &str) -> BTreeSet<String> {
    code.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l
                .strip_prefix("pub ")
                .or_else(|| l.strip_prefix("pub(crate) "))
                .unwrap_or(l);
            l.strip_prefix("mod ")?.strip_suffix(';').map(str::to_string)
        })
        .collect()
}

/// Every path a file names: the leaves of its `use` trees and its inline `a::b::c` paths.
pub fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = vec![];
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let boundary = i == 0 || !rest.as_bytes()[i - 1].is_ascii_alphanumeric() && rest.as_bytes()[i - 1] != b'_';
        rest = &rest[i + 4..];
        if !boundary {
            continue;
        }
        if let Some(end) = rest.find(';') {
            expand(&rest[..end], &mut vec![], &mut out);
            rest = &rest[end..];
        }
    }
    let bytes = code.as_bytes();
    let mut start = None;
    for (i, &b) in bytes.iter().enumerate().chain(std::iter::once((bytes.len(), &b' '))) {
        let word = b.is_ascii_alphanumeric() || b == b'_' || b == b':';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let path = &code[s..i];
                if path.contains("::") {
                    out.push(path.split("::").filter(|p| !p.is_empty()).map(str::to_string).collect());
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The leaves of one `use` tree (`a::{b, c::{d}}` gives `a::b` and `a::c::d`).
fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim().trim_start_matches("pub ").trim();
    let Some(open) = tree.find('{') else {
        let name = tree.split(" as ").next().unwrap_or(tree).trim();
        let mut path = prefix.clone();
        path.extend(
            name.split("::")
                .filter(|p| !p.is_empty() && *p != "self")
                .map(str::to_string),
        );
        out.push(path);
        return;
    };
    let head: Vec<String> = tree[..open]
        .split("::")
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.trim().to_string())
        .collect();
    let inner = tree[open + 1..]
        .trim_end()
        .strip_suffix('}')
        .unwrap_or(&tree[open + 1..]);
    let mut depth = 0;
    let mut from = 0;
    let mut parts = vec![];
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[from..]);
    let len = prefix.len();
    prefix.extend(head);
    for part in parts.into_iter().filter(|p| !p.trim().is_empty()) {
        expand(part, prefix, out);
    }
    prefix.truncate(len);
}
