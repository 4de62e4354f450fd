//! Data files: the `data/` folder beside `content/`, whose YAML, JSON and CSV files
//! templates read with `load_data(path="solutions.yaml")` (see docs/templates.md).
//!
//! Every data file is read and parsed once per build, when the site loads, in parallel
//! ([`DataFiles::load_all`]); the rendering threads share the parsed values. A file that does
//! not parse is an error of the build at its line, whether a template reads it or not.
//! What each render read is recorded ([`recording`]) with the file's hash, so that the next
//! build renders again exactly the pages and listings that read a file that changed.
//!
//! Mappings become JSON objects, whose keys serde_json keeps sorted: the same files give
//! the same bytes, whatever order their keys are written in.
//!
//! [`load`] reads one file on its own, for other parts of dala (collections, later) that
//! take records from data files: it gives the line of each top-level record too.

mod parse;

pub use parse::Format;

use crate::error::{Diagnostic, Kind};
use rayon::prelude::*;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The folder of data files, in the site's root.
pub const DATA_DIR: &str = "data";

/// A data file, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct DataFile {
    /// Its path inside `data/`, with `/` (`countries/kz.yaml`).
    pub path: String,
    pub format: Format,
    /// What it holds: for CSV, a list of objects keyed by the header row, every value a
    /// string.
    pub value: Value,
    /// The 1-based line of each top-level record: each item of a YAML list or key of a YAML
    /// mapping (best effort), each CSV row; empty for JSON.
    pub records: Vec<usize>,
    /// A hash of its bytes.
    pub hash: u64,
}

/// `rel_path` (inside `data/`, with `/`) checked: a relative path that stays inside the
/// folder, of a known format. The error is said to the template author.
pub fn check_path(rel_path: &str) -> Result<(String, Format), String> {
    let outside = rel_path.is_empty()
        || rel_path.starts_with(['/', '\\'])
        || rel_path.contains('\\')
        || rel_path.contains(':')
        || rel_path
            .split('/')
            .any(|part| part == ".." || part.is_empty());
    if outside {
        return Err(crate::hints::data_path_outside(rel_path));
    }
    let clean: Vec<&str> = rel_path.split('/').filter(|p| *p != ".").collect();
    let format = Format::of(rel_path).ok_or_else(|| crate::hints::data_unknown_format(rel_path))?;
    Ok((clean.join("/"), format))
}

/// Reads and parses the data file `rel_path` of the site at `site_root`. Errors name the
/// file and, for what does not parse, the line (and column where the parser knows it).
pub fn load(site_root: &Path, rel_path: &str) -> Result<DataFile, Vec<Diagnostic>> {
    let dir = site_root.join(DATA_DIR);
    let (path, format) = check_path(rel_path).map_err(|m| vec![Kind::Data.error(&dir, m)])?;
    let file = dir.join(&path);
    if !file.is_file() {
        return Err(vec![
            Kind::Data.error(&file, crate::hints::data_missing(&path))
        ]);
    }
    read(&file, path, format).map_err(|d| vec![d])
}

/// The file `file` (`path` inside `data/`) read as `format`.
fn read(file: &Path, path: String, format: Format) -> Result<DataFile, Diagnostic> {
    let bytes = std::fs::read(file)
        .map_err(|e| Kind::Io.error(file, format!("cannot read this data file: {e}")))?;
    let hash = crate::util::hash_bytes(&bytes);
    let text = crate::source::decode(bytes, file)?;
    let (value, records) = parse::parse(format, &text, file)?;
    Ok(DataFile {
        path,
        format,
        value,
        records,
        hash,
    })
}

/// Every data file of a site, parsed, by path inside `data/`.
#[derive(Debug, Default)]
pub struct DataFiles {
    files: BTreeMap<String, Arc<DataFile>>,
    /// Files that did not parse (their errors are the build's), with their hashes.
    broken: BTreeMap<String, u64>,
}

