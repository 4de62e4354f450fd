//! `dala serve`: build, serve the output on 127.0.0.1, rebuild on every change, and reload
//! the reader's pages.
//!
//! The site is built as `dala build` builds it, into a folder of its own (the incremental
//! record beside it makes rebuilds cheap), with the served address as base URL. Pages are
//! served as built, except that HTML gets one script before `</body>`: it listens to
//! `/__dala/events` (server-sent events) and reloads the page after a rebuild, or shows the
//! build's errors over the page when the change broke the site. A broken change never stops
//! the server: the previous build stays served until the next good one.
//!
//! This file builds and watches; `serve/http.rs` answers requests, with limits that keep a
//! hostile client from stopping the server.

mod http;

use crate::build::{BuildOptions, Session};
use crate::error::Diagnostic;
use crate::messages::{translate, Lang};
use http::Live;
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The folders of a site that a change in triggers a rebuild.
const WATCHED: &[&str] = &["content", "themes", "templates", "i18n", "static", "data"];
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
    /// The language of the messages, in the terminal and over the page.
    pub messages: Lang,
    /// `--now`; without it each build reads `SOURCE_DATE_EPOCH`, else the clock.
    pub now: Option<String>,
}

/// Runs until interrupted; returns an exit status when it cannot start.
pub fn serve(options: ServeOptions) -> i32 {
    let (server, address, output) = match listen(&options) {
        Ok(ready) => ready,
        Err(message) => {
            eprintln!("{}", error_in(options.messages, &message));
            return crate::error::EXIT_SITE_ERRORS;
        }
    };
    let build_options = BuildOptions {
        root: options.root.clone(),
        output: Some(output.clone()),
        drafts: options.drafts,
        base_url: Some(format!("http://{address}")),
        // The default output, a folder of the temporary directory, is serve's own.
        force: options.force || options.output.is_none(),
        progress: None,
        strict: false,
        links_checked_after: false,
        serving: true,
        precompress: Some(false), // served by dala itself; quick edits rewrite pages in place
        now: options.now.clone(),
    };
    let (tx, rx) = channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            let message = format!("cannot watch the site for changes: {e}");
            eprintln!("{}", error_in(options.messages, &message));
            return crate::error::EXIT_SITE_ERRORS;
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
    // Watching starts before the first build: an edit saved while it runs, or right after
    // the first page is served, is seen (its events wait in the channel).
    let messages = options.messages;
    let heading = translate(
        messages,
        "dala: the last change does not build; this is the page as it was.",
    );
    let live = Arc::new(Live::new(heading));
    let mut session = Session::new(build_options);
    rebuild(&mut session, &live, "built", messages);
    let serving = format!(
        "serving http://{address}/ from {} (Ctrl-C stops)",
        output.display()
    );
    println!("{}", translate(messages, &serving));
    let _ = std::io::stdout().flush();

    if let Err(e) = server.spawn(output.clone(), live.clone()) {
        eprintln!("{}", error_in(messages, &format!("cannot serve: {e}")));
        return crate::error::EXIT_SITE_ERRORS;
    }

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
                rebuild(&mut session, &live, "rebuilt", messages);
                owed = None;
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return crate::error::EXIT_OK,
        };
        let seen = Instant::now();
        let Some(changed) = settle(&rx, &roots, &first) else {
            return crate::error::EXIT_OK;
        };
        if changed.as_ref().is_some_and(|c| c.is_empty()) {
            continue;
        }
        watch(&mut watcher);
        let changed: Option<Vec<String>> = changed.map(|c| c.into_iter().collect());
        if let Some(edit) = changed.as_deref().and_then(|c| session.edit(c)) {
            let root = &session.options().root;
            for w in &edit.warnings {
                eprintln!("{}", relative(w, root, messages));
            }
            if edit.pages == 0 {
                continue;
            }
            let rendered = format!(
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
            println!("{}", translate(messages, &rendered));
            live.publish(None, Some(&edit.written));
            if !edit.complete {
                owed = owed.or(Some(seen));
            }
            continue;
        }
        rebuild(&mut session, &live, "rebuilt", messages);
        owed = None;
    }
}

