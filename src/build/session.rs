//! `dala serve`'s quick rebuilds: a [`Session`] keeps what the last whole build loaded,
//! and [`Session::edit`] renders straight into the output the pages of the files that
//! changed, with the pages and listings that show them, when that is all the change needs.

use super::index::Index;
use super::listings::{listed, listing_jobs, Job, Lister, Listings};
use super::load::Loaded;
use super::pages::{PageJobs, PageOutcome};
use super::sink::Sink;
use super::timing::Phases;
use super::{build_keeping, BuildOptions, BuildReport, Kept};
use crate::content::front_matter::{self, FrontMatter, SortBy};
use crate::content::{Content, PageId, CONTENT_DIR};
use crate::error::{BuildFailure, Diagnostic, Diagnostics};
use crate::highlight::Highlighter;
use crate::site::order::{date_order, section_order, section_sort};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A site built again and again, for `dala serve`. [`Session::build`] is a whole
/// (incremental) build that keeps the loaded site in memory; [`Session::edit`] then renders
/// at once only the pages of the files that changed, and tells whether other pages may show
/// the change.
pub struct Session {
    options: BuildOptions,
    kept: Option<Kept>,
}

/// What [`Session::edit`] did.
#[derive(Debug)]
pub struct Edit {
    /// Output files written, as paths inside the output.
    pub written: Vec<String>,
    pub warnings: Vec<Diagnostic>,
    /// Pages rendered (a page and its derived languages' versions count apart).
    pub pages: usize,
    /// False when other files may show the change (front matter, a summary in listings,
    /// the search index): a [`Session::build`] must follow.
    pub complete: bool,
}

impl Session {
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            kept: None,
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// [`build`], keeping the site for the next [`Session::edit`].
    pub fn build(&mut self) -> Result<BuildReport, BuildFailure> {
        self.kept = None;
        let (report, kept) = build_keeping(&self.options)?;
        self.kept = Some(kept);
        Ok(report)
    }

    /// Renders the pages of the files in `changed` (paths inside the site's root with `/`,
    /// like `content/articles/x.md`) straight into the output, for the author to see at once,
    /// with what shows them: translations, related lists, and the listings, feeds and
    /// taxonomy pages that list them.
    ///
    /// That is done when each file is a page of the last build, still at the same address
    /// with the same translations (same slug, aliases, translation key and draft status).
    /// Returns `None` when the change is anything else, or when a page has an error: a whole
    /// build must run (and report it). [`Edit::complete`] is false when the change may show
    /// where this does not follow it (a new date or taxonomy term reorders listings; the
    /// search index): a whole build must follow.
    pub fn edit(&mut self, changed: &[String]) -> Option<Edit> {
        let phases = Phases::new();
        let kept = self.kept.as_mut()?;
        let read = read_changes(&kept.site, &self.options.root, changed)?;
        let mut complete = read.complete;
        let edited = kept.apply(read.updates)?;
        let targets = kept.showing(&edited, read.retitled, &mut complete);
        phases.tick("edit: read");

        let diagnostics = Diagnostics::default();
        let sink = Sink::new(None, &diagnostics);
        let relisted = kept.render_pages(&targets, &sink, &diagnostics, &mut complete);
        phases.tick("edit: pages");
        // The search index shows summaries; it is the whole build's to write.
        complete &= relisted.is_empty() || !kept.site.config.search;
        if complete && !relisted.is_empty() {
            kept.render_listings(&relisted, &sink, &diagnostics);
            phases.tick("edit: listings");
        }
        let files = sink.held.into_inner().unwrap_or_else(|e| e.into_inner());
        let diagnostics = crate::render_errors::merge_repeated(diagnostics.into_sorted());
        if diagnostics.iter().any(Diagnostic::is_error) {
            return None;
        }
        for &i in &targets {
            kept.site.content.pages[i].forget_body();
        }
        // Compressed copies rewritten with their pages (`dala serve` has none); a whole
        // build must follow, to remove those of a page that no longer gets any.
        let precompress = (self.options.precompress).unwrap_or(kept.site.config.precompress);
        let files = match precompress {
            true => crate::precompress::with_copies(files),
            false => files,
        };
        complete &= !precompress;
        let written = crate::output::write_live(&self.options.output_dir(), &files).ok()?;
        phases.tick("edit: write");
        Some(Edit {
            written,
            warnings: diagnostics,
            pages: targets.len(),
            complete,
        })
    }
}

/// A changed page file, read.
struct Update {
    /// Inside `content/`.
    rel: String,
    fm: FrontMatter,
    /// The body and the line it starts on.
    body: (String, usize),
    /// The source and text hashes.
    hashes: (u64, u64),
}