impl DataFiles {
    /// Reads and parses every file of `data/` in the site at `root` whose name ends in
    /// `.yaml`, `.yml`, `.json` or `.csv` (others, a README say, are left alone), in
    /// parallel. Problems go to `errors`.
    pub fn load_all(root: &Path, errors: &mut Vec<Diagnostic>) -> DataFiles {
        let dir = root.join(DATA_DIR);
        if !dir.is_dir() {
            return DataFiles::default();
        }
        let found: Vec<(PathBuf, String, Format)> = walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !crate::walk::is_ignored(&e.file_name().to_string_lossy())
            })
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let path = crate::util::relative(e.path(), &dir);
                let format = Format::of(&path)?;
                Some((e.path().to_path_buf(), path, format))
            })
            .collect();
        let read: Vec<(String, Result<DataFile, Diagnostic>)> = found
            .into_par_iter()
            .map(|(file, path, format)| (path.clone(), read(&file, path, format)))
            .collect();
        let mut data = DataFiles::default();
        for (path, result) in read {
            match result {
                Ok(file) => {
                    data.files.insert(path, Arc::new(file));
                }
                Err(d) => {
                    let hash =
                        std::fs::read(dir.join(&path)).map_or(0, |b| crate::util::hash_bytes(&b));
                    data.broken.insert(path, hash);
                    errors.push(d);
                }
            }
        }
        data
    }

    /// The file at `rel_path` (inside `data/`) for a template, or what is wrong, said to
    /// the template's author.
    pub fn get(&self, rel_path: &str) -> Result<&Arc<DataFile>, String> {
        let (path, _) = check_path(rel_path)?;
        if let Some(file) = self.files.get(&path) {
            return Ok(file);
        }
        if self.broken.contains_key(&path) {
            return Err(crate::hints::data_broken(rel_path));
        }
        Err(crate::hints::data_missing(rel_path))
    }

    /// The hash of the file at `path` (inside `data/`, as [`recording`] gives it), parsed
    /// or not; `None` when there is none.
    pub fn hash(&self, path: &str) -> Option<u64> {
        self.files
            .get(path)
            .map(|f| f.hash)
            .or_else(|| self.broken.get(path).copied())
    }

    /// Whether every file of `read` (path and hash, as [`recording`] gave them) is still
    /// there with the same hash.
    pub fn unchanged(&self, read: &BTreeMap<String, u64>) -> bool {
        read.iter()
            .all(|(path, hash)| self.hash(path) == Some(*hash))
    }
}

thread_local! {
    /// The data files read on this thread while [`recording`] runs. Thread-local because
    /// `load_data()` is a Tera function: it receives only its arguments.
    static RECORDING: RefCell<Option<BTreeMap<String, u64>>> = const { RefCell::new(None) };
}

/// Runs `render` (a template render, or a page's Markdown with its shortcodes) and gives,
/// with its result, the data files it read with their hashes, for the build record.
pub fn recording<T>(render: impl FnOnce() -> T) -> (T, BTreeMap<String, u64>) {
    let outer = RECORDING.with(|r| r.borrow_mut().replace(BTreeMap::new()));
    let result = render();
    let read = RECORDING.with(|r| std::mem::replace(&mut *r.borrow_mut(), outer));
    (result, read.unwrap_or_default())
}

/// Notes that the render running on this thread read `file`.
pub fn note_read(file: &DataFile) {
    RECORDING.with(|r| {
        if let Some(read) = r.borrow_mut().as_mut() {
            read.insert(file.path.clone(), file.hash);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_must_stay_inside_data() {
        for bad in [
            "../site.yaml",
            "/etc/passwd.yaml",
            "a/../../b.json",
            "C:\\x.csv",
            "a//b.yaml",
            "",
        ] {
            let e = check_path(bad).unwrap_err();
            assert_eq!(e, crate::hints::data_path_outside(bad), "{bad}");
        }
        assert_eq!(check_path("./a/b.yml").unwrap().0, "a/b.yml");
        assert_eq!(
            check_path("notes.txt").unwrap_err(),
            crate::hints::data_unknown_format("notes.txt")
        );
    }

    #[test]
    fn recording_gives_what_was_read() {
        let file = DataFile {
            path: "a.json".into(),
            format: Format::Json,
            value: Value::Null,
            records: Vec::new(),
            hash: 7,
        };
        note_read(&file);
        let ((), read) = recording(|| note_read(&file));
        assert_eq!(
            read.into_iter().collect::<Vec<_>>(),
            [("a.json".to_string(), 7)]
        );
    }
}
