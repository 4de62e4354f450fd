//! Processing one image into the files published of it.

use super::{decode, guess, height_at, widths, ImageError, Kind, Settings, Size};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageEncoder, ImageFormat};

/// What is published of one image: a file for each suffix, put after its stem
/// (`photo.jpg` gives `photo.360.webp`, `photo.720.webp` and `photo.jpg`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub kind: Kind,
    /// The source's size, upright ([`super::probe`]); none for an SVG.
    pub size: Option<Size>,
    /// The extension of the source's name, lower-case.
    pub ext: String,
    /// For `resize_image()`: one width in one format (`webp`, `jpg` or `png`) instead of
    /// the published widths.
    pub target: Option<(u32, String)>,
}

/// One published file: its suffix and its bytes.
#[derive(Debug, Clone)]
pub struct Output {
    /// `360.webp`, or the source's own extension (`jpg`) for its re-encoded copy.
    pub suffix: String,
    pub bytes: Vec<u8>,
}

impl Job {
    /// The widths of WebP published (none for a GIF or an SVG).
    pub fn widths(&self, settings: &Settings) -> Vec<u32> {
        if self.target.is_some() {
            return Vec::new();
        }
        match (self.kind, self.size) {
            (Kind::Raster, Some(size)) => widths(size.width, settings),
            _ => Vec::new(),
        }
    }

    /// The suffix of the copy published under the source's own name, if any: browsers
    /// show JPEG, PNG, WebP, GIF and SVG; a TIFF or a BMP is published only as WebP.
    pub fn own_name(&self) -> Option<&str> {
        match self.ext.as_str() {
            "jpg" | "jpeg" | "png" | "webp" | "gif" | "svg" => Some(&self.ext),
            _ => None,
        }
    }

    /// The suffixes of every file [`Job::process`] makes, in order.
    pub fn suffixes(&self, settings: &Settings) -> Vec<String> {
        if let Some((width, format)) = &self.target {
            return vec![format!("{width}.{format}")];
        }
        let mut list: Vec<String> = self
            .widths(settings)
            .iter()
            .map(|w| format!("{w}.webp"))
            .collect();
        list.extend(self.own_name().map(str::to_string));
        list
    }

    /// Makes every file published of the image in `bytes`.
    pub fn process(&self, bytes: &[u8], settings: &Settings) -> Result<Vec<Output>, ImageError> {
        match self.kind {
            Kind::Svg => Ok(vec![Output {
                suffix: self.ext.clone(),
                bytes: super::svg::sanitize(bytes)?,
            }]),
            // Published as it is: a GIF carries no EXIF, and it may be animated.
            Kind::Gif => {
                super::probe(bytes, settings)?;
                Ok(vec![Output {
                    suffix: self.ext.clone(),
                    bytes: bytes.to_vec(),
                }])
            }
            Kind::Unsupported => Err(ImageError::Unsupported(self.ext.to_uppercase())),
            Kind::Raster => match &self.target {
                Some((width, format)) => self.one(bytes, *width, format, settings),
                None => self.raster(bytes, settings),
            },
        }
    }

    /// The image at `width` (never wider than it is) in `format`.
    fn one(
        &self,
        bytes: &[u8],
        width: u32,
        format: &str,
        settings: &Settings,
    ) -> Result<Vec<Output>, ImageError> {
        let (mut image, _) = decode(bytes, settings)?;
        let size = Size {
            width: image.width(),
            height: image.height(),
        };
        if width < size.width {
            image = image.resize_exact(width, height_at(size, width), FilterType::CatmullRom);
        }
        let bytes = match format {
            "jpg" => own_format(&image, ImageFormat::Jpeg, settings.quality)?,
            "png" => own_format(&image, ImageFormat::Png, settings.quality)?,
            _ => webp(&image, settings.quality)?,
        };
        Ok(vec![Output {
            suffix: format!("{width}.{format}"),
            bytes,
        }])
    }

    fn raster(&self, bytes: &[u8], settings: &Settings) -> Result<Vec<Output>, ImageError> {
        let format = guess(bytes)?;
        let (image, turned) = decode(bytes, settings)?;
        // Under its own name: the source without its metadata, when its bytes show it as
        // it is (upright, not too wide); else re-encoded from the pixels.
        let stripped = match format {
            _ if turned || image.width() > settings.max_width => None,
            ImageFormat::Jpeg => super::strip::jpeg(bytes),
            ImageFormat::Png => super::strip::png(bytes),
            _ => None,
        };
        let size = Size {
            width: image.width(),
            height: image.height(),
        };
        let mut list = widths(size.width, settings);
        list.reverse();
        let mut outputs = Vec::with_capacity(list.len() + 1);
        // Each width scaled from the one above it: as sharp, and far less work than from
        // the original each time.
        let mut current = image;
        for (i, &width) in list.iter().enumerate() {
            if width != current.width() {
                current =
                    current.resize_exact(width, height_at(size, width), FilterType::CatmullRom);
            }
            outputs.push(Output {
                suffix: format!("{width}.webp"),
                bytes: webp(&current, settings.quality)?,
            });
            if i == 0 {
                if let Some(own) = self.own_name() {
                    let bytes = match &stripped {
                        Some(bytes) => bytes.clone(),
                        None => own_format(&current, format, settings.quality)?,
                    };
                    outputs.push(Output {
                        suffix: own.to_string(),
                        bytes,
                    });
                }
            }
        }
        // Smallest first, the copy under its own name last, as [`Job::suffixes`] lists them.
        let own = outputs.iter().position(|o| !o.suffix.ends_with(".webp"));
        let own = own.map(|i| outputs.remove(i));
        outputs.reverse();
        outputs.extend(own);
        Ok(outputs)
    }
}

/// Lossy WebP through libwebp, set for the same bytes every time: one thread, the default
/// method, no randomness.
fn webp(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, ImageError> {
    let encoder = match image {
        DynamicImage::ImageRgba8(b) => webp::Encoder::from_rgba(b, b.width(), b.height()),
        DynamicImage::ImageRgb8(b) => webp::Encoder::from_rgb(b, b.width(), b.height()),
        _ => return Err(ImageError::Unreadable("an unexpected pixel layout".into())),
    };
    let mut config = webp::WebPConfig::new()
        .map_err(|()| ImageError::Io("libwebp could not be set up".into()))?;
    config.quality = f32::from(quality.min(100));
    config.method = 4;
    config.thread_level = 0;
    config.alpha_quality = 100;
    encoder
        .encode_advanced(&config)
        .map(|m| m.to_vec())
        .map_err(|e| ImageError::Io(format!("libwebp could not encode the image: {e:?}")))
}

/// The image in the format of its source, without any of the source's metadata.
fn own_format(
    image: &DynamicImage,
    format: ImageFormat,
    quality: u8,
) -> Result<Vec<u8>, ImageError> {
    let mut out = Vec::new();
    let (w, h) = (image.width(), image.height());
    let result = match format {
        ImageFormat::Jpeg => {
            let rgb = image.to_rgb8();
            let q = quality.saturating_add(7).min(95);
            JpegEncoder::new_with_quality(&mut out, q).write_image(
                &rgb,
                w,
                h,
                image::ExtendedColorType::Rgb8,
            )
        }
        ImageFormat::Png => {
            let encoder = PngEncoder::new_with_quality(
                &mut out,
                CompressionType::Default,
                PngFilter::Adaptive,
            );
            encoder.write_image(image.as_bytes(), w, h, image.color().into())
        }
        _ => return webp(image, quality),
    };
    result.map_err(|e| ImageError::Io(format!("the image could not be encoded: {e}")))?;
    Ok(out)
}
