//! Images processed at build time: a photograph or a scan becomes a few widths of lossy
//! WebP (and its own name, re-encoded without metadata), an SVG is published without
//! scripts, event handlers or outside references.
//!
//! This module knows bytes, not the site: [`probe`] reads an image's size and checks it
//! against the pixel limit, [`process`] makes every published file of it, [`svg`] cleans an
//! SVG, and [`Cache`] keeps processed files between builds, keyed by the source's bytes and
//! the settings. Every encoder is set deterministically: the same source and settings give
//! the same bytes.

mod cache;
mod color;
mod jobs;
mod resize;
mod strip;
pub mod svg;

pub use cache::Cache;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
pub use jobs::{Job, Output};
pub use resize::{Resized, Resizer};
use std::fmt;
use std::io::Cursor;

/// The image settings of `site.yaml` (`images:`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Settings {
    /// The widths published besides the original's (capped at `max_width`), each only when
    /// the image is wider.
    pub widths: Vec<u32>,
    /// The widest image published: a wider original is scaled down to it.
    pub max_width: u32,
    /// Lossy WebP quality, 0-100.
    pub quality: u8,
    /// The most pixels (width x height) an image may have: a larger one is an error, before
    /// any memory is given to it (a decompression bomb claims 50,000 x 50,000).
    pub max_pixels: u64,
    /// The `sizes` attribute of the images of Markdown: how wide the image shows at each
    /// screen width.
    pub sizes: String,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            widths: vec![360, 720, 1200],
            max_width: 2400,
            quality: 78,
            max_pixels: 40_000_000,
            sizes: "(min-width: 46rem) 44rem, calc(100vw - 2rem)".into(),
        }
    }
}

/// Extensions of the images that are processed (`gif` is published as it is: it may move).
pub const RASTER: &[&str] = &["jpg", "jpeg", "png", "webp", "tif", "tiff", "bmp"];

/// Extensions of images that dala cannot read: an editor gets a hint to export them.
pub const UNSUPPORTED: &[&str] = &["heic", "heif", "avif", "psd", "jxl", "cr2", "nef", "dng"];

/// What an image is to dala, from its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Decoded, resized, published as WebP.
    Raster,
    /// Published as it is, with its size read.
    Gif,
    /// Published cleaned.
    Svg,
    /// A format no browser shows and dala cannot read.
    Unsupported,
}

impl Kind {
    /// The kind of an image named `name`, or `None` when it is not an image.
    pub fn of(name: &str) -> Option<Kind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        let ext = ext.as_str();
        if RASTER.contains(&ext) {
            Some(Kind::Raster)
        } else if ext == "gif" {
            Some(Kind::Gif)
        } else if ext == "svg" {
            Some(Kind::Svg)
        } else if UNSUPPORTED.contains(&ext) {
            Some(Kind::Unsupported)
        } else {
            None
        }
    }
}

/// Why an image cannot be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageError {
    /// Not an image of the format its name says, cut short or damaged.
    Unreadable(String),
    /// More pixels than the limit.
    TooLarge { width: u32, height: u32, limit: u64 },
    /// A format dala does not read (HEIC from a phone, a Photoshop file).
    Unsupported(String),
    /// An SVG that is not well-formed XML.
    Svg(String),
    /// The file or the cache could not be read or written.
    Io(String),
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ImageError::Unreadable(why) => write!(
                f,
                "the image cannot be read ({why}): the file is damaged, cut short or not the format its name says; export it again as JPEG or PNG"
            ),
            ImageError::TooLarge { width, height, limit } => write!(
                f,
                "the image says it is {width} x {height} pixels, more than the limit of {limit} pixels (`images.max_pixels` in site.yaml); scale it down before adding it"
            ),
            ImageError::Unsupported(format) => write!(
                f,
                "{format} images cannot be published: browsers do not show them and dala does not read them; export it as JPEG (a photograph) or PNG (a diagram)"
            ),
            ImageError::Svg(why) => write!(f, "the SVG is not well-formed XML ({why})"),
            ImageError::Io(why) => write!(f, "{why}"),
        }
    }
}

impl From<image::ImageError> for ImageError {
    fn from(e: image::ImageError) -> ImageError {
        match e {
            image::ImageError::Unsupported(u) => ImageError::Unsupported(u.to_string()),
            image::ImageError::Limits(l) => ImageError::Unreadable(l.to_string()),
            other => ImageError::Unreadable(other.to_string()),
        }
    }
}

/// What a published image is: its size, as readers see it (turned upright).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

/// The size of a raster image or a GIF, turned upright by its EXIF orientation, checked
/// against the pixel limit before anything is decoded.
pub fn probe(bytes: &[u8], settings: &Settings) -> Result<Size, ImageError> {
    let mut decoder = decoder(bytes, settings)?;
    let (width, height) = decoder.dimensions();
    let turned = decoder.orientation().is_ok_and(|o| {
        use image::metadata::Orientation::*;
        matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
    });
    Ok(if turned {
        Size {
            width: height,
            height: width,
        }
    } else {
        Size { width, height }
    })
}

