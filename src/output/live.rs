//! Writing straight into a served output, for `dala serve`'s quick edits.

use super::*;

/// Writes files straight into a built output, for `dala serve`'s quick rebuilds: each file
/// whose bytes differ from the one there is written beside it and renamed into place. Their
/// paths are first added to a list beside the output that the next [`Writer`] reads, so that
/// it does not trust its record for them. Returns the paths written.
///
/// Holds the output's lock while it writes: fails at once if a build is writing it.
pub fn write_live(out: &Path, files: &[(String, Vec<u8>)]) -> io::Result<Vec<String>> {
    for (path, _) in files {
        check_path(path)?;
    }
    let _lock = lock(out)?;
    let changed: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(path, bytes)| fs::read(out.join(path)).ok().as_deref() != Some(bytes))
        .collect();
    if changed.is_empty() {
        return Ok(Vec::new());
    }
    let mut known = HashSet::new();
    for (path, _) in &changed {
        real_dir(out, parent_of(path), &HashSet::new(), &mut known)?;
    }
    let mut list = String::new();
    for (path, _) in &changed {
        list.push_str(path);
        list.push('\n');
    }
    io::Write::write_all(
        &mut fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(beside(out, "dirty")?)?,
        list.as_bytes(),
    )?;
    let tmp = beside(out, "live")?;
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
