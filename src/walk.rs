//! Walking the site's folders (`content/`, `static/`) by one rule for links: a symbolic link
//! that resolves inside the site is followed like the file or folder it points to; one that
//! leads outside it (to `/etc/shadow`, say) is never read, and a warning says it was
//! skipped.

use crate::error::{Diagnostic, Kind};
use std::path::{Path, PathBuf};

/// A file found by [`files`]: where it is, and its `/`-separated path inside the folder.
pub struct Found {
    pub path: PathBuf,
    pub rel: String,
}

/// The files below `dir`, in file name order, leaving out names that `ignored` says
/// (folders too) and links that leave `site`. Problems go to `diagnostics`.
pub fn files(
    dir: &Path,
    site: &Path,
    ignored: impl Fn(&str) -> bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Found> {
    let Ok(site) = std::fs::canonicalize(site) else {
        return Vec::new();
    };
    let inside = |path: &Path| std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(&site));
    if !inside(dir) {
        if dir.exists() {
            diagnostics.push(Kind::Path.warning(
                dir,
                "skipped: this folder is a link that leads outside the site",
            ));
        }
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && ignored(&e.file_name().to_string_lossy()) {
                return false;
            }
            if e.path_is_symlink() && !inside(e.path()) {
                skipped.push(e.path().to_path_buf());
                return false;
            }
            true
        });
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() => found.push(Found {
                rel: crate::util::relative(e.path(), dir),
                path: e.path().to_path_buf(),
            }),
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                diagnostics.push(Kind::Io.error(path, format!("cannot read: {e}")));
            }
        }
    }
    for path in skipped {
        diagnostics.push(Kind::Path.warning(
            path,
            "skipped: a link that leads outside the site (or nowhere) is never read",
        ));
    }
    found
}

/// Hidden files, editors' backups and swap files are never content.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || [".swp", ".swx", ".swo", ".tmp", ".kate-swp", ".crswap"]
            .iter()
            .any(|s| name.ends_with(s))
        // vim's probe of whether it may write in a folder.
        || name == "4913"
}
