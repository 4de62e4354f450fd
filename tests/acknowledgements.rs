//! ACKNOWLEDGEMENTS.md: the licences of what dala's binary carries that others wrote: the
//! grammars it highlights code with (vendored by `tools/grammars.py` into
//! `src/highlight/grammars`, with their licence texts from tm-grammars' NOTICE), the
//! engine that reads them, and the C libraries it compiles in. Made here from those files
//! and checked against them, so that it cannot fall behind. After changing them:
//!
//! ```text
//! DALA_WRITE_ACKNOWLEDGEMENTS=1 cargo test --test acknowledgements
//! ```

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The permission TextMate's own bundles (github.com/textmate) give in their READMEs.
const TEXTMATE_BUNDLE: &str =
    "Permission to copy, use, modify, sell and distribute this software is granted. This
software is provided \"as is\" without express or implied warranty, and with no claim as
to its suitability for any purpose.";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .trim_end()
        .to_string()
}

/// A fence longer than any run of backticks in `text`.
fn fence(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// One grammar of `src/highlight/grammars/index.tsv`.
struct Grammar {
    name: String,
    display: String,
    licence: String,
    source: String,
    text: String,
}

fn grammars() -> (String, Vec<Grammar>) {
    let index = read("src/highlight/grammars/index.tsv");
    let version = index
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# tm-grammars "))
        .and_then(|l| l.split(':').next())
        .unwrap_or("?")
        .to_string();
    let grammars = index
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            Grammar {
                name: f[0].to_string(),
                display: f[2].to_string(),
                licence: f[6].to_string(),
                source: f[7].to_string(),
                text: f[8].to_string(),
            }
        })
        .collect();
    (version, grammars)
}

