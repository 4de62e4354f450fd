//! What keeps the writer to its folder and to one build at a time: the check every path
//! goes through, the lock beside the output, and the error of a build that failed after
//! its commit point.

use super::*;

/// Refuses any path that would not stay inside the folder it is joined to: the one check
/// every path of the output goes through, whoever gives it (a page's URL, an alias, the
/// record or the journal of a previous build, a quick edit).
pub fn check_path(path: &str) -> io::Result<()> {
    let why = if path.is_empty() {
        "it is empty"
    } else if path.starts_with('/') {
        "it is absolute"
    } else if path.contains('\\') {
        "it has a backslash"
    } else if path.chars().any(char::is_control) {
        "it has a control character"
    } else if path
        .split('/')
        .any(|s| s.is_empty() || s == "." || s == "..")
    {
        "it has an empty, `.` or `..` segment"
    } else if !Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        "it is not a plain relative path"
    } else {
        return Ok(());
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "`{}` is not a path inside the output: {why}",
            path.escape_debug()
        ),
    ))
}

/// The file named `suffix` beside the output folder `out` (`.public.dala-lock`).
pub(super) fn beside(out: &Path, suffix: &str) -> io::Result<PathBuf> {
    let name = out.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "the output must be a named folder",
        )
    })?;
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(parent.join(format!(".{}.dala-{suffix}", name.to_string_lossy())))
}

/// Whether a build record (or the lock a build takes) lies beside `out`: the folder is
/// dala's to replace. The lock file is never removed, so an output whose record was
/// deleted to force a full build still counts.
pub fn is_recorded(out: &Path) -> bool {
    ["state", "state-a", "state-b", "journal", "lock"]
        .iter()
        .any(|s| beside(out, s).is_ok_and(|f| f.exists()))
}

/// The exclusive lock on an output, released when dropped.
pub(super) struct OutputLock(fs::File);

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Released explicitly rather than by closing the file: a process forked meanwhile
        // by another thread shares the open file until it execs, and would hold the lock
        // that long (a test's next build found it taken).
        let _ = self.0.unlock();
    }
}

/// Takes the exclusive lock on the output `out`, held until the guard returned is dropped.
/// Fails at once if another build (or `dala serve`) holds it.
pub(super) fn lock(out: &Path) -> io::Result<OutputLock> {
    let path = beside(out, "lock")?;
    let file = fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| with_path(e, &path))?;
    match file.try_lock() {
        Ok(()) => Ok(OutputLock(file)),
        Err(fs::TryLockError::WouldBlock) => Err(io::Error::new(
            io::ErrorKind::WouldBlock,
            format!(
                "another dala build is writing {} (it holds {}): try again when it has finished",
                out.display(),
                path.display()
            ),
        )),
        Err(fs::TryLockError::Error(e)) => Err(with_path(e, &path)),
    }
}

/// An error after the commit point: the output is partly updated, and the next build
/// finishes it from the journal.
#[derive(Debug)]
pub struct PartlyUpdated(pub io::Error);

impl std::fmt::Display for PartlyUpdated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for PartlyUpdated {}

impl PartlyUpdated {
    /// The error after the commit point inside `e`, if that is what it is.
    pub fn of(e: &io::Error) -> Option<&PartlyUpdated> {
        e.get_ref().and_then(|i| i.downcast_ref::<PartlyUpdated>())
    }
}

/// `path` as a case-insensitive file system or host compares it: composed (NFC) and
/// lower-cased.
pub(super) fn fold(path: &str) -> String {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
        .normalize(path)
        .to_lowercase()
}
