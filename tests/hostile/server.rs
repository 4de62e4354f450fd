//! Hostile cases: the dev server's HTTP side (see main.rs). Requests an attacker or a broken
//! client could send to `dala serve`: a huge announced body, methods that change things,
//! protocol-relative paths, clients that stall or send endless headers. The server must
//! answer them plainly and keep serving, with its threads and connections bounded.
//!
//! Every loop here is bounded in count and in time, and only 127.0.0.1 is reached.

use crate::common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

fn start(tag: &str) -> Served {
    let site = site_copy("multilingual");
    let out = site.parent().unwrap().join(format!("served-{tag}"));
    start_at(&site, &out)
}

fn start_at(site: &Path, out: &Path) -> Served {
    serve(site, out)
}

/// The response to `raw`, sent as it is: (status, headers in lower case, body). A status of
/// 0 means the server closed the connection without an answer.
fn exchange(server: &Served, raw: &[u8]) -> (u16, String, Vec<u8>) {
    let mut stream = server.connect();
    // A server that refuses early may close before all is sent: that is an answer too.
    let _ = stream.write_all(raw);
    let mut got = Vec::new();
    let _ = stream.read_to_end(&mut got);
    let at = got
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(got.len());
    let head = String::from_utf8_lossy(&got[..at]).to_lowercase();
    let body = got.get(at + 4..).unwrap_or_default().to_vec();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head, body)
}

fn request(server: &Served, method: &str, path: &str) -> (u16, String, Vec<u8>) {
    exchange(
        server,
        format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    )
}

fn get(server: &Served, path: &str) -> (u16, String, Vec<u8>) {
    request(server, "GET", path)
}

#[test]
fn a_huge_announced_body_does_not_kill_the_server() {
    let mut server = start("huge-body");
    for method in ["POST", "PUT"] {
        let mut stream = server.connect();
        write!(
            stream,
            "{method} / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999\r\n\r\nabc"
        )
        .unwrap();
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer);
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 405"),
            "{method}: {answer}"
        );
        std::thread::sleep(Duration::from_millis(200));
        server.assert_alive("a huge Content-Length");
    }
    let (status, _, body) = get(&server, "/en/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("</html>"));
}

#[test]
fn only_get_and_head_are_answered() {
    let server = start("methods");
    for method in [
        "POST", "PUT", "DELETE", "TRACE", "OPTIONS", "PATCH", "CONNECT",
    ] {
        let (status, head, body) = request(&server, method, "/en/");
        assert_eq!(status, 405, "{method}: {head}");
        assert!(head.contains("\r\nallow: get, head"), "{method}: {head}");
        // Not the page: nothing is echoed back (TRACE) nor served.
        assert!(
            !String::from_utf8_lossy(&body).contains("<html"),
            "{method}"
        );
    }
    // The event stream and the script answer GET only too.
    for path in ["/__dala/events", "/__dala/live.js"] {
        let (status, _, _) = request(&server, "POST", path);
        assert_eq!(status, 405, "POST {path}");
    }

    // HEAD: the headers of the GET, and no body.
    let (status, get_head, get_body) = get(&server, "/en/");
    assert_eq!(status, 200);
    let (status, head, body) = request(&server, "HEAD", "/en/");
    assert_eq!(status, 200, "{head}");
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(
        head.contains(&format!("content-length: {}", get_body.len())),
        "{head}\nGET: {get_head}"
    );
    assert!(body.is_empty(), "HEAD sent a body of {} bytes", body.len());
    let (status, _, body) = request(&server, "HEAD", "/en/nothing/here/");
    assert_eq!(status, 404);
    assert!(body.is_empty());
}

#[test]
fn redirects_stay_on_this_host() {
    let server = start("redirects");
    // A folder without its slash still redirects, to a path on this host.
    let (status, head, _) = get(&server, "/en");
    assert_eq!(status, 301);
    assert!(head.contains("\r\nlocation: /en/\r\n"), "{head}");
    // Leading slashes would make a protocol-relative address (`//en/`: the host "en").
    for path in ["//en", "///en", "//en/articles", "/%2Fen", "/.//en"] {
        let (status, head, _) = get(&server, path);
        let location = head
            .lines()
            .find_map(|l| l.strip_prefix("location: "))
            .unwrap_or_default();
        assert!(
            [301, 400, 404].contains(&status),
            "GET {path} gave {status}"
        );
        if status == 301 {
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "GET {path} redirects to {location:?}"
            );
            assert!(!location.contains('\\'), "GET {path}: {location:?}");
        }
    }
    // A backslash turns into a slash in browsers: never in a Location either.
    for path in ["/\\en", "/%5Cen", "/%5C%5Cexample.org"] {
        let (status, head, _) = get(&server, path);
        assert!(status == 400 || status == 404, "GET {path}: {head}");
    }
}

