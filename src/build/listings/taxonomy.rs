//! A taxonomy's listing of its terms, and each term's pages, in each language.

use super::{list, Lister};
use crate::build::context::{locate, PageContext, Shared};
use crate::build::sink::{deliver, Produced, Sink};
use crate::build::sitemap::{sitemap_entry, SitemapEntry};
use crate::content::PageId;
use crate::error::Diagnostic;
use crate::lang::Lang;
use crate::site::paginate::{page_count, paginate};
use crate::site::terms::{by_key, sort_for_listing, term_view, ByKey, Placed, Term};
use crate::site::translations::{listing_translations, translations_of, ListingVersion};
use crate::url::SitePath;
use crate::views::{TaxonomyView, TermPageView, TermView};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// How many pages a taxonomy term's listing shows at once.
const TERM_PAGE_SIZE: usize = 20;

/// The listing of `taxonomy` in `lang`, and its terms' pages, put in `sink`: their sitemap
/// entries. Terms are rendered and written in parallel: a language's taxonomy can have
/// thousands of term pages, too many for one thread while the other listings are done.
pub(super) fn taxonomy(
    lister: &Lister,
    lang: &Lang,
    taxonomy: &String,
    sink: &Sink,
    errors: &mut Vec<Diagnostic>,
) -> Vec<SitemapEntry> {
    let (site, index, listings) = (lister.site, lister.index, lister.listings);
    let config_file = lister.config_file();
    let mut out = Vec::new();
    let empty = BTreeMap::new();
    let terms = index
        .model
        .terms
        .get(lang)
        .and_then(|t| t.get(taxonomy))
        .unwrap_or(&empty);
    let list_path = SitePath::folder([lang.as_str(), taxonomy.as_str()]);
    let term_views: Vec<TermView> = terms
        .iter()
        .map(|(slug, term)| {
            let placed = Placed {
                slug: slug.clone(),
                key: term.key.clone(),
                name: term.name.clone(),
            };
            term_view(&site.model(), &index.model.terms, lang, taxonomy, &placed)
        })
        .collect();
    let mut listed = term_views.clone();
    sort_for_listing(taxonomy, &mut listed);
    // Every term's pages show the whole taxonomy too: hashed and converted once.
    let view = Shared::new(TaxonomyView {
        name: taxonomy.clone(),
        path: site.urls.path(&list_path),
        permalink: site.urls.permalink(&list_path),
        terms: listed,
    });
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
    let translations = translations_of(&site.model(), &all_langs, lang);
    let mut ctx = PageContext::new(index, lang);
    ctx.insert_shared("taxonomy", &view);
    locate(&mut ctx, site, &list_path, &translations);
    let what = format!("taxonomy `{taxonomy}` [{lang}]");
    if let Some(body) = lister.render(
        ("taxonomy.html", &ctx),
        errors,
        lang,
        what,
        &list_path.output_file(),
    ) {
        out.push(Produced {
            path: list_path.output_file(),
            body,
            file: config_file.clone(),
            line: None,
            sitemap: Some(sitemap_entry(site, &list_path, None, &translations)),
        });
    }
    // Each language's terms by key: a term's versions share its key, not always its slug.
    let keyed: Vec<(&Lang, ByKey)> = site
        .config
        .languages
        .iter()
        .filter_map(|l| {
            let terms = index.model.terms.get(&l.code)?.get(taxonomy)?;
            Some((&l.code, by_key(terms)))
        })
        .collect();
    let terms: Vec<(TermView, (&String, &Term))> = term_views
        .into_iter()
        .zip(terms)
        .filter(|(_, (_, term))| {
            listings
                .only
                .is_none_or(|only| term.pages.iter().any(|i| only.contains(i)))
        })
        .collect();
    let termed: Vec<(Vec<SitemapEntry>, Vec<Diagnostic>)> = terms
        .into_par_iter()
        .map(|(term, (slug, Term { pages, key, .. }))| {
            let at = TermAt {
                lang,
                taxonomy,
                slug,
                key,
                keyed: &keyed,
                view: &view,
            };
            let mut errors = Vec::new();
            let files = term_pages(lister, &at, term, pages, &mut errors);
            (deliver(sink, files), errors)
        })
        .collect();
    let mut sitemap = deliver(sink, out);
    for (entries, term_errors) in termed {
        sitemap.extend(entries);
        errors.extend(term_errors);
    }
    sitemap
}

/// A term of a taxonomy in a language, and the taxonomy's view that its pages show.
struct TermAt<'a> {
    lang: &'a Lang,
    taxonomy: &'a str,
    slug: &'a str,
    key: &'a str,
    /// Each language's terms of the taxonomy by key.
    keyed: &'a [(&'a Lang, ByKey<'a>)],
    view: &'a Shared<TaxonomyView>,
}

/// The pages of one term: its `pages`, twenty at a time.
fn term_pages(
    lister: &Lister,
    at: &TermAt,
    term: TermView,
    pages: &[PageId],
    errors: &mut Vec<Diagnostic>,
) -> Vec<Produced> {
    let (site, index) = (lister.site, lister.index);
    let TermAt {
        lang,
        taxonomy,
        slug,
        key,
        keyed,
        view,
    } = *at;
    let mut out = Vec::new();
    let path = SitePath::folder([lang.as_str(), taxonomy, slug]);
    // The term's versions: the languages in which a page uses it (by its key).
    let versions: Vec<ListingVersion> = keyed
        .iter()
        .filter_map(|(code, by_key)| {
            let (their_slug, Term { name, pages, .. }) = by_key.get(key)?;
            Some(ListingVersion {
                version: (
                    (*code).clone(),
                    name.clone(),
                    SitePath::folder([code.as_str(), taxonomy, their_slug]),
                ),
                pages: page_count(pages.len(), Some(TERM_PAGE_SIZE)),
            })
        })
        .collect();
    for (number, (page_path, chunk, paginator)) in
        paginate(&site.urls, &path, pages, Some(TERM_PAGE_SIZE))
            .into_iter()
            .enumerate()
            .map(|(i, p)| (i + 1, p))
    {
        let translations = listing_translations(&site.model(), &versions, lang, number);
        let term_page = TermPageView {
            term: term.clone(),
            pages: list(lister.summaries, chunk),
            paginator,
        };
        let mut ctx = PageContext::new(index, lang);
        ctx.insert_shared("taxonomy", view);
        ctx.insert("term", &term_page);
        locate(&mut ctx, site, &page_path, &translations);
        let what = format!("term `{slug}` of taxonomy `{taxonomy}` [{lang}]");
        let output = page_path.output_file();
        if let Some(body) = lister.render(("taxonomy_term.html", &ctx), errors, lang, what, &output)
        {
            out.push(Produced {
                path: output,
                body,
                file: lister.config_file(),
                line: None,
                sitemap: Some(sitemap_entry(site, &page_path, None, &translations)),
            });
        }
    }
    out
}
