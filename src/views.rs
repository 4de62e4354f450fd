//! What templates see: serializable views of pages, sections and the site.
//!
//! These are the template API (documented in `docs/templates.md`); the internal model may
//! change without templates noticing.

use crate::markdown::TocEntry;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `2026-11-27`
    pub day: String,
    /// `2026-11-27T00:00:00Z`
    pub datetime: String,
}

impl From<&crate::date::Date> for DateView {
    fn from(d: &crate::date::Date) -> Self {
        DateView {
            day: d.day().to_string(),
            datetime: d.rfc3339().to_string(),
        }
    }
}

/// `page.schedule`: where an entry of a collection with `schedule:` stands at the build's
/// date, read in its time zone.
#[derive(Debug, Clone, Serialize)]
pub struct ScheduleView {
    /// `upcoming`, `open`, `closed`, or `decided` (closed, with its outcome written).
    pub status: &'static str,
    /// Days from the build's day to the first day and to the last day (0: today; negative:
    /// past), in the entry's time zone: "closes in 5 days".
    pub days_to_start: i64,
    pub days_to_end: i64,
    pub start: MomentView,
    pub end: MomentView,
    /// The IANA name of the zone the dates are read in (`Asia/Almaty`), or its offset.
    pub timezone: String,
    /// With `calendar: true`: the path of the entry's iCalendar file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
}

/// One end of a [`ScheduleView`].
#[derive(Debug, Clone, Serialize)]
pub struct MomentView {
    /// `2026-11-16`, in the entry's zone: give it to the `date` filter.
    pub day: String,
    /// For `<time datetime>`: the day, or RFC 3339 with the zone's offset for a moment.
    pub datetime: String,
    /// `10:00` in the entry's zone for a moment; not set for a whole day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The iCalendar value (a `DATE`, or a `DATE-TIME` in UTC).
    #[serde(skip)]
    pub ics: String,
}

impl From<crate::time::Moment> for MomentView {
    fn from(m: crate::time::Moment) -> Self {
        MomentView {
            day: m.day,
            datetime: m.datetime,
            time: m.time,
            ics: m.ics,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LanguageView {
    pub code: String,
    pub name: String,
    pub title: String,
    /// The site's `description` in this language (empty if none).
    pub description: String,
    /// The language's home.
    pub path: String,
    pub permalink: String,
}

/// One language version of the thing being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationView {
    pub lang: String,
    /// The language's own name.
    pub name: String,
    pub title: String,
    pub path: String,
    pub permalink: String,
    pub current: bool,
    /// Whether this is the same page in another language, for `<link rel="alternate"
    /// hreflang>`: false on page 2 and later of a listing for a language whose listing has
    /// fewer pages (the link then leads to its first page, which is no alternate of this one).
    pub alternate: bool,
}

/// A language a page can be translated into, and where its file is made on the forge.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TranslateView {
    pub lang: String,
    /// The language's own name.
    pub name: String,
    pub url: String,
}

/// "Is this page useful?" on a page: the address the form posts to (`feedback.endpoint`
/// of site.yaml), and the page's permalink with `#feedback-thanks`, where the receiver
/// sends a reader back after a post without JavaScript.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct FeedbackView {
    pub endpoint: String,
    pub return_to: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub name: String,
    pub slug: String,
    pub path: String,
    pub permalink: String,
    /// Pages with this term in the current language.
    pub count: usize,
}

/// A page as listings show it.
#[derive(Debug, Clone, Serialize)]
pub struct PageSummary {
    pub title: String,
    pub lang: String,
    pub path: String,
    pub permalink: String,
    pub date: Option<DateView>,
    pub updated: Option<DateView>,
    pub summary: String,
    pub description: String,
    pub authors: Vec<String>,
    pub taxonomies: BTreeMap<String, Vec<TermView>>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub featured: bool,
    pub extra: serde_json::Value,
    /// A page of a collection: its fields as `collections:` of site.yaml types them, checked
    /// (`{}` for other pages).
    pub fields: serde_json::Value,
    /// An entry of a collection with `schedule:`: where it stands at the build's date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<ScheduleView>,
    /// The page's versions, when some language of the site shows untranslated pages in its
    /// listings (a page whose `lang` is not the listing's is one of those).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub available_in: Vec<TranslationView>,
}

thread_local! {
    /// Whether [`Listed`] values serialize as their hashes (inside [`fingerprinting`]) or as
    /// their summaries (for templates). Thread-local because serde's `Serialize` gets no
    /// context to pass it in, and the same view is serialized both ways.
    static FINGERPRINTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with listed pages serializing as their fingerprints, for hashing a context.
pub fn fingerprinting<R>(f: impl FnOnce() -> R) -> R {
    let before = FINGERPRINTING.with(|c| c.replace(true));
    let result = f();
    FINGERPRINTING.with(|c| c.set(before));
    result
}

/// A page in a listing: its summary, and a hash of it. It serializes as the summary for
/// templates and as the hash inside [`fingerprinting`], so that fingerprinting a listing of
/// twenty pages hashes twenty numbers, not twenty summaries.
#[derive(Debug, Clone, Copy)]
pub struct Listed<'a> {
    pub summary: &'a PageSummary,
    pub hash: u64,
}

