//! `precompress: true` and `dala build --precompress`: a `.gz` and a `.br` beside each text
//! file of the output, each the file's exact bytes once decompressed; none beside images or
//! small files; kept, remade and removed with their files, and left alone by a failed build.

mod common;

use common::SiteTest;
use dala::build::{build, BuildOptions, BuildReport};
use dala::error::BuildFailure;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A paragraph long enough that a page holding it is worth compressing.
fn long_text(word: &str) -> String {
    format!("{word} digital government services for every citizen. ").repeat(60)
}

/// A site with a long page, a short one, a stylesheet and a script of some size, a small
/// stylesheet and an image.
fn site(site_yaml_key: bool) -> SiteTest {
    let yaml = format!(
        "base_url: https://test.example.org\ndefault_language: en\nlanguages:\n  en: {{ name: English, title: Test }}\n{}",
        if site_yaml_key { "precompress: true\n" } else { "" }
    );
    SiteTest::new()
        .file("site.yaml", &yaml)
        .file(
            "content/long.md",
            &format!("---\ntitle: Long\n---\n{}\n", long_text("Open")),
        )
        .file(
            "content/other.md",
            &format!("---\ntitle: Other\n---\n{}\n", long_text("Shared")),
        )
        .file("content/tiny.md", "---\ntitle: Tiny\n---\nHi.\n")
        .file(
            "static/style.css",
            &"main { margin: 0 auto; max-width: 40rem; }\n".repeat(50),
        )
        .file("static/app.js", &"console.log('dala');\n".repeat(80))
        .file("static/small.css", "p { color: red; }\n")
        .file(
            "static/photo.png",
            &"PNG but not compressible? no matter: not text. ".repeat(60),
        )
}

fn build_into(
    root: &Path,
    out: &Path,
    precompress: Option<bool>,
) -> Result<BuildReport, BuildFailure> {
    build(&BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        precompress,
        ..Default::default()
    })
}

fn ok(result: Result<BuildReport, BuildFailure>) -> BuildReport {
    result.unwrap_or_else(|f| {
        let all: Vec<String> = f.diagnostics.iter().map(|d| d.to_string()).collect();
        panic!("the build failed:\n{}", all.join("\n"))
    })
}

/// Every file of the output by its path inside it, with its bytes.
fn files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn is_copy(path: &str) -> bool {
    path.ends_with(".gz") || path.ends_with(".br")
}

/// Asserts that every copy in `out` decompresses to its file's bytes, and returns the
/// files that have copies.
fn checked_copies(out: &Path) -> Vec<String> {
    let all = files(out);
    for (path, bytes) in all.iter().filter(|(p, _)| is_copy(p)) {
        let original = &all[&path[..path.len() - 3]];
        let plain = if path.ends_with(".gz") {
            gunzip(bytes)
        } else {
            unbrotli(bytes)
        };
        assert!(plain == *original, "{path} does not decompress to its file");
        assert!(
            bytes.len() < original.len(),
            "{path} is not smaller than its file"
        );
    }
    let with: Vec<String> = all
        .keys()
        .filter(|p| !is_copy(p))
        .filter(|p| all.contains_key(&format!("{p}.gz")) && all.contains_key(&format!("{p}.br")))
        .cloned()
        .collect();
    with
}

fn has_copies(out: &Path, path: &str) -> bool {
    out.join(format!("{path}.gz")).is_file() && out.join(format!("{path}.br")).is_file()
}

fn has_any_copy(out: &Path, path: &str) -> bool {
    out.join(format!("{path}.gz")).exists() || out.join(format!("{path}.br")).exists()
}

/// The output path of a page, found by its title in the built files.
fn page_file(out: &Path, title: &str) -> String {
    let needle = format!("<title>{title}</title>");
    files(out)
        .into_iter()
        .find(|(p, bytes)| p.ends_with(".html") && String::from_utf8_lossy(bytes).contains(&needle))
        .map(|(p, _)| p)
        .unwrap_or_else(|| panic!("no page titled {title}"))
}

fn paths(root: &Path) -> (PathBuf, PathBuf) {
    (root.to_path_buf(), root.parent().unwrap().join("public"))
}

#[test]
fn the_site_yaml_key_puts_copies_beside_text_files_only() {
    let (root, out) = paths(&site(true).write());
    let report = ok(build_into(&root, &out, None));
    let with = checked_copies(&out);
    let long = page_file(&out, "Long");
    for path in [long.as_str(), "style.css", "app.js"] {
        assert!(
            with.iter().any(|p| p == path),
            "{path} has no .gz and .br: {with:?}"
        );
    }
    // Not beside images, small files, or copies themselves.
    let tiny = page_file(&out, "Tiny");
    for path in ["photo.png", "small.css", tiny.as_str(), "style.css.gz"] {
        assert!(!has_any_copy(&out, path), "{path} has a copy");
    }
    let (made, _) = report.timings.compression;
    assert_eq!(made as usize, with.len() * 2);
    assert!(report.timings.to_text().contains("precompressed copies"));
}

