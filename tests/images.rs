//! Images processed at build time (src/images, src/build/images.rs), as a reader and an
//! editor see them: the `<img>` of a page with its widths, the published WebP files, no
//! metadata left, the cache beside the output, and clear errors for bad images.

mod common;
use common::*;
use dala::build::{build, BuildOptions};
use dala::error::{Kind, Severity};
use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, RgbImage};
use std::path::{Path, PathBuf};

/// A photograph-like JPEG of `w` x `h` pixels.
fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        let n = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 37;
        image::Rgb([
            (x * 255 / w) as u8,
            (y * 255 / h) as u8,
            (128 + n * 3) as u8,
        ])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(&img, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// `jpeg` with an EXIF block saying: turned 90 degrees (orientation 6), taken at
/// 43°14'5" N (a phone's GPS position).
fn jpeg_with_exif(w: u32, h: u32) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    let entry = |tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        let mut e = tag.to_le_bytes().to_vec();
        e.extend(kind.to_le_bytes());
        e.extend(count.to_le_bytes());
        e.extend(value);
        e
    };
    // IFD0 at 8: orientation, and where the GPS IFD is (38).
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0112, 3, 1, [6, 0, 0, 0]));
    tiff.extend(entry(0x8825, 4, 1, 38u32.to_le_bytes()));
    tiff.extend(0u32.to_le_bytes());
    // The GPS IFD at 38: latitude N, its three rationals at 68.
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, *b"N\0\0\0"));
    tiff.extend(entry(0x0002, 5, 3, 68u32.to_le_bytes()));
    tiff.extend(0u32.to_le_bytes());
    assert_eq!(tiff.len(), 68);
    for (n, d) in [(43u32, 1u32), (14, 1), (5, 1)] {
        tiff.extend(n.to_le_bytes());
        tiff.extend(d.to_le_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = jpeg(w, h);
    let mut segment = vec![0xff, 0xe1];
    segment.extend(((app1.len() + 2) as u16).to_be_bytes());
    segment.extend(app1);
    out.splice(2..2, segment);
    out
}

fn webp_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..4], b"RIFF", "a RIFF file");
    assert_eq!(&bytes[8..12], b"WEBP", "a WebP file");
    let img = image::load_from_memory(bytes).unwrap();
    (img.width(), img.height())
}

/// A site with a section `news` (not `articles`) and a bundle `news/launch` whose page
/// has `body`, with `files` (name, bytes) beside it.
fn site(body: &str, files: &[(&str, Vec<u8>)]) -> PathBuf {
    let root = SiteTest::new()
        .file("content/news/_index.md", "---\ntitle: News\n---\n")
        .file(
            "content/news/launch/index.md",
            &format!("---\ntitle: Launch\n---\n{body}"),
        )
        .write();
    for (name, bytes) in files {
        std::fs::write(root.join("content/news/launch").join(name), bytes).unwrap();
    }
    root
}

fn build_into(
    root: &Path,
    out: &Path,
) -> Result<dala::build::BuildReport, dala::error::BuildFailure> {
    build(&BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        ..BuildOptions::default()
    })
}

fn out_of(root: &Path) -> PathBuf {
    root.parent().unwrap().join("public")
}

#[test]
fn a_photograph_is_published_in_widths_of_webp_with_srcset_sizes_and_its_size() {
    let root = site(
        "Text.\n\n![A crowd at the launch](photo.jpg)\n\nMore.\n\n![The stage](photo.jpg \"On stage\")\n",
        &[("photo.jpg", jpeg(1600, 1000))],
    );
    let out = out_of(&root);
    build_into(&root, &out).unwrap();
    let doc = html(&out.join("en/news/launch/index.html"));
    let imgs = select(&doc, "main img");
    assert_eq!(imgs.len(), 2);
    let first = imgs[0].value();
    assert_eq!(first.attr("alt"), Some("A crowd at the launch"));
    assert_eq!(first.attr("width"), Some("1600"));
    assert_eq!(first.attr("height"), Some("1000"));
    assert_eq!(
        first.attr("srcset"),
        Some("/en/news/launch/photo.360.webp 360w, /en/news/launch/photo.720.webp 720w, /en/news/launch/photo.1200.webp 1200w, /en/news/launch/photo.1600.webp 1600w")
    );
    assert_eq!(first.attr("src"), Some("/en/news/launch/photo.1200.webp"));
    assert!(first.attr("sizes").is_some_and(|s| s.contains("100vw")));
    // The first image is fetched at once, the others when they come near.
    assert_eq!(first.attr("loading"), None);
    assert_eq!(imgs[1].value().attr("loading"), Some("lazy"));
    assert_eq!(imgs[1].value().attr("decoding"), Some("async"));
    assert_eq!(imgs[1].value().attr("title"), Some("On stage"));
    for (w, h) in [(360, 225), (720, 450), (1200, 750), (1600, 1000)] {
        let bytes = std::fs::read(out.join(format!("en/news/launch/photo.{w}.webp"))).unwrap();
        assert_eq!(webp_size(&bytes), (w, h));
    }
    // The photo under its own name, as a JPEG, for links that name it.
    let own = std::fs::read(out.join("en/news/launch/photo.jpg")).unwrap();
    assert_eq!(&own[..2], &[0xff, 0xd8]);
    assert_eq!(image::load_from_memory(&own).unwrap().width(), 1600);
}

