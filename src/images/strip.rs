//! Metadata removed from a JPEG or a PNG without decoding it: the copy published under the
//! image's own name keeps its pixels exactly (no second loss of quality, and a palette PNG
//! stays small) and loses EXIF (the GPS position, the camera, the date), XMP, IPTC, comments
//! and text chunks. Only what shapes the pixels is kept: the JFIF header, the colour profile
//! and Adobe's colour transform flag of a JPEG; the palette, transparency, gamma, colour and
//! animation chunks of a PNG. A file whose structure is not as expected gives `None`, and is
//! re-encoded instead.

/// The JPEG in `bytes` without its metadata segments, and without anything after its end.
pub(super) fn jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(&[0xff, 0xd8]) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xff, 0xd8]);
    let mut i = 2;
    loop {
        if *bytes.get(i)? != 0xff {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        match marker {
            0xff => i += 1,
            0xd9 => {
                out.extend_from_slice(&[0xff, 0xd9]);
                return Some(out);
            }
            0x01 | 0xd0..=0xd7 => {
                out.extend_from_slice(&bytes[i..i + 2]);
                i += 2;
            }
            _ => {
                let len = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
                if len < 2 {
                    return None;
                }
                let end = i + 2 + len;
                let segment = bytes.get(i..end)?;
                if keep_jpeg_segment(marker, &segment[4..]) {
                    out.extend_from_slice(segment);
                }
                i = end;
                if marker == 0xda {
                    // The scan's entropy-coded data, up to the next marker: a 0xFF in it is
                    // followed by 0x00 (a stuffed byte) or a restart marker.
                    let data = scan_end(bytes, i)?;
                    out.extend_from_slice(&bytes[i..data]);
                    i = data;
                }
            }
        }
    }
}

/// Where the entropy-coded data that starts at `from` ends: at the first marker that is
/// neither a stuffed byte nor a restart marker.
fn scan_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        let at = i + memchr::memchr(0xff, bytes.get(i..)?)?;
        match *bytes.get(at + 1)? {
            0x00 | 0xd0..=0xd7 | 0xff => i = at + 1,
            _ => return Some(at),
        }
    }
}

/// Whether a JPEG segment shapes the pixels: anything but application data and comments,
/// and of those the JFIF header (APP0), the ICC profile (APP2) and Adobe's flag (APP14).
fn keep_jpeg_segment(marker: u8, data: &[u8]) -> bool {
    match marker {
        0xe0 => data.starts_with(b"JFIF\0") || data.starts_with(b"JFXX\0"),
        0xe2 => data.starts_with(b"ICC_PROFILE\0"),
        0xee => data.starts_with(b"Adobe"),
        0xe1..=0xef | 0xfe => false,
        _ => true,
    }
}

/// The chunks of a PNG that shape its pixels (or its animation).
const PNG_KEPT: &[&[u8; 4]] = &[
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
    b"bKGD", b"pHYs", b"cICP", b"acTL", b"fcTL", b"fdAT",
];

/// The PNG in `bytes` with only the chunks that shape its pixels.
pub(super) fn png(bytes: &[u8]) -> Option<Vec<u8>> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(SIGNATURE) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(SIGNATURE);
    let mut i = SIGNATURE.len();
    loop {
        let len = u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind: &[u8; 4] = bytes.get(i + 4..i + 8)?.try_into().ok()?;
        let end = i.checked_add(12)?.checked_add(len)?;
        let chunk = bytes.get(i..end)?;
        if PNG_KEPT.contains(&kind) {
            out.extend_from_slice(chunk);
        }
        if kind == b"IEND" {
            return Some(out);
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jpeg_loses_its_exif_and_comment_and_keeps_its_profile_and_data() {
        let mut source = vec![0xff, 0xd8];
        let segment = |marker: u8, data: &[u8]| {
            let mut s = vec![0xff, marker];
            s.extend(((data.len() + 2) as u16).to_be_bytes());
            s.extend(data);
            s
        };
        source.extend(segment(0xe0, b"JFIF\0\x01\x01"));
        source.extend(segment(0xe1, b"Exif\0\0GPS"));
        source.extend(segment(0xe2, b"ICC_PROFILE\0\x01\x01p"));
        source.extend(segment(0xe2, b"MPF\0second image"));
        source.extend(segment(0xfe, b"a comment"));
        source.extend(segment(0xdb, b"\0quant"));
        source.extend(segment(0xda, b"\x01\x01\0"));
        source.extend(b"\x12\xff\x00\x34\xff\xd0\x56");
        source.extend([0xff, 0xd9]);
        source.extend(b"trailing Exif from a phone");
        let out = jpeg(&source).unwrap();
        let text = String::from_utf8_lossy(&out);
        for gone in ["Exif", "MPF", "comment", "trailing"] {
            assert!(!text.contains(gone), "{gone}");
        }
        for kept in ["JFIF", "ICC_PROFILE", "quant"] {
            assert!(text.contains(kept), "{kept}");
        }
        assert!(out.ends_with(b"\x12\xff\x00\x34\xff\xd0\x56\xff\xd9"));
        assert_eq!(jpeg(b"not a jpeg"), None);
        assert_eq!(jpeg(&[0xff, 0xd8, 0xff, 0xe1, 0x00]), None);
    }

    #[test]
    fn a_png_keeps_only_the_chunks_of_its_pixels() {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend(kind);
            c.extend(data);
            c.extend([0, 0, 0, 0]);
            c
        };
        let mut png_bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in [
            (&b"IHDR"[..], &b"header"[..]),
            (b"eXIf", b"GPS position"),
            (b"tEXt", b"Author\0someone"),
            (b"PLTE", b"rgb"),
            (b"IDAT", b"pixels"),
            (b"IEND", b""),
        ] {
            png_bytes.extend(chunk(kind, data));
        }
        let out = png(&png_bytes).unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(!text.contains("GPS") && !text.contains("someone"), "{text}");
        assert!(text.contains("header") && text.contains("pixels") && text.contains("rgb"));
        assert_eq!(png(&png_bytes[..20]), None);
    }
}
