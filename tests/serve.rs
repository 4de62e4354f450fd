//! `dala serve` on an ephemeral port: pages served and rebuilt after edits, errors shown
//! without stopping the server, paths kept inside the output.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

fn start(site: &Path, out: &Path) -> Served {
    serve(site, out)
}

/// A GET with the path sent exactly as given: (status, headers in lower case, body).
fn get(server: &Served, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.address
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_lowercase(), body.to_string())
}

/// Waits until `check` holds for the page at `path`.
fn eventually(server: &Served, path: &str, what: &str, check: impl Fn(u16, &str) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (status, _, body) = get(server, path);
        if check(status, &body) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: {path} gave {status}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Reads the event stream until an event satisfies `check`; gives that event's data.
fn event(server: &Served, check: impl Fn(&str) -> bool) -> String {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(stream, "GET /__dala/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    loop {
        line.clear();
        let n = reader.read_line(&mut line).expect("an event within 20 s");
        assert!(n > 0, "the event stream ended");
        if let Some(data) = line.trim_end().strip_prefix("data: ") {
            if check(data) {
                return data.to_string();
            }
        }
    }
}

#[test]
fn serves_rebuilds_and_survives_broken_edits() {
    let site = site_copy("multilingual");
    let out = site.parent().unwrap().join("served");
    let server = start(&site, &out);

    // Pages, with the live-reload script; the folder without its slash redirects.
    let (status, head, body) = get(&server, "/ru/articles/open-data/");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("<script src=\"/__dala/live.js\" defer></script></body>"));
    let (status, head, _) = get(&server, "/ru/articles/open-data");
    assert_eq!(status, 301);
    assert!(head.contains("location: /ru/articles/open-data/"), "{head}");
    for (path, kind) in [
        ("/sitemap.xml", "application/xml"),
        ("/highlight.css", "text/css"),
        ("/__dala/live.js", "text/javascript"),
    ] {
        let (status, head, _) = get(&server, path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.contains(&format!("content-type: {kind}")),
            "{path}: {head}"
        );
    }
    // The 404 page, for anything that is not there.
    let (status, head, _) = get(&server, "/ru/nothing/here/");
    assert_eq!(status, 404);
    assert!(head.contains("text/html"));

    // Nothing outside the output, however the path is written.
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/ru/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/%2e%2e%5c%2e%2e%5cetc%5cpasswd",
        "/..%c0%af..%c0%afetc/passwd",
        "/ru/%00/index.html",
    ] {
        let (status, _, body) = get(&server, path);
        assert!(status == 400 || status == 404, "{path} gave {status}");
        assert!(!body.contains("root:"), "{path}");
    }

    // An edit is served after the rebuild.
    let page = site.join("content/articles/open-data.md");
    let text = read(&page);
    std::fs::write(&page, text.replacen("title:", "title: Edited", 1)).unwrap();
    eventually(&server, "/en/articles/open-data/", "the edit", |s, b| {
        s == 200 && b.contains("Edited")
    });
    // The page came first; the listing follows.
    eventually(&server, "/en/articles/", "the listing", |s, b| {
        s == 200 && b.contains("Edited")
    });

    // A change to a page's text alone is rendered at once, and the browsers are told the
    // one file it changed (a page elsewhere need not reload).
    std::fs::write(&page, read(&page).replacen("## Licences", "## Permits", 1)).unwrap();
    eventually(
        &server,
        "/en/articles/open-data/",
        "the text edit",
        |s, b| s == 200 && b.contains("Permits"),
    );
    let data = event(&server, |d| {
        d.contains("\"changed\":[\"/en/articles/open-data/index.html\"]")
    });
    assert!(data.contains("\"errors\":null"), "{data}");

    // A broken edit: the error goes to the browsers, the last good build stays served.
    let bad = site.join("content/articles/broken.md");
    std::fs::write(&bad, "---\ntitle: [unclosed\n---\nText.\n").unwrap();
    let data = event(&server, |d| d.contains("broken.md"));
    assert!(data.contains("broken.md:3"), "{data}");
    let (status, _, body) = get(&server, "/en/articles/open-data/");
    assert_eq!(status, 200);
    assert!(body.contains("Edited"));
    // The next good save clears it.
    std::fs::remove_file(&bad).unwrap();
    event(&server, |d| d.contains("\"errors\":null"));

    // A deleted page is gone; a new one appears.
    std::fs::remove_file(site.join("content/articles/open-data.ru.md")).unwrap();
    eventually(
        &server,
        "/ru/articles/open-data/",
        "the deletion",
        |s, _| s == 404,
    );
    std::fs::write(
        site.join("content/articles/fresh.md"),
        "---\ntitle: Fresh page\n---\nNew.\n",
    )
    .unwrap();
    eventually(&server, "/en/articles/fresh/", "the new page", |s, b| {
        s == 200 && b.contains("Fresh page")
    });

    // A folder renamed: the bundle moves with it, assets included.
    let bundle = site.join("content/articles/trip");
    std::fs::create_dir(&bundle).unwrap();
    std::fs::write(
        bundle.join("index.md"),
        "---\ntitle: Trip\n---\n![A road](road.svg)\n",
    )
    .unwrap();
    std::fs::write(
        bundle.join("road.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    eventually(
        &server,
        "/en/articles/trip/road.svg",
        "the new bundle",
        |s, _| s == 200,
    );
    let (_, head, _) = get(&server, "/en/articles/trip/road.svg");
    assert!(head.contains("content-type: image/svg+xml"), "{head}");
    std::fs::rename(&bundle, site.join("content/articles/journey")).unwrap();
    eventually(
        &server,
        "/en/articles/journey/road.svg",
        "the moved bundle",
        |s, _| s == 200,
    );
    eventually(&server, "/en/articles/trip/", "the old address", |s, _| {
        s == 404
    });
    // A new folder with a page in it.
    std::fs::create_dir(site.join("content/notes")).unwrap();
    std::fs::write(
        site.join("content/notes/first.md"),
        "---\ntitle: First note\n---\nNote.\n",
    )
    .unwrap();
    eventually(
        &server,
        "/en/notes/first/",
        "a page in a new folder",
        |s, b| s == 200 && b.contains("First note"),
    );
}

