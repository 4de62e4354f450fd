//! `dala build`: from the content tree to the built site.
//!
//! [`build`] loads the site, then renders in two parallel passes: every page (Markdown,
//! template, file, in one job, so that no page's HTML outlives its job), then every
//! listing (sections, taxonomies, feeds) from the pages' summaries. Files go to the
//! [`Writer`], which stages them and swaps them in only if the whole site had no error.
//!
//! A page whose file, links and template inputs are unchanged since the last build is not
//! rendered again: the build cache kept beside the output remembers what its Markdown gave
//! and a fingerprint of everything its HTML came from.
//!
//! For `dala serve`, a [`Session`] keeps the site in memory between builds and renders an
//! edited page, with what shows it, without a whole build (see `build/session.rs`).

use crate::config::{Config, CONFIG_FILE};
use crate::content::front_matter::{self, FrontMatter, SortBy};
use crate::content::{parent_dir, Content, LinkTarget, Page, SourceCache, CONTENT_DIR};
use crate::error::{BuildFailure, Diagnostic, Diagnostics};
use crate::highlight::Highlighter;
use crate::i18n::{Strings, I18N_DIR};
use crate::lang::Lang;
use crate::markdown::{self, LinkResolution, Rendered};
use crate::output::{Origin, WriteStats, Writer};
use crate::render::Templates;
use crate::slug::slugify;
use crate::url::{SitePath, Urls};
use crate::views::*;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tera::Context;

mod builtin;
use builtin::{builtin_root, redirect, sitemap};
mod paginate;
use paginate::paginate;
mod session;
pub use session::{Edit, Session};

/// How many pages a taxonomy term's listing shows at once.
const TERM_PAGE_SIZE: usize = 20;

/// How many entries a language's feed carries.
const FEED_LENGTH: usize = 20;

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

/// [`build`], also giving back what [`Session::edit`] needs of the site.
fn build_keeping(options: &BuildOptions) -> Result<(BuildReport, Kept), BuildFailure> {
    let out = options.output_dir();
    check_output_location(&options.root, &out, options.force)?;
    let phases = Phases::new();
    let tick = |what: &str| phases.tick(what);
    let io_failure = |e: std::io::Error| {
        let message = if crate::output::PartlyUpdated::of(&e).is_some() {
            format!("{}: {e}", crate::error::PARTLY_UPDATED)
        } else if e.kind() == std::io::ErrorKind::WouldBlock {
            // Another build holds the output's lock: its own message says so.
            e.to_string()
        } else {
            format!("cannot write the output: {e}")
        };
        BuildFailure {
            diagnostics: vec![Diagnostic::error(&out, message)],
        }
    };
    let (writer, previous) = Writer::begin::<BuildCache>(&out).map_err(io_failure)?;
    tick("state");
    let mut site = match load(options, &previous) {
        Ok(site) => site,
        Err(failure) => {
            writer.abort();
            return Err(failure);
        }
    };
    tick("load");
    let diagnostics = Diagnostics::default();
    diagnostics.extend(std::mem::take(&mut site.errors));

    let progress = options.progress.as_deref();
    let rendered = render(&site, &writer, &previous, &diagnostics, &phases, progress);
    for (path, origins) in writer.clashes() {
        // Point at the source that chose the URL (a slug or an alias line) if there is one.
        let at = origins
            .iter()
            .rev()
            .find(|o| o.line.is_some())
            .or(origins.last())
            .cloned();
        if let Some(at) = at {
            let others: Vec<String> = origins
                .iter()
                .filter(|o| **o != at)
                .map(ToString::to_string)
                .collect();
            let d = Diagnostic::error(
                &at.file,
                format!(
                    "`/{path}` is produced twice: by {} and by this file",
                    others.join(", ")
                ),
            );
            diagnostics.push(match at.line {
                Some(l) => d.at(l),
                None => d,
            });
        }
    }
    for [(first, first_origin), (second, at)] in writer.near_clashes() {
        let d = Diagnostic::error(
            &at.file,
            format!(
                "`/{second}` differs from `/{first}` (by {first_origin}) only by case or Unicode normalisation: they are one file on macOS, Windows and many hosts; rename one"
            ),
        );
        diagnostics.push(match at.line {
            Some(l) => d.at(l),
            None => d,
        });
    }
    diagnostics.extend(site.strings.fallback_warnings(&site.root.join(I18N_DIR)));
    // The same template error on every page is said once.
    let all = crate::render_errors::merge_repeated(diagnostics.into_sorted());
    if all.iter().any(Diagnostic::is_error) {
        writer.abort();
        return Err(BuildFailure { diagnostics: all });
    }
    let RenderOutput {
        cache,
        pages_rendered,
        files,
        index,
        summaries,
        summary_hashes,
        section_html,
    } = rendered;
    if let Some(p) = progress {
        p.stage("writing", 0);
    }
    let stats = writer.commit(&cache).map_err(io_failure)?;
    tick("commit");
    let timings = crate::progress::Timings {
        phases: phases.list(),
        templates: site
            .templates
            .as_ref()
            .map(Templates::timings)
            .unwrap_or_default(),
        markdown: (
            site.markdown_time.0.load(Ordering::Relaxed),
            site.markdown_time.1.load(Ordering::Relaxed) as f64 / 1e9,
        ),
    };
    let mut pages_per_language = BTreeMap::new();
    for page in &site.content.pages {
        *pages_per_language.entry(page.lang.to_string()).or_insert(0) += 1;
    }
    let report = BuildReport {
        warnings: all,
        pages_per_language,
        pages_rendered,
        files,
        stats,
        output: out,
        timings,
    };
    // Bodies are read again when needed: a large site's Markdown need not stay in memory.
    for page in &mut site.content.pages {
        page.forget_body();
    }
    let kept = Kept {
        site,
        index,
        memos: cache.pages,
        summaries,
        summary_hashes,
        section_html,
        listings: cache.listings,
    };
    Ok((report, kept))
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

/// With `DALA_PHASES` set, prints how long each phase of a build took (for profiling; see
/// bench/README.md).
struct Phases {
    start: std::time::Instant,
    on: bool,
    /// Each phase and how long it took.
    list: std::sync::Mutex<(std::time::Instant, Vec<(String, f64)>)>,
}

impl Phases {
    fn new() -> Phases {
        let start = std::time::Instant::now();
        Phases {
            start,
            on: std::env::var_os("DALA_PHASES").is_some(),
            list: std::sync::Mutex::new((start, Vec::new())),
        }
    }

    fn tick(&self, what: &str) {
        let now = std::time::Instant::now();
        let mut list = self.list.lock().unwrap_or_else(|e| e.into_inner());
        let took = now.duration_since(list.0).as_secs_f64();
        list.0 = now;
        list.1.push((what.to_string(), took));
        if self.on {
            eprintln!("{what}: {:.3}", self.start.elapsed().as_secs_f64());
        }
    }

    fn list(&self) -> Vec<(String, f64)> {
        self.list
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .1
            .clone()
    }
}

/// The output replaces a whole folder: refuse folders that hold the site's own sources.
/// Refuses, before anything is touched, an output that is a file, one that holds the
/// site's sources, and (unless `force`) a folder with files in it and no build record
/// beside it: it was not made by dala, and a build would replace it whole.
fn check_output_location(root: &Path, out: &Path, force: bool) -> Result<(), BuildFailure> {
    let refuse = |message: &str| {
        Err(BuildFailure {
            diagnostics: vec![Diagnostic::error(out, message)],
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
            diagnostics: vec![Diagnostic::error(
                out,
                "refusing to build into this folder: the output is replaced whole, and this folder holds the site's sources",
            )],
        });
    }
    Ok(())
}

/// Everything of the site that rendering needs, loaded and checked.
struct Loaded {
    config: Config,
    urls: Urls,
    root: PathBuf,
    theme_dir: Option<PathBuf>,
    strings: Arc<Strings>,
    /// `None` when a template does not parse: the content is still checked.
    templates: Option<Templates>,
    content: Content,
    /// Problems found while loading; rendering goes on to find more.
    errors: Vec<Diagnostic>,
    /// A hash of everything besides a page's own file that its HTML depends on: the
    /// configuration, the options, the templates and the interface strings.
    fingerprint: u64,
    /// A hash of `site.yaml`.
    config_hash: u64,
    /// The translation status of every page.
    report: std::sync::Arc<crate::translations::Report>,
    /// Templates that call `translation_report()`, and a hash of the report: only what they
    /// render depends on it.
    report_templates: std::collections::BTreeSet<String>,
    report_hash: u64,
    /// Markdown files rendered, and the nanoseconds it took (all threads added up).
    markdown_time: (std::sync::atomic::AtomicU64, std::sync::atomic::AtomicU64),
}

impl Loaded {
    fn has_template(&self, name: &str) -> bool {
        self.templates.as_ref().is_some_and(|t| t.has(name))
    }
}

fn fail(diagnostics: Vec<Diagnostic>) -> BuildFailure {
    let mut diagnostics = diagnostics;
    diagnostics.sort();
    diagnostics.dedup();
    BuildFailure { diagnostics }
}

fn load(options: &BuildOptions, previous: &BuildCache) -> Result<Loaded, BuildFailure> {
    let root = options.root.clone();
    let mut config = Config::load(&root).map_err(fail)?;
    let config_text = std::fs::read(root.join(CONFIG_FILE)).unwrap_or_default();
    let config_hash = crate::util::hash_bytes(&config_text);
    // What the last build read of the content stands only if site.yaml is the same.
    let empty = SourceCache::default();
    let known_sources = if previous.config == config_hash {
        &previous.sources
    } else {
        &empty
    };
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.trim_end_matches('/').to_string();
    }
    let urls = Urls::new(&config.base_url);
    let mut errors = Vec::new();
    let theme_dir = config.theme_dir(&root);
    let mut theme_missing = false;
    if let Some(dir) = &theme_dir {
        if !dir.is_dir() {
            theme_missing = true;
            errors.push(Diagnostic::error(
                root.join(CONFIG_FILE),
                format!(
                    "theme `{}`: there is no folder {}",
                    config.theme.as_deref().unwrap_or(""),
                    dir.display()
                ),
            ));
        }
    }
    let mut i18n_dirs: Vec<PathBuf> = theme_dir.iter().map(|d| d.join(I18N_DIR)).collect();
    i18n_dirs.push(root.join(I18N_DIR));
    let i18n_refs: Vec<&Path> = i18n_dirs.iter().map(PathBuf::as_path).collect();
    let strings = Arc::new(Strings::load(&i18n_refs, &config, &mut errors));
    let mut template_dirs: Vec<PathBuf> = theme_dir.iter().map(|d| d.join("templates")).collect();
    template_dirs.push(root.join("templates"));
    let mut templates = Templates::load(&template_dirs, strings.clone(), urls.clone(), &mut errors);
    let content = Content::load(&root, &config, options.drafts, known_sources, &mut errors);
    let errors_before_checks = errors.len();
    if theme_missing {
        // Every template the theme should have had would be missing too: one error says it.
        templates = None;
    }
    if let Some(templates) = &templates {
        for required in ["page.html", "section.html"] {
            if !templates.has(required) {
                errors.push(Diagnostic::error(
                    template_dirs.last().cloned().unwrap_or_default(),
                    format!("no template `{required}`: the theme or the site's templates/ must have one"),
                ));
            }
        }
        if !config.taxonomies.is_empty() {
            for required in ["taxonomy.html", "taxonomy_term.html"] {
                if !templates.has(required) {
                    errors.push(Diagnostic::error(
                        root.join(CONFIG_FILE),
                        format!("site.yaml lists taxonomies, but the theme has no template `{required}`"),
                    ));
                }
            }
        }
    }
    if errors.len() > errors_before_checks {
        // Without the templates the site needs, rendering would only repeat the problem.
        templates = None;
    }
    let report = std::sync::Arc::new(crate::translations::report(&content, &config));
    let report_templates = templates
        .as_mut()
        .map(|t| t.provide_report(report.clone()))
        .unwrap_or_default();
    let report_hash = crate::util::hash_bytes(&serde_json::to_vec(&*report).unwrap_or_default());
    let fingerprint = crate::util::hash_bytes(
        format!(
            "{} {:?} {} {} {}",
            config_hash,
            options.base_url,
            options.drafts,
            templates.as_ref().map_or(0, Templates::fingerprint),
            strings.fingerprint()
        )
        .as_bytes(),
    );
    Ok(Loaded {
        config,
        urls,
        root,
        theme_dir,
        strings,
        templates,
        content,
        errors,
        fingerprint,
        config_hash,
        report,
        report_templates,
        report_hash,
        markdown_time: Default::default(),
    })
}

