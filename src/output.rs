//! The built site as a sorted map of path -> bytes, and its atomic write.
//!
//! A build never writes into the live output folder. It fills a new folder beside it, where
//! a file whose bytes did not change is hard-linked from the previous output instead of
//! written, then swaps the two folders with two renames. A failed build writes nothing; an
//! interrupted one leaves the previous output whole (and the next build cleans up).

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum Body {
    Bytes(Vec<u8>),
    /// A file copied as it is (static files, bundle assets).
    Copy(PathBuf),
}

#[derive(Debug)]
struct Entry {
    body: Body,
    /// Where the file comes from, to name both sides of a clash.
    origin: String,
}

#[derive(Debug, Default)]
pub struct Output {
    files: BTreeMap<String, Entry>,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
}

impl Output {
    /// Adds a file at `path` (relative, `/`-separated). A path already taken is refused with
    /// the origin of the file that has it.
    pub fn insert(&mut self, path: String, body: Body, origin: String) -> Result<(), String> {
        match self.files.entry(path) {
            std::collections::btree_map::Entry::Occupied(e) => Err(e.get().origin.clone()),
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(Entry { body, origin });
                Ok(())
            }
        }
    }

    /// Adds or replaces (a site's static file over the theme's).
    pub fn replace(&mut self, path: String, body: Body, origin: String) {
        self.files.insert(path, Entry { body, origin });
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn bytes(&self, path: &str) -> Option<&[u8]> {
        match &self.files.get(path)?.body {
            Body::Bytes(b) => Some(b),
            Body::Copy(_) => None,
        }
    }

    /// Writes the site to `out` atomically (see the module docs).
    pub fn write(&self, out: &Path) -> io::Result<WriteStats> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = out
            .file_name()
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "the output must be a named folder",
                )
            })?
            .to_string_lossy()
            .into_owned();
        fs::create_dir_all(parent)?;
        let staging = parent.join(format!(".{name}.dala-new"));
        let retired = parent.join(format!(".{name}.dala-old"));

        // Recover from an interrupted swap, then clear leftovers.
        if !out.exists() && retired.is_dir() {
            fs::rename(&retired, out)?;
        }
        remove_if_exists(&staging)?;
        remove_if_exists(&retired)?;

        fs::create_dir(&staging)?;
        let dirs: BTreeSet<&str> = self
            .files
            .keys()
            .filter_map(|p| p.rfind('/').map(|i| &p[..i]))
            .collect();
        for dir in &dirs {
            fs::create_dir_all(staging.join(dir))?;
        }
        let previous = out.is_dir().then_some(out);
        let results: Vec<io::Result<bool>> = self
            .files
            .par_iter()
            .map(|(path, entry)| {
                place(
                    &staging.join(path),
                    previous.map(|p| p.join(path)),
                    &entry.body,
                )
            })
            .collect();
        let mut stats = WriteStats::default();
        for r in results {
            match r {
                Ok(true) => stats.unchanged += 1,
                Ok(false) => stats.written += 1,
                Err(e) => {
                    let _ = fs::remove_dir_all(&staging);
                    return Err(e);
                }
            }
        }

        if out.exists() {
            fs::rename(out, &retired)?;
        }
        fs::rename(&staging, out)?;
        remove_if_exists(&retired)?;
        Ok(stats)
    }
}

/// Puts one file at `target`: a hard link to the previous output's file when its bytes are
/// the same (returns `true`), else a fresh write.
fn place(target: &Path, previous: Option<PathBuf>, body: &Body) -> io::Result<bool> {
    if let Some(old) = previous {
        if same_bytes(&old, body) && fs::hard_link(&old, target).is_ok() {
            return Ok(true);
        }
    }
    match body {
        Body::Bytes(bytes) => fs::write(target, bytes),
        Body::Copy(source) => fs::copy(source, target).map(|_| ()),
    }
    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", target.display())))?;
    Ok(false)
}

fn same_bytes(old: &Path, body: &Body) -> bool {
    let Ok(meta) = fs::metadata(old) else {
        return false;
    };
    match body {
        Body::Bytes(bytes) => {
            meta.len() == bytes.len() as u64 && fs::read(old).is_ok_and(|b| b == *bytes)
        }
        Body::Copy(source) => {
            fs::metadata(source).is_ok_and(|m| m.len() == meta.len())
                && match (fs::read(old), fs::read(source)) {
                    (Ok(a), Ok(b)) => a == b,
                    _ => false,
                }
        }
    }
}

fn remove_if_exists(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
