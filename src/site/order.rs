//! The orders of pages: newest first (the rank every date-sorted list goes by), and a
//! section's own order by weight or title. Ties are broken by title, then by file, so that
//! every order is total and the output deterministic.

use super::Site;
use crate::content::front_matter::SortBy;
use crate::content::{Page, PageId, Section};
use crate::lang::Lang;
use rayon::prelude::*;
use std::cmp::{Ordering, Reverse};

/// Newest first; undated pages last; then by title, then by file.
pub fn date_order(pages: &[Page]) -> impl Fn(&PageId, &PageId) -> Ordering + '_ {
    move |&a, &b| {
        let (pa, pb) = (&pages[a.index()], &pages[b.index()]);
        (Reverse(&pa.fm.date), &pa.fm.title, &pa.rel).cmp(&(
            Reverse(&pb.fm.date),
            &pb.fm.title,
            &pb.rel,
        ))
    }
}

/// Every page's place in date order (see [`date_order`]), by [`PageId::index`]: lists sort by it,
/// which is much cheaper than comparing dates and titles again in every list.
pub fn ranks(pages: &[Page]) -> Vec<usize> {
    let mut by_date: Vec<PageId> = (0..pages.len()).map(PageId).collect();
    by_date.par_sort_by(date_order(pages));
    let mut rank = vec![0; pages.len()];
    for (place, &i) in by_date.iter().enumerate() {
        rank[i.index()] = place;
    }
    rank
}

/// How a section's pages are sorted in `lang`: by its version's `sort_by`, or by the
/// original's.
pub fn section_sort(site: &Site, section: &Section, lang: &Lang) -> SortBy {
    section
        .versions
        .get(lang)
        .or_else(|| site.content.section_original(&section.dir))
        .map_or(SortBy::Date, |v| v.fm.sort_by)
}

/// The order of two pages of a section sorted by weight (then title) or by title; pages
/// sorted by date go by their rank instead (see [`date_order`]).
pub fn section_order(pages: &[Page], sort_by: SortBy, a: PageId, b: PageId) -> Ordering {
    let (pa, pb) = (&pages[a.index()], &pages[b.index()]);
    match sort_by {
        SortBy::Date => Ordering::Equal,
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

/// Sorts a section's list in `sort_by`'s order (by rank for dates).
pub fn sort_section(pages: &[Page], rank: &[usize], sort_by: SortBy, list: &mut [PageId]) {
    match sort_by {
        SortBy::Date => list.sort_by_key(|&i| rank[i.index()]),
        other => list.sort_by(|&a, &b| section_order(pages, other, a, b)),
    }
}