/// The changed page files, read.
struct Changes {
    updates: Vec<Update>,
    /// Whether the change can be followed without a whole build, as far as the files tell.
    complete: bool,
    /// Whether a title changed.
    retitled: bool,
}

/// Reads the changed files; `None` unless each is a page of the last build still at the
/// same address with the same translations (or a scratch file gone already).
fn read_changes(site: &Loaded, root: &Path, changed: &[String]) -> Option<Changes> {
    let mut changes = Changes {
        updates: Vec::new(),
        complete: true,
        retitled: false,
    };
    for path in changed {
        let rel = path.strip_prefix(CONTENT_DIR)?.strip_prefix('/')?;
        let file = root.join(path);
        // A file made and gone while saving (`sed -i` and some editors write a scratch
        // file and rename it) that the last build never saw changes nothing.
        if !file.exists() && !known(&site.content, rel, &file) {
            continue;
        }
        let page = site.content.pages.iter().find(|p| p.rel == rel)?;
        let text = crate::source::read(&page.file, "this content file").ok()?;
        let split = front_matter::split(&text, &page.file).ok()?;
        let mut fm = FrontMatter::parse(split.yaml, &page.file, &site.config, false).ok()?;
        super::quick_fields::fields(site, page, &mut fm, split.yaml)?;
        let placed = fm.slug == page.fm.slug
            && fm.aliases == page.fm.aliases
            && fm.translation_key == page.fm.translation_key
            && fm.draft == page.fm.draft;
        if !placed {
            return None;
        }
        match shown_only(&page.fm, &fm) {
            Some(title) => changes.retitled |= title,
            None => changes.complete = false,
        }
        // An original's text is what its translations record having been made from.
        let text_hash = crate::util::stable_hash(split.body.trim().as_bytes());
        let recorded = site
            .content
            .translations(&page.group, &site.config)
            .any(|t| t.fm.original_hash.is_some());
        changes.complete &= text_hash == page.text_hash || !recorded;
        let source_hash = crate::util::hash_bytes(text.as_bytes());
        let body = (split.body.to_string(), split.body_line);
        changes.updates.push(Update {
            rel: rel.to_string(),
            fm,
            body,
            hashes: (source_hash, text_hash),
        });
    }
    Some(changes)
}

impl Kept {
    /// Gives the pages their new files; returns the pages changed: each file's page and its
    /// versions in derived languages (`x.kk.md#kk-Latn`).
    fn apply(&mut self, updates: Vec<Update>) -> Option<Vec<PageId>> {
        let mut edited = Vec::new();
        for Update {
            rel,
            fm,
            body,
            hashes,
        } in updates
        {
            let derived = format!("{rel}#");
            for (i, page) in self.site.content.pages.iter_mut().enumerate() {
                if page.rel == rel {
                    page.set_text(fm.clone(), body.clone(), hashes);
                } else if page.rel.starts_with(&derived) {
                    let config = &self.site.config;
                    let convert = config.transliteration(&page.lang)?;
                    let parent = config
                        .find_language(page.lang.as_str())?
                        .derive_from
                        .as_ref()?;
                    let derivation = crate::content::front_matter::Derivation {
                        parent,
                        code: &page.lang,
                        convert,
                        collection: crate::collections::of_dir(
                            &config.collections,
                            rel.rsplit_once('/').map_or("", |(d, _)| d),
                        ),
                    };
                    let fm = crate::content::front_matter::derived_front_matter(&fm, derivation);
                    page.set_text(fm, body.clone(), hashes);
                } else {
                    continue;
                }
                edited.push(PageId(i));
            }
        }
        Some(edited)
    }

    /// The pages to render again: the edited ones and, after a new title, those that name
    /// them (translations name each other, related lists name their pages; the related
    /// lists are given the title). A title that moves a page in an order, or that the
    /// translation report shows, leaves `complete` false.
    fn showing(&mut self, edited: &[PageId], retitled: bool, complete: &mut bool) -> Vec<PageId> {
        let site = &self.site;
        let mut targets: BTreeSet<PageId> = edited.iter().copied().collect();
        if retitled {
            *complete &= edited.iter().all(|&i| keeps_place(site, &self.index, i));
            *complete &= !shows_report(site);
            for &i in edited {
                let page = &site.content.pages[i];
                if let Some(members) = site.content.groups.get(&page.group) {
                    targets.extend(members.values());
                }
                let path = site.urls.path(&page.path);
                for (j, related) in self.index.model.related.iter_mut().enumerate() {
                    for r in related.iter_mut().filter(|r| r.path == path) {
                        r.title = page.fm.title.clone();
                        targets.insert(PageId(j));
                    }
                }
            }
        }
        // What collection entries name and what names them, made again: each page whose
        // references or backlinks changed (a title, a summary) is rendered again.
        if site
            .config
            .collections
            .iter()
            .any(crate::collections::has_refs)
        {
            let fresh = crate::site::refs::references(&site.model());
            let old = &self.index.model.references;
            for (i, (refs, backlinks)) in fresh.refs.iter().zip(&fresh.backlinks).enumerate() {
                if old.refs.get(i) != Some(refs) || old.backlinks.get(i) != Some(backlinks) {
                    targets.insert(PageId(i));
                }
            }
            self.index.model.references = fresh;
        }
        targets.into_iter().collect()
    }

