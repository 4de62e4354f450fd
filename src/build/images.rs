//! The images of the content's bundles ([`crate::images`]): planned while the site loads
//! (each image's size read and checked, so that pages can give their `<img>` its widths,
//! width and height), then made, or taken from the cache beside the output, while the pages
//! render, in parallel with them.
//!
//! A photograph `photo.jpg` of the bundle `articles/x` is published once, in the folder of
//! the bundle's first language (`/en/articles/x/photo.360.webp`, `photo.720.webp`...), and
//! in every language's folder under its own name, re-encoded without its metadata (so that
//! a link written as `photo.jpg` still leads to it).

use super::sink::{Body, Sink};
use crate::content::{parent_dir, Content, CONTENT_DIR};
use crate::error::{Diagnostic, Kind};
use crate::images::{self, Cache, ImageError, Job, Resizer, Settings};
use crate::markdown::{ImageResolution, Picture};
use crate::output::Origin;
use crate::url::{SitePath, Urls};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Every image of the site's bundles, planned.
#[derive(Debug, Default)]
pub(super) struct SiteImages {
    settings: Settings,
    /// By the image's path inside `content/`.
    planned: BTreeMap<String, Planned>,
    /// The files of `planned`, which bundles do not publish as they are.
    files: HashSet<PathBuf>,
    /// Where each image was referenced from: (its path inside `content/`, the Markdown
    /// file, the line).
    references: Mutex<BTreeSet<(String, PathBuf, usize)>>,
    /// Images made (not found in the cache), images taken from the cache, and the
    /// nanoseconds all threads spent on them.
    pub(super) made: AtomicUsize,
    pub(super) reused: AtomicUsize,
    pub(super) nanos: AtomicU64,
}

#[derive(Debug)]
struct Planned {
    file: PathBuf,
    job: Job,
    /// Its name below the bundle's folder: `photo.jpg`, `img/map.png`.
    name: String,
    /// The output folder of the bundle's first language, where the widths go.
    home: SitePath,
    /// The output folders of all the bundle's pages, where the copy under its own name goes.
    folders: Vec<SitePath>,
    problem: Option<ImageError>,
}

impl Planned {
    /// The output path of the file with `suffix`: the name's stem and the suffix for a
    /// width (`photo.360.webp`), the name itself for the copy.
    fn published(&self, folder: &SitePath, suffix: &str) -> String {
        let name = if suffix.ends_with(".webp") && self.job.kind == images::Kind::Raster {
            let stem = self.name.rsplit_once('.').map_or(&*self.name, |(s, _)| s);
            format!("{stem}.{suffix}")
        } else {
            self.name.clone()
        };
        format!("{}{name}", folder.as_str())
    }
}

impl SiteImages {
    /// Reads the size of every image of the bundles (in parallel), checked against the
    /// pixel limit.
    pub(super) fn plan(content: &Content, settings: &Settings) -> SiteImages {
        let mut folders: BTreeMap<&str, Vec<SitePath>> = BTreeMap::new();
        for page in &content.pages {
            if page.bundle.is_some() {
                folders
                    .entry(page.group.as_str())
                    .or_default()
                    .push(page.path.clone());
            }
        }
        let planned: BTreeMap<String, Planned> = content
            .assets
            .par_iter()
            .filter_map(|asset| {
                let kind = images::Kind::of(&asset.name)?;
                let folders = folders.get(asset.bundle.as_deref()?)?.clone();
                let ext = asset.name.rsplit_once('.')?.1.to_ascii_lowercase();
                let (size, problem) = match std::fs::read(&asset.file) {
                    Err(e) => (None, Some(ImageError::Io(e.to_string()))),
                    Ok(bytes) => match kind {
                        images::Kind::Raster | images::Kind::Gif => {
                            match images::probe(&bytes, settings) {
                                Ok(size) => (Some(size), None),
                                Err(e) => (None, Some(e)),
                            }
                        }
                        images::Kind::Svg => (images::svg::size(&bytes), None),
                        images::Kind::Unsupported => {
                            (None, Some(ImageError::Unsupported(ext.to_uppercase())))
                        }
                    },
                };
                let path = format!("{}/{}", asset.owner_dir, asset.name);
                let planned = Planned {
                    file: asset.file.clone(),
                    job: Job {
                        kind,
                        size,
                        ext,
                        target: None,
                    },
                    name: asset.name.clone(),
                    home: folders.iter().min().cloned()?,
                    folders,
                    problem,
                };
                Some((path, planned))
            })
            .collect();
        SiteImages {
            settings: settings.clone(),
            files: planned.values().map(|p| p.file.clone()).collect(),
            planned,
            ..SiteImages::default()
        }
    }

