//! ACKNOWLEDGEMENTS.md: the licences of the syntax definitions that dala's binary carries,
//! as two-face (which packages them) lists them. Made here from two-face's own listing and
//! checked against it, so that it cannot fall behind the crate. After updating two-face:
//!
//! ```text
//! DALA_WRITE_ACKNOWLEDGEMENTS=1 cargo test --test acknowledgements
//! ```

use std::fmt::Write;
use std::path::Path;
use two_face::acknowledgement::{License, LicenseType};

/// The licence's usual short name.
fn licence_name(ty: LicenseType) -> String {
    match ty {
        LicenseType::Mit => "MIT".into(),
        LicenseType::Apache2 => "Apache-2.0".into(),
        LicenseType::Bsd2Clause => "BSD-2-Clause".into(),
        LicenseType::Bsd2ClauseFreeBsd => "BSD-2-Clause (FreeBSD)".into(),
        LicenseType::Bsd3Clause => "BSD-3-Clause".into(),
        other => format!("{other:?}"),
    }
}

/// The folder of the syntax definitions a licence file is for.
fn source(licence: &License) -> String {
    licence
        .rel_path
        .parent()
        .unwrap_or(&licence.rel_path)
        .display()
        .to_string()
}

/// A fence longer than any run of backticks in `text`.
fn fence(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

fn expected() -> String {
    let url = two_face::acknowledgement::url();
    let version = url
        .split("/tag/v")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("?");
    let listing = two_face::acknowledgement::listing();
    let licences = listing.for_syntaxes();
    let mut md = format!(
        "# Acknowledgements

dala highlights code with syntax definitions that others wrote. They are the ones the
[bat](https://github.com/sharkdp/bat) project curates, as the
[two-face](https://codeberg.org/CosmicHarper/two-face) crate packages them for syntect
(bat and two-face are under MIT or Apache-2.0); dala's binary carries them compiled.

Below, as two-face {version} lists them, are the licences of the syntax definitions whose
licence asks to be acknowledged: {count} licence files. The others are, as two-face classes
them, under licences that ask for no notice (it names Sublime Text's permission notice, the
Unlicense and the WTFPL); two-face's full listing, those included, is at
<{url}>.
The themes two-face also packages are not used: dala's classes have a stylesheet of its own.

The grammar of shell sessions (`console`, in `src/highlight/console.rs`) is dala's own.

This file is written by `tests/acknowledgements.rs` from two-face's listing, which checks
it; after updating two-face, run
`DALA_WRITE_ACKNOWLEDGEMENTS=1 cargo test --test acknowledgements`.

## The syntax definitions and their licences

| Syntax definitions | Licence |
|---|---|
",
        count = licences.len()
    );
    for licence in licences {
        let _ = writeln!(
            md,
            "| `{}` | {} |",
            source(licence),
            licence_name(licence.ty)
        );
    }
    md.push_str("\n## The licence texts\n");
    for licence in licences {
        let text = licence.text.trim_end();
        let fence = fence(text);
        let _ = write!(
            md,
            "\n### {} ({})\n\nFrom `{}`:\n\n{fence}text\n{text}\n{fence}\n",
            source(licence),
            licence_name(licence.ty),
            licence.rel_path.display(),
        );
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
fn the_acknowledgements_list_every_syntax_licence_two_face_lists() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("ACKNOWLEDGEMENTS.md");
    let expected = expected();
    if std::env::var_os("DALA_WRITE_ACKNOWLEDGEMENTS").is_some() {
        std::fs::write(&file, &expected).unwrap();
    }
    let written = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        written == expected,
        "ACKNOWLEDGEMENTS.md differs from two-face's listing: run \
         DALA_WRITE_ACKNOWLEDGEMENTS=1 cargo test --test acknowledgements"
    );
    // The syntaxes the issue asked for are among them.
    for name in [
        "TypeScript",
        "TOML",
        "PowerShell",
        "Docker",
        "JavaScript_(Babel)",
    ] {
        assert!(
            expected.contains(&format!("| `syntaxes/02_Extra/{name}` |")),
            "{name}"
        );
    }
}
