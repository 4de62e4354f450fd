//! `sitemap.xml`: every page and listing's first page, with its translations as
//! alternates.

use super::load::Loaded;
use crate::url::{encode_uri, SitePath};
use crate::views::TranslationView;

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

/// The sitemap of `entries`, in their order.
pub(super) fn sitemap(entries: &[SitemapEntry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&crate::util::escape(&encode_uri(&e.loc)));
        xml.push_str("</loc>\n");
        if let Some(lastmod) = &e.lastmod {
            xml.push_str(&format!("    <lastmod>{lastmod}</lastmod>\n"));
        }
        if e.alternates.len() > 1 {
            for (lang, href) in &e.alternates {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>\n",
                    crate::util::escape(&encode_uri(href))
                ));
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
