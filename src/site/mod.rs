//! What the content means as a site, without templates: the orders of pages, taxonomy
//! terms and their names, related pages, the versions a language lacks, translation lists,
//! links between content files and pagination. The build renders from a [`Model`];
//! `dala check` and `dala serve`'s quick edits read the same one.

pub mod facets;
pub mod links;
pub mod menu;
pub mod not_found;
pub mod order;
pub mod paginate;
pub mod refs;
pub mod related;
pub mod schedule;
pub mod summary;
pub mod terms;
pub mod translations;
pub mod untranslated;

use crate::config::Config;
use crate::content::{Content, PageId};
use crate::i18n::Strings;
use crate::lang::Lang;
use crate::url::Urls;
use crate::views::RelatedView;
use std::collections::BTreeMap;
pub use terms::{Term, TermIndex, Terms};

/// The loaded site as the model reads it.
#[derive(Clone, Copy)]
pub struct Site<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    pub urls: &'a Urls,
    pub strings: &'a Strings,
}

/// What listings need, computed once from the pages.
#[derive(Debug, Default)]
pub struct Model {
    /// (section dir, lang) -> page indices in the section's order, with the pages the
    /// language lacks when it shows untranslated pages.
    pub section_pages: BTreeMap<(String, Lang), Vec<PageId>>,
    /// lang -> taxonomy -> term slug -> term.
    pub terms: TermIndex,
    /// lang -> pages newest first (dated pages only).
    pub recent: BTreeMap<Lang, Vec<PageId>>,
    /// lang -> `featured: true` pages newest first.
    pub featured: BTreeMap<Lang, Vec<PageId>>,
    /// By [`PageId::index`]: the page's related pages.
    pub related: Vec<Vec<RelatedView>>,
    /// By [`PageId::index`]: the page's place among all pages, newest first.
    pub rank: Vec<usize>,
    /// What collection pages name in `ref` fields, and what names them.
    pub references: refs::References,
    /// (section folder, language) -> the catalogue of a collection with facets.
    pub catalogues: facets::Catalogues,
    /// The collections with `schedule:`: name and section folder.
    pub scheduled: Vec<(String, String)>,
}

impl Model {
    pub fn new(site: &Site) -> Model {
        let pages = &site.content.pages;
        let rank = order::ranks(pages);
        let mut recent: BTreeMap<Lang, Vec<PageId>> = BTreeMap::new();
        for (i, page) in pages.iter().enumerate() {
            if page.fm.date.is_some() {
                recent.entry(page.lang.clone()).or_default().push(PageId(i));
            }
        }
        for list in recent.values_mut() {
            list.sort_by_key(|&i| rank[i.index()]);
        }
        let featured = recent
            .iter()
            .map(|(lang, list)| {
                let list = list.iter().copied().filter(|&i| pages[i].fm.featured);
                (lang.clone(), list.collect())
            })
            .collect();
        let terms = terms::collect(site, &rank);
        let related = related::related_pages(site, &terms, &rank);
        let references = refs::references(site);
        let section_pages = section_pages(site, &rank);
        let catalogues = facets::catalogues(site, &section_pages);
        Model {
            section_pages,
            terms,
            recent,
            featured,
            related,
            rank,
            references,
            catalogues,
            scheduled: site
                .config
                .collections
                .iter()
                .filter(|c| c.schedule.is_some())
                .map(|c| (c.name.clone(), c.section.clone()))
                .collect(),
        }
    }

    /// The pages in `lang` of each collection with `schedule:`, by collection name.
    pub fn scheduled<'a>(
        &'a self,
        lang: &'a Lang,
    ) -> impl Iterator<Item = (&'a str, &'a Vec<PageId>)> + 'a {
        self.scheduled.iter().filter_map(move |(name, dir)| {
            let pages = self.section_pages.get(&(dir.clone(), lang.clone()))?;
            Some((name.as_str(), pages))
        })
    }

    /// A section's pages in `lang`, in its order.
    pub fn section(&self, dir: &str, lang: &Lang) -> &[PageId] {
        self.section_pages
            .get(&(dir.to_string(), lang.clone()))
            .map_or(&[], Vec::as_slice)
    }
}

/// Every section's pages per language, in the section's order.
fn section_pages(site: &Site, rank: &[usize]) -> BTreeMap<(String, Lang), Vec<PageId>> {
    let mut all = BTreeMap::new();
    for section in site.content.sections.values() {
        let mut lists = section.pages.clone();
        for language in site.config.languages.iter().filter(|l| l.show_untranslated) {
            let untranslated = untranslated::untranslated_versions(site, section, &language.code);
            if !untranslated.is_empty() {
                lists
                    .entry(language.code.clone())
                    .or_default()
                    .extend(untranslated);
            }
        }
        for (lang, mut list) in lists {
            let sort_by = order::section_sort(site, section, &lang);
            order::sort_section(&site.content.pages, rank, sort_by, &mut list);
            all.insert((section.dir.clone(), lang), list);
        }
    }
    all
}
