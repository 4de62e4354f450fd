//! Colour profiles: a photograph from a phone is often in Display P3, a scan in Adobe RGB.
//! Its pixels are converted to sRGB before the profile is dropped, so that the published
//! image, which carries no profile, shows the colours it had.

use image::DynamicImage;
use moxcms::{ColorProfile, DataColorSpace, Layout, TransformOptions};

/// Converts `image` (8-bit RGB or RGBA) from the colour profile `icc` to sRGB, in place. A
/// profile that cannot be read, or that is not an RGB one, leaves the pixels as they are.
pub(super) fn to_srgb(image: &mut DynamicImage, icc: &[u8]) {
    let Ok(source) = ColorProfile::new_from_slice(icc) else {
        return;
    };
    if source.color_space != DataColorSpace::Rgb {
        return;
    }
    let srgb = ColorProfile::new_srgb();
    let (layout, pixels) = match image {
        DynamicImage::ImageRgb8(buffer) => (Layout::Rgb, &mut **buffer),
        DynamicImage::ImageRgba8(buffer) => (Layout::Rgba, &mut **buffer),
        _ => return,
    };
    let Ok(transform) =
        source.create_transform_8bit(layout, &srgb, layout, TransformOptions::default())
    else {
        return;
    };
    let mut converted = vec![0u8; pixels.len()];
    if transform.transform(pixels, &mut converted).is_ok() {
        pixels.copy_from_slice(&converted);
    }
}
