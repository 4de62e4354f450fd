//! `dala build`: from the content tree to the built site, as a list of phases, each in its
//! own file and each handing the next a named value:
//!
//! 1. [`begin`]: the output's lock and the last build's record ([`record`]);
//! 2. [`load`]: `site.yaml`, theme, strings, templates and content, checked: a [`Loaded`]
//!    site;
//! 3. [`index`]: the site model ([`crate::site::Model`]: orders, terms, related pages) and
//!    each language's base template context;
//! 4. [`pages`]: every page in parallel, Markdown ([`text`]), template and file in one job,
//!    so that no page's HTML outlives its job; then the search index ([`search_index`]);
//! 5. [`listings`]: sections, taxonomies, feeds and the fixed pages, from the pages'
//!    summaries;
//! 6. [`statics`]: static files, `robots.txt` and the sitemap ([`sitemap`]);
//! 7. [`links`]: the links the built pages make inside the site (the [`sink`] scans each
//!    HTML file as it is put), those that lead to nothing as warnings;
//! 8. [`commit`]: the output swapped in whole if the site had no error, else left as it was.
//!
//! Files go through a [`sink`] to the [`crate::output::Writer`], which stages them. A page or listing whose
//! inputs are unchanged since the last build is kept: its fingerprint ([`context`]) is in
//! the record. For `dala serve`, a [`Session`] keeps the site in memory between builds and
//! renders an edited page, with what shows it, without a whole build ([`session`]).

mod begin;
mod builtin;
mod commit;
mod context;
mod images;
mod index;
mod links;
mod listings;
mod load;
mod offline;
mod pages;
mod quick_fields;
mod record;
mod search_index;
mod session;
mod sink;
mod sitemap;
mod statics;
mod text;
mod timing;
mod translate;

use crate::error::{BuildFailure, Diagnostic, Diagnostics, Kind};
use crate::highlight::Highlighter;
use crate::i18n::I18N_DIR;
use crate::lang::Lang;
use crate::markdown::Rendered;
use crate::output::WriteStats;
use crate::render::Templates;
use crate::views::PageSummary;
use index::Index;
use listings::ListingsInput;
use load::Loaded;
use pages::{PageJobs, RenderedPages};
use record::{BuildCache, PageMemo};
pub use session::{Edit, Session};
use sink::Sink;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use timing::Phases;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `public/` in the root.
    pub output: Option<PathBuf>,
    pub drafts: bool,
    pub base_url: Option<String>,
    /// Replace an output folder that holds files without a build record beside it (one
    /// that dala did not make): `--force`.
    pub force: bool,
    /// Counters the build updates as it goes, for a progress display.
    pub progress: Option<Arc<crate::progress::Progress>>,
    /// Fail on warnings as on errors (`--strict`): the output is then left as it was.
    pub strict: bool,
    /// Links that lead to nothing are only warned about, even a missing image a content
    /// file names: `dala check` finds them in the built site itself, as errors.
    pub links_checked_after: bool,
    /// Built for `dala serve`: pages reload themselves, so `offline:` is off (no service
    /// worker stands between the browser and the server).
    pub serving: bool,
    /// A `.gz` and a `.br` beside each text file (see [`crate::precompress`]): `Some(true)`
    /// with `--precompress`, `Some(false)` never (`dala serve` and `dala check`, whose
    /// output no host serves), `None` as site.yaml's `precompress:` says.
    pub precompress: Option<bool>,
    /// `--now`: the build's date and time, as written; else `SOURCE_DATE_EPOCH`, else the
    /// clock ([`crate::time::build_now`]), read when the build loads the site.
    pub now: Option<String>,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

#[derive(Debug)]
pub struct BuildReport {
    pub warnings: Vec<Diagnostic>,
    pub pages_per_language: BTreeMap<String, usize>,
    /// Pages whose Markdown and template were rendered (the others were unchanged).
    pub pages_rendered: usize,
    pub files: usize,
    pub stats: WriteStats,
    pub output: PathBuf,
    /// Where the time went (see `dala build --timings`).
    pub timings: crate::progress::Timings,
}

/// Builds the site into the output folder. Every problem in the site is reported at once;
/// on any error the output is left exactly as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    build_keeping(options).map(|(report, _)| report)
}

