//! Where the build's jobs put the files they produce: the [`Writer`] (or, for a quick edit,
//! memory), with a count, and write errors as diagnostics.

use super::links::Links;
use super::sitemap::SitemapEntry;
use crate::error::{Diagnostics, Kind};
use crate::output::{Origin, Writer};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A produced file's content.
pub(super) enum Body {
    Bytes(Vec<u8>),
    /// The previous build's file, unchanged.
    Keep,
    /// A file copied as it is (static files, bundle assets).
    Copy(PathBuf),
}

/// Where jobs put their files: the writer (or, for [`super::Session::edit`], memory), a count,
/// and write errors as diagnostics.
pub(super) struct Sink<'a> {
    pub(super) writer: Option<&'a Writer>,
    /// Files kept in memory when there is no writer.
    pub(super) held: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
    pub(super) files: AtomicUsize,
    pub(super) diagnostics: &'a Diagnostics,
    /// Where the HTML files' links are collected, in a whole build.
    links: Option<&'a Links<'a>>,
}

impl<'a> Sink<'a> {
    pub(super) fn new(writer: Option<&'a Writer>, diagnostics: &'a Diagnostics) -> Sink<'a> {
        Sink {
            writer,
            held: Default::default(),
            files: AtomicUsize::new(0),
            diagnostics,
            links: None,
        }
    }

    /// The sink, collecting the links of the HTML files put into it.
    pub(super) fn with_links(self, links: &'a Links<'a>) -> Sink<'a> {
        Sink {
            links: Some(links),
            ..self
        }
    }

    pub(super) fn put(&self, path: &str, body: Body, origin: Origin) {
        self.files.fetch_add(1, Ordering::Relaxed);
        let Some(writer) = self.writer else {
            // Only new bytes matter here: copies and kept files are as they were.
            if let Body::Bytes(bytes) = body {
                let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
                held.push((path.to_string(), bytes));
            }
            return;
        };
        let at = origin.clone();
        if let Some(links) = self.links {
            match &body {
                Body::Bytes(bytes) => links.built(path, bytes, &at),
                Body::Keep => links.kept(path, &at),
                Body::Copy(_) => {}
            }
        }
        let result = match body {
            Body::Bytes(bytes) => writer.put(path, &bytes, origin),
            Body::Copy(source) => writer.copy(path, &source, origin),
            Body::Keep if writer.keep(path, origin) => Ok(()),
            Body::Keep => Err(std::io::Error::other(
                "the previous file vanished during the build",
            )),
        };
        match result {
            // A path the writer refuses (outside the output): the source that chose it is
            // at fault.
            Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
                let d = Kind::Io.error(&at.file, format!("cannot write: {e}"));
                self.diagnostics.push(match at.line {
                    Some(l) => d.at(l),
                    None => d,
                });
            }
            Err(e) => self
                .diagnostics
                .push(Kind::Io.error(path, format!("cannot write: {e}"))),
            Ok(()) => {}
        }
    }

    /// Keeps the previous build's file; false if it must be produced anew.
    pub(super) fn keep(&self, path: &str, origin: Origin) -> bool {
        let at = origin.clone();
        let kept = self.writer.is_some_and(|w| w.keep(path, origin));
        if kept {
            if let Some(links) = self.links {
                links.kept(path, &at);
            }
            self.files.fetch_add(1, Ordering::Relaxed);
        }
        kept
    }
}

/// A file a job produces, with where it comes from.
pub(super) struct Produced {
    pub(super) path: String,
    pub(super) body: Body,
    pub(super) file: PathBuf,
    pub(super) line: Option<usize>,
    pub(super) sitemap: Option<SitemapEntry>,
}

/// Puts a listing's files into the sink; returns their sitemap entries.
pub(super) fn deliver(sink: &Sink, files: Vec<Produced>) -> Vec<SitemapEntry> {
    files
        .into_iter()
        .filter_map(|p| {
            let origin = Origin {
                file: p.file,
                line: p.line,
            };
            sink.put(&p.path, p.body, origin);
            p.sitemap
        })
        .collect()
}
