//! The shape of the code: dala's modules in layers that import only downward (or within
//! their own layer), and no import cycle. Reads `src/**/*.rs` and fails naming the module,
//! the import and the file when one imports from a layer above it. A new module must be
//! given a layer here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// From the bottom up. A module may use its own layer and the ones below.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "leaves: text, languages, URLs, hashing; nothing of the site",
        &[
            "util",
            "lang",
            "date",
            "time",
            "ics",
            "cldr",
            "typography",
            "yaml",
            "url",
            "html_links",
            "safe",
            "assets",
            "images",
            "precompress",
            "field_markdown",
            "taxonomy",
            "progress",
            "highlight",
            "translit",
            "slug",
            "stemming",
            "language",
            "schema",
            "hints",
            "messages",
        ],
    ),
    (
        "diagnostics and reading files",
        &["error", "source", "walk", "template_check"],
    ),
    (
        "the site model and its parts",
        &[
            "config",
            "collections",
            "data",
            "menu",
            "content",
            "i18n",
            "markdown",
            "shortcode",
            "views",
            "search",
            "offline",
            "translations",
            "output",
            "scratch",
            "site",
            "export",
        ],
    ),
    ("rendering", &["render_errors", "render"]),
    (
        "pipelines",
        &["build", "check", "serve", "scaffold", "import"],
    ),
    ("the command line", &["cli", "commands", "lib", "main"]),
];

/// Each top-level module (a file of `src/` or a folder with its `mod.rs`) and the
/// top-level modules its code names as `crate::x` or `dala::x` (comments left out), with
/// the file that does.
fn imports() -> BTreeMap<String, BTreeMap<String, String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let module = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let used = graph.entry(module.clone()).or_default();
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or("");
            for prefix in ["crate::", "dala::"] {
                for (i, _) in code.match_indices(prefix) {
                    let name: String = code[i + prefix.len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    // `crate::EXIT_OK` and the like: items of lib.rs.
                    let target =
                        if name.chars().next().is_some_and(|c| c.is_uppercase()) || name == "run" {
                            "lib".to_string()
                        } else {
                            name
                        };
                    if target != module && !target.is_empty() {
                        used.entry(target).or_insert_with(|| rel.clone());
                    }
                }
            }
            // `use super::x` inside a folder module stays in the module.
        }
    }
    graph
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

#[test]
fn every_module_imports_only_from_its_layer_or_below() {
    let graph = imports();
    let mut problems = Vec::new();
    for (module, used) in &graph {
        let Some(own) = layer_of(module) else {
            problems.push(format!(
                "module `{module}` has no layer: add it to LAYERS in tests/layers.rs"
            ));
            continue;
        };
        for (target, file) in used {
            match layer_of(target) {
                Some(l) if l > own => problems.push(format!(
                    "src/{file}: `{module}` ({}) imports `{target}` from a layer above ({})",
                    LAYERS[own].0, LAYERS[l].0
                )),
                Some(_) => {}
                None if graph.contains_key(target) => {}
                None => problems.push(format!(
                    "src/{file}: `{module}` names `{target}`, which is not a module of the crate"
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn there_is_no_import_cycle() {
    let graph = imports();
    // Depth-first search; a module met again while on the path closes a cycle.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeMap<String, String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        cycles: &mut Vec<String>,
    ) {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut cycle = path[i..].to_vec();
            cycle.push(m.to_string());
            cycles.push(cycle.join(" -> "));
            return;
        }
        if !done.insert(m.to_string()) {
            return;
        }
        path.push(m.to_string());
        for target in graph.get(m).into_iter().flat_map(|u| u.keys()) {
            visit(target, graph, path, done, cycles);
        }
        path.pop();
    }
    let mut cycles = Vec::new();
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done, &mut cycles);
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_leaf_imports_nothing_from_the_crate() {
    let graph = imports();
    assert!(graph["util"].is_empty(), "{:?}", graph["util"]);
}