    /// Whether `file` (a file of `content/`) is an image that this plan publishes.
    pub(super) fn publishes(&self, file: &Path) -> bool {
        self.files.contains(file)
    }

    /// A hash of what pages say of the images: their sizes, their problems and the settings.
    pub(super) fn fingerprint(&self) -> u64 {
        let sizes: Vec<_> = self
            .planned
            .iter()
            .map(|(path, p)| (path, p.job.size, p.problem.is_some()))
            .collect();
        crate::util::hash_bytes(format!("{:?} {sizes:?}", self.settings).as_bytes())
    }

    /// What the image `dest`, written in the Markdown file `rel` (inside `content/`, the
    /// file `file`) at `line`, is; the reference is noted for [`SiteImages::problems`].
    pub(super) fn resolve(
        &self,
        urls: &Urls,
        (rel, file, line): (&str, &Path, usize),
        dest: &str,
    ) -> ImageResolution {
        let Some(path) = local_path(rel, dest) else {
            return ImageResolution::Other;
        };
        if self.planned.contains_key(&path) {
            self.references
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert((path.clone(), file.to_path_buf(), line));
        }
        let Some(planned) = self.planned.get(&path) else {
            // A missing file is an error only when it would be processed.
            let from_bundle = rel.ends_with("/index.md") || rel.contains("/index.");
            if from_bundle && images::Kind::of(&path).is_some() {
                return ImageResolution::Broken(format!(
                    "image `{dest}`: there is no file {CONTENT_DIR}/{path}"
                ));
            }
            return ImageResolution::Other;
        };
        if let Some(problem) = &planned.problem {
            return ImageResolution::Broken(format!("image `{dest}`: {problem}"));
        }
        ImageResolution::Picture(self.picture(urls, planned))
    }

    fn picture(&self, urls: &Urls, planned: &Planned) -> Picture {
        let url = |suffix: &str| {
            let path = planned.published(&planned.home, suffix);
            crate::url::encode_uri(&urls.path(&SitePath::file(&path))).replace(',', "%2C")
        };
        let widths = planned.job.widths(&self.settings);
        let Some(size) = planned.job.size else {
            return Picture {
                src: url(&planned.job.ext),
                srcset: String::new(),
                sizes: String::new(),
                width: None,
                height: None,
                full: url(&planned.job.ext),
            };
        };
        if widths.is_empty() {
            return Picture {
                src: url(&planned.job.ext),
                srcset: String::new(),
                sizes: String::new(),
                width: Some(size.width),
                height: Some(size.height),
                full: url(&planned.job.ext),
            };
        }
        let srcset: Vec<String> = widths
            .iter()
            .map(|w| format!("{} {w}w", url(&format!("{w}.webp"))))
            .collect();
        // For a browser without srcset: the widest up to 1200 pixels.
        let fallback = widths
            .iter()
            .copied()
            .filter(|&w| w <= 1200)
            .max()
            .unwrap_or(widths[0]);
        let top = *widths.last().unwrap_or(&size.width);
        Picture {
            src: url(&format!("{fallback}.webp")),
            srcset: srcset.join(", "),
            sizes: self.settings.sizes.clone(),
            width: Some(top),
            height: Some(images::height_at(size, top)),
            full: url(&format!("{top}.webp")),
        }
    }

    /// Makes (or takes from `cache`) every image without a problem and puts its files in
    /// the sink; gives back the problems found while making them.
    pub(super) fn publish(
        &self,
        cache: &Cache,
        sink: &Sink,
        progress: Option<&crate::progress::Progress>,
    ) -> Vec<(String, ImageError)> {
        let todo: Vec<(&String, &Planned)> = self
            .planned
            .iter()
            .filter(|(_, p)| p.problem.is_none())
            .collect();
        if let Some(p) = progress {
            p.images(todo.len());
        }
        todo.par_iter()
            .filter_map(|(path, planned)| {
                let started = std::time::Instant::now();
                let result = self.publish_one(cache, sink, planned);
                self.nanos
                    .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
                if let Some(p) = progress {
                    p.image_done();
                }
                result.err().map(|e| ((*path).clone(), e))
            })
            .collect()
    }

