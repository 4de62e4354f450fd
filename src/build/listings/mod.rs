//! The fifth phase: the listings, rendered in parallel from the pages' summaries, one file
//! per kind: sections and the home ([`section`]), taxonomies and their terms
//! ([`taxonomy`]), feeds ([`feed`]), and the fixed pages, the root, 404 and search
//! ([`fixed`]). A listing whose fingerprint did not change since the last build is kept.

mod calendar;
mod catalogue;
mod exports;
mod feed;
mod fixed;
mod section;
mod taxonomy;

use super::context::PageContext;
use super::index::Index;
use super::load::Loaded;
use super::record::BuildCache;
use super::sink::{deliver, Body, Sink};
use super::sitemap::SitemapEntry;
use super::text::{render_markdown, Text};
use crate::config::CONFIG_FILE;
use crate::content::PageId;
use crate::error::{Diagnostic, Diagnostics};
use crate::highlight::Highlighter;
use crate::i18n::Fallback;
use crate::lang::Lang;
use crate::markdown::Rendered;
use crate::output::Writer;
use crate::views::{Listed, PageSummary};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Mutex;

/// A listing to produce.
pub(in crate::build) enum Job {
    Section(String, Lang),
    Taxonomy(Lang, String),
    /// The feed of a language, or of one of its sections.
    Feed(Lang, Option<String>),
    Root,
    NotFound,
    /// A language's search page.
    Search(Lang),
    /// The pages of the values of a catalogue's facets: section folder, language.
    Facets(String, Lang),
    /// The JSON and CSV of a collection with `export: true`: collection, its section's
    /// folder, language.
    Export(String, String, Lang),
    /// The schemas of exported collections and `/api/index.json`.
    Api,
    /// The iCalendar files of a collection with `schedule: { calendar: true }`: collection,
    /// its section's folder, language.
    Calendar(String, String, Lang),
}

/// Every listing of the site: sections, taxonomies, feeds, the root, the 404 and search
/// pages.
pub(in crate::build) fn listing_jobs(site: &Loaded) -> Vec<Job> {
    let mut jobs: Vec<Job> = Vec::new();
    for section in site.content.sections.values() {
        for lang in section.versions.keys() {
            jobs.push(Job::Section(section.dir.clone(), lang.clone()));
            if !section.dir.is_empty() {
                jobs.push(Job::Feed(lang.clone(), Some(section.dir.clone())));
            }
        }
    }
    for (dir, lang) in site.config.collections.iter().flat_map(|c| {
        let section = site.content.sections.get(&c.section);
        let langs = section.into_iter().flat_map(|s| s.versions.keys());
        langs
            .filter(|_| !c.facets.is_empty())
            .map(|l| (c.section.clone(), l.clone()))
    }) {
        jobs.push(Job::Facets(dir, lang));
    }
    let model = site.model();
    for c in crate::export::exported(&model) {
        for lang in crate::export::languages(&model, c) {
            jobs.push(Job::Export(c.name.clone(), c.section.clone(), lang));
        }
    }
    if crate::export::exported(&model).next().is_some() {
        jobs.push(Job::Api);
    }
    for c in &site.config.collections {
        if c.schedule.as_ref().is_some_and(|s| s.calendar) {
            for language in &site.config.languages {
                let (name, dir) = (c.name.clone(), c.section.clone());
                jobs.push(Job::Calendar(name, dir, language.code.clone()));
            }
        }
    }
    for language in &site.config.languages {
        for taxonomy in &site.config.taxonomies {
            jobs.push(Job::Taxonomy(language.code.clone(), taxonomy.clone()));
        }
        jobs.push(Job::Feed(language.code.clone(), None));
    }
    jobs.push(Job::Root);
    jobs.push(Job::NotFound);
    if site.config.search && site.has_template("search.html") {
        for language in &site.config.languages {
            jobs.push(Job::Search(language.code.clone()));
        }
    }
    if site.templates.is_none() {
        jobs.clear();
    }
    jobs
}

