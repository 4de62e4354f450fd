//! Hostile input and faults (issue 10): content, themes, requests and command lines written
//! by an attacker or an unlucky maintainer. Each case asserts what a user would see: the exit
//! status, the file, line and kind of problem, the previous output byte-identical, nothing
//! written outside the output folder, and no panic.
//!
//! One module per area, each owning its own cases.

#![allow(dead_code)]

#[path = "../common/mod.rs"]
mod common;

mod cascades;
mod markup;
mod paths;
mod server;
mod sources;
mod templates;
mod writer;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Every file and folder below `dir` (the output's parent, say), with each file's bytes:
/// compared before and after a build to show that nothing was written outside the output.
pub fn listing(dir: &Path, skip: &[&Path]) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !skip.iter().any(|s| e.path().starts_with(s)))
        .filter_map(Result::ok)
        .map(|e| {
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap_or_default());
            (e.path().strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

/// Writes `text` to `rel` in the site, making folders as needed.
pub fn write(site: &Path, rel: &str, text: &str) {
    let path = site.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A copy of the multilingual fixture and an output beside it, built once (exit 0).
pub fn built_site(tag: &str) -> (PathBuf, PathBuf) {
    let site = site_copy("multilingual");
    let out = site.parent().unwrap().join(format!("public-{tag}"));
    let first = build(&site, &out, &[]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    (site, out)
}

/// Asserts that a build failed as a build with bad input should: exit status 1, no panic,
/// and a diagnostic at `file` (a path ending) and, if given, `line`.
pub fn assert_error_at(out: &Output, file: &str, line: Option<usize>) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "exit status 1 expected:\n{err}");
    assert!(!err.contains("panicked"), "a panic:\n{err}");
    let wanted = match line {
        Some(l) => format!("{file}:{l}:"),
        None => file.to_string(),
    };
    assert!(
        err.lines()
            .any(|l| l.contains(&wanted) && l.contains("error")),
        "an error at {wanted} expected:\n{err}"
    );
}
