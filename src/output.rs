//! Writing the built site: atomically, and touching only files whose bytes changed.
//!
//! A build never writes into the live output folder while it renders. Every file it
//! produces goes to a staging folder beside the output (`.public.dala-new`), and only once
//! the whole site rendered without error is the output changed:
//!
//! - with no previous output (or no record of it), the staging folder *is* the new output
//!   and replaces the old one with two renames;
//! - otherwise the staging folder holds only the files whose bytes changed. A journal of the
//!   files to delete is written first (the commit point), then each changed file is renamed
//!   into place and stale files are removed. A build interrupted after the commit point is
//!   finished by the next one; one interrupted before it leaves the output as it was.
//!
//! What the output holds is recorded beside it (`.public.dala-state-a` or `-b`, named by
//! `.public.dala-state`): each file's length and hash, and the build cache that lets the
//! next build skip unchanged pages.

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::hash::Hasher;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What a file of the output is: its length and a hash of its bytes (or, for a copied
/// file, of its source's length and modification time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub hash: u64,
}

impl Stamp {
    fn of(bytes: &[u8]) -> Stamp {
        Stamp {
            len: bytes.len() as u64,
            hash: hash_bytes(bytes),
        }
    }
}

/// A stable 64-bit hash for stamps and fingerprints (SipHash with fixed keys).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// Where an output file comes from, to name both sides of a clash.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    pub file: PathBuf,
    pub line: Option<usize>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}", self.file.display()),
            None => write!(f, "{}", self.file.display()),
        }
    }
}

/// The record kept beside the output.
#[derive(Debug, Serialize, Deserialize)]
struct State<C> {
    version: String,
    files: BTreeMap<String, Stamp>,
    cache: C,
}

/// What an interrupted commit still has to do.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Journal {
    stale: Vec<String>,
    slot: usize,
}

#[derive(Debug, Default, Clone)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// The files written or removed, or `None` when the whole output was replaced.
    pub changed: Option<Vec<String>>,
}

pub struct Writer {
    out: PathBuf,
    staging: PathBuf,
    /// Names the record slot in use: `a` or `b`.
    state_file: PathBuf,
    /// The two record slots, written in place in turn (see [`Writer::commit`]).
    slots: [PathBuf; 2],
    /// Which slot holds the current record.
    slot: usize,
    journal: PathBuf,
    retired: PathBuf,
    /// Lists the files that [`write_live`] changed after the record was written.
    dirty: PathBuf,
    /// Those files: what the record says of them is not what their page was rendered from.
    distrusted: HashSet<String>,
    /// The files of the previous output, when it is there and recorded.
    previous: Option<BTreeMap<String, Stamp>>,
    made_dirs: Mutex<HashSet<String>>,
    files: Mutex<BTreeMap<String, (Stamp, Origin)>>,
    written: Mutex<Vec<String>>,
    clashes: Mutex<BTreeMap<String, BTreeSet<Origin>>>,
}

fn version_tag() -> String {
    // The hash function is part of the record: a toolchain that changes it invalidates it.
    // So is the program itself (its size and time): a dala built from other sources, even
    // of the same version, may render differently.
    let program = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let time = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            format!("{}-{}", m.len(), time.map_or(0, |d| d.as_nanos()))
        })
        .unwrap_or_default();
    format!(
        "dala {} {:x} {program}",
        env!("CARGO_PKG_VERSION"),
        hash_bytes(b"dala")
    )
}

