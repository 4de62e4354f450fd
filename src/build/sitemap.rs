//! `sitemap.xml`: every page and listing's first page, with its translations as
//! alternates, rendered with the template `sitemap.xml` (dala has a built-in one).

use super::load::Loaded;
use crate::url::{encode_uri, SitePath};
use crate::views::{AlternateView, SitemapView, TranslationView};

/// A URL of the sitemap.
pub(super) struct SitemapEntry {
    pub(super) loc: String,
    pub(super) lastmod: Option<String>,
    pub(super) alternates: Vec<(String, String)>,
}

/// The entry of the page at `path`, with its translations as alternates.
pub(super) fn sitemap_entry(
    site: &Loaded,
    path: &SitePath,
    lastmod: Option<String>,
    translations: &[TranslationView],
) -> SitemapEntry {
    SitemapEntry {
        loc: site.urls.permalink(path),
        lastmod,
        alternates: translations
            .iter()
            .map(|t| (t.lang.clone(), t.permalink.clone()))
            .collect(),
    }
}

/// The sitemap's entries as `sitemap.xml` gets them: sorted by URL, percent-encoded.
pub(super) fn sitemap_views(mut entries: Vec<SitemapEntry>) -> Vec<SitemapView> {
    entries.sort_by(|a, b| a.loc.cmp(&b.loc));
    entries
        .into_iter()
        .map(|e| SitemapView {
            loc: encode_uri(&e.loc),
            lastmod: e.lastmod,
            alternates: e
                .alternates
                .into_iter()
                .map(|(lang, href)| AlternateView {
                    lang,
                    href: encode_uri(&href),
                })
                .collect(),
        })
        .collect()
}
