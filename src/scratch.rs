//! Where `dala check` and `dala serve` build: a folder per site in the user's own cache
//! (`$XDG_CACHE_HOME/dala`, else `~/.cache/dala`), which only that user can write. Kept
//! between runs so that the next check or serve starts from the last build's record; never
//! in the shared temporary directory, where another user could make the folder first
//! under its predictable name.

use std::io;
use std::path::{Path, PathBuf};

/// The scratch output of `kind` (`check`, `serve`) for the site in `root`.
pub fn output(kind: &str, root: &Path) -> io::Result<PathBuf> {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let tag = crate::util::hash_bytes(root.to_string_lossy().as_bytes());
    Ok(private_cache()?.join(format!("{kind}-{tag:016x}")))
}

/// The user's dala cache folder, made if needed, readable and writable by the user alone.
fn private_cache() -> io::Result<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::NotFound,
                "no cache folder: set HOME or XDG_CACHE_HOME, or give --output",
            )
        })?;
    let dir = base.join("dala");
    std::fs::create_dir_all(&base)?;
    make_private(&dir)?;
    Ok(dir)
}

#[cfg(unix)]
fn make_private(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
    match std::fs::DirBuilder::new().mode(0o700).create(dir) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
        _ => {}
    }
    let meta = std::fs::symlink_metadata(dir)?;
    let home_owner = std::env::var_os("HOME")
        .and_then(|h| std::fs::metadata(h).ok())
        .map(|m| m.uid());
    if !meta.is_dir() || home_owner.is_some_and(|uid| uid != meta.uid()) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} is not a folder of yours: remove it, or give --output",
                dir.display()
            ),
        ));
    }
    if meta.mode() & 0o077 != 0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn make_private(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)
}
