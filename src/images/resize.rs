//! `resize_image(path=..., width=..., format=...)` for templates: one image of the site's
//! `content/` or `static/` at one width, made (or taken from the cache) when a template asks,
//! and published under `processed_images/` once rendering is done.

use super::{probe, Cache, Job, Kind, Settings};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// What `resize_image()` gives a template.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Resized {
    /// Its path in the output: `processed_images/0a1b2c3d4e5f6a7b.600.webp`.
    pub path: String,
    pub width: u32,
    pub height: u32,
}

/// Makes the images templates ask for and remembers them for the build to publish.
#[derive(Debug)]
pub struct Resizer {
    settings: Settings,
    /// Where a path is looked for, in order: `content/`, the site's `static/`, the theme's.
    roots: Vec<PathBuf>,
    cache: Arc<Cache>,
    /// Each output path and its file in the cache.
    made: Mutex<BTreeMap<String, PathBuf>>,
}

impl Resizer {
    pub fn new(settings: Settings, roots: Vec<PathBuf>, cache: Arc<Cache>) -> Resizer {
        Resizer {
            settings,
            roots,
            cache,
            made: Mutex::default(),
        }
    }

    /// The image at `path` (inside `content/` or `static/`) at `width` in `format`.
    pub fn resize(&self, path: &str, width: u32, format: &str) -> Result<Resized, String> {
        let call = format!("resize_image(path=\"{path}\")");
        let clean = crate::url::resolve_dots(path.trim_start_matches('/'))
            .filter(|p| !p.is_empty() && !path.contains('\\'))
            .ok_or_else(|| format!("{call}: expected a path inside content/ or static/"))?;
        if !matches!(format, "webp" | "jpg" | "png") {
            return Err(format!(
                "{call}: format `{format}`: expected `webp` (the default), `jpg` or `png`"
            ));
        }
        if !(16..=8192).contains(&width) {
            return Err(format!("{call}: width {width}: expected 16 to 8192 pixels"));
        }
        if Kind::of(&clean) != Some(Kind::Raster) {
            return Err(format!(
                "{call}: expected a JPEG, PNG, WebP, TIFF or BMP image (by its name)"
            ));
        }
        let file = self
            .roots
            .iter()
            .map(|r| r.join(&clean))
            .find(|f| f.is_file())
            .ok_or_else(|| format!("{call}: there is no such file in content/ or static/"))?;
        let bytes = std::fs::read(&file).map_err(|e| format!("{call}: {e}"))?;
        let size = probe(&bytes, &self.settings).map_err(|e| format!("{call}: {e}"))?;
        let width = width.min(size.width);
        let job = Job {
            kind: Kind::Raster,
            size: Some(size),
            ext: clean
                .rsplit_once('.')
                .map_or("", |(_, e)| e)
                .to_ascii_lowercase(),
            target: Some((width, format.to_string())),
        };
        let (files, _) = self
            .cache
            .get_or_process(&bytes, &job, &self.settings)
            .map_err(|e| format!("{call}: {e}"))?;
        let key = Cache::key(&bytes, &job, &self.settings);
        let out = format!("processed_images/{}.{width}.{format}", &key[..16]);
        if let Some((_, cached)) = files.into_iter().next() {
            self.made
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(out.clone(), cached);
        }
        Ok(Resized {
            path: out,
            width,
            height: super::height_at(size, width),
        })
    }

    /// Every image made so far: its output path and its file in the cache.
    pub fn made(&self) -> Vec<(String, PathBuf)> {
        let made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        made.iter().map(|(p, f)| (p.clone(), f.clone())).collect()
    }
}
