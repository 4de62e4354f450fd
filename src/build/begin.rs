//! The first phase: check where the output goes, take its lock and read the last build's
//! record.

use super::record::BuildCache;
use crate::error::{BuildFailure, Kind};
use crate::output::Writer;
use std::path::Path;

/// The writer, holding the output's lock, and what the last build recorded.
pub(super) fn begin(
    out: &Path,
    root: &Path,
    force: bool,
) -> Result<(Writer, BuildCache), BuildFailure> {
    check_output_location(root, out, force)?;
    Writer::begin::<BuildCache>(out).map_err(|e| io_failure(out, e))
}

/// A failure to write the output, as the build reports it.
pub(super) fn io_failure(out: &Path, e: std::io::Error) -> BuildFailure {
    let message = if crate::output::PartlyUpdated::of(&e).is_some() {
        format!("{}: {e}", crate::error::PARTLY_UPDATED)
    } else if e.kind() == std::io::ErrorKind::WouldBlock {
        // Another build holds the output's lock: its own message says so.
        e.to_string()
    } else {
        format!("cannot write the output: {e}")
    };
    BuildFailure {
        diagnostics: vec![Kind::Output.error(out, message)],
    }
}

/// Refuses, before anything is touched, an output that is a file, one that holds the
/// site's sources, and (unless `force`) a folder with files in it and no build record
fn check_output_location(root: &Path, out: &Path, force: bool) -> Result<(), BuildFailure> {
    let refuse = |message: &str| {
        Err(BuildFailure {
            diagnostics: vec![Kind::Output.error(out, message)],
        })
    };
    if out.exists() && !out.is_dir() {
        return refuse("refusing to build into this file: the output must be a folder (choose another --output)");
    }
    let foreign = || {
        std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some())
            && !crate::output::is_recorded(out)
    };
    if !force && foreign() {
        return refuse("refusing to replace this folder: it holds files, and no record of a dala build lies beside it (was it made by another tool?); empty it, choose another --output, or pass --force to replace it");
    }
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let root = canonical(root);
    let out_abs = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            canonical(parent).join(out.file_name().unwrap_or_default())
        }
        _ => canonical(Path::new(".")).join(out),
    };
    let sources = ["content", "themes", "templates", "static", "i18n"];
    let bad =
        root.starts_with(&out_abs) || sources.iter().any(|s| out_abs.starts_with(root.join(s)));
    if bad {
        return Err(BuildFailure {
            diagnostics: vec![Kind::Output.error(
                out,
                "refusing to build into this folder: the output is replaced whole, and this folder holds the site's sources",
            )],
        });
    }
    Ok(())
}
