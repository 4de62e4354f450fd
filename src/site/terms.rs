//! Taxonomy terms: their slugs, the pages that carry them, and how they are named and
//! ordered in each language.

use super::Site;
use crate::config::Config;
use crate::content::PageId;
use crate::lang::Lang;
use crate::slug::slugify;
use crate::taxonomy::Kind;
use crate::url::SitePath;
use crate::views::TermView;
use std::collections::BTreeMap;

/// One term of a taxonomy in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term as first written (trimmed).
    pub name: String,
    /// The pages that carry it, newest first.
    pub pages: Vec<PageId>,
}

/// A taxonomy's terms by slug.
pub type Terms = BTreeMap<String, Term>;

/// lang -> taxonomy -> its terms.
pub type TermIndex = BTreeMap<Lang, BTreeMap<String, Terms>>;

/// A term's URL segment: its slug, or `term` if nothing is left of it.
pub fn term_slug(config: &Config, lang: &Lang, term: &str) -> String {
    match slugify(&config.url_segment(lang, term)) {
        s if s.is_empty() => "term".to_string(),
        s => s,
    }
}

/// Every term of every taxonomy of `site.yaml`, per language, with its pages in `rank`
/// order (newest first).
pub fn collect(site: &Site, rank: &[usize]) -> TermIndex {
    let mut terms = TermIndex::new();
    for (i, page) in site.content.pages.iter().enumerate() {
        let id = PageId(i);
        for taxonomy in &site.config.taxonomies {
            for written in page.fm.taxonomies.get(taxonomy).into_iter().flatten() {
                let slug = term_slug(site.config, &page.lang, written);
                let term = terms
                    .entry(page.lang.clone())
                    .or_default()
                    .entry(taxonomy.clone())
                    .or_default()
                    .entry(slug)
                    .or_insert_with(|| Term {
                        name: written.trim().to_string(),
                        pages: Vec::new(),
                    });
                if term.pages.last() != Some(&id) {
                    term.pages.push(id);
                }
            }
        }
    }
    for by_taxonomy in terms.values_mut() {
        for by_term in by_taxonomy.values_mut() {
            for term in by_term.values_mut() {
                term.pages.sort_by_key(|&i| rank[i.index()]);
            }
        }
    }
    terms
}

/// How a term is shown: a country by its name in `lang`, a goal by its number and name
/// (`sdg_9` of the interface strings), other terms by the interface string
/// `<taxonomy>_<slug>` if there is one, else as written.
pub fn term_name(site: &Site, lang: &Lang, taxonomy: &str, slug: &str, name: &str) -> String {
    match Kind::of(taxonomy) {
        // A term may have a name per language in the interface strings:
        // `building_blocks_identity: "Идентификация"`.
        Kind::Free => site
            .strings
            .text(lang, &format!("{taxonomy}_{slug}"), None, &[])
            .unwrap_or_else(|| name.to_string()),
        Kind::Countries => site
            .strings
            .region_name(lang, slug)
            .unwrap_or_else(|| slug.to_ascii_uppercase()),
        Kind::Sdgs => match site.strings.text(lang, &format!("sdg_{slug}"), None, &[]) {
            Some(goal) => format!("{slug}. {goal}"),
            None => format!("SDG {slug}"),
        },
    }
}

/// A term as templates see it, with the number of pages that carry it in `lang`.
pub fn term_view(
    site: &Site,
    terms: &TermIndex,
    lang: &Lang,
    taxonomy: &str,
    slug: &str,
    name: &str,
) -> TermView {
    let path = SitePath::folder([lang.as_str(), taxonomy, slug]);
    let count = terms
        .get(lang)
        .and_then(|t| t.get(taxonomy))
        .and_then(|t| t.get(slug))
        .map_or(0, |t| t.pages.len());
    TermView {
        name: term_name(site, lang, taxonomy, slug, name),
        slug: slug.to_string(),
        path: site.urls.path(&path),
        permalink: site.urls.permalink(&path),
        count,
    }
}

/// A taxonomy's terms in the order its listing shows them: goals by number, countries by
/// name, other terms by slug (the order they come in).
pub fn sort_for_listing(taxonomy: &str, terms: &mut [TermView]) {
    match Kind::of(taxonomy) {
        Kind::Sdgs => terms.sort_by_key(|t| t.slug.parse::<u8>().unwrap_or(u8::MAX)),
        Kind::Countries => terms.sort_by(|a, b| a.name.cmp(&b.name)),
        Kind::Free => {}
    }
}