#[test]
fn exif_and_the_gps_position_are_stripped_and_the_photo_is_turned_upright() {
    let root = site(
        "![A phone photo](phone.jpg)\n",
        &[("phone.jpg", jpeg_with_exif(800, 600))],
    );
    let out = out_of(&root);
    build_into(&root, &out).unwrap();
    let doc = html(&out.join("en/news/launch/index.html"));
    // Turned by its orientation: 600 wide, 800 high.
    assert_eq!(attr(&doc, "main img", "width").as_deref(), Some("600"));
    assert_eq!(attr(&doc, "main img", "height").as_deref(), Some("800"));
    let mut published = 0;
    for entry in walkdir::WalkDir::new(out.join("en/news/launch")) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.ends_with(".webp") || name.ends_with(".jpg")) {
            continue;
        }
        published += 1;
        let bytes = std::fs::read(entry.path()).unwrap();
        assert!(
            !bytes.windows(4).any(|w| w == b"Exif"),
            "{name} still has EXIF"
        );
        assert!(
            !bytes.windows(8).any(|w| w == [43, 0, 0, 0, 1, 0, 0, 0]),
            "{name} still has the GPS latitude"
        );
        let img = image::load_from_memory(&bytes).unwrap();
        assert!(img.height() > img.width(), "{name} is upright");
    }
    assert_eq!(
        published, 3,
        "360 and 600 wide (its own width), and the JPEG"
    );
}

#[test]
fn the_cache_makes_an_image_once_and_keeps_only_what_the_site_uses() {
    let root = site("![A chart](chart.png)\n", &[("chart.png", png(900, 500))]);
    let out = out_of(&root);
    let first = build_into(&root, &out).unwrap();
    assert_eq!((first.timings.images.0, first.timings.images.1), (1, 0));
    let cache = root.parent().unwrap().join(".public.dala-images");
    let entries = |dir: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let before = entries(&cache);
    assert_eq!(before.len(), 1);
    let second = build_into(&root, &out).unwrap();
    assert_eq!((second.timings.images.0, second.timings.images.1), (0, 1));
    assert_eq!(entries(&cache), before);
    // The output was not rebuilt from nothing: it is all there.
    assert!(out.join("en/news/launch/chart.720.webp").is_file());
    // A new chart replaces the old one in the cache.
    std::fs::write(root.join("content/news/launch/chart.png"), png(800, 500)).unwrap();
    let third = build_into(&root, &out).unwrap();
    assert_eq!((third.timings.images.0, third.timings.images.1), (1, 0));
    let after = entries(&cache);
    assert_eq!(after.len(), 1);
    assert_ne!(after, before);
    let doc = html(&out.join("en/news/launch/index.html"));
    assert_eq!(attr(&doc, "main img", "width").as_deref(), Some("800"));
    assert!(!out.join("en/news/launch/chart.900.webp").exists());
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, _| image::Rgb([(x % 256) as u8, 90, 160]));
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&img, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// A JPEG whose header says it is `w` x `h` pixels, whatever it holds.
fn jpeg_claiming(w: u16, h: u16) -> Vec<u8> {
    let mut bytes = jpeg(64, 64);
    let sof = bytes
        .windows(2)
        .position(|m| m == [0xff, 0xc0])
        .expect("a baseline JPEG");
    bytes[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    bytes
}

#[test]
fn bad_images_are_errors_at_the_markdown_line_and_the_output_stays() {
    let root = site("Good.\n", &[]);
    let out = out_of(&root);
    build_into(&root, &out).unwrap();
    let page = out.join("en/news/launch/index.html");
    let before = read(&page);
    let mut truncated = jpeg(400, 300);
    truncated.truncate(truncated.len() / 3);
    let body = "Intro.\n\n![Cut short](cut.jpg)\n\n![Bomb](bomb.jpg)\n\n![Gone](gone.png)\n\n![A phone photo](IMG_1.heic)\n\n![Not a PNG](text.png)\n";
    std::fs::write(
        root.join("content/news/launch/index.md"),
        format!("---\ntitle: Launch\n---\n{body}"),
    )
    .unwrap();
    for (name, bytes) in [
        ("cut.jpg", truncated),
        ("bomb.jpg", jpeg_claiming(50_000, 50_000)),
        ("IMG_1.heic", b"\0\0\0\x18ftypheic".to_vec()),
        ("text.png", b"this is not an image".to_vec()),
    ] {
        std::fs::write(root.join("content/news/launch").join(name), bytes).unwrap();
    }
    let failure = build_into(&root, &out).unwrap_err();
    let md = root.join("content/news/launch/index.md");
    let errors: Vec<_> = failure
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error && d.kind == Kind::Image)
        .collect();
    let at = |line: usize, needle: &str| {
        assert!(
            errors
                .iter()
                .any(|d| d.path == md && d.line == Some(line) && d.message.contains(needle)),
            "no error at line {line} saying {needle:?}: {errors:#?}"
        )
    };
    at(6, "cut.jpg");
    at(8, "50000 x 50000 pixels");
    at(10, "no file content/news/launch/gone.png");
    at(12, "HEIC");
    at(14, "cannot be read");
    // Editors who read Russian or Kazakh get them in their language.
    for d in &errors {
        for lang in [dala::messages::Lang::Ru, dala::messages::Lang::Kk] {
            let said = dala::messages::translate(lang, &d.message);
            assert!(
                dala::messages::is_known(lang, &d.message)
                    && said.contains("JPEG") == d.message.contains("JPEG"),
                "{lang:?}: {}",
                d.message
            );
        }
    }
    assert_eq!(read(&page), before, "the previous output stays");
    assert!(!out.join("en/news/launch/cut.360.webp").exists());
}

