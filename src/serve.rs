//! `dala serve`: build, serve the output on 127.0.0.1, rebuild on every change, and reload
//! the reader's pages.
//!
//! The site is built as `dala build` builds it, into a folder of its own (the incremental
//! record beside it makes rebuilds cheap), with the served address as base URL. Pages are
//! served as built, except that HTML gets one script before `</body>`: it listens to
//! `/__dala/events` (server-sent events) and reloads the page after a rebuild, or shows the
//! build's errors over the page when the change broke the site. A broken change never stops
//! the server: the previous build stays served until the next good one.

use crate::build::{BuildOptions, Session};
use crate::error::Diagnostic;
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The script added to served HTML pages.
const LIVE_JS: &str = include_str!("live.js");
/// The folders of a site that a change in triggers a rebuild.
const WATCHED: &[&str] = &["content", "themes", "templates", "i18n", "static"];
/// Quiet time after a change before rebuilding: editors save in several steps.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// Time given to browsers to reload a page rendered at once, before the whole build that
/// brings the rest of the site up to date takes the processor.
const FOLLOW: Duration = Duration::from_millis(200);
/// The longest an owed whole build waits when edits keep coming.
const FOLLOW_AT_MOST: Duration = Duration::from_secs(2);

pub struct ServeOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub bind: String,
    pub port: u16,
    /// Replace an `output` that no dala build made (see `BuildOptions::force`).
    pub force: bool,
}

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

struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

/// More changed files than this and browsers are told "any": every page reloads.
const CHANGED_LIST: usize = 500;

impl Live {
    fn publish(&self, errors: Option<Vec<String>>, changed: Option<&[String]>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.build += 1;
        state.errors = errors;
        state.changed = changed
            .filter(|c| c.len() <= CHANGED_LIST)
            .map(|c| c.iter().map(|p| format!("/{p}")).collect());
        self.changed.notify_all();
    }

    /// The event for a reader who saw build `seen` last: one that missed a build is not
    /// told what changed (so every page reloads).
    fn event(state: &State, seen: Option<u64>) -> Vec<u8> {
        let missed = seen.is_some_and(|s| s + 1 < state.build);
        let json = serde_json::json!({
            "build": state.build,
            "errors": state.errors,
            "changed": if missed { None } else { state.changed.as_ref() },
        });
        format!("data: {json}\n\n").into_bytes()
    }
}

/// The chunk size of tiny_http's chunked responses.
const EVENT_CHUNK: usize = 8192;

/// A server-sent event stream: the current state at once, then one event per build; a
/// comment every 15 s finds readers that went away.
struct Events {
    live: Arc<Live>,
    seen: Option<u64>,
    pending: Vec<u8>,
}

impl Read for Events {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            let state = self.live.state.lock().unwrap_or_else(|e| e.into_inner());
            let (state, timeout) = self
                .live
                .changed
                .wait_timeout_while(state, Duration::from_secs(15), |s| {
                    Some(s.build) == self.seen
                })
                .unwrap_or_else(|e| e.into_inner());
            if timeout.timed_out() && Some(state.build) == self.seen {
                self.pending = b": still here\n\n".to_vec();
            } else {
                self.pending = Live::event(&state, self.seen);
                self.seen = Some(state.build);
            }
            // tiny_http sends a body in chunks of 8 KiB, each when the byte after it comes: a
            // comment fills each event up to whole chunks, and one more newline (an empty
            // line, which the browser ignores) pushes the last chunk out.
            let fill = EVENT_CHUNK - (self.pending.len() + 2) % EVENT_CHUNK;
            self.pending.push(b':');
            self.pending
                .extend(std::iter::repeat_n(b' ', fill % EVENT_CHUNK));
            self.pending.extend(b"\n\n");
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}