    fn publish_one(&self, cache: &Cache, sink: &Sink, planned: &Planned) -> Result<(), ImageError> {
        let bytes = std::fs::read(&planned.file).map_err(|e| ImageError::Io(e.to_string()))?;
        let (files, hit) = cache.get_or_process(&bytes, &planned.job, &self.settings)?;
        drop(bytes);
        if hit {
            self.reused.fetch_add(1, Ordering::Relaxed);
        } else {
            self.made.fetch_add(1, Ordering::Relaxed);
        }
        let origin = || Origin {
            file: planned.file.clone(),
            line: None,
        };
        for (suffix, file) in files {
            let width = suffix.ends_with(".webp") && planned.job.kind == images::Kind::Raster;
            let folders = if width {
                std::slice::from_ref(&planned.home)
            } else {
                &planned.folders[..]
            };
            for folder in folders {
                let path = planned.published(folder, &suffix);
                sink.put(&path, Body::Copy(file.clone()), origin());
            }
        }
        Ok(())
    }

    /// The problems of images, as errors: at each place that refers to the image, or at the
    /// image itself when nothing does (it would be published otherwise).
    pub(super) fn problems(&self, made: Vec<(String, ImageError)>) -> Vec<Diagnostic> {
        let references = self.references.lock().unwrap_or_else(|e| e.into_inner());
        let mut out = Vec::new();
        for (path, planned) in &self.planned {
            let referenced = references.iter().any(|(p, _, _)| p == path);
            // A problem known at planning was said where the Markdown refers to the image.
            if let Some(problem) = &planned.problem {
                if !referenced {
                    out.push(Kind::Image.error(&planned.file, problem.to_string()));
                }
            }
        }
        for (path, problem) in made {
            let at: Vec<_> = references.iter().filter(|(p, _, _)| *p == path).collect();
            match self.planned.get(&path) {
                Some(planned) if at.is_empty() => {
                    out.push(Kind::Image.error(&planned.file, problem.to_string()))
                }
                _ => out.extend(at.iter().map(|(_, file, line)| {
                    Kind::Image
                        .error(file, format!("image `{path}`: {problem}"))
                        .at(*line)
                })),
            }
        }
        out
    }
}

/// The path inside `content/` of an image written as `dest` in the Markdown file `rel`:
/// relative to the file's folder; `None` for an address (`https://`, `/static.png`,
/// `#x`, `data:`).
fn local_path(rel: &str, dest: &str) -> Option<String> {
    let dest = dest.split(['#', '?']).next()?;
    if dest.is_empty() || dest.starts_with('/') || dest.contains(':') {
        return None;
    }
    let dest = crate::url::percent_decode(dest).unwrap_or_else(|| dest.to_string());
    crate::url::resolve_dots(&format!("{}/{dest}", parent_dir(rel)))
}

/// The folder of the image cache of the output `out`: beside its build record.
pub(super) fn cache_dir(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.dala-images"))
}

/// Makes the site's images while `pages` runs; gives back what `pages` gave, and the
/// images' problems go with the build's other diagnostics.
pub(super) fn alongside<T: Send>(
    site: &super::load::Loaded,
    (sink, diagnostics): (&Sink, &crate::error::Diagnostics),
    progress: Option<&crate::progress::Progress>,
    pages: impl FnOnce() -> T + Send,
) -> T {
    let images = &site.images;
    let (done, problems) = rayon::join(pages, || images.publish(&site.image_cache, sink, progress));
    diagnostics.extend(images.problems(problems));
    done
}

/// Publishes what `resize_image()` made for the templates.
pub(super) fn publish_resized(resizer: &crate::images::Resizer, sink: &Sink) {
    for (path, file) in resizer.made() {
        let origin = Origin {
            file: PathBuf::from("<resize_image>"),
            line: None,
        };
        sink.put(&path, Body::Copy(file), origin);
    }
}

/// The images of a site being loaded: planned, their cache beside the output, and
/// `resize_image()` given to the templates. The last value changes every build when a
/// template resizes images (pages made with it render again every build: what it made is
/// published only when it is made), and is 0 otherwise.
pub(super) fn prepare(
    root: &Path,
    theme_dir: Option<&Path>,
    config: &crate::config::Config,
    content: &Content,
    options: &super::BuildOptions,
    (templates, urls): (&mut Option<crate::render::Templates>, &Urls),
) -> (SiteImages, Arc<Cache>, Arc<Resizer>, u128) {
    let images = SiteImages::plan(content, &config.images);
    let cache = Arc::new(Cache::new(cache_dir(&options.output_dir())));
    let mut roots = vec![root.join(CONTENT_DIR), root.join("static")];
    roots.extend(theme_dir.map(|t| t.join("static")));
    let resizer = Arc::new(Resizer::new(config.images.clone(), roots, cache.clone()));
    let resizing = templates
        .as_mut()
        .is_some_and(|t| t.provide_images(resizer.clone(), urls.clone()));
    let every_build = if resizing {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    } else {
        0
    };
    (images, cache, resizer, every_build)
}