#[test]
fn svg_is_published_without_scripts_and_with_its_size() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10"/></svg>"#;
    let root = site(
        "![A plan](plan.svg)\n",
        &[("plan.svg", svg.as_bytes().to_vec())],
    );
    let out = out_of(&root);
    build_into(&root, &out).unwrap();
    let published = read(&out.join("en/news/launch/plan.svg"));
    assert!(!published.contains("alert"), "{published}");
    assert!(published.contains("<rect"), "{published}");
    let doc = html(&out.join("en/news/launch/index.html"));
    assert_eq!(
        attr(&doc, "main img", "src").as_deref(),
        Some("/en/news/launch/plan.svg")
    );
    assert_eq!(attr(&doc, "main img", "width").as_deref(), Some("640"));
    assert_eq!(attr(&doc, "main img", "height").as_deref(), Some("360"));
}

#[test]
fn a_tiff_scan_is_converted_and_not_published_as_it_is() {
    let img = RgbImage::from_fn(500, 700, |x, y| {
        image::Rgb([(x % 200) as u8, (y % 200) as u8, 40])
    });
    let mut tiff = std::io::Cursor::new(Vec::new());
    img.write_to(&mut tiff, image::ImageFormat::Tiff).unwrap();
    let root = site(
        "![A scanned decree](decree.tif)\n",
        &[("decree.tif", tiff.into_inner())],
    );
    let out = out_of(&root);
    build_into(&root, &out).unwrap();
    let doc = html(&out.join("en/news/launch/index.html"));
    assert_eq!(
        attr(&doc, "main img", "srcset").as_deref(),
        Some("/en/news/launch/decree.360.webp 360w, /en/news/launch/decree.500.webp 500w")
    );
    assert!(!out.join("en/news/launch/decree.tif").exists());
}

#[test]
fn a_shortcode_whose_src_names_an_image_gets_it_processed() {
    let root = SiteTest::new()
        .file(
            "templates/shortcodes/figure.html",
            "<figure><img src=\"{{ image.src }}\" srcset=\"{{ image.srcset | safe }}\" width=\"{{ image.width }}\" alt=\"{{ alt }}\"></figure>",
        )
        .file("content/news/_index.md", "---\ntitle: News\n---\n")
        .file(
            "content/news/launch/index.md",
            "---\ntitle: Launch\n---\n{{ figure(src=\"photo.jpg\", alt=\"The hall\") }}\n\n{{ figure(src=\"nothing.jpg\", alt=\"x\") }}\n",
        )
        .write();
    std::fs::write(root.join("content/news/launch/photo.jpg"), jpeg(1000, 500)).unwrap();
    let out = out_of(&root);
    let failure = build_into(&root, &out).unwrap_err();
    assert!(
        failure
            .diagnostics
            .iter()
            .any(|d| d.line == Some(6) && d.message.contains("nothing.jpg")),
        "{:#?}",
        failure.diagnostics
    );
    let md = root.join("content/news/launch/index.md");
    std::fs::write(
        &md,
        "---\ntitle: Launch\n---\n{{ figure(src=\"photo.jpg\", alt=\"The hall\") }}\n",
    )
    .unwrap();
    build_into(&root, &out).unwrap();
    let doc = html(&out.join("en/news/launch/index.html"));
    assert_eq!(attr(&doc, "figure img", "width").as_deref(), Some("1000"));
    assert!(attr(&doc, "figure img", "srcset")
        .is_some_and(|s| s.ends_with("/en/news/launch/photo.1000.webp 1000w")));
}

