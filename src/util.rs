//! The leaf of dala's modules: small helpers that every layer uses (hashing, paths, HTML
//! escaping). It imports nothing from the crate, so that no import cycle can pass through
//! it; `tests/layers.rs` keeps it so.

use std::path::Path;

/// A 64-bit hash for stamps and fingerprints: XXH3, fast on the long inputs a build
/// hashes (every file it writes). The record names the program that wrote it (see
/// `version_tag`) and a record from another build of dala is not trusted; what must stay
/// the same across versions (a translation's `original_hash`) uses [`stable_hash`].
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// [`hash_bytes`] of what is written to it, piece by piece.
#[derive(Clone, Default)]
pub struct StreamHasher(xxhash_rust::xxh3::Xxh3Default);

impl StreamHasher {
    pub fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn finish(&self) -> u64 {
        self.0.digest()
    }
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
    // The characters escaped are ASCII: the text between two of them is copied whole.
    let mut from = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&text[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_every_other_character() {
        assert_eq!(
            escape(r#"«Ақпарат» & <b class="x">it's</b>/ё"#),
            "«Ақпарат» &amp; &lt;b class=&quot;x&quot;&gt;it&#39;s&lt;/b&gt;/ё"
        );
        assert_eq!(escape(""), "");
        assert_eq!(escape("&"), "&amp;");
        assert_eq!(escape("Тек мәтін"), "Тек мәтін");
    }

    #[test]
    fn hashes_of_pieces_are_the_hash_of_the_whole() {
        let mut h = StreamHasher::default();
        h.write("Цифрлық ".as_bytes());
        h.write(b"government");
        assert_eq!(h.finish(), hash_bytes("Цифрлық government".as_bytes()));
        assert_ne!(hash_bytes(b"a"), hash_bytes(b"b"));
    }
}