/// What a build loaded of the site: `dala check` reads it rather than loading the site a
/// second time.
pub struct LoadedSite {
    /// `site.yaml` as the build used it (with `BuildOptions::base_url`, if given).
    pub config: crate::config::Config,
    pub content: crate::content::Content,
    /// The translation status of every page.
    pub translations: Arc<crate::translations::Report>,
}

/// [`build`], also giving back the site as it was loaded, whether the build then succeeded
/// or failed; `None` when it failed before (an output it cannot use, a `site.yaml` that
/// does not load).
pub fn build_loaded(
    options: &BuildOptions,
) -> (Result<BuildReport, BuildFailure>, Option<LoadedSite>) {
    let loaded = |site: Loaded| LoadedSite {
        config: site.config,
        content: site.content,
        translations: site.report,
    };
    match run(options) {
        Ok((report, kept)) => (Ok(report), Some(loaded(kept.site))),
        Err((failure, site)) => (Err(failure), site.map(|s| loaded(*s))),
    }
}

/// [`build`], also giving back what [`Session::edit`] needs of the site.
fn build_keeping(options: &BuildOptions) -> Result<(BuildReport, Kept), BuildFailure> {
    run(options).map_err(|(failure, _)| failure)
}

/// A failed build, with the site when it failed after loading it.
type Failed = (BuildFailure, Option<Box<Loaded>>);

/// The build, phase by phase; a failure comes with the site when it failed after loading
/// it.
fn run(options: &BuildOptions) -> Result<(BuildReport, Kept), Failed> {
    let out = options.output_dir();
    let progress = options.progress.as_deref();
    let phases = Phases::new();
    let (writer, previous) =
        begin::begin(&out, &options.root, options.force).map_err(|f| (f, None))?;
    phases.tick("begin");
    let mut site = match load::load(options, &previous) {
        Ok(site) => site,
        Err(failure) => {
            writer.abort();
            return Err((failure, None));
        }
    };
    phases.tick("load");
    let index = Index::new(&site);
    phases.tick("index");
    let diagnostics = Diagnostics::default();
    diagnostics.extend(std::mem::take(&mut site.errors));
    let links = links::Links::new(&site.urls, &previous.links);
    let precompress = options.precompress.unwrap_or(site.config.precompress);
    let sink = Sink::new(Some(&writer), &diagnostics)
        .with_links(&links)
        .with_precompress(precompress);
    let highlighter = Highlighter::default();
    // Each page job takes its page's body and drops it when done; after the build, bodies
    // are read again when needed, so a large site's Markdown never stays in memory.
    let bodies = site
        .content
        .pages
        .iter_mut()
        .map(|p| p.take_body())
        .collect();
    let jobs = PageJobs {
        site: &site,
        index: &index,
        highlighter: &highlighter,
        sink: &sink,
    };
    // Images are made (or taken from their cache) while the pages render.
    let mut pages = images::alongside(&site, (&sink, &diagnostics), progress, || {
        pages::render_pages(&jobs, bodies, &previous, &diagnostics, progress)
    });
    phases.tick("pages and images");
    if site.config.search {
        search_index::search_index(&site, &index, &pages.summaries, &pages.memos, &sink);
        phases.tick("search");
    }
    let mut cache = BuildCache {
        config: site.config_hash,
        // Moved, not copied: at 10,000 pages a language it is tens of megabytes, and the
        // build has no use for it after loading.
        sources: std::mem::take(&mut site.content.sources),
        ..BuildCache::default()
    };
    let input = ListingsInput {
        site: &site,
        index: &index,
        summaries: &pages.summaries,
        summary_hashes: &pages.summary_hashes,
        sink: &sink,
        writer: &writer,
        highlighter: &highlighter,
    };
    let listed = listings::render_listings(&input, &previous, &mut cache, &diagnostics, progress);
    phases.tick("listings");
    images::publish_resized(&site.resizer, &sink);
    let mut sitemap = std::mem::take(&mut pages.sitemap);
    sitemap.extend(listed.sitemap);
    statics::write_statics(&site, &index, &sink, sitemap, &diagnostics);
    offline::write_offline(&site, &index, &sink, &diagnostics);
    phases.tick("statics");
    let files = sink.files.into_inner();
    let compressed = (
        sink.compressed.0.into_inner(),
        sink.compressed.1.into_inner() as f64 / 1e9,
    );
    let missing_files_fail = !options.links_checked_after;
    let (link_record, dead) = links.finish(|path| writer.has(path), missing_files_fail);
    diagnostics.extend(dead);
    cache.links = link_record;
    phases.tick("links");
    diagnostics.extend(
        commit::clashes(&writer)
            .into_iter()
            .map(|d| d.kind(Kind::Clash)),
    );
    diagnostics.extend(site.strings.fallback_warnings(&site.root.join(I18N_DIR)));
    // The same template error on every page is said once, and so is an unknown code block
    // language, wherever it is.
    let all = crate::render_errors::merge_repeated(diagnostics.into_sorted());
    let failing = |d: &Diagnostic| {
        d.is_error() || (options.strict && d.severity == crate::error::Severity::Warning)
    };
    if all.iter().any(failing) {
        writer.abort();
        return Err((BuildFailure { diagnostics: all }, Some(Box::new(site))));
    }
    if let Some(p) = progress {
        p.stage("writing", 0);
    }
    cache.pages = std::mem::take(&mut pages.memos);
    let stats = match writer.commit(&cache) {
        Ok(stats) => stats,
        Err(e) => {
            let failure = begin::io_failure(&out, e);
            return Err((failure, Some(Box::new(site))));
        }
    };
    phases.tick("commit");
    // The cache keeps what this site uses, no more.
    site.image_cache.clean();
    let built = Built {
        warnings: all,
        files,
        compressed,
        stats,
        output: out,
        phases: &phases,
    };
    Ok(finish(
        built,
        site,
        index,
        pages,
        listed.section_html,
        cache,
    ))
}