impl Writer {
    /// Prepares a build into `out`: finishes or discards an interrupted one, and reads the
    /// record of the previous output. Returns the writer and the previous build cache.
    pub fn begin<C: DeserializeOwned + Default>(out: &Path) -> io::Result<(Writer, C)> {
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
        let beside = |suffix: &str| parent.join(format!(".{name}.dala-{suffix}"));
        let writer = Writer {
            out: out.to_path_buf(),
            staging: beside("new"),
            state_file: beside("state"),
            slots: [beside("state-a"), beside("state-b")],
            slot: 0,
            journal: beside("journal"),
            retired: beside("old"),
            dirty: beside("dirty"),
            distrusted: HashSet::new(),
            previous: None,
            made_dirs: Mutex::default(),
            files: Mutex::default(),
            written: Mutex::default(),
            clashes: Mutex::default(),
        };
        writer.recover()?;
        fs::create_dir(&writer.staging)?;

        let slot = usize::from(fs::read(&writer.state_file).is_ok_and(|b| b == b"b"));
        let state = fs::read(&writer.slots[slot])
            .ok()
            .and_then(|bytes| serde_json::from_slice::<State<C>>(&bytes).ok())
            .filter(|s| s.version == version_tag() && out.is_dir());
        Ok(match state {
            Some(mut state) => {
                // Files written in place since the record: stamped as they are now, so that
                // one rendered again to the same bytes is not written again, but never kept
                // on the strength of the record (see `unchanged`).
                let mut distrusted = HashSet::new();
                if let Ok(dirty) = fs::read_to_string(&writer.dirty) {
                    for path in dirty.lines() {
                        match fs::read(out.join(path)) {
                            Ok(bytes) => state.files.insert(path.to_string(), Stamp::of(&bytes)),
                            Err(_) => state.files.remove(path),
                        };
                        distrusted.insert(path.to_string());
                    }
                }
                (
                    Writer {
                        previous: Some(state.files),
                        distrusted,
                        slot,
                        ..writer
                    },
                    state.cache,
                )
            }
            None => (Writer { slot, ..writer }, C::default()),
        })
    }