/// Listing pages rendered by the last build and this one, by output path: one whose
/// fingerprint did not change is kept, not rendered.
pub(in crate::build) struct Listings<'a> {
    pub(in crate::build) previous: &'a BTreeMap<String, u64>,
    pub(in crate::build) current: Mutex<BTreeMap<String, u64>>,
    /// The fallbacks of the last build's listing pages, and of this one's.
    pub(in crate::build) previous_fallbacks: &'a BTreeMap<String, Vec<Fallback>>,
    pub(in crate::build) fallbacks: Mutex<BTreeMap<String, Vec<Fallback>>>,
    /// The data files the last build's listing pages read, and this one's (see
    /// [`crate::data::recording`]).
    pub(in crate::build) previous_data: &'a BTreeMap<String, BTreeMap<String, u64>>,
    pub(in crate::build) data: Mutex<BTreeMap<String, BTreeMap<String, u64>>>,
    /// `None` for a quick edit: the output holds what the fingerprints were made for.
    pub(in crate::build) writer: Option<&'a Writer>,
    /// For a quick edit: only the taxonomy terms that list one of these pages are
    /// produced (the rest are as they were).
    pub(in crate::build) only: Option<&'a BTreeSet<PageId>>,
}

/// What the listings phase hands on.
pub(in crate::build) struct RenderedListings {
    pub(in crate::build) sitemap: Vec<SitemapEntry>,
    /// What each section's Markdown gave, by folder and language.
    pub(in crate::build) section_html: BTreeMap<(String, Lang), Rendered>,
}

/// Renders every listing into `sink`, and records their fingerprints and fallbacks in
/// `cache` for the next build.
pub(in crate::build) fn render_listings(
    lister: &ListingsInput,
    previous: &BuildCache,
    cache: &mut BuildCache,
    diagnostics: &Diagnostics,
    progress: Option<&crate::progress::Progress>,
) -> RenderedListings {
    let ListingsInput {
        site,
        index,
        summaries,
        summary_hashes,
        sink,
        writer,
        highlighter,
    } = *lister;
    let listed = listed(summaries, summary_hashes);
    let section_html = section_texts(site, highlighter, diagnostics);
    let jobs = listing_jobs(site);
    let listings = Listings {
        previous: &previous.listings,
        current: Default::default(),
        previous_fallbacks: &previous.listing_fallbacks,
        fallbacks: Default::default(),
        previous_data: &previous.listing_data,
        data: Default::default(),
        writer: Some(writer),
        only: None,
    };
    if let Some(p) = progress {
        p.stage("lists, taxonomies and feeds", jobs.len());
    }
    let lister = Lister {
        site,
        index,
        summaries: &listed,
        section_html: &section_html,
        listings: &listings,
    };
    let produced: Vec<Vec<SitemapEntry>> = jobs
        .par_iter()
        .map(|job| {
            if let Some(p) = progress {
                p.step();
            }
            let mut d = Vec::new();
            let sitemap = lister.run(job, sink, &mut d);
            diagnostics.extend(d);
            sitemap
        })
        .collect();
    // The contexts kept for the next term page on each thread: none comes.
    rayon::broadcast(|_| super::context::forget_reused());
    cache.listings = listings
        .current
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    cache.listing_fallbacks = listings
        .fallbacks
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    cache.listing_data = listings
        .data
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    RenderedListings {
        sitemap: produced.into_iter().flatten().collect(),
        section_html,
    }
}

/// What the listings phase starts from.
#[derive(Clone, Copy)]
pub(in crate::build) struct ListingsInput<'a> {
    pub(in crate::build) site: &'a Loaded,
    pub(in crate::build) index: &'a Index,
    pub(in crate::build) summaries: &'a [PageSummary],
    pub(in crate::build) summary_hashes: &'a [u64],
    pub(in crate::build) sink: &'a Sink<'a>,
    pub(in crate::build) writer: &'a Writer,
    /// The pages' highlighter: code blocks already seen are not highlighted again.
    pub(in crate::build) highlighter: &'a Highlighter,
}

/// What each section's Markdown gives, by folder and language.
fn section_texts(
    site: &Loaded,
    highlighter: &Highlighter,
    diagnostics: &Diagnostics,
) -> BTreeMap<(String, Lang), Rendered> {
    let mut section_html = BTreeMap::new();
    for section in site.content.sections.values() {
        for (lang, version) in &section.versions {
            let mut d = Vec::new();
            let file = version.file.clone().unwrap_or_default();
            let text = Text {
                file: &file,
                rel: &version.rel,
                body: &version.body,
                body_line: version.body_line,
                lang,
            };
            let (r, _) = render_markdown(site, highlighter, &text, &mut d);
            diagnostics.extend(d);
            section_html.insert((section.dir.clone(), lang.clone()), r);
        }
    }
    section_html
}