/// What the next build may reuse of this one's pages, kept beside the output.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct BuildCache {
    /// Pages by file (`articles/x.ru.md`).
    pages: BTreeMap<String, PageMemo>,
    /// Fingerprints of listing pages by output path.
    listings: BTreeMap<String, u64>,
    /// The interface string fallbacks each listing page took, by output path.
    #[serde(default)]
    listing_fallbacks: BTreeMap<String, Vec<crate::i18n::Fallback>>,
    /// The hash of `site.yaml` that `sources` was read with.
    config: u64,
    /// Page files as this build read them.
    sources: SourceCache,
}

/// What a page's Markdown gave, and the fingerprint of everything its HTML came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct PageMemo {
    source: u64,
    unsafe_html: bool,
    /// Content links as written, with the URL each resolved to.
    links: Vec<(String, String)>,
    /// The summary for listings, when the front matter has none.
    summary_text: String,
    /// A hash of the rest of what the Markdown gave templates (table of contents, summary
    /// HTML, word count): the page's fingerprint includes it, so it need not be kept.
    derived: u64,
    /// Warnings the Markdown gave (line, message), repeated by builds that reuse it.
    warnings: Vec<(usize, String)>,
    /// Hash of the page's template inputs; equal means equal HTML.
    fingerprint: u64,
    /// The page's stems for the search index (see [`crate::search::terms`]), when the site
    /// has search.
    #[serde(default)]
    terms: Option<String>,
    /// The interface string fallbacks its template took, warned about again when the page
    /// is kept.
    #[serde(default)]
    fallbacks: Vec<crate::i18n::Fallback>,
}

/// A `std::io::Write` that hashes what is written, to fingerprint views without keeping
/// their JSON. Small writes (serde_json makes many) are gathered before hashing.
#[derive(Clone, Default)]
struct HashWriter {
    hasher: std::hash::DefaultHasher,
    pending: Vec<u8>,
}

impl HashWriter {
    fn add_bytes(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
        if self.pending.len() >= 8192 {
            std::hash::Hasher::write(&mut self.hasher, &self.pending);
            self.pending.clear();
        }
    }

    /// Adds the JSON of `value`.
    fn add<T: Serialize + ?Sized>(&mut self, value: &T) {
        let _ = serde_json::to_writer(&mut *self, value);
    }

    fn finish(&self) -> u64 {
        let mut hasher = self.hasher.clone();
        std::hash::Hasher::write(&mut hasher, &self.pending);
        std::hash::Hasher::finish(&hasher)
    }
}

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.add_bytes(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A value for the template context, converted only if the template is rendered.
type Deferred<'a> = Box<dyn Fn() -> serde_json::Value + Send + Sync + 'a>;

/// A template context that fingerprints what is put into it: two contexts with equal
/// fingerprints (for one template, language and site) render the same bytes. Values are
/// hashed as they are put in (listed pages by their own fingerprints, see
/// [`crate::views::Listed`]) and converted into tera's values only if the template must be
/// rendered, so that an unchanged listing costs little more than its hash.
struct PageContext<'a> {
    base: &'a Context,
    values: Vec<(&'static str, Deferred<'a>)>,
    hash: HashWriter,
}

impl<'a> PageContext<'a> {
    fn new(index: &'a Index, lang: &Lang) -> PageContext<'a> {
        let mut hash = HashWriter::default();
        hash.add_bytes(lang.as_str().as_bytes());
        PageContext {
            base: &index.base[lang],
            values: Vec::new(),
            hash,
        }
    }

    fn insert<T: Serialize + Send + Sync + 'a>(&mut self, key: &'static str, value: T) {
        self.hash_value(key, &value);
        self.values.retain(|(k, _)| *k != key);
        self.values.push((
            key,
            Box::new(move || serde_json::to_value(&value).unwrap_or_default()),
        ));
    }

    /// [`PageContext::insert`] for a value many contexts share, with its hash made once
    /// (see [`value_hash`]).
    fn insert_hashed<T: Serialize + Send + Sync + 'a>(
        &mut self,
        key: &'static str,
        value: T,
        hash: u64,
    ) {
        self.hash.add_bytes(key.as_bytes());
        self.hash.add_bytes(&hash.to_le_bytes());
        self.values.retain(|(k, _)| *k != key);
        self.values.push((
            key,
            Box::new(move || serde_json::to_value(&value).unwrap_or_default()),
        ));
    }

    /// Puts `value` in the fingerprint only: the caller passes it to
    /// [`PageContext::context_with`] when rendering.
    fn hash_value<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.hash.add_bytes(key.as_bytes());
        crate::views::fingerprinting(|| self.hash.add(value));
    }

    /// Adds what the context does not show but the output depends on.
    fn mix<T: Serialize + ?Sized>(&mut self, value: &T) {
        self.hash.add(value);
    }

    /// The fingerprint of rendering `template` with this context on this site.
    fn fingerprint(&self, site: &Loaded, template: &str) -> u64 {
        let mut h = self.hash.clone();
        h.add_bytes(template.as_bytes());
        h.add_bytes(&site.fingerprint.to_le_bytes());
        if site.report_templates.contains(template) {
            h.add_bytes(&site.report_hash.to_le_bytes());
        }
        h.finish()
    }

    /// The context for tera: the language's base and the values put in.
    fn context(&self) -> Context {
        let map: serde_json::Map<String, serde_json::Value> = self
            .values
            .iter()
            .map(|(key, value)| (key.to_string(), value()))
            .collect();
        let mut ctx = self.base.clone();
        if let Ok(values) = Context::from_value(serde_json::Value::Object(map)) {
            ctx.extend(values);
        }
        ctx
    }

    /// The context for tera with `key` set to `value` as well.
    fn context_with<T: Serialize + ?Sized>(&self, key: &'static str, value: &T) -> Context {
        let mut ctx = self.context();
        ctx.insert(key, value);
        ctx
    }
}