/// The server bound to `--bind` and `--port`, its address, and the folder to build into;
/// or what went wrong.
fn listen(options: &ServeOptions) -> Result<(http::Server, std::net::SocketAddr, PathBuf), String> {
    let server = http::Server::bind(&options.bind, options.port)
        .map_err(|e| format!("cannot listen on {}:{}: {e}", options.bind, options.port))?;
    let address = server
        .address()
        .map_err(|e| format!("not an IP address: {}: {e}", options.bind))?;
    let output = match options.output.clone() {
        Some(output) => output,
        None => crate::scratch::output("serve", &options.root)
            .map_err(|e| format!("no folder to build the site in: {e}"))?,
    };
    Ok((server, address, output))
}

/// The files that `first` and the events after it touch, once the editor has finished
/// saving (nothing changed for a moment): `Some(None)` when the watcher cannot say which,
/// `None` when the watcher is gone.
fn settle(
    rx: &std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    roots: &[&Path],
    first: &notify::Result<notify::Event>,
) -> Option<Option<BTreeSet<String>>> {
    let mut changed = touched(roots, first);
    loop {
        match rx.recv_timeout(DEBOUNCE) {
            Ok(event) => {
                changed = match (changed, touched(roots, &event)) {
                    (Some(mut all), Some(more)) => {
                        all.extend(more);
                        Some(all)
                    }
                    _ => None,
                }
            }
            Err(RecvTimeoutError::Timeout) => return Some(changed),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
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
        // Editors' scratch files: the build leaves them out, so no change to see.
        let scratch = crate::content::is_ignored(name);
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

fn rebuild(session: &mut Session, live: &Live, what: &str, messages: Lang) {
    let started = Instant::now();
    let root = session.options().root.clone();
    match session.build() {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("{}", relative(w, &root, messages));
            }
            let built = format!(
                "{what} in {} ms: {} pages rendered, {} files written",
                started.elapsed().as_millis(),
                report.pages_rendered,
                report.stats.written
            );
            println!("{}", translate(messages, &built));
            live.publish(None, report.stats.changed.as_deref());
        }
        Err(failure) => {
            let lines: Vec<String> = failure
                .diagnostics
                .iter()
                .map(|d| relative(d, &root, messages))
                .collect();
            for l in &lines {
                eprintln!("{l}");
            }
            let failed = format!("{failure}; still serving the last good build");
            eprintln!("{}", translate(messages, &failed));
            live.publish(Some(lines), None);
        }
    }
    let _ = std::io::stdout().flush();
}

/// `error: message`, in `messages`.
fn error_in(messages: Lang, message: &str) -> String {
    format!(
        "{}: {}",
        crate::messages::severity(messages, "error"),
        translate(messages, message)
    )
}

/// A diagnostic with its file relative to the site, as editors know it, in `messages`.
fn relative(d: &Diagnostic, root: &Path, messages: Lang) -> String {
    let text = d.to_string_in(messages);
    let root = root.to_string_lossy();
    let root = root.trim_end_matches('/');
    match text.strip_prefix(root) {
        Some(rest) if !root.is_empty() && root != "." => rest.trim_start_matches('/').to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_under_data_is_seen() {
        let root = Path::new("/site");
        let event =
            |path: &str| Ok(notify::Event::new(notify::EventKind::Any).add_path(root.join(path)));
        let seen = |path: &str| touched(&[root], &event(path)).unwrap();
        assert_eq!(
            seen("data/solutions.yaml"),
            BTreeSet::from(["data/solutions.yaml".to_string()])
        );
        assert!(seen("data/.solutions.yaml.swp").is_empty());
        assert!(seen("public/index.html").is_empty());
    }
}