    /// Completes or discards whatever an interrupted build left.
    fn recover(&self) -> io::Result<()> {
        if self.journal.exists() {
            let journal: Journal = fs::read(&self.journal)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok())
                .unwrap_or_default();
            let staged: Vec<String> = walk_files(&self.staging);
            self.apply(&staged, &journal.stale)?;
            self.point_to(journal.slot)?;
            fs::remove_file(&self.journal)?;
        }
        if !self.out.exists() && self.retired.is_dir() {
            fs::rename(&self.retired, &self.out)?;
        }
        remove_dir_if_exists(&self.staging)?;
        remove_dir_if_exists(&self.retired)
    }

    /// Whether the file at `path` is recorded (as `stamp`, if given) and still there.
    fn unchanged(&self, path: &str, stamp: Option<Stamp>) -> Option<Stamp> {
        let previous = *self.previous.as_ref()?.get(path)?;
        match stamp {
            Some(s) if s != previous => return None,
            None if self.distrusted.contains(path) => return None,
            _ => {}
        }
        let len = fs::metadata(self.out.join(path)).ok()?.len();
        (len == previous.len).then_some(previous)
    }

    fn record(&self, path: &str, stamp: Stamp, origin: Origin) -> bool {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, other)) = files.get(path) {
            let mut clashes = self.clashes.lock().unwrap_or_else(|e| e.into_inner());
            let set = clashes.entry(path.to_string()).or_default();
            set.insert(other.clone());
            set.insert(origin);
            return false;
        }
        files.insert(path.to_string(), (stamp, origin));
        true
    }

    /// Whether the previous output's file at `path` is recorded and still there.
    pub fn intact(&self, path: &str) -> bool {
        self.unchanged(path, None).is_some()
    }

    /// Keeps the previous output's file at `path` as it is, if it is recorded and there.
    /// Returns false when the file must be produced anew.
    pub fn keep(&self, path: &str, origin: Origin) -> bool {
        match self.unchanged(path, None) {
            Some(stamp) => {
                self.record(path, stamp, origin);
                true
            }
            None => false,
        }
    }

    /// Adds a file with these bytes.
    pub fn put(&self, path: &str, bytes: &[u8], origin: Origin) -> io::Result<()> {
        let stamp = Stamp::of(bytes);
        if !self.record(path, stamp, origin) || self.unchanged(path, Some(stamp)).is_some() {
            return Ok(());
        }
        self.stage(path, |target| fs::write(target, bytes))
    }

    /// Adds a copy of `source` (static files, bundle assets).
    pub fn copy(&self, path: &str, source: &Path, origin: Origin) -> io::Result<()> {
        let meta = fs::metadata(source).map_err(|e| with_path(e, source))?;
        let modified = meta
            .modified()
            .ok()
            .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let stamp = Stamp {
            len: meta.len(),
            hash: hash_bytes(format!("copy {modified}").as_bytes()),
        };
        if !self.record(path, stamp, origin) || self.unchanged(path, Some(stamp)).is_some() {
            return Ok(());
        }
        self.stage(path, |target| fs::copy(source, target).map(|_| ()))
    }

    fn stage(&self, path: &str, write: impl FnOnce(&Path) -> io::Result<()>) -> io::Result<()> {
        let target = self.staging.join(path);
        if let Some(dir) = path.rfind('/').map(|i| &path[..i]) {
            let known = self
                .made_dirs
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(dir);
            if !known {
                fs::create_dir_all(self.staging.join(dir))
                    .map_err(|e| with_path(e, &self.staging.join(dir)))?;
                self.made_dirs
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(dir.to_string());
            }
        }
        write(&target).map_err(|e| with_path(e, &target))?;
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.to_string());
        Ok(())
    }

    /// Paths produced by more than one source, each with all its sources.
    pub fn clashes(&self) -> BTreeMap<String, BTreeSet<Origin>> {
        self.clashes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Throws the staged files away: the output stays as it was.
    pub fn abort(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }

    /// Makes the staged site the output, and records it with `cache` for the next build.
    pub fn commit<C: Serialize>(self, cache: &C) -> io::Result<WriteStats> {
        let files: BTreeMap<String, Stamp> = self
            .files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .map(|(p, (s, _))| (p.clone(), *s))
            .collect();
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        let mut stats = WriteStats {
            written: written.len(),
            unchanged: files.len() - written.len(),
            removed: 0,
            changed: None,
        };
        // The record goes to the slot not in use, written over in place: replacing or
        // deleting a large file that has reached the disk costs this kind of file system
        // (ext4 mounted with `discard`) a second or more, which a one-page rebuild must not
        // pay. A crash while writing it leaves the slot in use untouched.
        let slot = 1 - self.slot;
        let mut file = io::BufWriter::with_capacity(
            1 << 20,
            fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .open(&self.slots[slot])?,
        );
        serde_json::to_writer(
            &mut file,
            &State {
                version: version_tag(),
                files: files.clone(),
                cache,
            },
        )
        .map_err(io::Error::other)?;
        let file = file.into_inner().map_err(|e| e.into_error())?;
        let len = io::Seek::stream_position(&mut &file)?;
        file.set_len(len)?;

        match &self.previous {
            None => {
                // Everything is staged: swap the folders. No record stands meanwhile, so
                // that a crash in between leads to a full build, not to a wrong record.
                remove_file_if_exists(&self.state_file)?;
                if self.out.exists() {
                    fs::rename(&self.out, &self.retired)?;
                }
                fs::rename(&self.staging, &self.out)?;
                self.point_to(slot)?;
                remove_file_if_exists(&self.dirty)?;
                remove_dir_if_exists(&self.retired)?;
            }
            Some(previous) => {
                // The last build's files that this one did not produce (deleted pages).
                // Walking the whole output instead would cost more than the rest of a small
                // rebuild; a full build (no record) replaces the folder whole.
                let stale: Vec<String> = previous
                    .keys()
                    .filter(|p| !files.contains_key(*p))
                    .cloned()
                    .collect();
                stats.removed = stale.len();
                stats.changed = Some(written.iter().chain(&stale).cloned().collect());
                // The journal is the commit point: from here on, a build that is cut short
                // is finished by the next one.
                let journal = Journal { stale, slot };
                fs::write(
                    &self.journal,
                    serde_json::to_vec(&journal).map_err(io::Error::other)?,
                )?;
                self.apply(&written, &journal.stale)?;
                self.point_to(slot)?;
                remove_file_if_exists(&self.dirty)?;
                fs::remove_file(&self.journal)?;
                remove_dir_if_exists(&self.staging)?;
            }
        }
        Ok(stats)
    }

    /// Makes `slot` the record in use.
    fn point_to(&self, slot: usize) -> io::Result<()> {
        let tmp = self.state_file.with_extension("tmp");
        fs::write(&tmp, if slot == 1 { "b" } else { "a" })?;
        fs::rename(&tmp, &self.state_file)
    }

    /// Moves staged files into the output and deletes stale ones.
    fn apply(&self, staged: &[String], stale: &[String]) -> io::Result<()> {
        let mut made: HashSet<&str> = HashSet::new();
        for path in staged {
            if let Some(dir) = path.rfind('/').map(|i| &path[..i]) {
                if made.insert(dir) {
                    fs::create_dir_all(self.out.join(dir))?;
                }
            }
            let from = self.staging.join(path);
            if from.exists() {
                replace(&from, &self.out.join(path)).map_err(|e| with_path(e, &from))?;
            }
        }
        for path in stale {
            let target = self.out.join(path);
            match fs::remove_file(&target) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(with_path(e, &target)),
                _ => {}
            }
            // Remove folders left empty, up to the output itself.
            let mut dir = target.parent();
            while let Some(d) = dir.filter(|d| *d != self.out && d.starts_with(&self.out)) {
                if fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        Ok(())
    }
}

/// Writes files straight into a built output, for `dala serve`'s quick rebuilds: each file
/// whose bytes differ from the one there is written beside it and renamed into place. Their
/// paths are first added to a list beside the output that the next [`Writer`] reads, so that
/// it does not trust its record for them. Returns the paths written.
pub fn write_live(out: &Path, files: &[(String, Vec<u8>)]) -> io::Result<Vec<String>> {
    let changed: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(path, bytes)| fs::read(out.join(path)).ok().as_deref() != Some(bytes))
        .collect();
    if changed.is_empty() {
        return Ok(Vec::new());
    }
    let name = out
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "unnamed output"))?
        .to_string_lossy();
    let beside = |suffix: &str| out.with_file_name(format!(".{name}.dala-{suffix}"));
    let mut list = String::new();
    for (path, _) in &changed {
        list.push_str(path);
        list.push('\n');
    }
    io::Write::write_all(
        &mut fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(beside("dirty"))?,
        list.as_bytes(),
    )?;
    let tmp = beside("live");
    for (path, bytes) in &changed {
        let target = out.join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&tmp, bytes)?;
        // A plain rename: the file is being served, and must never be missing.
        fs::rename(&tmp, &target).map_err(|e| with_path(e, &target))?;
    }
    Ok(changed.into_iter().map(|(p, _)| p.clone()).collect())
}

/// Moves `from` to `to`, replacing it. The old file is unlinked first: ext4 writes a file
/// renamed over another to disk at once (its `auto_da_alloc` safeguard), which would make
/// every replaced page wait for the disk. A crash between the two steps loses nothing: the
/// journal finishes the move.
fn replace(from: &Path, to: &Path) -> io::Result<()> {
    remove_file_if_exists(to)?;
    fs::rename(from, to)
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

fn remove_file_if_exists(file: &Path) -> io::Result<()> {
    match fs::remove_file(file) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(with_path(e, file)),
        _ => Ok(()),
    }
}

fn remove_dir_if_exists(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(with_path(e, dir)),
        _ => Ok(()),
    }
}

/// Files below `dir`, as `/`-separated relative paths.
fn walk_files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| crate::content::relative(e.path(), dir))
        .collect()
}
