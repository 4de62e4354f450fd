//! `dala check` finds each problem planted in tests/fixtures/check, and none in the hub.

mod common;
use common::*;
use std::path::Path;

/// `dala check --format json` on `site` (with `extra` arguments): its exit status, its
/// version and its diagnostics.
fn check_json(site: &Path, extra: &[&str]) -> (Option<i32>, serde_json::Value, Vec<Place>) {
    let mut args = vec![
        "check",
        "--root",
        site.to_str().unwrap(),
        "--format",
        "json",
    ];
    args.extend(extra);
    let o = dala(&args);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
    let places = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| Place {
            file: d["file"].as_str().unwrap().to_string(),
            line: d["line"].as_u64(),
            severity: d["severity"].as_str().unwrap().to_string(),
            kind: d["kind"].as_str().unwrap().to_string(),
        })
        .collect();
    (o.status.code(), json, places)
}

/// What a test says of a diagnostic: where, how bad, what kind.
#[derive(Debug, PartialEq)]
struct Place {
    file: String,
    line: Option<u64>,
    severity: String,
    kind: String,
}

fn place(file: &str, line: Option<u64>, severity: &str, kind: &str) -> Place {
    Place {
        file: file.into(),
        line,
        severity: severity.into(),
        kind: kind.into(),
    }
}

#[test]
fn finds_every_planted_problem_with_its_file_and_line() {
    let site = site_copy("check");
    let (status, json, found) = check_json(&site, &[]);
    assert_eq!(status, Some(1));
    assert_eq!(json["version"], 1);
    let second = "content/articles/second.md";
    // Every problem planted, and nothing else: the links that work are not reported.
    assert_eq!(
        found,
        [
            // A link the template puts on every page: once, at the first page.
            place("content/articles/good.md", None, "error", "link"),
            place("content/articles/good.ru.md", None, "error", "link"),
            place(second, None, "note", "missing_translation"),
            place(second, Some(1), "error", "rule"),
            place(second, Some(4), "error", "rule"),
            place(second, Some(9), "error", "anchor"),
            place(second, Some(9), "error", "anchor"),
            place(second, Some(11), "error", "link"),
            place(second, Some(11), "error", "link"),
            place(second, Some(11), "warning", "alt_text"),
            place(
                "content/articles/twin.md",
                None,
                "note",
                "missing_translation"
            ),
            place("content/articles/twin.md", Some(2), "error", "duplicate"),
            place("content/news/x.md", None, "error", "duplicate"),
            place("content/news/x.md", None, "note", "missing_translation"),
        ]
    );

    // The same as text: `file:line: severity: message`, and the count.
    let o = dala(&["check", "--root", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        out.lines()
            .any(|l| l.starts_with("content/articles/second.md:4: error: ")),
        "{out}"
    );
    assert!(
        out.ends_with(
            "check: 10 errors, 1 warning (3 notes); warnings fail the check only with --strict\n"
        ),
        "{out}"
    );

    // A second check starts from the first one's build: its kept pages' warnings come back
    // with their kinds.
    assert_eq!(check_json(&site, &[]).2, found);
}

#[test]
fn a_problem_at_a_key_has_its_column_and_its_line_quoted() {
    let site = site_copy("check");
    std::fs::write(
        site.join("content/articles/bad.md"),
        "---\ntitle: Bad\nsummary: S\ncolour: blue\n---\nText.\n",
    )
    .unwrap();
    let (status, json, found) = check_json(&site, &[]);
    assert_eq!(status, Some(1));
    assert_eq!(json["version"], 1);
    let key = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == "content/articles/bad.md")
        .unwrap();
    assert_eq!(key["kind"], "front_matter");
    assert_eq!(
        (key["line"].as_u64(), key["column"].as_u64()),
        (Some(4), Some(1))
    );
    assert_eq!(key["severity"], "error");
    // The other problems are still found: the build loaded the rest of the site.
    assert!(found.contains(&place(
        "content/articles/twin.md",
        Some(2),
        "error",
        "duplicate"
    )));

    // As text: the line, then the source line with a caret under the key and its value.
    let o = dala(&["check", "--root", site.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("content/articles/bad.md:4: error: "))
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(
        lines[at + 1..at + 3],
        ["  colour: blue", "  ^^^^^^^^^^^^"],
        "{out}"
    );
}

#[test]
fn a_broken_site_reports_the_build_errors() {
    let site = site_copy("check");
    std::fs::write(
        site.join("content/articles/bad.md"),
        "---\ntitle: [x\n---\n",
    )
    .unwrap();
    let (status, _, found) = check_json(&site, &[]);
    assert_eq!(status, Some(1));
    assert!(
        found.contains(&place("content/articles/bad.md", Some(3), "error", "yaml")),
        "{found:?}"
    );
}

#[test]
fn the_hub_is_fit_to_publish() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = dala(&["check", "--root", root.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(out.contains("check: no problems"), "{out}");
    // The translations left out on purpose are listed as notes.
    let (_, _, found) = check_json(root, &[]);
    assert!(
        found.contains(&place(
            "content/articles/e-participation.md",
            None,
            "note",
            "missing_translation"
        )),
        "{found:?}"
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
    let (_, _, found) = check_json(&site, &[]);
    assert!(
        !found.iter().any(|p| p.kind == "external_link"),
        "{found:?}"
    );
    let (_, _, found) = check_json(&site, &["--external"]);
    let outside: Vec<&Place> = found.iter().filter(|p| p.kind == "external_link").collect();
    // Only `/gone` fails: `/get-only` answers GET when HEAD is refused.
    assert_eq!(
        outside,
        [&place(
            "content/news/outside.md",
            Some(7),
            "error",
            "external_link"
        )]
    );
}

#[test]
fn a_link_that_climbs_above_the_root_is_reported() {
    let site = site_copy("check");
    std::fs::write(
        site.join("content/articles/climb.md"),
        "---\ntitle: Climbing\nsummary: Up and out.\ntags: [x]\n---\nText with [a link up](../../../../../up/).\n",
    )
    .unwrap();
    let (_, _, found) = check_json(&site, &[]);
    assert!(
        found.contains(&place(
            "content/articles/climb.md",
            Some(6),
            "error",
            "link"
        )),
        "{found:?}"
    );
}