/// What the build made, for its report.
struct Built<'a> {
    warnings: Vec<Diagnostic>,
    files: usize,
    /// Compressed copies made, and the seconds it took (threads added up).
    compressed: (u64, f64),
    stats: WriteStats,
    output: PathBuf,
    phases: &'a Phases,
}

/// The report of a successful build, and what it keeps for [`Session::edit`].
fn finish(
    built: Built,
    site: Loaded,
    index: Index,
    pages: RenderedPages,
    section_html: BTreeMap<(String, Lang), Rendered>,
    cache: BuildCache,
) -> (BuildReport, Kept) {
    let timings = crate::progress::Timings {
        phases: built.phases.list(),
        templates: site
            .templates
            .as_ref()
            .map(Templates::timings)
            .unwrap_or_default(),
        markdown: (
            site.markdown_time.0.load(Ordering::Relaxed),
            site.markdown_time.1.load(Ordering::Relaxed) as f64 / 1e9,
        ),
        images: (
            site.images.made.load(Ordering::Relaxed),
            site.images.reused.load(Ordering::Relaxed),
            site.images.nanos.load(Ordering::Relaxed) as f64 / 1e9,
        ),
        compression: built.compressed,
    };
    let mut pages_per_language = BTreeMap::new();
    for page in &site.content.pages {
        *pages_per_language.entry(page.lang.to_string()).or_insert(0) += 1;
    }
    let report = BuildReport {
        warnings: built.warnings,
        pages_per_language,
        pages_rendered: pages.rendered,
        files: built.files,
        stats: built.stats,
        output: built.output,
        timings,
    };
    let kept = Kept {
        site,
        index,
        memos: cache.pages,
        summaries: pages.summaries,
        summary_hashes: pages.summary_hashes,
        section_html,
        listings: cache.listings,
    };
    (report, kept)
}

/// What a successful build keeps in memory for [`Session::edit`].
struct Kept {
    site: Loaded,
    index: Index,
    /// The build cache's pages, by file.
    memos: BTreeMap<String, PageMemo>,
    summaries: Vec<PageSummary>,
    /// Each page's summary hash, as listings fingerprint it.
    summary_hashes: Vec<u64>,
    section_html: BTreeMap<(String, Lang), Rendered>,
    /// The listings' fingerprints, by output path.
    listings: BTreeMap<String, u64>,
}