/// The hash of a value as a [`PageContext`] fingerprints it.
fn value_hash<T: Serialize + ?Sized>(value: &T) -> u64 {
    let mut h = HashWriter::default();
    crate::views::fingerprinting(|| h.add(value));
    h.finish()
}

/// Listing pages rendered by the last build and this one, by output path: one whose
/// fingerprint did not change is kept, not rendered.
struct Listings<'a> {
    previous: &'a BTreeMap<String, u64>,
    current: std::sync::Mutex<BTreeMap<String, u64>>,
    /// The fallbacks of the last build's listing pages, and of this one's.
    previous_fallbacks: &'a BTreeMap<String, Vec<crate::i18n::Fallback>>,
    fallbacks: std::sync::Mutex<BTreeMap<String, Vec<crate::i18n::Fallback>>>,
    /// `None` for [`Session::edit`]: the output holds what the fingerprints were made for.
    writer: Option<&'a Writer>,
    /// For [`Session::edit`]: only the taxonomy terms that list one of these pages are
    /// produced (the rest are as they were).
    only: Option<&'a std::collections::BTreeSet<usize>>,
}

/// What [`render`] gives back.
struct RenderOutput {
    /// The cache for the next build.
    cache: BuildCache,
    pages_rendered: usize,
    files: usize,
    index: Index,
    summaries: Vec<PageSummary>,
    /// Each page's summary hash, as listings fingerprint it.
    summary_hashes: Vec<u64>,
    /// What each section's Markdown gave, by folder and language.
    section_html: BTreeMap<(String, Lang), Rendered>,
}

/// Renders the site into `writer`; what cannot be rendered or written is reported in
/// `diagnostics`.
fn render(
    site: &Loaded,
    writer: &Writer,
    previous: &BuildCache,
    diagnostics: &Diagnostics,
    phases: &Phases,
    progress: Option<&crate::progress::Progress>,
) -> RenderOutput {
    let tick = |what: &str| phases.tick(what);
    if let Some(p) = progress {
        p.stage("pages", site.content.pages.len());
    }
    let highlighter = Highlighter::default();
    let index = Index::new(site);
    tick("index");
    let sink = Sink::new(Some(writer), diagnostics);

    // Pages: Markdown, template and file in one go, so that no page's HTML is kept.
    let outcomes: Vec<PageOutcome> = site
        .content
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let mut d = Vec::new();
            let outcome = page_job(
                site,
                &index,
                &highlighter,
                previous.pages.get(&page.rel),
                (i, page),
                &sink,
                &mut d,
            );
            diagnostics.extend(d);
            if let Some(p) = progress {
                p.step();
            }
            outcome
        })
        .collect();
    tick("pages");
    let pages_rendered = outcomes.iter().filter(|o| o.rendered).count();
    let mut summaries = Vec::with_capacity(outcomes.len());
    let mut summary_hashes = Vec::with_capacity(outcomes.len());
    let mut sitemap_entries = Vec::new();
    let mut cache = BuildCache::default();
    for (page, outcome) in site.content.pages.iter().zip(outcomes) {
        summaries.push(outcome.summary);
        summary_hashes.push(outcome.summary_hash);
        sitemap_entries.extend(outcome.sitemap);
        cache.pages.insert(page.rel.clone(), outcome.memo);
    }
    if site.config.search {
        search_index(site, &index, &summaries, &cache.pages, &sink);
        tick("search");
    }

    let listed = listed(&summaries, &summary_hashes);
    let mut section_html: BTreeMap<(String, Lang), Rendered> = BTreeMap::new();
    for section in site.content.sections.values() {
        for (lang, version) in &section.versions {
            let mut d = Vec::new();
            let file = version.file.clone().unwrap_or_default();
            let (r, _) = render_markdown(
                site,
                &highlighter,
                &file,
                &version.rel,
                &version.body,
                version.body_line,
                lang,
                &mut d,
            );
            diagnostics.extend(d);
            section_html.insert((section.dir.clone(), lang.clone()), r);
        }
    }

    let jobs = listing_jobs(site);
    let listings = Listings {
        previous: &previous.listings,
        current: Default::default(),
        previous_fallbacks: &previous.listing_fallbacks,
        fallbacks: Default::default(),
        writer: Some(writer),
        only: None,
    };
    if let Some(p) = progress {
        p.stage("lists, taxonomies and feeds", jobs.len());
    }
    let produced: Vec<Vec<SitemapEntry>> = jobs
        .par_iter()
        .map(|job| {
            if let Some(p) = progress {
                p.step();
            }
            let mut d = Vec::new();
            let files = run_job(site, &index, &listed, &section_html, &listings, job, &mut d);
            diagnostics.extend(d);
            deliver(&sink, files)
        })
        .collect();
    sitemap_entries.extend(produced.into_iter().flatten());
    cache.listings = listings
        .current
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    cache.listing_fallbacks = listings
        .fallbacks
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    cache.config = site.config_hash;
    cache.sources = site.content.sources.clone();
    tick("listings");

    // Static files: the theme's, then the site's over them.
    let mut statics: BTreeMap<String, Body> = BTreeMap::new();
    statics.insert(
        crate::highlight::STYLESHEET.to_string(),
        Body::Bytes(crate::highlight::stylesheet().as_bytes().to_vec()),
    );
    for dir in site
        .theme_dir
        .iter()
        .map(|d| d.join("static"))
        .chain([site.root.join("static")])
    {
        collect_static(&dir, &site.root, &mut statics, diagnostics);
    }
    if site.config.search {
        statics.insert(
            crate::search::SCRIPT_PATH.to_string(),
            Body::Bytes(crate::search::SCRIPT.as_bytes().to_vec()),
        );
    }
    // A site without its own robots.txt gets one that points crawlers to the sitemap.
    if !statics.contains_key("robots.txt") {
        let robots = format!(
            "User-agent: *\nAllow: /\nSitemap: {}\n",
            site.urls.permalink(&SitePath::file("sitemap.xml"))
        );
        statics.insert("robots.txt".into(), Body::Bytes(robots.into_bytes()));
    }
    statics.into_par_iter().for_each(|(path, body)| {
        let file = match &body {
            Body::Copy(source) => source.clone(),
            Body::Bytes(_) | Body::Keep => PathBuf::from("<dala>"),
        };
        sink.put(&path, body, Origin { file, line: None });
    });
    sitemap_entries.sort_by(|a, b| a.loc.cmp(&b.loc));
    sink.put(
        "sitemap.xml",
        Body::Bytes(sitemap(&sitemap_entries).into_bytes()),
        Origin {
            file: PathBuf::from("<sitemap>"),
            line: None,
        },
    );
    tick("static");
    RenderOutput {
        cache,
        pages_rendered,
        files: sink.files.into_inner(),
        index,
        summaries,
        summary_hashes,
        section_html,
    }
}

/// The pages as listings take them: each summary with its hash.
fn listed<'a>(summaries: &'a [PageSummary], hashes: &[u64]) -> Vec<Listed<'a>> {
    summaries
        .iter()
        .zip(hashes)
        .map(|(summary, &hash)| Listed { summary, hash })
        .collect()
}

