//! Helpers for the integration tests: fixtures copied to scratch folders, the `dala`
//! binary run on them, and the produced HTML parsed.
#![allow(dead_code)]

mod site_test;
#[allow(unused_imports)]
pub use site_test::{Built, SiteTest};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A new empty folder under cargo's scratch space for integration tests.
pub fn scratch(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of a fixture site that a test may change.
pub fn site_copy(name: &str) -> PathBuf {
    let dir = scratch(name).join("site");
    copy_dir(&fixture(name), &dir);
    dir
}

/// `dala` with `args`, its messages in English whatever the locale of the machine (the
/// tests read them; tests/messages.rs tests the other languages).
pub fn dala(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dala"))
        .env("DALA_MESSAGES", "en")
        .args(args)
        .output()
        .unwrap()
}

pub fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    dala(&args)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn html(path: &Path) -> scraper::Html {
    scraper::Html::parse_document(&read(path))
}

pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&scraper::Selector::parse(css).unwrap())
        .collect()
}

pub fn attr(doc: &scraper::Html, css: &str, name: &str) -> Option<String> {
    select(doc, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}

/// Every file below `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The output in `out` equals a fresh `dala build` of the site at `root` (into `fresh/`
/// beside it), byte for byte: what incremental builds and quick edits must give.
pub fn assert_as_fresh(root: &Path, out: &Path) {
    let fresh = root.parent().unwrap().join("fresh");
    let _ = std::fs::remove_dir_all(&fresh);
    let o = build(root, &fresh, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (ours, theirs) = (snapshot(out), snapshot(&fresh));
    let names =
        |s: &[(PathBuf, Vec<u8>)]| -> Vec<PathBuf> { s.iter().map(|(p, _)| p.clone()).collect() };
    assert_eq!(names(&ours), names(&theirs));
    for ((path, a), (_, b)) in ours.iter().zip(&theirs) {
        assert!(a == b, "{} differs from a fresh build", path.display());
    }
}

/// A `dala serve` process on a free port of 127.0.0.1, stopped when the test ends however
/// it ends.
pub struct Served {
    pub child: std::process::Child,
    /// `127.0.0.1:port`.
    pub address: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// Panics if the process has exited: a request killed it.
    pub fn assert_alive(&mut self, after: &str) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!("dala serve exited with {status} after {after}");
        }
    }

    /// How many threads the server process has (Linux: one entry per thread).
    pub fn threads(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/task", self.child.id()))
            .map(|d| d.count())
            .unwrap_or(0)
    }

    /// How many files and sockets the server process has open.
    pub fn open_files(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.child.id()))
            .map(|d| d.count())
            .unwrap_or(0)
    }

    pub fn connect(&self) -> std::net::TcpStream {
        let stream = std::net::TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .unwrap();
        stream
    }
}

/// Starts `dala serve` for `site` into `out`, and waits until it says where it serves.
pub fn serve(site: &Path, out: &Path) -> Served {
    serve_editing(site, out, || {})
}

/// [`serve`], calling `edit` while the first build runs, after it has read the site: as
/// soon as it has staged its first file beside `out` (panics if the build finished first).
pub fn serve_editing(site: &Path, out: &Path, edit: impl FnOnce()) -> Served {
    use std::io::{BufRead, BufReader};
    use std::time::{Duration, Instant};
    let mut edit = Some(edit);
    let staging = out.with_file_name(format!(
        ".{}.dala-new",
        out.file_name().unwrap().to_string_lossy()
    ));
    let child = Command::new(env!("CARGO_BIN_EXE_dala"))
        .env("DALA_MESSAGES", "en")
        .args(["serve", "--port", "0", "--root"])
        .arg(site)
        .arg("--output")
        .arg(out)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut server = Served {
        child,
        address: String::new(),
    };
    let stdout = server.child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let staged = || std::fs::read_dir(&staging).is_ok_and(|mut d| d.next().is_some());
        if edit.is_some() && staged() {
            (edit.take().unwrap())();
        }
        let wait = if edit.is_some() {
            Duration::from_millis(1)
        } else {
            deadline.saturating_duration_since(Instant::now())
        };
        let line = match rx.recv_timeout(wait) {
            Ok(line) => line,
            Err(_) if edit.is_some() && Instant::now() < deadline => continue,
            Err(e) => panic!("dala serve prints its address: {e}"),
        };
        if let Some(rest) = line.strip_prefix("serving http://") {
            assert!(
                edit.is_none(),
                "the first build ended before its staging folder was seen"
            );
            server.address = rest.split('/').next().unwrap().to_string();
            assert!(server.address.starts_with("127.0.0.1:"), "{line}");
            return server;
        }
    }
}

/// `s` with its `%XX` escapes decoded (a URL path of the built site, as a file path).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}
