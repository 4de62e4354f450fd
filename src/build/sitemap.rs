//! `sitemap.xml`: every page and listing's first page, with its translations as
//! alternates, rendered with the template `sitemap.xml` (dala has a built-in one).

use super::load::Loaded;
use crate::url::{encode_uri, SitePath};
use crate::util::escape;
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
            .filter(|t| t.alternate)
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

/// What dala's built-in `sitemap.xml` template gives for `entries`, written directly: a
/// template context of every URL of a large site would cost megabytes. A test keeps the two
/// byte for byte alike (tests/builtin_templates.rs).
pub(super) fn builtin_sitemap(entries: &[SitemapView]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape(&e.loc));
        xml.push_str("</loc>\n");
        if let Some(lastmod) = &e.lastmod {
            xml.push_str(&format!("    <lastmod>{}</lastmod>\n", escape(lastmod)));
        }
        if e.alternates.len() > 1 {
            for a in &e.alternates {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    escape(&a.lang),
                    escape(&a.href)
                ));
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