/// Puts a listing's files into the sink; returns their sitemap entries.
fn deliver(sink: &Sink, files: Vec<Produced>) -> Vec<SitemapEntry> {
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

/// Every listing of the site: sections, taxonomies, feeds, the root, the 404 and search
/// pages.
fn listing_jobs(site: &Loaded) -> Vec<Job> {
    let mut jobs: Vec<Job> = Vec::new();
    for section in site.content.sections.values() {
        for lang in section.versions.keys() {
            jobs.push(Job::Section(section.dir.clone(), lang.clone()));
            if !section.dir.is_empty() {
                jobs.push(Job::Feed(lang.clone(), Some(section.dir.clone())));
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

/// Writes each language's search index (see [`crate::search`]).
fn search_index(
    site: &Loaded,
    index: &Index,
    summaries: &[PageSummary],
    memos: &BTreeMap<String, PageMemo>,
    sink: &Sink,
) {
    site.config.languages.par_iter().for_each(|language| {
        let lang = &language.code;
        let Some(rules) = index.search_rules.get(lang) else {
            return;
        };
        let docs: Vec<crate::search::Document> = site
            .content
            .pages
            .iter()
            .zip(summaries)
            .filter(|(page, _)| &page.lang == lang)
            .map(|(page, summary)| crate::search::Document {
                title: &summary.title,
                url: summary.path.clone(),
                date: page
                    .fm
                    .date
                    .as_ref()
                    .and_then(|d| site.strings.format_date(lang, d.ymd(), true))
                    .unwrap_or_default(),
                summary: &summary.summary,
                terms: memos
                    .get(&page.rel)
                    .and_then(|m| m.terms.as_deref())
                    .unwrap_or_default(),
            })
            .collect();
        let origin = Origin {
            file: PathBuf::from("<search index>"),
            line: None,
        };
        for (path, bytes) in crate::search::index_files(lang.as_str(), rules, &docs) {
            sink.put(
                &format!("search/{lang}/{path}"),
                Body::Bytes(bytes),
                origin.clone(),
            );
        }
    });
}

/// A produced file's content.
enum Body {
    Bytes(Vec<u8>),
    /// The previous build's file, unchanged.
    Keep,
    /// A file copied as it is (static files, bundle assets).
    Copy(PathBuf),
}

/// Where jobs put their files: the writer (or, for [`Session::edit`], memory), a count,
/// and write errors as diagnostics.
struct Sink<'a> {
    writer: Option<&'a Writer>,
    /// Files kept in memory when there is no writer.
    held: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
    files: AtomicUsize,
    diagnostics: &'a Diagnostics,
}

impl<'a> Sink<'a> {
    fn new(writer: Option<&'a Writer>, diagnostics: &'a Diagnostics) -> Sink<'a> {
        Sink {
            writer,
            held: Default::default(),
            files: AtomicUsize::new(0),
            diagnostics,
        }
    }

    fn put(&self, path: &str, body: Body, origin: Origin) {
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
                let d = Diagnostic::error(&at.file, format!("cannot write: {e}"));
                self.diagnostics.push(match at.line {
                    Some(l) => d.at(l),
                    None => d,
                });
            }
            Err(e) => self
                .diagnostics
                .push(Diagnostic::error(path, format!("cannot write: {e}"))),
            Ok(()) => {}
        }
    }

    /// Keeps the previous build's file; false if it must be produced anew.
    fn keep(&self, path: &str, origin: Origin) -> bool {
        let kept = self.writer.is_some_and(|w| w.keep(path, origin));
        if kept {
            self.files.fetch_add(1, Ordering::Relaxed);
        }
        kept
    }
}

/// What a page job leaves for the listings and the next build.
struct PageOutcome {
    summary: PageSummary,
    /// A hash of the summary: listings fingerprint their pages by it.
    summary_hash: u64,
    memo: PageMemo,
    sitemap: Option<SitemapEntry>,
    rendered: bool,
}

fn page_job(
    site: &Loaded,
    index: &Index,
    highlighter: &Highlighter,
    memo: Option<&PageMemo>,
    (number, page): (usize, &Page),
    sink: &Sink,
    errors: &mut Vec<Diagnostic>,
) -> PageOutcome {
    let render_markdown_of = |errors: &mut Vec<Diagnostic>| {
        let body = match page.body() {
            Ok(body) => body,
            Err(e) => {
                errors.push(e);
                std::borrow::Cow::Borrowed("")
            }
        };
        let started = std::time::Instant::now();
        let r = render_markdown(
            site,
            highlighter,
            &page.file,
            &page.rel,
            &body,
            page.body_line,
            &page.lang,
            errors,
        );
        site.markdown_time.0.fetch_add(1, Ordering::Relaxed);
        site.markdown_time
            .1
            .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        r
    };
    // The Markdown's results: from the last build if the file and its links are unchanged.
    let reusable = memo.filter(|m| {
        m.source == page.source_hash
            && m.unsafe_html == site.config.unsafe_html
            && m.terms.is_some() == site.config.search
            && m.links.iter().all(|(dest, url)| {
                matches!(resolve_link(&site.content, &site.urls, &page.rel, &page.lang, dest), LinkResolution::Resolved(u) if u == *url)
            })
    });
    let mut fresh: Option<Rendered> = None;
    let mut memo = match reusable {
        Some(m) => {
            for (line, message) in &m.warnings {
                errors.push(Diagnostic::warning(&page.file, message.clone()).at(*line));
            }
            m.clone()
        }
        None => {
            let mut d = Vec::new();
            let (r, links) = render_markdown_of(&mut d);
            let warnings = d
                .iter()
                .filter(|x| !x.is_error())
                .map(|x| (x.line.unwrap_or(1), x.message.clone()))
                .collect();
            errors.append(&mut d);
            let m = PageMemo {
                source: page.source_hash,
                unsafe_html: site.config.unsafe_html,
                links,
                summary_text: if page.fm.summary.is_some() {
                    String::new()
                } else {
                    r.summary_text.clone()
                },
                derived: derived_hash(&r),
                warnings,
                fingerprint: 0,
                fallbacks: Vec::new(),
                terms: index
                    .search_rules
                    .get(&page.lang)
                    .map(|rules| crate::search::terms(rules, &page.fm.title, &r.text)),
            };
            fresh = Some(r);
            m
        }
    };

    let summary = index.summary(site, page, &memo.summary_text);
    let versions: Vec<(Lang, String, SitePath)> = site
        .content
        .translations(&page.group, &site.config)
        .map(|p| (p.lang.clone(), p.fm.title.clone(), p.path.clone()))
        .collect();
    let translations = translations_of(site, &versions, &page.lang);
    let lastmod = page
        .fm
        .updated
        .as_ref()
        .or(page.fm.date.as_ref())
        .map(|d| d.day().to_string());
    let sitemap = Some(sitemap_entry(site, &page.path, lastmod, &translations));
    let template = page
        .fm
        .template
        .clone()
        .unwrap_or_else(|| "page.html".into());
    // The view without what the Markdown gave: that is in the fingerprint as hashes.
    let mut view = PageView {
        summary: summary.clone(),
        slug: page.slug.clone(),
        content: String::new(),
        summary_html: None,
        toc: Vec::new(),
        word_count: 0,
        reading_time: 0,
        section: page.section.clone(),
        file: page.rel.clone(),
        translation_status: site.report.status_of(&page.rel).map(|s| s.name()),
        translations: translations.clone(),
        related: index.related[number].clone(),
    };
    let mut ctx = PageContext::new(index, &page.lang);
    ctx.hash_value("page", &view);
    locate(&mut ctx, site, &page.path, &translations);
    ctx.mix(&(page.source_hash, &memo.links, memo.derived));
    let fingerprint = ctx.fingerprint(site, &template);
    let previous_fingerprint = reusable.map(|m| m.fingerprint);
    let previous_fallbacks = reusable.map(|m| m.fallbacks.clone()).unwrap_or_default();
    memo.fingerprint = fingerprint;

    let origin = Origin {
        file: page.file.clone(),
        line: page.fm.lines.get("slug").copied(),
    };
    let path = page.path.output_file();
    let unchanged = previous_fingerprint == Some(fingerprint)
        && site.templates.is_some()
        && sink.keep(&path, origin.clone());
    if unchanged {
        // Kept: its template's fallbacks are those of the build that rendered it.
        memo.fallbacks = previous_fallbacks;
        site.strings.replay(&memo.fallbacks);
    }
    let mut rendered = false;
    if !unchanged {
        rendered = true;
        if site.templates.is_none() {
            // The cause (a broken template, a missing theme) was reported when loading.
        } else if !site.has_template(&template) {
            let d = Diagnostic::error(
                &page.file,
                format!("no template `{template}` in the theme or templates/"),
            );
            errors.push(d.at(page.fm.lines.get("template").copied().unwrap_or(1)));
        } else if let Some(templates) = &site.templates {
            let r = match fresh {
                Some(r) => r,
                None => render_markdown_of(&mut Vec::new()).0,
            };
            view.reading_time = r.word_count.div_ceil(200).max(1);
            view.word_count = r.word_count;
            view.toc = r.toc;
            view.summary_html = r.summary_html;
            view.content = r.html;
            let what = format!("{} [{}]", page.file.display(), page.lang);
            let (result, taken) = crate::i18n::recording(|| {
                templates.render(
                    &template,
                    &ctx.context_with("page", &view),
                    &page.lang,
                    &what,
                )
            });
            memo.fallbacks = taken;
            match result {
                Ok(html) => sink.put(&path, Body::Bytes(html.into_bytes()), origin),
                Err(d) => errors.push(d),
            }
        }
    }
    for asset in site
        .content
        .assets
        .iter()
        .filter(|a| page.bundle.is_some() && a.bundle.as_deref() == Some(page.group.as_str()))
    {
        let origin = Origin {
            file: asset.file.clone(),
            line: None,
        };
        sink.put(
            &format!("{}{}", page.path.as_str(), asset.name),
            Body::Copy(asset.file.clone()),
            origin,
        );
    }
    for alias in &page.fm.aliases {
        let from = SitePath::from_user(alias);
        let origin = Origin {
            file: page.file.clone(),
            line: page.fm.lines.get("aliases").copied(),
        };
        let body = redirect(site, &page.lang, &site.urls.permalink(&page.path));
        sink.put(&from.output_file(), Body::Bytes(body.into_bytes()), origin);
    }
    let mut h = HashWriter::default();
    h.add(&summary);
    let summary_hash = h.finish();
    PageOutcome {
        summary,
        summary_hash,
        memo,
        sitemap,
        rendered,
    }
}

/// A hash of what a page's Markdown gives its template besides the HTML.
fn derived_hash(r: &Rendered) -> u64 {
    let mut h = HashWriter::default();
    h.add(&(&r.toc, &r.summary_html, r.word_count));
    h.finish()
}

#[allow(clippy::too_many_arguments)]
fn render_markdown(
    site: &Loaded,
    highlighter: &Highlighter,
    file: &Path,
    rel: &str,
    body: &str,
    body_line: usize,
    lang: &Lang,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Rendered, Vec<(String, String)>) {
    let (text, calls) = crate::shortcode::extract(body, body_line, file, diagnostics);
    if !site.config.unsafe_html {
        crate::shortcode::check_urls(&calls, file, diagnostics);
    }
    let profile = &site.config.language(lang).profile;
    let input = markdown::Input {
        body: &text,
        path: file,
        first_line: body_line,
        unsafe_html: site.config.unsafe_html,
        highlighter,
        typography: profile.typography,
        transliterate: profile.transliteration,
        turkic_case: profile.turkic_case,
        want_text: site.config.search,
    };
    // Remember each content link and its URL: the page must be rendered again when one moves.
    let links = std::cell::RefCell::new(Vec::new());
    let resolve = |dest: &str| {
        let r = resolve_link(&site.content, &site.urls, rel, lang, dest);
        if let LinkResolution::Resolved(url) = &r {
            links.borrow_mut().push((dest.to_string(), url.clone()));
        }
        r
    };
    let mut rendered = markdown::render(&input, &resolve, diagnostics);
    let mut links = links.into_inner();
    if calls.is_empty() {
        return (rendered, links);
    }
    let mut outputs = Vec::with_capacity(calls.len());
    for (nth, call) in calls.iter().enumerate() {
        let body_html = call.body.as_ref().map(|b| {
            let (r, l) = render_markdown(
                site,
                highlighter,
                file,
                rel,
                b,
                call.body_line,
                lang,
                diagnostics,
            );
            links.extend(l);
            rendered.text.push(' ');
            rendered.text.push_str(&r.text);
            r.html
        });
        match render_shortcode(site, lang, call, body_html, nth) {
            Ok(html) => outputs.push(html),
            Err(message) => {
                diagnostics.push(Diagnostic::error(file, message).at(call.line));
                outputs.push(String::new());
            }
        }
    }
    use crate::shortcode::{replace, strip};
    rendered.html = replace(&rendered.html, &outputs);
    rendered.summary_html = rendered.summary_html.map(|h| replace(&h, &outputs));
    rendered.summary_text = strip(&rendered.summary_text);
    rendered.text = strip(&rendered.text);
    fn strip_toc(toc: &mut [markdown::TocEntry]) {
        for entry in toc {
            entry.title = crate::shortcode::strip(&entry.title);
            strip_toc(&mut entry.children);
        }
    }
    strip_toc(&mut rendered.toc);
    (rendered, links)
}

/// Renders a shortcode call with `templates/shortcodes/<name>.html`.
fn render_shortcode(
    site: &Loaded,
    lang: &Lang,
    call: &crate::shortcode::Call,
    body: Option<String>,
    nth: usize,
) -> Result<String, String> {
    let Some(templates) = &site.templates else {
        return Ok(String::new());
    };
    let name = format!("shortcodes/{}.html", call.name);
    if !templates.has(&name) {
        let known: Vec<&str> = templates
            .names()
            .filter_map(|n| n.strip_prefix("shortcodes/")?.strip_suffix(".html"))
            .collect();
        return Err(format!(
            "no shortcode `{}`: expected a template templates/shortcodes/{}.html in the site or the theme (there are: {})",
            call.name,
            call.name,
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        ));
    }
    let mut ctx = tera::Context::new();
    // A derived language's page is its parent's, transliterated: its arguments too.
    let convert = site.config.transliteration(lang);
    for (key, value) in &call.args {
        match (value, convert) {
            (serde_json::Value::String(text), Some(convert)) => {
                ctx.insert(key.as_str(), &convert(text))
            }
            _ => ctx.insert(key.as_str(), value),
        }
    }
    ctx.insert("body", &body);
    ctx.insert("nth", &nth);
    ctx.insert("lang", lang.as_str());
    ctx.insert("taxonomies", &site.config.taxonomies);
    ctx.insert(
        "language_path",
        &site.urls.path(&SitePath::folder([lang.as_str()])),
    );
    templates
        .render_shortcode(&name, &ctx, lang)
        .map_err(|message| format!("shortcode `{}`: {message}", call.name))
}

/// A link to a content file, as the URL of its version in `lang` (or of the file itself
/// when it has no such translation).
fn resolve_link(
    content: &Content,
    urls: &Urls,
    from_rel: &str,
    lang: &Lang,
    dest: &str,
) -> LinkResolution {
    if !markdown::is_content_link(dest) {
        return LinkResolution::External;
    }
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let target = match path.strip_prefix("@/") {
        Some(p) => crate::url::resolve_dots(p),
        None => crate::url::resolve_dots(&format!("{}/{path}", parent_dir(from_rel))),
    };
    let Some(target) = target else {
        return LinkResolution::Broken(format!("link `{dest}` leads out of content/"));
    };
    let found = match content.files.get(&target) {
        None => None,
        Some(LinkTarget::Page { group, lang: own }) => content
            .translation(group, lang)
            .or_else(|| content.translation(group, own))
            .map(|p| urls.path(&p.path)),
        Some(LinkTarget::Section { dir, lang: own }) => content
            .sections
            .get(dir)
            .and_then(|s| s.versions.get(lang).or_else(|| s.versions.get(own)))
            .map(|v| urls.path(&v.path)),
    };
    match found {
        Some(url) => LinkResolution::Resolved(format!("{url}{fragment}")),
        // The file is there but broken: its own errors are the cause, not this link.
        None if content.broken.contains(&target) => LinkResolution::Resolved(String::new()),
        None => LinkResolution::Broken(format!(
            "link `{dest}`: there is no published content file `{CONTENT_DIR}/{target}` (missing, misspelt, or a draft)"
        )),
    }
}

enum Job {
    Section(String, Lang),
    Taxonomy(Lang, String),
    /// The feed of a language, or of one of its sections.
    Feed(Lang, Option<String>),
    Root,
    NotFound,
    /// A language's search page.
    Search(Lang),
}

/// A file a job produces, with where it comes from.
struct Produced {
    path: String,
    body: Body,
    file: PathBuf,
    line: Option<usize>,
    sitemap: Option<SitemapEntry>,
}

struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
    alternates: Vec<(String, String)>,
}

