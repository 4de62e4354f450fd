//! A page as listings show it: its [`PageSummary`].

use super::terms::{place_term, term_view, TermIndex};
use super::translations::{page_versions, translations_of};
use super::Site;
use crate::content::Page;
use crate::views::{DateView, PageSummary};
use std::collections::BTreeMap;

/// The summary of `page`, with `summary_text` (what its Markdown gave) when its front
/// matter has no `summary`.
pub fn summary(site: &Site, terms: &TermIndex, page: &Page, summary_text: &str) -> PageSummary {
    let mut taxonomies = BTreeMap::new();
    for taxonomy in &site.config.taxonomies {
        if let Some(written) = page.fm.taxonomies.get(taxonomy) {
            let views = written
                .iter()
                .map(|t| {
                    let placed = place_term(site, &page.lang, taxonomy, t);
                    term_view(site, terms, &page.lang, taxonomy, &placed)
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
        translations_of(site, &page_versions(site, &page.group), &page.lang)
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
        fields: page.fm.fields.clone(),
        schedule: super::schedule::view(site, page),
    }
}
