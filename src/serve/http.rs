//! The HTTP side of `dala serve`: serves the output folder, adds the live-reload script to
//! HTML, and streams build events to open pages at `/__dala/events`.
//!
//! It runs on hyper (HTTP/1.1 only) over a small tokio runtime of its own thread, so that
//! connections are tasks, not threads: a client that stalls costs a socket and a little
//! memory, never a thread. What a hostile or broken client can do is bounded here:
//! - at most [`MAX_CONNECTIONS`] connections at once (a semaphore around accept; more wait
//!   in the listen queue), enough for the event streams of a few hundred open tabs;
//! - the request head must arrive within [`HEAD_TIME`] and fit in [`MAX_HEAD`] bytes (hyper
//!   answers 431 to a larger one); request bodies are never read;
//! - only GET and HEAD are answered (405 otherwise), and a redirect's Location is always a
//!   single-slash path on this host.
//!
//! The dev server is meant for loopback (it binds 127.0.0.1 unless told otherwise), not for
//! publishing a site.

use hyper::body::{Body, Bytes, Frame, Incoming};
use hyper::header::{HeaderValue, ALLOW, CACHE_CONTROL, CONNECTION, CONTENT_TYPE, LOCATION};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::{mpsc, watch, Semaphore};

/// The script added to served HTML pages.
const LIVE_JS: &str = include_str!("../live.js");
/// Connections served at once. An open tab holds one for its event stream (and browsers
/// keep up to six per host), so this leaves room for a few hundred tabs, and stays well
/// below the usual limit of 1,024 open files of a process.
pub(super) const MAX_CONNECTIONS: usize = 512;
/// The time a client has to send a request's head, from the moment it connects or its
/// previous response was sent (an idle kept-alive connection too): a client that stalls is
/// dropped after it. An event stream, once answered, is not bound by it.
pub(super) const HEAD_TIME: Duration = Duration::from_secs(5);
/// The largest request head read (request line and headers); hyper answers 431 beyond it.
const MAX_HEAD: usize = 64 * 1024;
/// The comment sent on an idle event stream, which finds readers that went away.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// More changed files than this and browsers are told "any": every page reloads.
const CHANGED_LIST: usize = 500;

/// What the browsers are told after each build.
#[derive(Default)]
struct State {
    /// The build's number.
    build: u64,
    /// Its errors, if it failed.
    errors: Option<Vec<String>>,
    /// The output files it changed (`/en/x/index.html`), or `None` for "any".
    changed: Option<Vec<String>>,
}

/// The outcome of the latest build, published by the watch loop to the event streams.
pub(super) struct Live {
    state: watch::Sender<State>,
    /// The line over the errors shown on the page, in the language of the messages.
    heading: String,
}

impl Live {
    pub(super) fn new(heading: String) -> Self {
        Live {
            state: watch::Sender::new(State::default()),
            heading,
        }
    }

    pub(super) fn publish(&self, errors: Option<Vec<String>>, changed: Option<&[String]>) {
        self.state.send_modify(|state| {
            state.build += 1;
            state.errors = errors;
            state.changed = changed
                .filter(|c| c.len() <= CHANGED_LIST)
                .map(|c| c.iter().map(|p| format!("/{p}")).collect());
        });
    }

    /// The event for a reader who saw build `seen` last: one that missed a build is not
    /// told what changed (so every page reloads).
    fn event(state: &State, seen: Option<u64>, heading: &str) -> Bytes {
        let missed = seen.is_some_and(|s| s + 1 < state.build);
        let json = serde_json::json!({
            "build": state.build,
            "errors": state.errors,
            "heading": state.errors.as_ref().map(|_| heading),
            "changed": if missed { None } else { state.changed.as_ref() },
        });
        Bytes::from(format!("data: {json}\n\n"))
    }
}

/// A socket bound for `dala serve`, not yet serving.
pub(super) struct Server {
    listener: std::net::TcpListener,
}

impl Server {
    /// Binds at once, so that a port in use is reported before the first build.
    pub(super) fn bind(host: &str, port: u16) -> std::io::Result<Server> {
        let listener = std::net::TcpListener::bind((host, port))?;
        listener.set_nonblocking(true)?;
        Ok(Server { listener })
    }

