//! The pipeline runs one way: no top-level module names a later one.

/// Top-level modules in pipeline order; a module may use those before it (and the leaves).
const ORDER: [&str; 8] = [
    "data",
    "model",
    "projection",
    "scene",
    "render",
    "output",
    "batch",
    "lib",
];
/// Leaves anyone may use; they use nothing of the crate but each other.
const LEAVES: [&str; 3] = ["color", "error", "options"];

fn sources(module: &str) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let dir = root.join(module);
    let mut text = std::fs::read_to_string(root.join(format!("{module}.rs"))).unwrap_or_default();
    if dir.is_dir() {
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    text.push_str(&std::fs::read_to_string(path).unwrap());
                }
            }
        }
    }
    text
}

#[test]
fn no_module_names_a_later_one() {
    for (i, module) in ORDER.iter().enumerate() {
        let text = sources(module);
        assert!(!text.is_empty(), "no sources for {module}");
        for later in &ORDER[i + 1..] {
            let path = format!("crate::{later}::");
            assert!(!text.contains(&path), "{module} names {later}");
        }
        if *module != "lib" {
            assert!(
                !text.contains("crate::render_map("),
                "{module} reaches back to the crate root"
            );
        }
    }
    for leaf in LEAVES {
        let text = sources(leaf);
        for module in ORDER {
            assert!(
                !text.contains(&format!("crate::{module}::")),
                "{leaf} names {module}"
            );
        }
    }
}