#[test]
fn the_flag_turns_it_on_and_builds_are_byte_identical() {
    let (root, out) = paths(&site(false).write());
    ok(build_into(&root, &out, None));
    assert!(
        files(&out).keys().all(|p| !is_copy(p)),
        "copies without the key or flag"
    );

    let first = root.parent().unwrap().join("first");
    let second = root.parent().unwrap().join("second");
    ok(build_into(&root, &first, Some(true)));
    ok(build_into(&root, &second, Some(true)));
    assert!(checked_copies(&first).len() >= 4);
    assert!(files(&first) == files(&second), "two builds differ");
    // `Some(false)` (dala serve, dala check) wins over the key.
    let (root, out) = paths(&site(true).write());
    ok(build_into(&root, &out, Some(false)));
    assert!(
        files(&out).keys().all(|p| !is_copy(p)),
        "copies with Some(false)"
    );
}

#[test]
fn an_edited_page_gets_new_copies_and_nothing_else_is_compressed_again() {
    let (root, out) = paths(&site(true).write());
    ok(build_into(&root, &out, None));
    let again = ok(build_into(&root, &out, None));
    assert_eq!(
        again.timings.compression.0, 0,
        "an unchanged site compressed again"
    );
    assert!(has_copies(&out, "app.js"));

    let long = page_file(&out, "Long");
    std::fs::write(
        root.join("content/long.md"),
        format!("---\ntitle: Long\n---\n{}\n", long_text("Edited")),
    )
    .unwrap();
    let edited = ok(build_into(&root, &out, None));
    assert_eq!(
        edited.timings.compression.0, 2,
        "only the edited page is compressed"
    );
    let changed = edited.stats.changed.clone().unwrap();
    for path in [long.clone(), format!("{long}.gz"), format!("{long}.br")] {
        assert!(changed.contains(&path), "{path} not rewritten: {changed:?}");
    }
    let other = page_file(&out, "Other");
    assert!(!changed.contains(&format!("{other}.gz")), "{changed:?}");
    assert!(String::from_utf8(gunzip(
        &std::fs::read(out.join(format!("{long}.gz"))).unwrap()
    ))
    .unwrap()
    .contains("Edited digital"));
    checked_copies(&out);
}

#[test]
fn a_removed_page_and_turning_it_off_remove_the_copies() {
    let (root, out) = paths(&site(true).write());
    ok(build_into(&root, &out, None));
    let other = page_file(&out, "Other");
    assert!(has_copies(&out, &other));
    std::fs::remove_file(root.join("content/other.md")).unwrap();
    ok(build_into(&root, &out, None));
    assert!(!out.join(&other).exists() && !has_any_copy(&out, &other));

    // Off: every copy goes, and the output is still dala's (no refusal as foreign files).
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        yaml.replace("precompress: true\n", ""),
    )
    .unwrap();
    let off = ok(build_into(&root, &out, None));
    assert!(
        files(&out).keys().all(|p| !is_copy(p)),
        "copies left when turned off"
    );
    assert!(off.stats.removed >= 6);
    // On again by the flag: the pages kept from the last build get their copies too.
    let on = ok(build_into(&root, &out, Some(true)));
    assert_eq!(on.pages_rendered, 0, "the pages are kept");
    let long = page_file(&out, "Long");
    assert!(checked_copies(&out).contains(&long));
}

#[test]
fn a_failed_build_leaves_the_copies_as_they_were() {
    let (root, out) = paths(&site(true).write());
    ok(build_into(&root, &out, None));
    let before = files(&out);
    assert!(before.keys().any(|p| is_copy(p)));
    std::fs::write(
        root.join("content/long.md"),
        format!(
            "---\ntitle: Long\ntemplate: broken.html\n---\n{}\n",
            long_text("Broken")
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("templates/broken.html"),
        "<title>{{ page.title }}</title>{{ page.no_such_field.deeper }}",
    )
    .unwrap();
    std::fs::remove_file(root.join("content/other.md")).unwrap();
    assert!(
        build_into(&root, &out, None).is_err(),
        "the broken template must fail the build"
    );
    assert!(files(&out) == before, "a failed build changed the output");
    let beside: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".gz") || n.contains(".br"))
        .collect();
    assert!(beside.is_empty(), "copies outside the output: {beside:?}");
}

#[test]
fn a_quick_edit_rewrites_its_pages_copies_and_asks_for_a_whole_build() {
    let (root, out) = paths(&site(true).write());
    let mut session = dala::build::Session::new(BuildOptions {
        root: root.clone(),
        output: Some(out.clone()),
        ..Default::default()
    });
    session.build().unwrap();
    let long = page_file(&out, "Long");
    std::fs::write(
        root.join("content/long.md"),
        format!("---\ntitle: Long\n---\n{}\n", long_text("Quick")),
    )
    .unwrap();
    let edit = session
        .edit(&["content/long.md".to_string()])
        .expect("a quick edit");
    assert!(!edit.complete, "a whole build must follow");
    for path in [format!("{long}.gz"), format!("{long}.br")] {
        assert!(edit.written.contains(&path), "{path}: {:?}", edit.written);
    }
    assert!(checked_copies(&out).contains(&long));
    // The whole build that follows trusts none of what the edit wrote, and agrees with it.
    let report = session.build().unwrap();
    assert_eq!(report.stats.written, 0, "{:?}", report.stats.changed);
    assert!(checked_copies(&out).contains(&long));
}
