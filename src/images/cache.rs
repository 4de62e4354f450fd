//! Processed images kept between builds, beside the output's build record (never in the
//! output): `.public.dala-images/<key>/360.webp`. The key is a hash of the source's bytes,
//! of what the job makes and of the settings, so an unchanged image is never encoded again,
//! a changed one (or a changed setting) gets a new entry, and entries that no build uses
//! any more are removed by [`Cache::clean`].

use super::{ImageError, Job, Settings};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Changes when the encoders or their settings change, so that older entries are not used.
const VERSION: &str = "dala-images-2 libwebp-0.9 method-4 catmull-rom stripped";

/// The cache folder of one output.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    used: Mutex<BTreeSet<String>>,
}

impl Cache {
    pub fn new(dir: PathBuf) -> Cache {
        Cache {
            dir,
            used: Mutex::default(),
        }
    }

    /// The entry's name for the image in `bytes` processed as `job` with `settings`.
    pub fn key(bytes: &[u8], job: &Job, settings: &Settings) -> String {
        let source = crate::util::stable_hash(bytes);
        let what = format!(
            "{VERSION} {:?} {} {:?} {:?} {:?}",
            job.kind,
            job.ext,
            job.target,
            job.suffixes(settings),
            (settings.quality, settings.max_width, settings.max_pixels)
        );
        format!(
            "{source:016x}{:08x}-{:016x}",
            bytes.len(),
            crate::util::stable_hash(what.as_bytes())
        )
    }

    /// The files of `job` for the image in `bytes`: from the cache when they are all there,
    /// else made and kept. Each comes as (suffix, file in the cache); and whether they were
    /// all in the cache.
    pub fn get_or_process(
        &self,
        bytes: &[u8],
        job: &Job,
        settings: &Settings,
    ) -> Result<(Vec<(String, PathBuf)>, bool), ImageError> {
        let key = Cache::key(bytes, job, settings);
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key.clone());
        let entry = self.dir.join(&key);
        let suffixes = job.suffixes(settings);
        let files: Vec<(String, PathBuf)> = suffixes
            .iter()
            .map(|s| (s.clone(), entry.join(s)))
            .collect();
        if files.iter().all(|(_, f)| f.is_file()) {
            return Ok((files, true));
        }
        let outputs = job.process(bytes, settings)?;
        let io = |e: std::io::Error, path: &Path| {
            ImageError::Io(format!(
                "the image cache {} cannot be written: {e}",
                path.display()
            ))
        };
        // Written aside and renamed into place: a build stopped half-way leaves no entry
        // that looks complete.
        let staging = self.dir.join(format!(
            ".{key}.{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = fs::remove_dir_all(&staging);
        fs::create_dir_all(&staging).map_err(|e| io(e, &staging))?;
        for output in &outputs {
            let file = staging.join(&output.suffix);
            fs::write(&file, &output.bytes).map_err(|e| io(e, &file))?;
        }
        let _ = fs::remove_dir_all(&entry);
        if fs::rename(&staging, &entry).is_err() {
            // The same image, elsewhere in the site, was kept by another thread meanwhile.
            let _ = fs::remove_dir_all(&staging);
        }
        if files.iter().all(|(_, f)| f.is_file()) {
            Ok((files, false))
        } else {
            Err(ImageError::Io(format!(
                "the image cache {} lost an entry being written",
                entry.display()
            )))
        }
    }

    /// Removes the entries that this build did not use (and anything else in the folder):
    /// the cache holds what the site needs, not every image it ever had.
    pub fn clean(&self) -> usize {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if used.contains(&name) {
                continue;
            }
            let path = entry.path();
            let gone = if path.is_dir() {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
            removed += usize::from(gone.is_ok());
        }
        removed
    }
}
