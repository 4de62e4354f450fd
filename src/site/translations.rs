//! The versions of a page, section or listing in the site's languages, as templates list
//! them (language switchers, `hreflang` links, the sitemap's alternates).

use super::Site;
use crate::lang::Lang;
use crate::url::SitePath;
use crate::views::TranslationView;

/// One version of something: its language, title and path.
pub type Version = (Lang, String, SitePath);

/// The versions of a page (all of its group's pages in the site's languages).
pub fn page_versions(site: &Site, group: &str) -> Vec<Version> {
    site.content
        .translations(group, site.config)
        .map(|p| (p.lang.clone(), p.fm.title.clone(), p.path.clone()))
        .collect()
}

/// `versions` in the order of `site.yaml`'s languages, the one in `current` marked.
pub fn translations_of(site: &Site, versions: &[Version], current: &Lang) -> Vec<TranslationView> {
    site.config
        .languages
        .iter()
        .filter_map(|l| {
            let (_, title, path) = versions.iter().find(|(lang, ..)| lang == &l.code)?;
            Some(TranslationView {
                lang: l.code.to_string(),
                name: l.name.clone(),
                title: title.clone(),
                path: site.urls.path(path),
                permalink: site.urls.permalink(path),
                current: &l.code == current,
            })
        })
        .collect()
}
