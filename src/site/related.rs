//! Related pages: those that share the most taxonomy terms with a page.

use super::terms::{place_term, TermIndex};
use super::Site;
use crate::content::PageId;
use crate::views::{RelatedView, RELATED};
use rayon::prelude::*;

/// How many of a term's newest pages are looked at: a term on thousands of pages costs
/// little.
const RELATED_SCAN: usize = 50;

/// For each page, the pages in its language that share the most taxonomy terms with it
/// (each term counts once; only a term's [`RELATED_SCAN`] newest pages are looked at), the
/// most shared first, then the newest; at most [`RELATED`].
pub fn related_pages(site: &Site, terms: &TermIndex, rank: &[usize]) -> Vec<Vec<RelatedView>> {
    let pages = &site.content.pages;
    pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let i = PageId(i);
            let Some(by_taxonomy) = terms.get(&page.lang) else {
                return Vec::new();
            };
            let mut shared: std::collections::HashMap<PageId, usize> =
                std::collections::HashMap::with_capacity(64);
            for (taxonomy, list) in &page.fm.taxonomies {
                let Some(by_term) = by_taxonomy.get(taxonomy) else {
                    continue;
                };
                for written in list {
                    let slug = place_term(site, &page.lang, taxonomy, written).slug;
                    if let Some(term) = by_term.get(&slug) {
                        for &j in term.pages.iter().take(RELATED_SCAN).filter(|&&j| j != i) {
                            *shared.entry(j).or_default() += 1;
                        }
                    }
                }
            }
            let mut best: Vec<(PageId, usize)> = shared.into_iter().collect();
            best.sort_by(|a, b| {
                let newer = rank[a.0.index()].cmp(&rank[b.0.index()]);
                b.1.cmp(&a.1).then(newer)
            });
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
