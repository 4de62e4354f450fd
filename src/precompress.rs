//! Precompressed copies of the output's text files (`precompress: true` in site.yaml, or
//! `dala build --precompress`): `name.gz` and `name.br` beside `name`, for hosts that serve
//! them to browsers that accept them (nginx's `gzip_static`, Caddy's `precompressed`).
//!
//! Only text compresses well: images, fonts in WOFF and archives are compressed already.
//! Files under [`MIN_LEN`] bytes are left alone, and a copy that would not be smaller than
//! its file is not made. Both formats are deterministic: the same bytes give the same
//! copies on every build (the gzip header holds no file name and no time).

use std::io::Write;

/// Below this many bytes a file is not compressed: it fits in one or two TCP segments
/// either way, and servers compress such files on the fly cheaply if at all. On the hub
/// site, files under 1 KB saved 200-600 bytes each (see docs/publishing.md).
pub const MIN_LEN: u64 = 1024;

/// The extensions (lowercase) of the text files that get compressed copies.
pub const TEXT_EXTENSIONS: &[&str] = &[
    "html",
    "htm",
    "css",
    "js",
    "mjs",
    "map",
    "json",
    "xml",
    "rss",
    "atom",
    "xsl",
    "svg",
    "txt",
    "md",
    "csv",
    "tsv",
    "ics",
    "webmanifest",
];

/// Brotli's quality (0-11) and window (log2 of its size, 10-24). Measured on the hub site
/// and on 1,000 articles per language (docs/publishing.md): quality 5 makes files about
/// 10 % smaller than gzip's best, at about a fifth of gzip's speed; 10 and 11 save 10 %
/// more but are 15 and 40 times slower than 5, too slow for a site built whole in CI; 6 to
/// 9 cost more for nothing. A larger window saved nothing on pages of this size.
pub const BROTLI_QUALITY: u32 = 5;
pub const BROTLI_WINDOW: u32 = 22;

/// The suffixes of the copies, in the order [`compress`] returns them.
pub const SUFFIXES: [&str; 2] = [".gz", ".br"];

/// Whether the file at `path` (an output path), of `len` bytes, gets compressed copies.
pub fn wanted(path: &str, len: u64) -> bool {
    if len < MIN_LEN {
        return false;
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => TEXT_EXTENSIONS
            .iter()
            .any(|known| ext.eq_ignore_ascii_case(known)),
        _ => false,
    }
}

/// `bytes` in gzip at the best compression, with no file name and no time in the header.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    // Writing into memory cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// `bytes` in Brotli at [`BROTLI_QUALITY`] and [`BROTLI_WINDOW`].
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    brotli_at(bytes, BROTLI_QUALITY, BROTLI_WINDOW)
}

/// `bytes` in Brotli at this quality and window (for measuring; see [`BROTLI_QUALITY`]).
pub fn brotli_at(bytes: &[u8], quality: u32, window: u32) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: window as i32,
        // The size, so that a small file gets a small window and the encoder its hints.
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let mut input = bytes;
    // Reading from a slice into a vector cannot fail.
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    out
}

/// A compressor: [`gzip`] or [`brotli`].
type Encoder = fn(&[u8]) -> Vec<u8>;

/// The compressed copies of `bytes`, as `(suffix, bytes)` in the order of [`SUFFIXES`]:
/// each one that `only` asks for and that is smaller than the file. One after the other:
/// the build compresses many files at once already.
pub fn compress(bytes: &[u8], only: [bool; 2]) -> Vec<(&'static str, Vec<u8>)> {
    let encoders: [Encoder; 2] = [gzip, brotli];
    SUFFIXES
        .into_iter()
        .zip(encoders)
        .zip(only)
        .filter(|(_, wanted)| *wanted)
        .map(|((suffix, encode), _)| (suffix, encode(bytes)))
        .filter(|(_, made)| made.len() < bytes.len())
        .collect()
}

/// `files` (output path, bytes) followed by the compressed copies of those that get them.
pub fn with_copies(files: Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    let copies: Vec<(String, Vec<u8>)> = files
        .par_iter()
        .filter(|(path, bytes)| wanted(path, bytes.len() as u64))
        .flat_map_iter(|(path, bytes)| {
            let made = compress(bytes, [true, true]);
            made.into_iter()
                .map(move |(suffix, copy)| (format!("{path}{suffix}"), copy))
        })
        .collect();
    files.into_iter().chain(copies).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn text_files_over_the_minimum_only() {
        assert!(wanted("en/index.html", 5000));
        assert!(wanted("style.abc123.CSS", 5000));
        assert!(wanted("site.webmanifest", 2000));
        assert!(!wanted("en/index.html", MIN_LEN - 1));
        assert!(!wanted("photo.jpg", 50_000));
        assert!(!wanted("fonts/a.woff2", 50_000));
        assert!(!wanted("index.html.gz", 50_000));
        assert!(!wanted("html", 50_000));
        assert!(!wanted("dir.html/.html", 50_000));
    }

    #[test]
    fn copies_decompress_to_the_bytes_and_are_deterministic() {
        let text = "<p>Цифровое правительство, digital government.</p>\n".repeat(200);
        let copies = compress(text.as_bytes(), [true, true]);
        assert_eq!(copies.len(), 2);
        let mut gz = Vec::new();
        flate2::read::GzDecoder::new(&copies[0].1[..])
            .read_to_end(&mut gz)
            .unwrap();
        assert_eq!(gz, text.as_bytes());
        let mut br = Vec::new();
        brotli::Decompressor::new(&copies[1].1[..], 4096)
            .read_to_end(&mut br)
            .unwrap();
        assert_eq!(br, text.as_bytes());
        assert_eq!(copies, compress(text.as_bytes(), [true, true]));
        // No time and no name in the gzip header: bytes 4-7 (mtime) are zero, no FNAME flag.
        assert_eq!(&copies[0].1[4..8], &[0, 0, 0, 0]);
        assert_eq!(copies[0].1[3] & 0x08, 0);
    }

    #[test]
    fn a_copy_not_smaller_is_not_made() {
        // Bytes that do not compress: a xorshift sequence.
        let mut x: u32 = 2463534242;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        assert!(compress(&noise, [true, true]).is_empty());
        assert_eq!(
            compress(b"aaaaaaaaaaaaaaaaaaaaaaaaaaaa", [false, true]).len(),
            1
        );
    }
}
