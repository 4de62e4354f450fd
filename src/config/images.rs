//! `images:` in `site.yaml`: the widths published of each image, the widest, the WebP
//! quality, the pixel limit and the `sizes` of Markdown's images.

use super::{check_keys, optional};
use crate::error::Diagnostic;
use crate::images::Settings;
use crate::yaml::{Table, YamlError};
use std::path::Path;

/// The keys of `images:`.
pub const IMAGE_KEYS: &[&str] = &["widths", "max_width", "quality", "max_pixels", "sizes"];

/// Where the site's source files are kept: `edit_url:` (an address with `{path}`) and
/// `new_file_url:` (with `{dir}`, `{name}` and, where the forge takes it, `{content}`).
#[derive(Debug, Clone, Default)]
pub struct Forge {
    pub edit_url: Option<String>,
    pub new_file_url: Option<String>,
}

/// What shapes how the site reaches readers and they reach it: `images:`,
/// `precompress:`, `offline:`, `edit_url:` and `new_file_url:`.
pub(super) fn parse_delivery(
    table: &Table,
    path: &Path,
    errors: &mut Vec<Diagnostic>,
    at: impl Fn(YamlError) -> Diagnostic + Copy,
) -> (Settings, bool, bool, Forge) {
    let forge = Forge {
        edit_url: parse_forge_url(table, ("edit_url", &["{path}"]), (path, errors), at),
        new_file_url: parse_forge_url(
            table,
            ("new_file_url", &["{dir}", "{name}"]),
            (path, errors),
            at,
        ),
    };
    (
        parse_images(table, path, errors, at),
        optional::<bool>(table, "precompress", errors, at).unwrap_or(false),
        optional::<bool>(table, "offline", errors, at).unwrap_or(false),
        forge,
    )
}

/// A forge address (`edit_url:`, `new_file_url:`): `https://` (or `http://`), with each
/// of `needs` in it.
fn parse_forge_url(
    table: &Table,
    (key, needs): (&str, &[&str]),
    (path, errors): (&Path, &mut Vec<Diagnostic>),
    at: impl Fn(YamlError) -> Diagnostic + Copy,
) -> Option<String> {
    let url = optional::<String>(table, key, errors, at)?;
    let web = url.starts_with("https://") || url.starts_with("http://");
    if web && needs.iter().all(|n| url.contains(n)) && !url.contains(['"', '<', '>', ' ']) {
        return Some(url);
    }
    let line = table.get(key).map_or(1, |e| e.line);
    let example = match key {
        "edit_url" => "https://gitlab.com/org/site/-/edit/main/{path}",
        _ => "https://github.com/org/site/new/main/{dir}?filename={name}&value={content}",
    };
    errors.push(
        crate::error::Kind::Config
            .error(
                path,
                format!(
                    "`{key}`: expected an address on the site's forge with {}, such as {example}",
                    needs.join(" and ")
                ),
            )
            .at(line),
    );
    None
}

/// `images:`, each value checked; what is not given keeps its default.
fn parse_images(
    table: &Table,
    path: &Path,
    errors: &mut Vec<Diagnostic>,
    at: impl Fn(YamlError) -> Diagnostic + Copy,
) -> Settings {
    let mut settings = Settings::default();
    let Some(entry) = table.get("images") else {
        return settings;
    };
    let images = match entry.table() {
        Ok(t) => t,
        Err(e) => {
            errors.push(at(e));
            return settings;
        }
    };
    check_keys(&images, IMAGE_KEYS, "images", path, errors);
    let line = |key: &str| images.get(key).map_or(entry.line, |e| e.line);
    let wrong = |key: &str, expected: &str| {
        crate::error::Kind::Config
            .error(path, format!("`images.{key}`: expected {expected}"))
            .at(line(key))
    };
    if let Some(widths) = optional::<Vec<u32>>(&images, "widths", errors, at) {
        if widths.is_empty() || widths.iter().any(|&w| !(16..=8192).contains(&w)) {
            errors.push(wrong(
                "widths",
                "a list of widths in pixels, each from 16 to 8192",
            ));
        } else {
            settings.widths = widths;
        }
    }
    if let Some(max) = optional::<u32>(&images, "max_width", errors, at) {
        if (16..=16384).contains(&max) {
            settings.max_width = max;
        } else {
            errors.push(wrong("max_width", "a width in pixels from 16 to 16384"));
        }
    }
    if let Some(q) = optional::<u8>(&images, "quality", errors, at) {
        if (1..=100).contains(&q) {
            settings.quality = q;
        } else {
            errors.push(wrong("quality", "a WebP quality from 1 to 100"));
        }
    }
    if let Some(max) = optional::<u64>(&images, "max_pixels", errors, at) {
        if (1_000_000..=250_000_000).contains(&max) {
            settings.max_pixels = max;
        } else {
            errors.push(wrong(
                "max_pixels",
                "a number of pixels from 1000000 to 250000000",
            ));
        }
    }
    if let Some(sizes) = optional::<String>(&images, "sizes", errors, at) {
        if sizes.trim().is_empty() || sizes.contains(['"', '<', '>']) {
            errors.push(wrong(
                "sizes",
                "a `sizes` attribute, such as `(min-width: 46rem) 44rem, 100vw`",
            ));
        } else {
            settings.sizes = sizes;
        }
    }
    settings
}