/// A decoder for `bytes` whose size is within the limit.
fn decoder<'a>(bytes: &'a [u8], settings: &Settings) -> Result<impl ImageDecoder + 'a, ImageError> {
    let mut reader = ImageReader::new(Cursor::new(bytes));
    reader.set_format(guess(bytes)?);
    let mut limits = Limits::default();
    limits.max_alloc = Some(settings.max_pixels.saturating_mul(8).max(64 << 20));
    reader.limits(limits);
    let decoder = reader.into_decoder()?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > settings.max_pixels {
        return Err(ImageError::TooLarge {
            width,
            height,
            limit: settings.max_pixels,
        });
    }
    if width == 0 || height == 0 {
        return Err(ImageError::Unreadable("it has no pixels".into()));
    }
    Ok(decoder)
}

/// The format of `bytes`, from their first bytes, not the file's name.
fn guess(bytes: &[u8]) -> Result<ImageFormat, ImageError> {
    let format = image::guess_format(bytes)
        .map_err(|_| ImageError::Unreadable("its first bytes are not an image's".into()))?;
    match format {
        ImageFormat::Jpeg
        | ImageFormat::Png
        | ImageFormat::Gif
        | ImageFormat::WebP
        | ImageFormat::Tiff
        | ImageFormat::Bmp => Ok(format),
        other => Err(ImageError::Unsupported(format!("{other:?}").to_uppercase())),
    }
}

/// Decodes `bytes` whole: upright, in sRGB (a camera's or a phone's colour profile
/// converted), as 8-bit RGB or RGBA; and whether its pixels were turned or converted (so
/// that its bytes do not show it as it is).
fn decode(bytes: &[u8], settings: &Settings) -> Result<(DynamicImage, bool), ImageError> {
    if guess(bytes)? == ImageFormat::Jpeg && !jpeg_is_whole(bytes) {
        // The JPEG decoder fills a cut-short photo with grey without a word.
        return Err(ImageError::Unreadable(
            "it ends before its last marker".into(),
        ));
    }
    let mut decoder = decoder(bytes, settings)?;
    let orientation = decoder.orientation().ok();
    let icc = decoder.icc_profile().ok().flatten();
    let image = DynamicImage::from_decoder(decoder)?;
    let mut image = if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    };
    if let Some(icc) = &icc {
        color::to_srgb(&mut image, icc);
    }
    let turned = orientation.is_some_and(|o| o != image::metadata::Orientation::NoTransforms);
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Ok((image, turned))
}

/// Whether a JPEG has its end marker after the start of its image data: the segments are
/// walked up to the first scan (an EXIF thumbnail has an end marker of its own), and in the
/// data that follows, `FF D9` can only be the end.
fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xff {
            return false;
        }
        let marker = bytes[i + 1];
        match marker {
            0xff => i += 1,
            0xda => return bytes[i..].windows(2).any(|w| w == [0xff, 0xd9]),
            0x01 | 0xd0..=0xd7 => i += 2,
            _ => i += 2 + usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]])),
        }
    }
    false
}

/// The widths published of an image `width` pixels wide: each configured width below it,
/// and its own (at most `max_width`), smallest first.
pub fn widths(width: u32, settings: &Settings) -> Vec<u32> {
    let top = width.min(settings.max_width);
    let mut list: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|&w| w > 0 && w < top)
        .collect();
    list.push(top);
    list.sort_unstable();
    list.dedup();
    list
}

/// The height of an image `size` scaled to `width`.
pub fn height_at(size: Size, width: u32) -> u32 {
    let h = (u64::from(size.height) * u64::from(width) + u64::from(size.width) / 2)
        / u64::from(size.width.max(1));
    (h as u32).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_below_the_original_and_the_original_capped() {
        let s = Settings::default();
        assert_eq!(widths(4000, &s), vec![360, 720, 1200, 2400]);
        assert_eq!(widths(1000, &s), vec![360, 720, 1000]);
        assert_eq!(widths(200, &s), vec![200]);
        assert_eq!(widths(720, &s), vec![360, 720]);
    }

    #[test]
    fn kinds_from_names() {
        assert_eq!(Kind::of("a/Photo.JPG"), Some(Kind::Raster));
        assert_eq!(Kind::of("scan.tiff"), Some(Kind::Raster));
        assert_eq!(Kind::of("x.gif"), Some(Kind::Gif));
        assert_eq!(Kind::of("d.svg"), Some(Kind::Svg));
        assert_eq!(Kind::of("IMG_1.HEIC"), Some(Kind::Unsupported));
        assert_eq!(Kind::of("report.pdf"), None);
        assert_eq!(Kind::of("README"), None);
    }

    #[test]
    fn heights_keep_the_shape() {
        let size = Size {
            width: 4000,
            height: 3000,
        };
        assert_eq!(height_at(size, 360), 270);
        assert_eq!(height_at(size, 1), 1);
    }
}