/// A taxonomy's terms: slug -> (name as first written, page indices newest first).
type Terms = BTreeMap<String, (String, Vec<usize>)>;

/// What listings need, computed once: page summaries, sorted section lists, taxonomies.
struct Index {
    /// (section dir, lang) -> page indices in the section's order.
    section_pages: BTreeMap<(String, Lang), Vec<usize>>,
    /// lang -> taxonomy -> term slug -> (name, page indices newest first).
    terms: BTreeMap<Lang, BTreeMap<String, Terms>>,
    /// lang -> page indices newest first (dated pages only).
    recent: BTreeMap<Lang, Vec<usize>>,
    /// Base context per language: `site`, `lang`, `language`, `search`.
    base: BTreeMap<Lang, Context>,
    /// How each language's words are stemmed, when the site has search.
    search_rules: BTreeMap<Lang, crate::search::Rules>,
    /// lang -> `featured: true` page indices newest first.
    featured: BTreeMap<Lang, Vec<usize>>,
    /// Page index -> its related pages.
    related: Vec<Vec<RelatedView>>,
    /// Page index -> its place among all pages, newest first.
    rank: Vec<usize>,
}

/// For each page, the pages in its language that share the most taxonomy terms with it
/// (each term counts once; only a term's [`RELATED_SCAN`] newest pages are looked at, so
/// that a term on thousands of pages costs little), the most shared first, then the newest.
fn related_pages(
    site: &Loaded,
    terms: &BTreeMap<Lang, BTreeMap<String, Terms>>,
    rank: &[usize],
) -> Vec<Vec<RelatedView>> {
    const RELATED_SCAN: usize = 50;
    let pages = &site.content.pages;
    pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let Some(by_taxonomy) = terms.get(&page.lang) else {
                return Vec::new();
            };
            let mut shared: std::collections::HashMap<usize, usize> =
                std::collections::HashMap::with_capacity(64);
            for (taxonomy, list) in &page.fm.taxonomies {
                let Some(by_term) = by_taxonomy.get(taxonomy) else {
                    continue;
                };
                for term in list {
                    let slug = term_slug(&site.config, &page.lang, term);
                    if let Some((_, others)) = by_term.get(&slug) {
                        for &j in others.iter().take(RELATED_SCAN).filter(|&&j| j != i) {
                            *shared.entry(j).or_default() += 1;
                        }
                    }
                }
            }
            let mut best: Vec<(usize, usize)> = shared.into_iter().collect();
            best.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| rank[a.0].cmp(&rank[b.0])));
            best.truncate(RELATED);
            best.into_iter()
                .map(|(j, n)| RelatedView {
                    title: pages[j].fm.title.clone(),
                    path: site.urls.path(&pages[j].path),
                    date: pages[j].fm.date.as_ref().map(|d| d.day().to_string()),
                    shared: n,
                })
                .collect()
        })
        .collect()
}