/// The pages as listings take them: each summary with its hash.
pub(in crate::build) fn listed<'a>(
    summaries: &'a [PageSummary],
    hashes: &[u64],
) -> Vec<Listed<'a>> {
    summaries
        .iter()
        .zip(hashes)
        .map(|(summary, &hash)| Listed { summary, hash })
        .collect()
}

/// The listed `pages`.
fn list<'a>(summaries: &'a [Listed<'a>], pages: &[PageId]) -> Vec<Listed<'a>> {
    pages.iter().map(|&i| summaries[i.index()]).collect()
}

/// What every listing job shares.
pub(in crate::build) struct Lister<'a> {
    pub(in crate::build) site: &'a Loaded,
    pub(in crate::build) index: &'a Index,
    pub(in crate::build) summaries: &'a [Listed<'a>],
    pub(in crate::build) section_html: &'a BTreeMap<(String, Lang), Rendered>,
    pub(in crate::build) listings: &'a Listings<'a>,
}

impl Lister<'_> {
    /// Makes the files of one listing and puts them in `sink`: their sitemap entries.
    pub(in crate::build) fn run(
        &self,
        job: &Job,
        sink: &Sink,
        errors: &mut Vec<Diagnostic>,
    ) -> Vec<SitemapEntry> {
        let files = match job {
            Job::Section(dir, lang) => section::section(self, dir, lang, errors),
            Job::Taxonomy(lang, taxonomy) => {
                return taxonomy::taxonomy(self, lang, taxonomy, sink, errors)
            }
            Job::Feed(lang, section) => feed::feed(self, lang, section.as_deref(), errors),
            Job::Root => fixed::root(self, errors),
            Job::NotFound => fixed::not_found(self, errors),
            Job::Search(lang) => fixed::search(self, lang, errors),
            Job::Facets(dir, lang) => catalogue::value_pages(self, dir, lang, errors),
            Job::Export(name, _, lang) => exports::data(self, name, lang),
            Job::Api => exports::api(self),
            Job::Calendar(name, _, lang) => calendar::calendars(self, name, lang),
        };
        deliver(sink, files)
    }

    /// `site.yaml`, where listings that no content file makes come from.
    fn config_file(&self) -> PathBuf {
        self.site.root.join(CONFIG_FILE)
    }

    /// Renders `template` with `ctx` for the file at `path`, or keeps the last build's file
    /// when the fingerprint is the same; `None` after an error (put in `errors`).
    fn render(
        &self,
        (template, ctx): (&str, &PageContext),
        errors: &mut Vec<Diagnostic>,
        lang: &Lang,
        what: String,
        path: &str,
    ) -> Option<Body> {
        let (site, listings) = (self.site, self.listings);
        let templates = site.templates.as_ref()?;
        let fingerprint = ctx.fingerprint(site, template);
        listings
            .current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), fingerprint);
        let intact = listings.writer.is_none_or(|w| w.intact(path));
        let keep_fallbacks = |taken: Vec<Fallback>| {
            if !taken.is_empty() {
                listings
                    .fallbacks
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(path.to_string(), taken);
            }
        };
        let keep_data = |read: BTreeMap<String, u64>| {
            if !read.is_empty() {
                let mut data = listings.data.lock().unwrap_or_else(|e| e.into_inner());
                data.insert(path.to_string(), read);
            }
        };
        let read_before = listings.previous_data.get(path);
        let data_unchanged = read_before.is_none_or(|read| site.data.unchanged(read));
        if listings.previous.get(path) == Some(&fingerprint) && intact && data_unchanged {
            if let Some(taken) = listings.previous_fallbacks.get(path) {
                site.strings.replay(taken);
                keep_fallbacks(taken.clone());
            }
            keep_data(read_before.cloned().unwrap_or_default());
            return Some(Body::Keep);
        }
        let ((result, taken), read) = crate::data::recording(|| {
            crate::i18n::recording(|| {
                ctx.render_with(|context| templates.render_bytes(template, context, lang, &what))
            })
        });
        keep_fallbacks(taken);
        keep_data(read);
        match result {
            Ok(html) => Some(Body::Bytes(html)),
            Err(d) => {
                errors.push(d);
                None
            }
        }
    }
}