impl Serialize for Listed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if FINGERPRINTING.with(std::cell::Cell::get) {
            serializer.serialize_u64(self.hash)
        } else {
            self.summary.serialize(serializer)
        }
    }
}

/// A page as its own template sees it.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    #[serde(flatten)]
    pub summary: PageSummary,
    pub slug: String,
    pub content: String,
    /// HTML before `<!-- more -->`, if any.
    pub summary_html: Option<String>,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    /// Minutes, at 200 words a minute, at least 1.
    pub reading_time: usize,
    /// Folder of the section that lists the page.
    pub section: String,
    /// The file, relative to `content/`.
    pub file: String,
    /// Where the file can be edited on the site's forge (`edit_url:` of site.yaml, its
    /// `{path}` filled in); for a page of a derived language, its parent's file. `None`
    /// without `edit_url`.
    pub edit_url: Option<String>,
    /// With `new_file_url:` in site.yaml, each language the page has no version in (derived
    /// languages aside), with the address of the forge's form for its new file.
    pub translate: Vec<TranslateView>,
    /// With `feedback:` in site.yaml, on the pages of the sections it names: where the
    /// "Is this page useful?" form posts, and where its receiver sends the reader back.
    pub feedback: Option<FeedbackView>,
    /// `original`, `up-to-date`, `outdated`, `unknown` (never recorded) or `orphan`; see
    /// `dala translations`.
    pub translation_status: Option<&'static str>,
    pub translations: Vec<TranslationView>,
    /// Pages in the same language that share the most taxonomy terms with this one (at
    /// most [`RELATED`]), the most shared first, then the newest.
    pub related: Vec<RelatedView>,
    /// A page of a collection: field name -> the entries its `ref` values name, in this
    /// page's language or its fallback (an object; `{}` for other pages).
    pub refs: BTreeMap<String, Vec<EntryView>>,
    /// The entries of collections that name this page in a `ref` field, per collection and
    /// field, in this page's language or its fallback.
    pub backlinks: Vec<BacklinkView>,
    /// An entry of a collection with `jsonld:`: its schema.org JSON-LD, safe to print inside
    /// `<script type="application/ld+json">` with `safe` (`null` for other pages).
    pub jsonld: Option<String>,
}

/// How many related pages a page lists.
pub const RELATED: usize = 3;

/// A related page: enough for a link.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct RelatedView {
    pub title: String,
    pub path: String,
    pub date: Option<String>,
    /// How many taxonomy terms it shares with the page.
    pub shared: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    pub number: usize,
    pub path: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PaginatorView {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PagerLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubsectionView {
    pub title: String,
    pub path: String,
    pub permalink: String,
    pub page_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView<'a> {
    pub title: String,
    pub lang: String,
    pub path: String,
    pub permalink: String,
    pub description: String,
    pub content: String,
    pub toc: Vec<TocEntry>,
    /// The pages of the current pagination page, in the section's order.
    pub pages: Vec<Listed<'a>>,
    /// All pages of the section in this language.
    pub page_count: usize,
    pub subsections: Vec<SubsectionView>,
    pub paginator: Option<PaginatorView>,
    /// Folder inside `content/` (`""` for the home).
    pub dir: String,
    pub extra: serde_json::Value,
    pub translations: Vec<TranslationView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyView {
    pub name: String,
    pub path: String,
    pub permalink: String,
    pub terms: Vec<TermView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermPageView<'a> {
    #[serde(flatten)]
    pub term: TermView,
    /// The pages of the current pagination page, newest first.
    pub pages: Vec<Listed<'a>>,
    pub paginator: Option<PaginatorView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedView<'a> {
    pub title: String,
    pub path: String,
    pub permalink: String,
    /// The permalink of the language's home.
    pub home: String,
    /// RFC 3339 time of the newest entry.
    pub updated: String,
    pub pages: Vec<Listed<'a>>,
}

/// The site, as every template sees it.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// The site's title in the current language.
    pub title: String,
    /// The site's `description` in the current language (empty if none).
    pub description: String,
    pub base_url: String,
    pub default_language: String,
    pub languages: Vec<LanguageView>,
    pub taxonomies: Vec<String>,
    /// The main navigation in the current language: `menu:` of site.yaml, or else the
    /// top-level sections by weight, then title.
    pub menu: Vec<MenuItemView>,
    /// `logo:` of site.yaml: the path of an image inside `static/` (`img/logo.svg`), for
    /// `get_url(path=site.logo)`; none without it.
    pub logo: Option<String>,
    /// `extra_css:` of site.yaml: the path of the site's stylesheet inside `static/`, loaded
    /// after the theme's; none without it.
    pub extra_css: Option<String>,
    pub extra: serde_json::Value,
}

/// A link of the main navigation.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct MenuItemView {
    pub title: String,
    pub path: String,
    pub permalink: String,
}