#[test]
fn the_same_image_gives_the_same_bytes_in_two_builds_without_a_cache() {
    let root = site(
        "![A photo](p.jpg)\n",
        &[("p.jpg", jpeg_with_exif(1300, 900))],
    );
    let a = scratch("images-a").join("public");
    let b = scratch("images-b").join("public");
    build_into(&root, &a).unwrap();
    build_into(&root, &b).unwrap();
    for name in ["p.360.webp", "p.720.webp", "p.900.webp", "p.jpg"] {
        let path = format!("en/news/launch/{name}");
        assert_eq!(
            std::fs::read(a.join(&path)).unwrap(),
            std::fs::read(b.join(&path)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn resize_image_gives_templates_one_width_published_under_processed_images() {
    let root = SiteTest::new()
        .file(
            "templates/page.html",
            "<main>{% set t = resize_image(path=\"news/launch/photo.jpg\", width=300, format=\"jpg\") %}<img id=\"t\" src=\"{{ t.url }}\" width=\"{{ t.width }}\" height=\"{{ t.height }}\" alt=\"\">{% set w = resize_image(path=\"news/launch/photo.jpg\", width=5000) %}<img id=\"w\" src=\"{{ w.url }}\" width=\"{{ w.width }}\" alt=\"\"></main>",
        )
        .file("content/news/_index.md", "---\ntitle: News\n---\n")
        .file("content/news/launch/index.md", "---\ntitle: Launch\n---\nText.\n")
        .write();
    std::fs::write(root.join("content/news/launch/photo.jpg"), jpeg(1000, 600)).unwrap();
    let out = out_of(&root);
    build_into(&root, &out).unwrap();
    let doc = html(&out.join("en/news/launch/index.html"));
    let thumb = attr(&doc, "#t", "src").unwrap();
    assert!(
        thumb.starts_with("/processed_images/") && thumb.ends_with(".300.jpg"),
        "{thumb}"
    );
    assert_eq!(attr(&doc, "#t", "height").as_deref(), Some("180"));
    let bytes = std::fs::read(out.join(thumb.trim_start_matches('/'))).unwrap();
    assert_eq!(image::load_from_memory(&bytes).unwrap().width(), 300);
    // Never wider than the image is.
    assert_eq!(attr(&doc, "#w", "width").as_deref(), Some("1000"));
    let wide = attr(&doc, "#w", "src").unwrap();
    assert!(wide.ends_with(".1000.webp") && out.join(wide.trim_start_matches('/')).is_file());
    // Published again by the next build, which renders the page again.
    build_into(&root, &out).unwrap();
    assert!(out.join(thumb.trim_start_matches('/')).is_file());
}

#[test]
fn in_dala_serve_a_text_edit_is_rendered_at_once_and_a_new_photo_by_a_build() {
    let root = site(
        "Intro.\n\n![A photo](p.jpg)\n",
        &[("p.jpg", jpeg(900, 600))],
    );
    let out = out_of(&root);
    let mut session = dala::build::Session::new(BuildOptions {
        root: root.clone(),
        output: Some(out.clone()),
        ..BuildOptions::default()
    });
    session.build().unwrap();
    let md = root.join("content/news/launch/index.md");
    std::fs::write(
        &md,
        "---\ntitle: Launch\n---\nA new intro.\n\n![A photo](p.jpg)\n",
    )
    .unwrap();
    let edit = session
        .edit(&["content/news/launch/index.md".to_string()])
        .expect("a text edit is rendered at once, the photo as it was");
    assert_eq!(edit.written, ["en/news/launch/index.html"]);
    let doc = html(&out.join("en/news/launch/index.html"));
    assert!(attr(&doc, "main img", "srcset").is_some_and(|s| s.contains("p.360.webp 360w")));
    // A photo that the last build did not have needs a build, which makes it.
    std::fs::write(root.join("content/news/launch/q.jpg"), jpeg(500, 400)).unwrap();
    std::fs::write(
        &md,
        "---\ntitle: Launch\n---\n![A photo](p.jpg)\n\n![Another](q.jpg)\n",
    )
    .unwrap();
    let report = session.build().unwrap();
    assert_eq!((report.timings.images.0, report.timings.images.1), (1, 1));
    assert!(out.join("en/news/launch/q.360.webp").is_file());
}