#[test]
fn a_client_that_stalls_is_dropped() {
    let server = start("stall");
    // Half a request line, then nothing.
    let mut stream = server.connect();
    stream.write_all(b"GET /en/ HT").unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    let read = stream.read_to_end(&mut answer);
    assert!(
        read.is_ok(),
        "the server kept the stalled connection for 20 s: {read:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "dropped after {:?}",
        started.elapsed()
    );
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
}

#[test]
fn stalled_connections_neither_multiply_threads_nor_block_others() {
    let mut server = start("slowloris");
    let before = server.threads();
    assert!(before > 0, "no /proc/<pid>/task");
    // 300 clients that each send half a request and wait.
    let mut stalled = Vec::new();
    for _ in 0..300 {
        let Ok(mut s) =
            TcpStream::connect_timeout(&server.address.parse().unwrap(), Duration::from_secs(2))
        else {
            break;
        };
        let _ = s.write_all(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        stalled.push(s);
    }
    assert_eq!(stalled.len(), 300, "the listener refused connections");
    std::thread::sleep(Duration::from_millis(500));
    // A reader still gets a page at once (the bound leaves room for a busy test machine;
    // the server holds the 300 in tasks, not threads).
    let started = Instant::now();
    let (status, _, _) = get(&server, "/en/");
    assert_eq!(status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "a GET took {:?} beside 300 stalled clients",
        started.elapsed()
    );
    let threads = server.threads();
    assert!(
        threads < before + 32,
        "{threads} threads with 300 stalled clients ({before} before)"
    );
    server.assert_alive("300 stalled clients");
}

#[test]
fn connections_are_capped_and_stalled_ones_give_way() {
    let server = start("cap");
    // More stalled clients than the server takes at once: the rest wait in the listen
    // queue, and the server does not hold a socket for each. A full listen queue refuses
    // (drops) new connections: three refusals in a row end the attempt.
    let mut stalled = Vec::new();
    let mut refused = 0;
    let deadline = Instant::now() + Duration::from_secs(30);
    while stalled.len() < 700 && refused < 3 && Instant::now() < deadline {
        match TcpStream::connect_timeout(
            &server.address.parse().unwrap(),
            Duration::from_millis(300),
        ) {
            Ok(mut s) => {
                let _ = s.write_all(b"GET /en/ HTTP/1.1\r\n");
                stalled.push(s);
                refused = 0;
            }
            Err(_) => refused += 1,
        }
    }
    std::thread::sleep(Duration::from_millis(500));
    let open = server.open_files();
    assert!(
        open < 600,
        "the server holds {open} files and sockets with {} clients",
        stalled.len()
    );
    assert!(
        stalled.len() > 520,
        "only {} clients could connect: the cap is not reached",
        stalled.len()
    );
    // Stalled clients are dropped after the header time limit, and a reader gets a page
    // soon after.
    let started = Instant::now();
    let (status, _, _) = get(&server, "/en/");
    assert_eq!(status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "a GET took {:?}",
        started.elapsed()
    );
}

#[test]
fn header_size_is_bounded() {
    let mut server = start("headers");
    let mut raw = b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ".to_vec();
    raw.extend(std::iter::repeat_n(b'a', 1 << 20));
    raw.extend(b"\r\nConnection: close\r\n\r\n");
    let (status, head, _) = exchange(&server, &raw);
    assert!(
        status == 0 || status == 431,
        "a 1 MB header line gave {status}: {head}"
    );
    // So many header lines that they add up to 1 MB.
    let mut raw = b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n".to_vec();
    for i in 0..20_000 {
        raw.extend(format!("X-H{i}: {}\r\n", "b".repeat(40)).as_bytes());
    }
    raw.extend(b"Connection: close\r\n\r\n");
    let (status, head, _) = exchange(&server, &raw);
    assert!(
        status == 0 || status == 431,
        "1 MB of header lines gave {status}: {head}"
    );
    // A request line of 1 MB.
    let raw = format!(
        "GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let (status, head, _) = exchange(&server, raw.as_bytes());
    assert!(
        [0, 400, 414, 431].contains(&status),
        "a 1 MB request line gave {status}: {head}"
    );
    server.assert_alive("1 MB headers");
    assert_eq!(get(&server, "/en/").0, 200);
}