/// How a section's pages are sorted in `lang`: by its version's `sort_by`, or by the
/// default language's.
fn section_sort(site: &Loaded, section: &crate::content::Section, lang: &Lang) -> SortBy {
    section
        .versions
        .get(lang)
        .or_else(|| section.versions.get(&site.config.default_language))
        .map_or(SortBy::Date, |v| v.fm.sort_by)
}

/// The order of two pages of a section sorted by weight (then title) or by title; pages
/// sorted by date go by their rank instead (see [`date_order`]).
fn section_order(pages: &[Page], sort_by: SortBy, a: usize, b: usize) -> std::cmp::Ordering {
    let (pa, pb) = (&pages[a], &pages[b]);
    match sort_by {
        SortBy::Date => std::cmp::Ordering::Equal,
        SortBy::Weight => (pa.fm.weight.unwrap_or(i64::MAX), &pa.fm.title, &pa.rel).cmp(&(
            pb.fm.weight.unwrap_or(i64::MAX),
            &pb.fm.title,
            &pb.rel,
        )),
        SortBy::Title => {
            (pa.fm.title.to_lowercase(), &pa.rel).cmp(&(pb.fm.title.to_lowercase(), &pb.rel))
        }
    }
}

fn date_order(pages: &[Page]) -> impl Fn(&usize, &usize) -> std::cmp::Ordering + '_ {
    move |&a, &b| {
        let (pa, pb) = (&pages[a], &pages[b]);
        (Reverse(&pa.fm.date), &pa.fm.title, &pa.rel).cmp(&(
            Reverse(&pb.fm.date),
            &pb.fm.title,
            &pb.rel,
        ))
    }
}

impl Index {
    fn new(site: &Loaded) -> Index {
        let pages = &site.content.pages;
        // Every page's place in date order, newest first: lists sort by it, which is much
        // cheaper than comparing dates and titles again in every list.
        let mut by_date: Vec<usize> = (0..pages.len()).collect();
        by_date.par_sort_by(date_order(pages));
        let mut rank = vec![0; pages.len()];
        for (place, &i) in by_date.iter().enumerate() {
            rank[i] = place;
        }
        let mut terms: BTreeMap<Lang, BTreeMap<String, Terms>> = BTreeMap::new();
        let mut recent: BTreeMap<Lang, Vec<usize>> = BTreeMap::new();
        for (i, page) in pages.iter().enumerate() {
            if page.fm.date.is_some() {
                recent.entry(page.lang.clone()).or_default().push(i);
            }
            for taxonomy in &site.config.taxonomies {
                for term in page.fm.taxonomies.get(taxonomy).into_iter().flatten() {
                    let slug = term_slug(&site.config, &page.lang, term);
                    let entry = terms
                        .entry(page.lang.clone())
                        .or_default()
                        .entry(taxonomy.clone())
                        .or_default()
                        .entry(slug)
                        .or_insert_with(|| (term.trim().to_string(), Vec::new()));
                    if entry.1.last() != Some(&i) {
                        entry.1.push(i);
                    }
                }
            }
        }
        for list in recent.values_mut() {
            list.sort_by_key(|&i| rank[i]);
        }
        let featured = recent
            .iter()
            .map(|(lang, list)| {
                let list = list.iter().copied().filter(|&i| pages[i].fm.featured);
                (lang.clone(), list.collect())
            })
            .collect();
        for by_taxonomy in terms.values_mut() {
            for by_term in by_taxonomy.values_mut() {
                for (_, list) in by_term.values_mut() {
                    list.sort_by_key(|&i| rank[i]);
                }
            }
        }

        let mut section_pages = BTreeMap::new();
        for section in site.content.sections.values() {
            let mut lists = section.pages.clone();
            for language in site.config.languages.iter().filter(|l| l.show_untranslated) {
                let untranslated = untranslated_versions(site, section, &language.code);
                if !untranslated.is_empty() {
                    lists
                        .entry(language.code.clone())
                        .or_default()
                        .extend(untranslated);
                }
            }
            for (lang, list) in &lists {
                let mut list = list.clone();
                match section_sort(site, section, lang) {
                    SortBy::Date => list.sort_by_key(|&i| rank[i]),
                    other => list.sort_by(|&a, &b| section_order(pages, other, a, b)),
                }
                section_pages.insert((section.dir.clone(), lang.clone()), list);
            }
        }

        let mut index = Index {
            section_pages,
            terms,
            recent,
            base: BTreeMap::new(),
            search_rules: BTreeMap::new(),
            featured,
            related: Vec::new(),
            rank: Vec::new(),
        };
        index.related = related_pages(site, &index.terms, &rank);
        index.rank = rank;
        if site.config.search {
            for language in &site.config.languages {
                let rules = language.profile.stemming.clone();
                index.search_rules.insert(language.code.clone(), rules);
            }
        }
        for language in &site.config.languages {
            let site_view = SiteView {
                title: language.title.clone(),
                base_url: site.urls.base_url().to_string(),
                default_language: site.config.default_language.to_string(),
                languages: site
                    .config
                    .languages
                    .iter()
                    .map(|l| {
                        let home = SitePath::folder([l.code.as_str()]);
                        LanguageView {
                            code: l.code.to_string(),
                            name: l.name.clone(),
                            title: l.title.clone(),
                            path: site.urls.path(&home),
                            permalink: site.urls.permalink(&home),
                        }
                    })
                    .collect(),
                taxonomies: site.config.taxonomies.clone(),
                extra: site.config.extra.clone(),
            };
            let mut ctx = Context::new();
            ctx.insert("site", &site_view);
            ctx.insert("lang", language.code.as_str());
            ctx.insert(
                "language",
                &site_view
                    .languages
                    .iter()
                    .find(|l| l.code == language.code.as_str()),
            );
            if site.config.search {
                let lang = language.code.as_str();
                ctx.insert(
                    "search",
                    &SearchView {
                        path: site.urls.path(&SitePath::folder([lang, "search"])),
                        index: site.urls.path(&SitePath::folder(["search", lang])),
                        script: site.urls.path(&SitePath::file(crate::search::SCRIPT_PATH)),
                    },
                );
            }
            index.base.insert(language.code.clone(), ctx);
        }
        index
    }

    fn term_view(
        &self,
        site: &Loaded,
        lang: &Lang,
        taxonomy: &str,
        slug: &str,
        name: &str,
    ) -> TermView {
        let path = SitePath::folder([lang.as_str(), taxonomy, slug]);
        let count = self
            .terms
            .get(lang)
            .and_then(|t| t.get(taxonomy))
            .and_then(|t| t.get(slug))
            .map_or(0, |(_, l)| l.len());
        TermView {
            name: term_name(site, lang, taxonomy, slug, name),
            slug: slug.to_string(),
            path: site.urls.path(&path),
            permalink: site.urls.permalink(&path),
            count,
        }
    }

    fn summary(&self, site: &Loaded, page: &Page, summary_text: &str) -> PageSummary {
        let mut taxonomies = BTreeMap::new();
        for taxonomy in &site.config.taxonomies {
            if let Some(terms) = page.fm.taxonomies.get(taxonomy) {
                let views = terms
                    .iter()
                    .map(|t| {
                        self.term_view(
                            site,
                            &page.lang,
                            taxonomy,
                            &term_slug(&site.config, &page.lang, t),
                            t.trim(),
                        )
                    })
                    .collect();
                taxonomies.insert(taxonomy.clone(), views);
            }
        }
        let summary = page
            .fm
            .summary
            .clone()
            .unwrap_or_else(|| summary_text.to_string());
        // Listings that show untranslated pages say in which languages they exist.
        let available_in = if site.config.languages.iter().any(|l| l.show_untranslated) {
            let versions: Vec<(Lang, String, SitePath)> = site
                .content
                .translations(&page.group, &site.config)
                .map(|p| (p.lang.clone(), p.fm.title.clone(), p.path.clone()))
                .collect();
            translations_of(site, &versions, &page.lang)
        } else {
            Vec::new()
        };
        PageSummary {
            available_in,
            title: page.fm.title.clone(),
            lang: page.lang.to_string(),
            path: site.urls.path(&page.path),
            permalink: site.urls.permalink(&page.path),
            date: page.fm.date.as_ref().map(DateView::from),
            updated: page.fm.updated.as_ref().map(DateView::from),
            description: page
                .fm
                .description
                .clone()
                .unwrap_or_else(|| summary.clone()),
            summary,
            authors: page.fm.authors.clone(),
            taxonomies,
            weight: page.fm.weight,
            draft: page.fm.draft,
            featured: page.fm.featured,
            extra: page.fm.extra.clone(),
        }
    }
}

