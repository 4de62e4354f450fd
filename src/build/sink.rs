//! Where the build's jobs put the files they produce: the [`Writer`] (or, for a quick edit,
//! memory), with a count, and write errors as diagnostics.

use super::links::Links;
use super::sitemap::SitemapEntry;
use crate::error::{Diagnostics, Kind};
use crate::output::{Origin, Placed, Writer};
use crate::precompress;
use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

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
    /// Whether text files get their compressed copies (see [`crate::precompress`]).
    precompress: bool,
    /// Compressed copies made, and the nanoseconds it took (threads added up).
    pub(super) compressed: (AtomicU64, AtomicU64),
}

impl<'a> Sink<'a> {
    pub(super) fn new(writer: Option<&'a Writer>, diagnostics: &'a Diagnostics) -> Sink<'a> {
        Sink {
            writer,
            held: Default::default(),
            files: AtomicUsize::new(0),
            diagnostics,
            links: None,
            precompress: false,
            compressed: Default::default(),
        }
    }

    /// The sink, collecting the links of the HTML files put into it.
    pub(super) fn with_links(self, links: &'a Links<'a>) -> Sink<'a> {
        Sink {
            links: Some(links),
            ..self
        }
    }

    /// The sink, putting beside each text file its compressed copies when `on`.
    pub(super) fn with_precompress(self, on: bool) -> Sink<'a> {
        Sink {
            precompress: on,
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
        let placed = match &body {
            Body::Bytes(bytes) => writer.put(path, bytes, origin),
            Body::Copy(source) => writer.copy(path, source, origin),
            Body::Keep => writer.keep(path, origin).ok_or_else(|| {
                std::io::Error::other("the previous file vanished during the build")
            }),
        };
        match placed {
            Ok(placed) => self.put_compressed(writer, path, placed, &body, &at),
            Err(e) => self.failed(path, e, &at),
        }
    }

    /// A file that could not be written, as a diagnostic.
    fn failed(&self, path: &str, e: std::io::Error, at: &Origin) {
        // A path the writer refuses (outside the output): the source that chose it is at
        // fault.
        let d = if e.kind() == std::io::ErrorKind::InvalidInput {
            let d = Kind::Io.error(&at.file, format!("cannot write: {e}"));
            match at.line {
                Some(l) => d.at(l),
                None => d,
            }
        } else {
            Kind::Io.error(path, format!("cannot write: {e}"))
        };
        self.diagnostics.push(d);
    }

    /// Puts the compressed copies of the file just put at `path`, when precompression is on
    /// and it is a text file of some size: the previous output's copies when the file is
    /// unchanged, else copies made from its bytes (read from its source, or from the
    /// previous output for a kept file).
    fn put_compressed(
        &self,
        writer: &Writer,
        path: &str,
        placed: Placed,
        body: &Body,
        at: &Origin,
    ) {
        let (len, same) = match placed {
            Placed::Clash => return,
            Placed::Same { len } => (len, true),
            Placed::Changed { len } => (len, false),
        };
        if !self.precompress || !precompress::wanted(path, len) {
            return;
        }
        let names = precompress::SUFFIXES.map(|suffix| format!("{path}{suffix}"));
        let wanted = names
            .each_ref()
            .map(|name| !same || writer.keep(name, at.clone()).is_none());
        let kept = wanted.iter().filter(|w| !**w).count();
        self.files.fetch_add(kept, Ordering::Relaxed);
        if kept == names.len() {
            return;
        }
        let bytes = match body {
            Body::Bytes(bytes) => Ok(Cow::Borrowed(&bytes[..])),
            Body::Copy(source) => std::fs::read(source)
                .map(Cow::Owned)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", source.display()))),
            Body::Keep => writer.read_kept(path).map(Cow::Owned),
        };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(e) => return self.failed(path, e, at),
        };
        let started = Instant::now();
        let made = precompress::compress(&bytes, wanted);
        let took = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        let (count, nanos) = &self.compressed;
        count.fetch_add(made.len() as u64, Ordering::Relaxed);
        nanos.fetch_add(took, Ordering::Relaxed);
        for (suffix, copy) in made {
            let name = format!("{path}{suffix}");
            self.files.fetch_add(1, Ordering::Relaxed);
            if let Err(e) = writer.put(&name, &copy, at.clone()) {
                self.failed(&name, e, at);
            }
        }
    }

    /// Keeps the previous build's file; false if it must be produced anew.
    pub(super) fn keep(&self, path: &str, origin: Origin) -> bool {
        let at = origin.clone();
        let Some(writer) = self.writer else {
            return false;
        };
        let Some(placed) = writer.keep(path, origin) else {
            return false;
        };
        if let Some(links) = self.links {
            links.kept(path, &at);
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.put_compressed(writer, path, placed, &Body::Keep, &at);
        true
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
