//! `dala check` finds each problem planted in tests/fixtures/check, and none in the hub.

mod common;
use common::*;
use std::path::Path;

#[test]
fn finds_every_planted_problem_with_its_file_and_line() {
    let site = site_copy("check");
    let o = dala(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    for (at, message) in [
        ("content/articles/second.md:9: error:", "link `#nothing-here`: the page has no element with id `nothing-here`"),
        ("content/articles/second.md:9: error:", "link `/en/articles/good/#nowhere`: the page has no element with id `nowhere`"),
        ("content/articles/second.md:11: error:", "link `/en/articles/gone/` leads to nothing"),
        ("content/articles/second.md:11: warning:", "image `chart.png` has no alt text"),
        ("content/articles/second.md:1: error:", "need `summary`"),
        ("content/articles/second.md:4: error:", "`politics` is not allowed in `articles`"),
        ("content/articles/twin.md:2: error:", "the title `A Good Article` is also the title of content/articles/good.md"),
        ("content/news/x.md: error:", "the slug `x` is also the slug of content/articles/twin.md"),
        ("content/articles/good.md: error:", "link `/en/contact/` leads to nothing in the built site (a link the template puts on this page and 3 other pages)"),
        ("content/articles/twin.md: note:", "no `ru` translation"),
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(at) && l.contains(message)),
            "expected `{at} ... {message}` in:\n{out}"
        );
    }
    // The links that work are not reported.
    assert!(!out.contains("#why"), "{out}");
    assert!(!out.contains("#where-to-go"), "{out}");
    assert!(!out.contains("`/en/news/`"), "{out}");
    assert!(out.ends_with("check: 11 problems (3 notes)\n"), "{out}");

    // The same as JSON for CI.
    let o = dala(&[
        "check",
        "--root",
        site.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["version"], 1);
    let list = json["diagnostics"].as_array().unwrap();
    assert_eq!(list.len(), 14);
    let anchor = list
        .iter()
        .find(|p| p["message"].as_str().unwrap().contains("#nothing-here"))
        .unwrap();
    assert_eq!(anchor["file"], "content/articles/second.md");
    assert_eq!(anchor["line"], 9);
    assert_eq!(anchor["severity"], "error");
}

#[test]
fn a_broken_site_reports_the_build_errors() {
    let site = site_copy("check");
    std::fs::write(
        site.join("content/articles/bad.md"),
        "---\ntitle: [x\n---\n",
    )
    .unwrap();
    let o = dala(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.contains("content/articles/bad.md:3: error:"), "{out}");
}

#[test]
fn the_hub_is_fit_to_publish() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = dala(&["check", "--root", root.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(out.contains("check: no problems"), "{out}");
    // The translations left out on purpose are listed as notes.
    assert!(
        out.contains("content/articles/e-participation.md: note: no `kk` translation"),
        "{out}"
    );
}

/// A server on 127.0.0.1 for outside links: `/ok` answers 200, `/gone` 404, `/get-only`
/// 405 to HEAD and 200 to GET. Answers until the test process ends.
fn outside_server() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut parts = first.split_whitespace();
            let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let status = match (method, path) {
                (_, "/ok") => "200 OK",
                ("HEAD", "/get-only") => "405 Method Not Allowed",
                ("GET", "/get-only") => "200 OK",
                _ => "404 Not Found",
            };
            let mut stream = stream;
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    address
}

#[test]
fn external_links_are_checked_only_when_asked() {
    let address = outside_server();
    let site = site_copy("check");
    std::fs::write(
        site.join("content/news/outside.md"),
        format!(
            "---\ntitle: Outside\n---\n\nFine: [ok](http://{address}/ok), [get](http://{address}/get-only).\n\nGone: [gone](http://{address}/gone).\n"
        ),
    )
    .unwrap();
    let root = site.to_str().unwrap();
    let o = dala(&["check", "--root", root]);
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(!out.contains("outside link"), "{out}");
    let o = dala(&["check", "--root", root, "--external"]);
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    let gone = format!(
        "content/news/outside.md:7: error: outside link `http://{address}/gone` answers HTTP 404"
    );
    assert!(
        out.lines().any(|l| l == gone),
        "expected `{gone}` in:\n{out}"
    );
    assert_eq!(out.matches("outside link").count(), 1, "{out}");
}

#[test]
fn a_link_that_climbs_above_the_root_is_reported() {
    let site = site_copy("check");
    std::fs::write(
        site.join("content/articles/climb.md"),
        "---\ntitle: Climbing\nsummary: Up and out.\ntags: [x]\n---\nText with [a link up](../../../../../up/).\n",
    )
    .unwrap();
    let o = dala(&["check", "--root", site.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        out.lines()
            .any(|l| l.starts_with("content/articles/climb.md:6: error:")
                && l.contains("climbs above the site's root")),
        "{out}"
    );
}
