//! Cutting a listing into pages, with the paginator each page's template gets.

use crate::url::{SitePath, Urls};
use crate::views::{PagerLink, PaginatorView};

/// Cuts a listing at `base` into pages of `per_page` items (one page if `None`): each
/// page's path (`base`, then `base/page/2/`...), items and paginator. The paginator links
/// the first, the last and the two pages either side of the current one, so that a long
/// listing's pages do not each carry a link to every other.
pub fn paginate<'a>(
    urls: &Urls,
    base: &SitePath,
    items: &'a [usize],
    per_page: Option<usize>,
) -> Vec<(SitePath, &'a [usize], Option<PaginatorView>)> {
    let chunks: Vec<&[usize]> = match per_page {
        Some(n) if !items.is_empty() => items.chunks(n.max(1)).collect(),
        _ => vec![items],
    };
    let total = chunks.len();
    let path_of = |n: usize| {
        if n == 1 {
            base.clone()
        } else {
            base.join("page").join(&n.to_string())
        }
    };
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