    pub(super) fn address(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves `output` on a thread of its own, for as long as the process runs.
    pub(super) fn spawn(self, output: PathBuf, live: Arc<Live>) -> std::io::Result<()> {
        // Two workers: a page and its stylesheet are read side by side; files are read
        // in place (they are local and mostly cached), so no blocking pool grows.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(2)
            .thread_name("dala-http")
            .enable_io()
            .enable_time()
            .build()?;
        let listener = {
            let _inside = runtime.enter();
            tokio::net::TcpListener::from_std(self.listener)?
        };
        std::thread::Builder::new()
            .name("dala-http".into())
            .spawn(move || runtime.block_on(accept(listener, Arc::new(output), live)))?;
        Ok(())
    }
}

async fn accept(listener: tokio::net::TcpListener, output: Arc<PathBuf>, live: Arc<Live>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIME)
        .max_buf_size(MAX_HEAD);
    loop {
        // A slot first: past the cap, connections wait in the listen queue, unread.
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it was taken:
                // wait a moment rather than spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let output = output.clone();
        let live = live.clone();
        let connection = http.serve_connection(
            TokioIo::new(stream),
            hyper::service::service_fn(move |request| {
                let reply = respond(&request, &output, &live);
                async move { Ok::<_, Infallible>(reply) }
            }),
        );
        tokio::spawn(async move {
            let _ = connection.await;
            drop(slot);
        });
    }
}

/// A response's body: bytes known in full (so a Content-Length), or an event stream.
pub(super) enum Reply {
    Full(Option<Bytes>),
    Events(mpsc::Receiver<Bytes>),
}

impl Body for Reply {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Reply::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Reply::Events(events) => events.poll_recv(cx).map(|e| e.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Reply::Full(None))
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        match self {
            Reply::Full(bytes) => {
                hyper::body::SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64))
            }
            Reply::Events(_) => hyper::body::SizeHint::default(),
        }
    }
}

fn respond(request: &Request<Incoming>, output: &Path, live: &Arc<Live>) -> Response<Reply> {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut r = reply(405, "text/plain; charset=utf-8", "method not allowed");
        r.headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        // The body it announced is not read: the connection ends with the answer.
        r.headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
        return r;
    }
    let path = request.uri().path();
    if path == "/__dala/events" {
        let mut r = reply(200, "text/event-stream", "");
        if request.method() == Method::GET {
            *r.body_mut() = Reply::Events(events(live));
        }
        return r;
    }
    if path == "/__dala/live.js" {
        return reply(200, "text/javascript; charset=utf-8", LIVE_JS);
    }
    match locate(output, path) {
        Ok(Found::File(file)) => match std::fs::read(&file) {
            Ok(bytes) => {
                let kind = content_type(&file);
                let body = if kind.starts_with("text/html") {
                    inject(bytes)
                } else {
                    bytes
                };
                reply(200, kind, body)
            }
            Err(_) => not_found(output),
        },
        Ok(Found::Folder) => match HeaderValue::try_from(folder(path)) {
            Ok(location) => {
                let mut r = reply(301, "text/plain; charset=utf-8", "moved");
                r.headers_mut().insert(LOCATION, location);
                r
            }
            Err(_) => reply(400, "text/plain; charset=utf-8", "bad request"),
        },
        Err(400) => reply(400, "text/plain; charset=utf-8", "bad request"),
        Err(_) => not_found(output),
    }
}

/// The address of a folder asked for without its trailing slash: the path as asked for
/// (still percent-encoded), with its empty and `.` segments dropped and a slash added. It
/// never starts with `//`, which a browser would take for another host (`//en/`).
fn folder(path: &str) -> String {
    let mut location = String::from("/");
    for segment in path.split('/').filter(|s| !s.is_empty() && *s != ".") {
        location.push_str(segment);
        location.push('/');
    }
    location
}

/// A server-sent event stream: the current state at once, then one event per build; a
/// comment every 15 s finds readers that went away (the send fails, the task ends).
fn events(live: &Live) -> mpsc::Receiver<Bytes> {
    let (tx, rx) = mpsc::channel(1);
    let mut state = live.state.subscribe();
    let heading = live.heading.clone();
    tokio::spawn(async move {
        let mut seen = None;
        loop {
            let event = {
                let state = state.borrow_and_update();
                let event = Live::event(&state, seen, &heading);
                seen = Some(state.build);
                event
            };
            if tx.send(event).await.is_err() {
                return;
            }
            loop {
                match tokio::time::timeout(KEEP_ALIVE, state.changed()).await {
                    Ok(Ok(())) => break,
                    Ok(Err(_)) => return,
                    Err(_) => {
                        if tx
                            .send(Bytes::from_static(b": still here\n\n"))
                            .await
                            .is_err()
                        {
                            return;
                        }
                    }
                }
            }
        }
    });
    rx
}

