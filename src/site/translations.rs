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
                alternate: true,
            })
        })
        .collect()
}

/// A listing's versions: in each language, the first page of its listing and how many
/// pages it has.
pub struct ListingVersion {
    pub version: Version,
    pub pages: usize,
}

/// The translations of page `number` of a listing: in each language whose listing has that
/// many pages, its page `number` (an alternate); in the others, the first page (not one).
pub fn listing_translations(
    site: &Site,
    versions: &[ListingVersion],
    current: &Lang,
    number: usize,
) -> Vec<TranslationView> {
    let on_page: Vec<Version> = versions
        .iter()
        .map(|v| {
            let (lang, title, first) = &v.version;
            let path = if number <= v.pages {
                super::paginate::page_path(first, number)
            } else {
                first.clone()
            };
            (lang.clone(), title.clone(), path)
        })
        .collect();
    let mut views = translations_of(site, &on_page, current);
    for view in &mut views {
        view.alternate = versions
            .iter()
            .find(|v| v.version.0.as_str() == view.lang)
            .is_some_and(|v| number <= v.pages);
    }
    views
}