    /// Renders `targets` into `sink` and keeps what they gave; returns the pages whose
    /// summary changed (listings show them otherwise). New search terms leave `complete`
    /// false.
    fn render_pages(
        &mut self,
        targets: &[PageId],
        sink: &Sink,
        diagnostics: &Diagnostics,
        complete: &mut bool,
    ) -> BTreeSet<PageId> {
        let site = &self.site;
        let highlighter = Highlighter::default();
        let jobs = PageJobs {
            site,
            index: &self.index,
            highlighter: &highlighter,
            sink,
        };
        let outcomes: Vec<(PageId, PageOutcome)> = targets
            .par_iter()
            .map(|&i| {
                let page = &site.content.pages[i];
                let mut d = Vec::new();
                let outcome = jobs.run(self.memos.get(&page.rel), (i, page, None), &mut d);
                diagnostics.extend(d);
                (i, outcome)
            })
            .collect();
        let mut relisted = BTreeSet::new();
        for (i, outcome) in outcomes {
            let rel = &site.content.pages[i].rel;
            *complete &= self.memos.get(rel).map(|m| &m.terms) == Some(&outcome.memo.terms);
            if self.summary_hashes[i.index()] != outcome.summary_hash {
                relisted.insert(i);
                self.summary_hashes[i.index()] = outcome.summary_hash;
                self.summaries[i.index()] = outcome.summary;
            }
            self.memos.insert(rel.clone(), outcome.memo);
        }
        relisted
    }

    /// Renders into `sink` the listings, feeds and taxonomy terms that list one of
    /// `relisted`; those whose fingerprint did not change are left as they are.
    fn render_listings(
        &mut self,
        relisted: &BTreeSet<PageId>,
        sink: &Sink,
        diagnostics: &Diagnostics,
    ) {
        let site = &self.site;
        let listed = listed(&self.summaries, &self.summary_hashes);
        let no_fallbacks = BTreeMap::new();
        // The data files are those of the last whole build (a change to one is a whole
        // build): the fingerprints decide.
        let no_data = BTreeMap::new();
        let listings = Listings {
            previous: &self.listings,
            current: Default::default(),
            previous_fallbacks: &no_fallbacks,
            fallbacks: Default::default(),
            previous_data: &no_data,
            data: Default::default(),
            writer: None,
            only: Some(relisted),
        };
        let lister = Lister {
            site,
            index: &self.index,
            summaries: &listed,
            section_html: &self.section_html,
            listings: &listings,
        };
        listing_jobs(site)
            .par_iter()
            .filter(|job| lists_any(&self.index, job, relisted))
            .for_each(|job| {
                let mut d = Vec::new();
                lister.run(job, sink, &mut d);
                diagnostics.extend(d);
            });
        let current = listings
            .current
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        self.listings.extend(current);
    }
}

/// Whether the new front matter of a page differs from the old only in what listings and
/// pages show of it (title, summary, description, authors, `extra`, and the lines of its
/// keys), not in what orders or groups pages: `Some(title changed)`, or `None`.
///
/// Every field is named: a new front matter key does not compile until it is sorted into
/// one group or the other here. (Keys that sites will declare in `site.yaml` cannot be
/// listed by the compiler; they belong to `extra` or the taxonomies, whose changes fall
/// to the side that needs a whole build, except `extra`'s, which pages only show.)
fn shown_only(old: &FrontMatter, new: &FrontMatter) -> Option<bool> {
    let FrontMatter {
        // Shown by the page and by what lists it: a quick edit renders those.
        title,
        summary: _,
        description: _,
        authors: _,
        extra: _,
        lines: _,
        // What places, orders, groups or marks pages: a whole build.
        date,
        updated,
        draft,
        featured,
        slug,
        weight,
        template,
        aliases,
        translation_key,
        original_hash,
        original,
        taxonomies,
        // Collection fields group pages (catalogues, references): a whole build; those that
        // are front matter keys shown only (a summary) are compared as such above.
        fields,
        sort_by,
        paginate_by,
    } = new;
    let same_place = *date == old.date
        && *updated == old.updated
        && *draft == old.draft
        && *featured == old.featured
        && *slug == old.slug
        && *weight == old.weight
        && *template == old.template
        && *aliases == old.aliases
        && *translation_key == old.translation_key
        && *original_hash == old.original_hash
        && *original == old.original
        && *taxonomies == old.taxonomies
        && placing_fields(fields) == placing_fields(&old.fields)
        && *sort_by == old.sort_by
        && *paginate_by == old.paginate_by;
    same_place.then_some(*title != old.title)
}