fn expected() -> String {
    let (version, grammars) = grammars();
    let mut md = format!(
        "# Acknowledgements

dala highlights code with TextMate grammars that others wrote. They come from
[tm-grammars](https://github.com/shikijs/textmate-grammars-themes) {version}, the collection
Shiki uses (most of them VS Code's), and `tools/grammars.py` chose them: each one under a
licence that lets dala's binary, under MIT or Apache-2.0, carry it. tm-grammars records the
GNU GPL for a few grammars (Ada, gnuplot, nginx, Racket, Org) and no licence it could
assert for some others; those are left out. dala's binary carries the {count} below, as
JSON in `src/highlight/grammars/`, and reads them with
[syntaxmate](https://github.com/phongndo/syntaxmate) (its licence is below).

The grammars of shell sessions (`console`, in `src/highlight/console.rs`) and of a
Dockerfile's `RUN` commands (`src/highlight/dockerfile.rs`) are dala's own, on top of the
grammars of the shell, PowerShell and Dockerfiles.

This file is written by `tests/acknowledgements.rs` from `src/highlight/grammars/index.tsv`
and the licence texts beside it, which it checks; after running `tools/grammars.py`, run
`DALA_WRITE_ACKNOWLEDGEMENTS=1 cargo test --test acknowledgements`.

## The grammars and their licences

The licence texts are tm-grammars' (its NOTICE file), each given once below.

| Grammar | Language | From | Licence | Licence text |
|---|---|---|---|---|
",
        count = grammars.len()
    );
    for g in &grammars {
        let text = match g.text.as_str() {
            "-" => "[TextMate's bundles](#textmates-bundles)".to_string(),
            file => format!(
                "[{}](#licence-text-{})",
                file.trim_end_matches(".txt"),
                file.trim_end_matches(".txt")
            ),
        };
        let _ = writeln!(
            md,
            "| `{}` | {} | <{}> | {} | {} |",
            g.name, g.display, g.source, g.licence, text
        );
    }
    md.push_str("\n## The licence texts\n");
    let mut files: Vec<&str> = grammars
        .iter()
        .map(|g| g.text.as_str())
        .filter(|t| *t != "-")
        .collect();
    files.sort();
    files.dedup();
    for file in files {
        let text = read(&format!("src/highlight/grammars/licences/{file}"));
        let fence = fence(&text);
        let number = file.trim_end_matches(".txt");
        let users: Vec<String> = grammars
            .iter()
            .filter(|g| g.text == file)
            .map(|g| format!("`{}`", g.name))
            .collect();
        let _ = write!(
            md,
            "\n### Licence text {number}\n\nFor {}:\n\n{fence}text\n{text}\n{fence}\n",
            users.join(", ")
        );
    }
    let textmate: Vec<String> = grammars
        .iter()
        .filter(|g| g.text == "-")
        .map(|g| format!("`{}`", g.name))
        .collect();
    let _ = write!(
        md,
        "\n### TextMate's bundles\n\nFor {}: tm-grammars records no licence for these grammars, which come from TextMate's own\nbundles; those give this permission in their READMEs:\n\n```text\n{TEXTMATE_BUNDLE}\n```\n",
        textmate.join(", ")
    );
    for (title, about, path) in [
        ("tm-grammars", "The collection itself (its licence, MIT):", "src/highlight/grammars/licences/tm-grammars.txt"),
        ("syntaxmate", "The engine that reads the grammars, which dala's binary carries compiled (the `syntaxmate`\ncrate; its licence, MIT):", "src/highlight/syntaxmate-LICENSE"),
    ] {
        let text = read(path);
        let fence = fence(&text);
        let _ = write!(md, "\n## {title}\n\n{about}\n\n{fence}text\n{text}\n{fence}\n");
    }
    md.push_str(&libwebp());
    md.push_str(&mimalloc());
    md
}

/// mimalloc, the allocator dala's binary carries compiled (src/main.rs): its MIT licence
/// asks for its notice in copies of the software.
fn mimalloc() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/mimalloc-LICENSE");
    let licence = std::fs::read_to_string(path).unwrap();
    let licence = licence.trim_end();
    let fence = fence(licence);
    format!(
        "\n## mimalloc\n\nThe binary allocates memory with [mimalloc](https://github.com/microsoft/mimalloc),\nwhich it carries compiled (through the `mimalloc` and `libmimalloc-sys` crates). Its\nlicence (MIT):\n\n{fence}text\n{licence}\n{fence}\n"
    )
}

/// libwebp, which dala's binary carries compiled (lossy WebP for images, src/images): its
/// BSD licence asks for its notice in what is distributed with the binary, and Google's
/// patent grant comes with it.
fn libwebp() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/images");
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .unwrap()
            .trim_end()
            .to_string()
    };
    let (copying, patents) = (read("libwebp-COPYING"), read("libwebp-PATENTS"));
    let fence = fence(&format!("{copying}{patents}"));
    format!(
        "\n## libwebp\n\nImages are encoded as WebP by [libwebp](https://chromium.googlesource.com/webm/libwebp),\nwhich dala's binary carries compiled (through the `webp` and `libwebp-sys` crates). Its\nlicence (BSD-3-Clause) and Google's patent grant:\n\n{fence}text\n{copying}\n{fence}\n\n{fence}text\n{patents}\n{fence}\n"
    )
}

#[test]
fn the_acknowledgements_list_every_grammar_and_its_licence() {
    let file = root().join("ACKNOWLEDGEMENTS.md");
    let expected = expected();
    if std::env::var_os("DALA_WRITE_ACKNOWLEDGEMENTS").is_some() {
        std::fs::write(&file, &expected).unwrap();
    }
    let written = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        written == expected,
        "ACKNOWLEDGEMENTS.md differs from the grammars' index and licences: run \
         DALA_WRITE_ACKNOWLEDGEMENTS=1 cargo test --test acknowledgements"
    );
    // The languages the issues asked for are among them, and no GPL grammar is.
    for name in [
        "typescript",
        "tsx",
        "jsx",
        "toml",
        "powershell",
        "docker",
        "yaml",
    ] {
        assert!(expected.contains(&format!("| `{name}` |")), "{name}");
    }
    let (_, grammars) = grammars();
    for g in &grammars {
        assert!(
            [
                "MIT",
                "Apache-2.0",
                "BSD-3-Clause",
                "BSD-2-Clause",
                "ISC",
                "MPL-2.0",
                "TextMate bundle licence"
            ]
            .contains(&g.licence.as_str()),
            "{}: {}",
            g.name,
            g.licence
        );
        assert!(
            g.text == "-"
                || root()
                    .join("src/highlight/grammars/licences")
                    .join(&g.text)
                    .is_file(),
            "{}",
            g.name
        );
    }
}