/// The event stream of an open tab lasts as long as the tab, past the time limit the server
/// puts on reading a request's head (5 s), and a stalled client beside it does not hold it up.
#[test]
fn the_event_stream_outlives_the_request_time_limit() {
    let site = site_copy("multilingual");
    let out = site.parent().unwrap().join("served-events");
    let server = start(&site, &out);
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(stream, "GET /__dala/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut stalled = TcpStream::connect(&server.address).unwrap();
    stalled.write_all(b"GET / HTTP/1.1\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    let mut next_data = |reader: &mut BufReader<TcpStream>| loop {
        line.clear();
        let n = reader.read_line(&mut line).expect("an event within 30 s");
        assert!(n > 0, "the event stream ended");
        if let Some(data) = line.trim_end().strip_prefix("data: ") {
            return data.to_string();
        }
    };
    assert!(next_data(&mut reader).contains("\"build\":1"));
    std::thread::sleep(Duration::from_secs(7));
    let page = site.join("content/articles/open-data.md");
    std::fs::write(&page, read(&page).replacen("## Licences", "## Permits", 1)).unwrap();
    let data = next_data(&mut reader);
    assert!(data.contains("open-data"), "{data}");
}

#[test]
fn an_edit_saved_during_the_first_build_is_followed() {
    // The hub: a first build long enough to edit a page while it runs.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = scratch("serve-early").join("site");
    for dir in ["content", "themes", "templates", "i18n"] {
        copy_dir(&root.join(dir), &site.join(dir));
    }
    std::fs::copy(root.join("site.yaml"), site.join("site.yaml")).unwrap();
    let out = site.parent().unwrap().join("public");
    let page = site.join("content/cases/armenia-e-governance.md");
    let text = read(&page);
    let server = serve_editing(&site, &out, || {
        std::fs::write(
            &page,
            text.replace("\n---\n", "\n---\nSaved during the first build.\n"),
        )
        .unwrap();
    });
    eventually(
        &server,
        "/en/cases/armenia-e-governance/",
        "the edit reaches the page",
        |status, body| status == 200 && body.contains("Saved during the first build."),
    );
}