fn list<'a>(summaries: &'a [Listed<'a>], indices: &[usize]) -> Vec<Listed<'a>> {
    indices.iter().map(|&i| summaries[i]).collect()
}

/// How a term is shown: a country by its name in `lang`, a goal by its number and name
/// (`sdg_9` of the interface strings), other terms by the interface string
/// `<taxonomy>_<slug>` if there is one, else as written.
fn term_name(site: &Loaded, lang: &Lang, taxonomy: &str, slug: &str, name: &str) -> String {
    match crate::taxonomy::Kind::of(taxonomy) {
        // A term may have a name per language in the interface strings:
        // `building_blocks_identity: "Идентификация"`.
        crate::taxonomy::Kind::Free => site
            .strings
            .text(lang, &format!("{taxonomy}_{slug}"), None, &[])
            .unwrap_or_else(|| name.to_string()),
        crate::taxonomy::Kind::Countries => site
            .strings
            .region_name(lang, slug)
            .unwrap_or_else(|| slug.to_ascii_uppercase()),
        crate::taxonomy::Kind::Sdgs => {
            match site.strings.text(lang, &format!("sdg_{slug}"), None, &[]) {
                Some(goal) => format!("{slug}. {goal}"),
                None => format!("SDG {slug}"),
            }
        }
    }
}

/// For a listing in `lang` that shows untranslated pages: each page of the section with no
/// `lang` version, in the first language of `lang`'s fallback chain (then the default
/// language, then the others in `site.yaml` order) that has it.
fn untranslated_versions(
    site: &Loaded,
    section: &crate::content::Section,
    lang: &Lang,
) -> Vec<usize> {
    let language = site.config.language(lang);
    let order: Vec<&Lang> = language
        .fallback
        .iter()
        .chain([&site.config.default_language])
        .chain(site.config.languages.iter().map(|l| &l.code))
        .collect();
    let rank = |l: &Lang| order.iter().position(|o| *o == l).unwrap_or(usize::MAX);
    let mut best: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in section.pages.values().flatten() {
        let page = &site.content.pages[i];
        if site.content.translation(&page.group, lang).is_some() {
            continue;
        }
        let current = best.entry(page.group.as_str()).or_insert(i);
        if rank(&page.lang) < rank(&site.content.pages[*current].lang) {
            *current = i;
        }
    }
    best.into_values().collect()
}

/// A term's URL segment: its slug, or the term itself lower-cased if nothing is left.
fn term_slug(config: &Config, lang: &Lang, term: &str) -> String {
    match slugify(&config.url_segment(lang, term)) {
        s if s.is_empty() => "term".to_string(),
        s => s,
    }
}

fn translations_of(
    site: &Loaded,
    versions: &[(Lang, String, SitePath)],
    current: &Lang,
) -> Vec<TranslationView> {
    site.config
        .languages
        .iter()
        .filter_map(|l| {
            let (_, title, path) = versions.iter().find(|(lang, ..)| lang == &l.code)?;
            Some(TranslationView {
                lang: l.code.to_string(),
                name: l.name.clone(),
                title: title.clone(),
                path: site.urls.path(path),
                permalink: site.urls.permalink(path),
                current: &l.code == current,
            })
        })
        .collect()
}

/// Inserts what every HTML page's head needs: where it is, and its translations.
fn locate<'a>(
    ctx: &mut PageContext<'a>,
    site: &Loaded,
    path: &SitePath,
    translations: &'a [TranslationView],
) {
    ctx.insert("current_path", site.urls.path(path));
    ctx.insert("current_url", site.urls.permalink(path));
    ctx.insert("translations", translations);
    ctx.insert(
        "x_default",
        site.urls.permalink(&SitePath::folder::<&str>([])),
    );
}

fn sitemap_entry(
    site: &Loaded,
    path: &SitePath,
    lastmod: Option<String>,
    translations: &[TranslationView],
) -> SitemapEntry {
    SitemapEntry {
        loc: site.urls.permalink(path),
        lastmod,
        alternates: translations
            .iter()
            .map(|t| (t.lang.clone(), t.permalink.clone()))
            .collect(),
    }
}