/// A collection page's fields but those that are front matter keys only shown.
fn placing_fields(fields: &serde_json::Value) -> serde_json::Value {
    let mut fields = fields.clone();
    if let Some(map) = fields.as_object_mut() {
        for shown in ["title", "summary", "description", "authors"] {
            map.remove(shown);
        }
    }
    fields
}

/// Whether page `i`, retitled, keeps its place in every order of the index: the date order
/// (ties go by title) and the sections sorted by weight or title. Its neighbours tell.
fn keeps_place(site: &Loaded, index: &Index, i: PageId) -> bool {
    use std::cmp::Ordering::Less;
    let pages = &site.content.pages;
    let by_date = date_order(pages);
    let r = index.model.rank[i.index()];
    let before = index
        .model
        .rank
        .iter()
        .position(|&x| x + 1 == r)
        .map(PageId);
    let after = index
        .model
        .rank
        .iter()
        .position(|&x| x == r + 1)
        .map(PageId);
    if before.is_some_and(|b| by_date(&b, &i) != Less)
        || after.is_some_and(|a| by_date(&i, &a) != Less)
    {
        return false;
    }
    for ((dir, lang), list) in &index.model.section_pages {
        let Some(at) = list.iter().position(|&x| x == i) else {
            continue;
        };
        let Some(section) = site.content.sections.get(dir) else {
            continue;
        };
        // A list by date goes by rank, checked above.
        let sort_by = section_sort(&site.model(), section, lang);
        let ordered = |a, b| sort_by == SortBy::Date || section_order(pages, sort_by, a, b) == Less;
        if (at > 0 && !ordered(list[at - 1], i))
            || (at + 1 < list.len() && !ordered(i, list[at + 1]))
        {
            return false;
        }
    }
    true
}

/// Whether a page or section is rendered with a template that shows the translation report
/// (which names each page by its original's title).
fn shows_report(site: &Loaded) -> bool {
    let report = &site.report_templates;
    let named = |t: &Option<String>| t.as_ref().is_some_and(|t| report.contains(t));
    [
        "page.html",
        "section.html",
        "home.html",
        "taxonomy.html",
        "taxonomy_term.html",
        "404.html",
        "search.html",
        "facet.html",
    ]
    .iter()
    .any(|t| report.contains(*t))
        || site.content.pages.iter().any(|p| named(&p.fm.template))
        || site
            .content
            .sections
            .values()
            .flat_map(|s| s.versions.values())
            .any(|v| named(&v.fm.template))
}

/// Whether a listing job lists any of `pages` (over-approximated: the whole list, not only
/// the part that a home page or feed shows).
fn lists_any(index: &Index, job: &Job, pages: &BTreeSet<PageId>) -> bool {
    let has =
        |list: Option<&Vec<PageId>>| list.is_some_and(|l| l.iter().any(|i| pages.contains(i)));
    match job {
        Job::Section(dir, lang) => {
            has(index.model.section_pages.get(&(dir.clone(), lang.clone())))
                || (dir.is_empty()
                    && (has(index.model.recent.get(lang))
                        || has(index.model.featured.get(lang))
                        || index.model.scheduled(lang).any(|(_, l)| has(Some(l)))))
        }
        Job::Feed(lang, None) => has(index.model.recent.get(lang)),
        Job::Feed(lang, Some(dir)) => {
            has(index.model.section_pages.get(&(dir.clone(), lang.clone())))
        }
        Job::Taxonomy(lang, taxonomy) => index
            .model
            .terms
            .get(lang)
            .and_then(|t| t.get(taxonomy))
            .is_some_and(|terms| terms.values().any(|term| has(Some(&term.pages)))),
        Job::Facets(dir, lang) => index
            .model
            .catalogues
            .get(&(dir.clone(), lang.clone()))
            .is_some_and(|c| has(Some(&c.entries))),
        Job::Export(_, dir, lang) | Job::Calendar(_, dir, lang) => {
            has(index.model.section_pages.get(&(dir.clone(), lang.clone())))
        }
        Job::Root | Job::NotFound | Job::Search(_) | Job::Api => false,
    }
}

/// Whether the last build read `rel` (inside `content/`, at `file`) or something below it.
fn known(content: &Content, rel: &str, file: &Path) -> bool {
    let below = format!("{rel}/");
    content
        .files
        .keys()
        .any(|k| k == rel || k.starts_with(&below))
        || content.assets.iter().any(|a| a.file.starts_with(file))
}
