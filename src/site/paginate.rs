//! Cutting a listing into pages, with the paginator each page's template gets.

use crate::url::{SitePath, Urls};
use crate::views::{PagerLink, PaginatorView};

/// The path of page `number` of the listing at `base`: `base` itself for the first,
/// `base/page/<n>/` for the others.
pub fn page_path(base: &SitePath, number: usize) -> SitePath {
    if number <= 1 {
        base.clone()
    } else {
        base.join("page").join(&number.to_string())
    }
}

/// How many pages `paginate` cuts `items` into.
pub fn page_count(items: usize, per_page: Option<usize>) -> usize {
    match per_page {
        Some(n) if items > 0 => items.div_ceil(n.max(1)),
        _ => 1,
    }
}

/// Cuts a listing at `base` into pages of `per_page` items (one page if `None`): each
/// page's path (`base`, then `base/page/2/`...), items and paginator. The paginator links
/// the first, the last and the two pages either side of the current one, so that a long
/// listing's pages do not each carry a link to every other.
pub fn paginate<'a, T>(
    urls: &Urls,
    base: &SitePath,
    items: &'a [T],
    per_page: Option<usize>,
) -> Vec<(SitePath, &'a [T], Option<PaginatorView>)> {
    let chunks: Vec<&[T]> = match per_page {
        Some(n) if !items.is_empty() => items.chunks(n.max(1)).collect(),
        _ => vec![items],
    };
    let total = chunks.len();
    let path_of = |n: usize| page_path(base, n);
    chunks
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let number = i + 1;
            let paginator = per_page.map(|_| PaginatorView {
                current: number,
                total,
                previous: (number > 1).then(|| urls.path(&path_of(number - 1))),
                next: (number < total).then(|| urls.path(&path_of(number + 1))),
                pages: (1..=total)
                    .filter(|&k| k == 1 || k == total || k.abs_diff(number) <= 2)
                    .map(|k| PagerLink {
                        number: k,
                        path: urls.path(&path_of(k)),
                        current: k == number,
                    })
                    .collect(),
            });
            (path_of(number), chunk, paginator)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(
        items: &[usize],
        per_page: Option<usize>,
    ) -> Vec<(String, Vec<usize>, Option<PaginatorView>)> {
        let urls = Urls::new("https://example.org/hub");
        let base = SitePath::folder(["ru", "статьи"]);
        paginate(&urls, &base, items, per_page)
            .into_iter()
            .map(|(path, chunk, paginator)| (urls.path(&path), chunk.to_vec(), paginator))
            .collect()
    }

    #[test]
    fn an_empty_listing_is_one_page() {
        let pages = cut(&[], Some(10));
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].0, "/hub/ru/статьи/");
        assert!(pages[0].1.is_empty());
        let paginator = pages[0].2.as_ref().unwrap();
        assert_eq!((paginator.current, paginator.total), (1, 1));
        assert_eq!(
            (paginator.previous.clone(), paginator.next.clone()),
            (None, None)
        );
    }

    #[test]
    fn without_paginate_by_everything_is_on_one_page_without_a_paginator() {
        let items: Vec<usize> = (0..45).collect();
        let pages = cut(&items, None);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].1.len(), 45);
        assert!(pages[0].2.is_none());
    }

    #[test]
    fn an_exact_multiple_makes_no_empty_last_page() {
        let items: Vec<usize> = (0..20).collect();
        let pages = cut(&items, Some(10));
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[1].0, "/hub/ru/статьи/page/2/");
        assert_eq!(pages[1].1, (10..20).collect::<Vec<_>>());
        let last = pages[1].2.as_ref().unwrap();
        assert_eq!(last.previous.as_deref(), Some("/hub/ru/статьи/"));
        assert_eq!(last.next, None);
    }

    #[test]
    fn zero_per_page_counts_as_one() {
        let pages = cut(&[7, 8, 9], Some(0));
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[2].1, [9]);
    }

    #[test]
    fn a_long_listing_links_the_ends_and_two_either_side() {
        let items: Vec<usize> = (0..200).collect();
        let pages = cut(&items, Some(10));
        assert_eq!(pages.len(), 20);
        let middle = pages[9].2.as_ref().unwrap();
        let numbers: Vec<usize> = middle.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 8, 9, 10, 11, 12, 20]);
        assert!(middle
            .pages
            .iter()
            .filter(|l| l.current)
            .all(|l| l.number == 10));
        let first = pages[0].2.as_ref().unwrap();
        let numbers: Vec<usize> = first.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 2, 3, 20]);
    }
}