/// Runs until interrupted; returns an exit status when it cannot start.
pub fn serve(options: ServeOptions) -> i32 {
    let server = match tiny_http::Server::http((options.bind.as_str(), options.port)) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!(
                "error: cannot listen on {}:{}: {e}",
                options.bind, options.port
            );
            return 1;
        }
    };
    let address = match server.server_addr().to_ip() {
        Some(a) => a,
        None => {
            eprintln!("error: not an IP address: {}", options.bind);
            return 1;
        }
    };
    let output = options.output.clone().unwrap_or_else(|| {
        let root = std::fs::canonicalize(&options.root).unwrap_or(options.root.clone());
        let tag = crate::output::hash_bytes(root.to_string_lossy().as_bytes());
        std::env::temp_dir().join(format!("dala-serve-{tag:016x}"))
    });
    let build_options = BuildOptions {
        root: options.root.clone(),
        output: Some(output.clone()),
        drafts: options.drafts,
        base_url: Some(format!("http://{address}")),
        // The default output, a folder of the temporary directory, is serve's own.
        force: options.force || options.output.is_none(),
        progress: None,
    };
    let live = Arc::new(Live {
        state: Mutex::new(State::default()),
        changed: Condvar::new(),
    });
    let mut session = Session::new(build_options);
    rebuild(&mut session, &live, "built");
    println!(
        "serving http://{address}/ from {} (Ctrl-C stops)",
        output.display()
    );
    let _ = std::io::stdout().flush();

    for _ in 0..4 {
        let server = server.clone();
        let live = live.clone();
        let output = output.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                respond(request, &output, &live);
            }
        });
    }

    let (tx, rx) = channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch the site for changes: {e}");
            return 1;
        }
    };
    let _ = watcher.watch(&options.root, RecursiveMode::NonRecursive);
    // Which of the WATCHED folders are being watched: a folder created later (templates/,
    // static/) is added, one removed and made again is watched anew. Watching a folder
    // walks all of it, so it is not done again on every change.
    let mut watched = [false; WATCHED.len()];
    let mut watch = |watcher: &mut notify::RecommendedWatcher| {
        for (dir, on) in WATCHED.iter().zip(watched.iter_mut()) {
            let dir = options.root.join(dir);
            match (dir.is_dir(), *on) {
                (true, false) => *on = watcher.watch(&dir, RecursiveMode::Recursive).is_ok(),
                (false, true) => *on = false,
                _ => {}
            }
        }
    };
    watch(&mut watcher);
    let root = std::fs::canonicalize(&options.root).unwrap_or(options.root.clone());
    let roots = [root.as_path(), options.root.as_path()];
    // A whole build owed (since then) to a quick edit that other pages show: it waits a
    // moment, so that the browsers get the edited page first, and is not lost to the next
    // quick edit, nor put off for long by an editor that saves all the time.
    let mut owed: Option<Instant> = None;
    loop {
        let next = match owed {
            Some(since) if since.elapsed() > FOLLOW_AT_MOST => Err(RecvTimeoutError::Timeout),
            Some(_) => rx.recv_timeout(FOLLOW),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let first = match next {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => {
                rebuild(&mut session, &live, "rebuilt");
                owed = None;
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return 0,
        };
        let seen = Instant::now();
        let mut changed = touched(&roots, &first);
        // Wait for the editor to finish saving: until nothing changes for a moment.
        loop {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(event) => {
                    changed = match (changed, touched(&roots, &event)) {
                        (Some(mut all), Some(more)) => {
                            all.extend(more);
                            Some(all)
                        }
                        _ => None,
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return 0,
            }
        }
        if changed.as_ref().is_some_and(|c| c.is_empty()) {
            continue;
        }
        watch(&mut watcher);
        let changed: Option<Vec<String>> = changed.map(|c| c.into_iter().collect());
        if let Some(edit) = changed.as_deref().and_then(|c| session.edit(c)) {
            let root = &session.options().root;
            for w in &edit.warnings {
                eprintln!("{}", relative(w, root));
            }
            if edit.pages == 0 {
                continue;
            }
            println!(
                "rendered {} page(s) and wrote {} file(s) in {} ms after the change{}",
                edit.pages,
                edit.written.len(),
                seen.elapsed().as_millis(),
                if edit.complete {
                    ""
                } else {
                    "; the rest of the site follows"
                }
            );
            live.publish(None, Some(&edit.written));
            if !edit.complete {
                owed = owed.or(Some(seen));
            }
            continue;
        }
        rebuild(&mut session, &live, "rebuilt");
        owed = None;
    }
}

/// The site files an event touches, relative to the root and `/`-separated, without
/// editors' scratch files; `None` when the watcher cannot say (an error). `roots` are the
/// site's root as found on disk and as given: the watcher reports paths below the one it
/// was given.
fn touched(roots: &[&Path], event: &notify::Result<notify::Event>) -> Option<BTreeSet<String>> {
    let Ok(event) = event else {
        return None;
    };
    let mut files = BTreeSet::new();
    if matches!(event.kind, notify::EventKind::Access(_)) {
        return Some(files);
    }
    for path in &event.paths {
        let Some(rel) = roots.iter().find_map(|r| path.strip_prefix(r).ok()) else {
            continue;
        };
        let top = rel.components().next().and_then(|c| c.as_os_str().to_str());
        let source = match top {
            Some("site.yaml") => true,
            Some(dir) => WATCHED.contains(&dir),
            None => false,
        };
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let scratch = name.ends_with('~')
            || name.starts_with(".#")
            || (name.starts_with('#') && name.ends_with('#'))
            || [".swp", ".swx", ".swo", ".tmp", ".kate-swp", ".crswap"]
                .iter()
                .any(|s| name.ends_with(s))
            || name == "4913"
            || name == ".DS_Store";
        if source && !scratch {
            let parts: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            files.insert(parts.join("/"));
        }
    }
    Some(files)
}

fn rebuild(session: &mut Session, live: &Live, what: &str) {
    let started = Instant::now();
    let root = session.options().root.clone();
    match session.build() {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("{}", relative(w, &root));
            }
            println!(
                "{what} in {} ms: {} pages rendered, {} files written",
                started.elapsed().as_millis(),
                report.pages_rendered,
                report.stats.written
            );
            live.publish(None, report.stats.changed.as_deref());
        }
        Err(failure) => {
            let lines: Vec<String> = failure
                .diagnostics
                .iter()
                .map(|d| relative(d, &root))
                .collect();
            for l in &lines {
                eprintln!("{l}");
            }
            eprintln!("{failure}; still serving the last good build");
            live.publish(Some(lines), None);
        }
    }
    let _ = std::io::stdout().flush();
}

