//! The output folder's file system: its real folders (never through a symbolic link),
//! removals that tolerate what is gone, and the files below a folder.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Walks the folder `dir` of the output `out` down from the output itself, and returns the
/// deepest part of it that exists. Fails on a symbolic link (nothing is written
/// through one, wherever it leads), and on a file where a folder is needed unless it
/// is in `stale` (deleted first). `known` holds the folders seen to be folders.
pub(super) fn real_dir(
    out: &Path,
    dir: &str,
    stale: &HashSet<&str>,
    known: &mut HashSet<String>,
) -> io::Result<PathBuf> {
    let mut deepest = out.to_path_buf();
    if dir.is_empty() {
        return Ok(deepest);
    }
    let ends = dir.match_indices('/').map(|(i, _)| i).chain([dir.len()]);
    for end in ends {
        let prefix = &dir[..end];
        let path = out.join(prefix);
        if known.contains(prefix) {
            deepest = path;
            continue;
        }
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "{}: a symbolic link inside the output: nothing is written through it",
                        path.display()
                    ),
                ))
            }
            Ok(m) if m.is_dir() => {
                known.insert(prefix.to_string());
                deepest = path;
            }
            Ok(_) if stale.contains(prefix) => break,
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::NotADirectory,
                    format!("{}: a file where the build needs a folder", path.display()),
                ))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => break,
            Err(e) => return Err(with_path(e, &path)),
        }
    }
    Ok(deepest)
}

/// The folder of the output path `path` (`""` for the output itself).
pub(super) fn parent_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

pub(super) fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

pub(super) fn remove_file_if_exists(file: &Path) -> io::Result<()> {
    match fs::remove_file(file) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(with_path(e, file)),
        _ => Ok(()),
    }
}

pub(super) fn remove_dir_if_exists(dir: &Path) -> io::Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(with_path(e, dir)),
        _ => Ok(()),
    }
}

/// Files (and symbolic links) below `dir`, as `/`-separated relative paths.
pub(super) fn walk_files(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| crate::util::relative(e.path(), dir))
        .collect()
}
