//! Stylesheets and scripts under names of their content (issue 15, step 4): `get_url()`
//! gives the name with the hash, `integrity()` its Subresource Integrity value, both files
//! are published, and a changed stylesheet gets a new name on every page that links it.

mod common;
use base64::Engine as _;
use common::*;
use dala::error::Severity;
use sha2::{Digest, Sha384};

const PAGE: &str = "<!doctype html><html lang=\"{{ lang }}\"><title>{{ page.title }}</title><link rel=\"stylesheet\" href=\"{{ get_url(path=\"css/site.css\") }}\" integrity=\"{{ integrity(path=\"css/site.css\") }}\"><script src=\"{{ get_url(path=\"/app.js\") }}\" integrity=\"{{ integrity(path=\"app.js\") }}\" defer></script><main>{{ page.content | safe }}<img src=\"{{ get_url(path=\"logo.svg\") }}\" alt=\"\"></main></html>\n";

fn site(css: &str) -> SiteTest {
    SiteTest::new()
        .file("templates/page.html", PAGE)
        .file("static/css/site.css", css)
        .file("static/app.js", "console.log(1);\n")
        .file(
            "static/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .file("content/a.md", "---\ntitle: A\n---\nText.\n")
}

fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// The stylesheet's href and integrity on the page at `path`.
fn linked(built: &Built, path: &str) -> (String, String) {
    let doc = built.page(path);
    let link = select(&doc, "link[rel=stylesheet]");
    let attr = |n| link[0].value().attr(n).unwrap().to_string();
    (attr("href"), attr("integrity"))
}

#[test]
fn a_stylesheet_is_linked_by_the_name_of_its_content_with_its_integrity() {
    let built = site("body { color: #222; }\n").build();
    built.assert_ok();
    let (href, integrity) = linked(&built, "en/a/");
    let name = href.trim_start_matches('/');
    assert!(
        name.starts_with("css/site.")
            && name.ends_with(".css")
            && name.len() == "css/site..css".len() + 10,
        "{href}"
    );
    let bytes = std::fs::read(built.out.join(name)).unwrap();
    assert_eq!(bytes, b"body { color: #222; }\n");
    assert_eq!(integrity, sri(&bytes));
    // The plain name stays published; an image keeps its name.
    assert!(built.out.join("css/site.css").is_file());
    let doc = built.page("en/a/");
    let script = select(&doc, "script[src]");
    let src = script[0].value().attr("src").unwrap();
    assert!(src.starts_with("/app.") && src.ends_with(".js"), "{src}");
    assert_eq!(
        script[0].value().attr("integrity").unwrap(),
        sri(b"console.log(1);\n")
    );
    assert_eq!(
        select(&doc, "img")[0].value().attr("src"),
        Some("/logo.svg")
    );
}

#[test]
fn a_changed_stylesheet_gets_a_new_name_and_the_pages_follow() {
    let root = site("body { color: #222; }\n").write();
    let out = root.parent().unwrap().join("public");
    let o = build(&root, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = read(&out.join("en/a/index.html"));
    std::fs::write(root.join("static/css/site.css"), "body { color: #111; }\n").unwrap();
    let o = build(&root, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = read(&out.join("en/a/index.html"));
    assert_ne!(before, after, "the page still names the old stylesheet");
    let fresh = root.parent().unwrap().join("fresh");
    let o = build(&root, &fresh, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(after, read(&fresh.join("en/a/index.html")));
    // The old name is gone from the output: nothing links it any more.
    let names: Vec<String> = std::fs::read_dir(out.join("css"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn integrity_of_a_file_the_site_does_not_publish_is_an_error() {
    let built = site("body {}\n")
        .file(
            "templates/page.html",
            "<link rel=\"stylesheet\" href=\"x.css\" integrity=\"{{ integrity(path=\"x.css\") }}\">\n",
        )
        .build();
    let errors: Vec<String> = built
        .at(Severity::Error, "templates/page.html")
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert!(
        errors.iter().any(|e| e.contains(
            "integrity(path=\"x.css\"): the site publishes no stylesheet or script `x.css`"
        )),
        "{errors:?}"
    );
}