/// A diagnostic with its file relative to the site, as editors know it.
fn relative(d: &Diagnostic, root: &Path) -> String {
    let text = d.to_string();
    let root = root.to_string_lossy();
    let root = root.trim_end_matches('/');
    match text.strip_prefix(root) {
        Some(rest) if !root.is_empty() && root != "." => rest.trim_start_matches('/').to_string(),
        _ => text,
    }
}

fn respond(request: tiny_http::Request, output: &Path, live: &Arc<Live>) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == "/__dala/events" {
        let events = Events {
            live: live.clone(),
            seen: None,
            pending: Vec::new(),
        };
        let response = tiny_http::Response::new(
            tiny_http::StatusCode(200),
            [
                header("Content-Type", "text/event-stream"),
                header("Cache-Control", "no-store"),
            ]
            .into_iter()
            .flatten()
            .collect(),
            events,
            None,
            None,
        );
        // The stream lasts as long as the page: not on a worker of the pool.
        std::thread::spawn(move || {
            let _ = request.respond(response);
        });
        return;
    }
    if path == "/__dala/live.js" {
        let _ = request.respond(reply(200, "text/javascript; charset=utf-8", LIVE_JS.into()));
        return;
    }
    let response = match locate(output, path) {
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
        Ok(Found::Folder) => match header("Location", &format!("{path}/")) {
            Some(location) => {
                let mut r = reply(301, "text/plain; charset=utf-8", b"moved".to_vec());
                r.add_header(location);
                r
            }
            None => reply(400, "text/plain; charset=utf-8", b"bad request".to_vec()),
        },
        Err(400) => reply(400, "text/plain; charset=utf-8", b"bad request".to_vec()),
        Err(_) => not_found(output),
    };
    let _ = request.respond(response);
}

/// A header; `None` if the value cannot be one (only a redirect's path comes from outside).
fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn reply(status: u16, kind: &str, body: Vec<u8>) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let mut response = tiny_http::Response::from_data(body).with_status_code(status);
    for h in [
        header("Content-Type", kind),
        header("Cache-Control", "no-store"),
    ]
    .into_iter()
    .flatten()
    {
        response.add_header(h);
    }
    response
}

fn not_found(output: &Path) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
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
}