fn run_job(
    site: &Loaded,
    index: &Index,
    summaries: &[Listed],
    section_html: &BTreeMap<(String, Lang), Rendered>,
    listings: &Listings,
    job: &Job,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Produced> {
    let mut out = Vec::new();
    let config_file = site.root.join(CONFIG_FILE);
    let mut render = |template: &str,
                      ctx: &PageContext,
                      lang: &Lang,
                      what: String,
                      path: &str|
     -> Option<Body> {
        let templates = site.templates.as_ref()?;
        let fingerprint = ctx.fingerprint(site, template);
        listings
            .current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), fingerprint);
        let intact = listings.writer.is_none_or(|w| w.intact(path));
        let keep_fallbacks = |taken: Vec<crate::i18n::Fallback>| {
            if !taken.is_empty() {
                listings
                    .fallbacks
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(path.to_string(), taken);
            }
        };
        if listings.previous.get(path) == Some(&fingerprint) && intact {
            if let Some(taken) = listings.previous_fallbacks.get(path) {
                site.strings.replay(taken);
                keep_fallbacks(taken.clone());
            }
            return Some(Body::Keep);
        }
        let (result, taken) =
            crate::i18n::recording(|| templates.render(template, &ctx.context(), lang, &what));
        keep_fallbacks(taken);
        match result {
            Ok(html) => Some(Body::Bytes(html.into_bytes())),
            Err(d) => {
                errors.push(d);
                None
            }
        }
    };
    match job {
        Job::Section(dir, lang) => {
            let section = &site.content.sections[dir];
            let version = &section.versions[lang];
            let html = &section_html[&(dir.clone(), lang.clone())];
            let file = version
                .file
                .clone()
                .unwrap_or_else(|| site.root.join(CONTENT_DIR));
            let versions: Vec<(Lang, String, SitePath)> = section
                .versions
                .iter()
                .map(|(l, v)| (l.clone(), v.fm.title.clone(), v.path.clone()))
                .collect();
            let translations = translations_of(site, &versions, lang);
            let pages = index
                .section_pages
                .get(&(dir.clone(), lang.clone()))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let subsections: Vec<SubsectionView> = section
                .subsections
                .iter()
                .filter_map(|d| {
                    let sub = &site.content.sections[d];
                    let v = sub.versions.get(lang)?;
                    Some(SubsectionView {
                        title: v.fm.title.clone(),
                        path: site.urls.path(&v.path),
                        permalink: site.urls.permalink(&v.path),
                        page_count: index
                            .section_pages
                            .get(&(d.clone(), lang.clone()))
                            .map_or(0, Vec::len),
                    })
                })
                .collect();
            let template = match &version.fm.template {
                Some(t) => t.clone(),
                None if dir.is_empty() && site.has_template("home.html") => "home.html".into(),
                None => "section.html".into(),
            };
            if site.templates.is_none() {
                // The cause was reported when loading the templates.
                return out;
            }
            if !site.has_template(&template) {
                let d = Diagnostic::error(
                    &file,
                    format!("no template `{template}` in the theme or templates/"),
                );
                errors.push(d.at(version.fm.lines.get("template").copied().unwrap_or(1)));
                return out;
            }
            for (number, (path, chunk, paginator)) in
                paginate(site, &version.path, pages, version.fm.paginate_by)
                    .into_iter()
                    .enumerate()
                    .map(|(i, p)| (i + 1, p))
            {
                let view = SectionView {
                    title: version.fm.title.clone(),
                    lang: lang.to_string(),
                    path: site.urls.path(&version.path),
                    permalink: site.urls.permalink(&version.path),
                    description: version
                        .fm
                        .description
                        .clone()
                        .unwrap_or_else(|| html.summary_text.clone()),
                    content: html.html.clone(),
                    toc: html.toc.clone(),
                    pages: list(summaries, chunk),
                    page_count: pages.len(),
                    subsections: subsections.clone(),
                    paginator,
                    dir: dir.clone(),
                    extra: version.fm.extra.clone(),
                    translations: translations.clone(),
                };
                // Later pages of a listing have no translations: only themselves.
                let own_only: Vec<TranslationView> =
                    translations.iter().filter(|t| t.current).cloned().collect();
                let mut ctx = PageContext::new(index, lang);
                ctx.insert("section", &view);
                if dir.is_empty() {
                    let recent = index.recent.get(lang).map(Vec::as_slice).unwrap_or(&[]);
                    ctx.insert(
                        "recent_pages",
                        list(summaries, &recent[..recent.len().min(10)]),
                    );
                    let featured = index.featured.get(lang).map(Vec::as_slice).unwrap_or(&[]);
                    ctx.insert(
                        "featured_pages",
                        list(summaries, &featured[..featured.len().min(6)]),
                    );
                }
                locate(
                    &mut ctx,
                    site,
                    &path,
                    if number == 1 {
                        &translations
                    } else {
                        &own_only
                    },
                );
                let what = format!("{} [{lang}]", file.display());
                if let Some(body) = render(&template, &ctx, lang, what, &path.output_file()) {
                    out.push(Produced {
                        path: path.output_file(),
                        body,
                        file: file.clone(),
                        line: None,
                        sitemap: (number == 1)
                            .then(|| sitemap_entry(site, &path, None, &translations)),
                    });
                }
            }
        }
        Job::Taxonomy(lang, taxonomy) => {
            let empty = BTreeMap::new();
            let terms = index
                .terms
                .get(lang)
                .and_then(|t| t.get(taxonomy))
                .unwrap_or(&empty);
            let list_path = SitePath::folder([lang.as_str(), taxonomy.as_str()]);
            let term_views: Vec<TermView> = terms
                .iter()
                .map(|(slug, (name, _))| index.term_view(site, lang, taxonomy, slug, name))
                .collect();
            // Goals in their order, countries by name, other terms by slug.
            let mut listed = term_views.clone();
            match crate::taxonomy::Kind::of(taxonomy) {
                crate::taxonomy::Kind::Sdgs => {
                    listed.sort_by_key(|t| t.slug.parse::<u8>().unwrap_or(u8::MAX))
                }
                crate::taxonomy::Kind::Countries => listed.sort_by(|a, b| a.name.cmp(&b.name)),
                crate::taxonomy::Kind::Free => {}
            }
            let view = TaxonomyView {
                name: taxonomy.clone(),
                path: site.urls.path(&list_path),
                permalink: site.urls.permalink(&list_path),
                terms: listed,
            };
            let all_langs: Vec<(Lang, String, SitePath)> = site
                .config
                .languages
                .iter()
                .map(|l| {
                    (
                        l.code.clone(),
                        taxonomy.clone(),
                        SitePath::folder([l.code.as_str(), taxonomy.as_str()]),
                    )
                })
                .collect();
            let translations = translations_of(site, &all_langs, lang);
            let mut ctx = PageContext::new(index, lang);
            ctx.insert("taxonomy", &view);
            locate(&mut ctx, site, &list_path, &translations);
            let what = format!("taxonomy `{taxonomy}` [{lang}]");
            if let Some(body) = render("taxonomy.html", &ctx, lang, what, &list_path.output_file())
            {
                out.push(Produced {
                    path: list_path.output_file(),
                    body,
                    file: config_file.clone(),
                    line: None,
                    sitemap: Some(sitemap_entry(site, &list_path, None, &translations)),
                });
            }
            // Every term's pages show the whole taxonomy: hashed once, not on each.
            let view_hash = value_hash(&view);
            for (term, (slug, (_, pages))) in term_views.into_iter().zip(terms) {
                if listings
                    .only
                    .is_some_and(|only| !pages.iter().any(|i| only.contains(i)))
                {
                    continue;
                }
                let path = SitePath::folder([lang.as_str(), taxonomy.as_str(), slug.as_str()]);
                let versions: Vec<(Lang, String, SitePath)> = site
                    .config
                    .languages
                    .iter()
                    .filter_map(|l| {
                        let (name, _) = index.terms.get(&l.code)?.get(taxonomy)?.get(slug)?;
                        Some((
                            l.code.clone(),
                            name.clone(),
                            SitePath::folder([l.code.as_str(), taxonomy.as_str(), slug.as_str()]),
                        ))
                    })
                    .collect();
                let translations = translations_of(site, &versions, lang);
                for (number, (page_path, chunk, paginator)) in
                    paginate(site, &path, pages, Some(TERM_PAGE_SIZE))
                        .into_iter()
                        .enumerate()
                        .map(|(i, p)| (i + 1, p))
                {
                    let term_page = TermPageView {
                        term: term.clone(),
                        pages: list(summaries, chunk),
                        paginator,
                    };
                    let own_only: Vec<TranslationView> =
                        translations.iter().filter(|t| t.current).cloned().collect();
                    let mut ctx = PageContext::new(index, lang);
                    ctx.insert_hashed("taxonomy", &view, view_hash);
                    ctx.insert("term", &term_page);
                    locate(
                        &mut ctx,
                        site,
                        &page_path,
                        if number == 1 {
                            &translations
                        } else {
                            &own_only
                        },
                    );
                    let what = format!("term `{slug}` of taxonomy `{taxonomy}` [{lang}]");
                    if let Some(body) = render(
                        "taxonomy_term.html",
                        &ctx,
                        lang,
                        what,
                        &page_path.output_file(),
                    ) {
                        out.push(Produced {
                            path: page_path.output_file(),
                            body,
                            file: config_file.clone(),
                            line: None,
                            sitemap: (number == 1)
                                .then(|| sitemap_entry(site, &page_path, None, &translations)),
                        });
                    }
                }
            }
        }
        Job::Feed(lang, section) => {
            let pages = &site.content.pages;
            // The language's newest pages, or a section's.
            let (mut dated, title, path, home) = match section {
                None => (
                    index.recent.get(lang).cloned().unwrap_or_default(),
                    site.config.language(lang).title.clone(),
                    SitePath::file(&format!("{lang}/atom.xml")),
                    SitePath::folder([lang.as_str()]),
                ),
                Some(dir) => {
                    let version = &site.content.sections[dir].versions[lang];
                    let listed = index
                        .section_pages
                        .get(&(dir.clone(), lang.clone()))
                        .cloned()
                        .unwrap_or_default();
                    let dated: Vec<usize> = listed
                        .into_iter()
                        .filter(|&i| pages[i].fm.date.is_some() && pages[i].lang == *lang)
                        .collect();
                    let title = format!(
                        "{} · {}",
                        version.fm.title,
                        site.config.language(lang).title
                    );
                    (
                        dated,
                        title,
                        SitePath::file(&format!("{}atom.xml", version.path.as_str())),
                        version.path.clone(),
                    )
                }
            };
            dated.sort_by_key(|&i| index.rank[i]);
            let entries = &dated[..dated.len().min(FEED_LENGTH)];
            let updated = entries
                .iter()
                .filter_map(|&i| pages[i].fm.updated.as_ref().or(pages[i].fm.date.as_ref()))
                .max()
                .map_or_else(
                    || "1970-01-01T00:00:00Z".to_string(),
                    |d| d.rfc3339().to_string(),
                );
            let feed = FeedView {
                title,
                path: site.urls.path(&path),
                permalink: site.urls.permalink(&path),
                home: site.urls.permalink(&home),
                updated,
                pages: list(summaries, entries),
            };
            let mut ctx = PageContext::new(index, lang);
            ctx.insert("feed", &feed);
            let what = format!("the feed {} [{lang}]", path.as_str());
            if let Some(body) = render("atom.xml", &ctx, lang, what, &path.output_file()) {
                out.push(Produced {
                    path: path.output_file(),
                    body,
                    file: config_file,
                    line: None,
                    sitemap: None,
                });
            }
        }
        Job::Root => {
            let lang = &site.config.default_language;
            let root_path = SitePath::folder::<&str>([]);
            let html = if site.has_template("root.html") {
                let mut ctx = PageContext::new(index, lang);
                locate(&mut ctx, site, &root_path, &[]);
                render(
                    "root.html",
                    &ctx,
                    lang,
                    "the site root".into(),
                    &root_path.output_file(),
                )
            } else {
                Some(Body::Bytes(builtin_root(site).into_bytes()))
            };
            if let Some(body) = html {
                out.push(Produced {
                    path: root_path.output_file(),
                    body,
                    file: config_file,
                    line: None,
                    sitemap: None,
                });
            }
        }
        Job::Search(lang) => {
            let path = SitePath::folder([lang.as_str(), "search"]);
            let versions: Vec<(Lang, String, SitePath)> = site
                .config
                .languages
                .iter()
                .map(|l| {
                    let title = site
                        .strings
                        .text(&l.code, "search", None, &[])
                        .unwrap_or_default();
                    (
                        l.code.clone(),
                        title,
                        SitePath::folder([l.code.as_str(), "search"]),
                    )
                })
                .collect();
            let translations = translations_of(site, &versions, lang);
            let mut ctx = PageContext::new(index, lang);
            locate(&mut ctx, site, &path, &translations);
            if let Some(body) = render(
                "search.html",
                &ctx,
                lang,
                format!("the search page [{lang}]"),
                &path.output_file(),
            ) {
                out.push(Produced {
                    path: path.output_file(),
                    body,
                    file: config_file,
                    line: None,
                    sitemap: None,
                });
            }
        }
        Job::NotFound => {
            let lang = &site.config.default_language;
            let path = SitePath::file("404.html");
            let html = if site.has_template("404.html") {
                let mut ctx = PageContext::new(index, lang);
                locate(&mut ctx, site, &path, &[]);
                render(
                    "404.html",
                    &ctx,
                    lang,
                    "the 404 page".into(),
                    &path.output_file(),
                )
            } else {
                Some(Body::Bytes(format!(
                    "<!doctype html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>404</title></head>\n<body><main><h1>404</h1><p><a href=\"{}\">{}</a></p></main></body>\n</html>\n",
                    crate::util::escape(&site.urls.path(&SitePath::folder::<&str>([]))),
                    crate::util::escape(&site.config.language(lang).title)
                ).into_bytes()))
            };
            if let Some(body) = html {
                out.push(Produced {
                    path: path.output_file(),
                    body,
                    file: config_file,
                    line: None,
                    sitemap: None,
                });
            }
        }
    }
    out
}

fn collect_static(
    dir: &Path,
    site: &Path,
    statics: &mut BTreeMap<String, Body>,
    diagnostics: &Diagnostics,
) {
    if !dir.is_dir() {
        return;
    }
    let mut problems = Vec::new();
    for found in crate::walk::files(dir, site, crate::content::is_ignored, &mut problems) {
        statics.insert(found.rel, Body::Copy(found.path));
    }
    diagnostics.extend(problems);
}
