//! The leaf of dala's modules: small helpers that every layer uses (hashing, paths, HTML
//! escaping). It imports nothing from the crate, so that no import cycle can pass through
//! it; `tests/layers.rs` keeps it so.

use std::hash::Hasher;
use std::path::Path;

/// A 64-bit hash for stamps and fingerprints. std's `DefaultHasher` is not stable across
/// Rust releases, so the record names the program that wrote it (see `version_tag`) and a
/// record from another build of dala is not trusted; what must stay the same across
/// versions (a translation's `original_hash`) uses [`stable_hash`].
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// A hash that stays the same across dala versions and machines (SipHash-2-4 with zero
/// keys, a fixed algorithm), for what is written into files: a translation's record of the
/// original it was made from.
#[allow(deprecated)]
pub fn stable_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::SipHasher::new();
    h.write(bytes);
    h.finish()
}

/// `path` below `base`, with `/` separators whatever the platform.
pub fn relative(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// `text` escaped for HTML text and attribute values (`&`, `<`, `>`, `"`, `'`); `/` is
/// left alone, unlike Tera's default, which only bloats every URL.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