/// `search` in templates, when the site has search: where its parts are.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// The language's search page: `/ru/search/`.
    pub path: String,
    /// The folder of the language's index: `/search/ru/`.
    pub index: String,
    /// The script, by the name of its content: `/search.3f9a1c2b7d.js`.
    pub script: String,
    /// Its Subresource Integrity value, for `<script integrity>`.
    pub integrity: String,
}

/// `offline`, in every page's context when `site.yaml` has `offline: true`: what a theme
/// needs to register dala's service worker (docs/offline.md).
#[derive(Debug, Clone, Serialize)]
pub struct OfflineView {
    /// The worker: `/sw.js` (`/hub/sw.js` under a base URL with a path).
    pub worker: String,
    /// What it serves: the site's root, `/` (`/hub/`).
    pub scope: String,
    /// The language's offline page: `/ru/offline/`.
    pub path: String,
}

/// `redirect.html`'s `redirect`: the page an alias leads to.
#[derive(Debug, Clone, Serialize)]
pub struct RedirectView {
    /// The permalink of the page.
    pub to: String,
    /// The interface string `redirecting` ("This page has moved to").
    pub message: String,
}

/// One URL of `sitemap.xml`'s `entries`, percent-encoded.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapView {
    pub loc: String,
    /// The day of the page's `updated` or `date` (`2026-03-01`); listings have none.
    pub lastmod: Option<String>,
    /// Its versions in every language (itself included).
    pub alternates: Vec<AlternateView>,
}

/// A version of a sitemap URL in one language.
#[derive(Debug, Clone, Serialize)]
pub struct AlternateView {
    pub lang: String,
    pub href: String,
}

/// An interface string and the language it is written in (another than the one asked for
/// when that one lacks it).
#[derive(Debug, Clone, Serialize)]
pub struct LocalText {
    pub text: String,
    pub lang: String,
}

/// A language of the site as the 404 page shows it: its home and what the page says in it.
#[derive(Debug, Clone, Serialize)]
pub struct NotFoundLanguage {
    pub code: String,
    pub name: String,
    pub path: String,
    pub permalink: String,
    /// `page_not_found`, `page_not_found_text` and `back_to_home`.
    pub strings: BTreeMap<&'static str, LocalText>,
}

/// An entry of a collection that a page names in a `ref` field, or that names the page: in
/// the reader's language, or the version the reader's language falls back to (`lang`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntryView {
    /// The entry's id, its file name (`x-road`).
    pub id: String,
    pub title: String,
    pub path: String,
    pub lang: String,
    pub date: Option<String>,
    /// Its collection fields, as `page.fields` (`countries`, `status`...).
    pub fields: serde_json::Value,
}

/// The pages of one collection that name a page in one of their fields: `page.backlinks`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BacklinkView {
    pub collection: String,
    pub field: String,
    pub pages: Vec<EntryView>,
}

/// The catalogue of a collection with `facets:`, on its section's page (`catalogue`) and
/// on each value's page.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogueView {
    pub collection: String,
    /// The section's page, where the catalogue is.
    pub path: String,
    /// With `export: true`: the paths of its open data in this language and of their
    /// schema, `{json, csv, schema}`.
    pub data: Option<BTreeMap<&'static str, String>>,
    /// How many entries it has in this language.
    pub count: usize,
    pub facets: Vec<FacetView>,
    /// Entry path -> its values as the filter script reads them: `type=software
    /// countries=kz countries=kg` (each value's URL segment), for a `data-facets`
    /// attribute.
    pub filters: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetView {
    pub field: String,
    pub values: Vec<FacetValueView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetValueView {
    pub value: String,
    /// The value as readers of the page's language read it.
    pub label: String,
    /// Its URL segment, as in `filters` and in the query string (`?type=software`).
    pub slug: String,
    pub count: usize,
    /// The value's own page, listing its entries.
    pub path: String,
}

/// A facet value's page: `facet` in `facet.html`.
#[derive(Debug, Clone, Serialize)]
pub struct FacetPageView<'a> {
    pub field: String,
    pub value: String,
    pub label: String,
    pub slug: String,
    pub count: usize,
    pub path: String,
    /// The entries of the current pagination page (twenty at a time), in the catalogue's
    /// order.
    pub pages: Vec<Listed<'a>>,
    pub paginator: Option<PaginatorView>,
}
