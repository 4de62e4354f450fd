//! The hub's weight budget on a phone: every article page, on a screen 360 CSS pixels wide
//! at two device pixels per CSS pixel (a common budget phone), downloads under 150 KB in
//! all: its HTML, stylesheets, scripts and the images that screen picks from their
//! `srcset`.

mod common;
use common::*;
use std::path::Path;

/// The screen: 360 CSS pixels wide, 2 device pixels each.
const SCREEN: f64 = 360.0;
const DENSITY: f64 = 2.0;

/// The width in CSS pixels an image takes on the screen, from its `sizes`: the hub's
/// `(min-width: 46rem) 44rem, calc(100vw - 2rem)`, whose first condition is false at 360
/// pixels.
fn slot(sizes: &str) -> f64 {
    assert_eq!(
        sizes, "(min-width: 46rem) 44rem, calc(100vw - 2rem)",
        "this test reads only the hub's sizes: teach it the new ones"
    );
    SCREEN - 32.0
}

/// The file of `url` (a path of the site) in the output.
fn file(out: &Path, url: &str) -> std::path::PathBuf {
    out.join(percent_decode(url.trim_start_matches('/')))
}

/// What the page downloads on the screen: (bytes, what it counted).
fn weight(out: &Path, page: &Path) -> (u64, Vec<String>) {
    let doc = html(page);
    let mut urls: Vec<String> = Vec::new();
    for (css, name) in [("link[rel='stylesheet']", "href"), ("script[src]", "src")] {
        for el in select(&doc, css) {
            urls.extend(el.value().attr(name).map(str::to_string));
        }
    }
    for img in select(&doc, "img") {
        let el = img.value();
        let chosen = match (el.attr("srcset"), el.attr("sizes")) {
            (Some(srcset), Some(sizes)) => {
                let need = slot(sizes) * DENSITY;
                let mut candidates: Vec<(f64, &str)> = srcset
                    .split(", ")
                    .map(|c| {
                        let (url, w) = c.rsplit_once(' ').unwrap();
                        (w.trim_end_matches('w').parse().unwrap(), url)
                    })
                    .collect();
                candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
                candidates
                    .iter()
                    .find(|(w, _)| *w >= need)
                    .or(candidates.last())
                    .map(|(_, u)| u.to_string())
            }
            _ => el.attr("src").map(str::to_string),
        };
        urls.extend(chosen.filter(|u| u.starts_with('/')));
    }
    urls.sort();
    urls.dedup();
    let mut total = std::fs::metadata(page).unwrap().len();
    for url in &urls {
        let f = file(out, url);
        total += std::fs::metadata(&f)
            .unwrap_or_else(|e| panic!("{} loads {url}: {e}", page.display()))
            .len();
    }
    (total, urls)
}

#[test]
fn every_article_page_on_a_360_pixel_phone_downloads_under_150_kb() {
    let out = scratch("budget").join("public");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = build(root, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (mut pages, mut with_images) = (0, 0);
    let mut heaviest = (0, String::new());
    for entry in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let is_article = path.file_name().is_some_and(|n| n == "index.html")
            && path
                .parent()
                .and_then(Path::parent)
                .is_some_and(|p| p.ends_with("articles"));
        if !is_article {
            continue;
        }
        let (bytes, urls) = weight(&out, path);
        assert!(
            bytes < 150 * 1024,
            "{} downloads {bytes} bytes on a 360-pixel phone: {urls:?}",
            path.display()
        );
        pages += 1;
        with_images += usize::from(urls.iter().any(|u| u.ends_with(".webp")));
        if bytes > heaviest.0 {
            heaviest = (bytes, path.display().to_string());
        }
    }
    assert!(pages > 20, "only {pages} article pages");
    // Five articles show diagrams, in each of the four languages.
    assert!(with_images >= 20, "{with_images} article pages with images");
    eprintln!(
        "heaviest: {heaviest:?}; {with_images} of {pages} pages with photographs or diagrams"
    );
}