fn reply(status: u16, kind: &'static str, body: impl Into<Bytes>) -> Response<Reply> {
    let mut response = Response::new(Reply::Full(Some(body.into())));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn not_found(output: &Path) -> Response<Reply> {
    let body = std::fs::read(output.join("404.html"))
        .map(inject)
        .unwrap_or_else(|_| b"<!doctype html><title>404</title><h1>404</h1>".to_vec());
    reply(404, "text/html; charset=utf-8", body)
}

/// The live-reload script, before `</body>`.
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    const TAG: &[u8] = b"<script src=\"/__dala/live.js\" defer></script>";
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, TAG.iter().copied());
    html
}

enum Found {
    File(PathBuf),
    /// A folder asked for without its trailing slash.
    Folder,
}

/// The file a URL path names inside `output`: 400 for a path that climbs out of it or is
/// not valid, 404 for one that names nothing.
fn locate(output: &Path, path: &str) -> Result<Found, u16> {
    let decoded = crate::url::percent_decode(path).ok_or(400u16)?;
    if decoded.contains(['\0', '\\']) || !decoded.starts_with('/') {
        return Err(400);
    }
    let mut file = output.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(400),
            s => {
                let p = Path::new(s);
                if p.components().count() != 1
                    || !matches!(p.components().next(), Some(Component::Normal(_)))
                {
                    return Err(400);
                }
                file.push(s);
            }
        }
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Ok(Found::Folder);
        }
        file.push("index.html");
    }
    // Symbolic links may not lead out either.
    let real = std::fs::canonicalize(&file).map_err(|_| 404u16)?;
    let base = std::fs::canonicalize(output).map_err(|_| 404u16)?;
    if !real.starts_with(&base) || !real.is_file() {
        return Err(404);
    }
    Ok(Found::File(real))
}

fn content_type(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_build_is_told_with_the_heading_in_the_language_of_the_messages() {
        let live = Live::new("dala: после последней правки сайт не собирается".into());
        live.publish(Some(vec!["a.md:1: ошибка: x".into()]), None);
        let event = Live::event(&live.state.borrow(), None, &live.heading);
        let json: serde_json::Value =
            serde_json::from_slice(event.strip_prefix(b"data: ").unwrap()).unwrap();
        assert_eq!(
            json["heading"],
            "dala: после последней правки сайт не собирается"
        );
        assert_eq!(json["errors"][0], "a.md:1: ошибка: x");
        live.publish(None, None);
        let event = Live::event(&live.state.borrow(), None, &live.heading);
        let json: serde_json::Value =
            serde_json::from_slice(event.strip_prefix(b"data: ").unwrap()).unwrap();
        assert!(json["heading"].is_null());
    }

    #[test]
    fn paths_stay_inside_the_output() {
        let out = std::env::temp_dir().join(format!("dala-serve-test-{}", std::process::id()));
        std::fs::create_dir_all(out.join("ru/статья")).unwrap();
        std::fs::write(out.join("ru/статья/index.html"), "<body></body>").unwrap();
        assert!(matches!(
            locate(&out, "/ru/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F/"),
            Ok(Found::File(_))
        ));
        assert!(matches!(locate(&out, "/ru/статья"), Ok(Found::Folder)));
        for bad in [
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/ru/..%2f..%2f..%2fetc/passwd",
            "/%2e%2e%5c%2e%2e%5cetc",
            "/a%00b",
            "/%zz",
        ] {
            assert_eq!(locate(&out, bad).err(), Some(400), "{bad}");
        }
        assert_eq!(locate(&out, "/nothing/").err(), Some(404));
        let _ = std::fs::remove_dir_all(&out);
        assert_eq!(
            inject(b"<p>x</p></body></html>".to_vec()),
            b"<p>x</p><script src=\"/__dala/live.js\" defer></script></body></html>".to_vec()
        );
    }

    #[test]
    fn folder_redirects_stay_on_this_host() {
        assert_eq!(folder("/en"), "/en/");
        assert_eq!(folder("//en"), "/en/");
        assert_eq!(folder("///evil.example/x"), "/evil.example/x/");
        assert_eq!(folder("/./en//a"), "/en/a/");
        assert_eq!(folder("/%2Fen"), "/%2Fen/");
        assert_eq!(folder("/ru/%D1%81"), "/ru/%D1%81/");
    }
}
