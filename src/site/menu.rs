//! The main navigation of each language: `menu:` of `site.yaml` (see [`crate::menu`]), or
//! else the site's top-level sections, by `weight` (from their `_index.md`), then title.
//! A language gets only the sections that exist in it: a menu never links a section to a
//! language that does not have it.

use super::Site;
use crate::error::{Diagnostic, Kind};
use crate::lang::Lang;
use crate::menu::{MenuItem, Target};
use crate::url::SitePath;
use crate::views::MenuItemView;
use std::collections::BTreeMap;
use std::path::Path;

/// The menu of every language; a `section:` of `menu:` that does not exist is an error at
/// its line of `config_file` (site.yaml).
pub fn menus(
    site: &Site,
    config_file: &Path,
    errors: &mut Vec<Diagnostic>,
) -> BTreeMap<Lang, Vec<MenuItemView>> {
    if let Some(items) = &site.config.menu {
        check_sections(site, items, config_file, errors);
    }
    site.config
        .languages
        .iter()
        .map(|l| {
            let menu = match &site.config.menu {
                Some(items) => configured(site, items, &l.code),
                None => top_level_sections(site, &l.code),
            };
            (l.code.clone(), menu)
        })
        .collect()
}

/// The sections directly below the home that exist in `lang`, by weight (sections without
/// one last), then title, then folder.
fn top_level_sections(site: &Site, lang: &Lang) -> Vec<MenuItemView> {
    let Some(home) = site.content.sections.get("") else {
        return Vec::new();
    };
    let mut found: Vec<(i64, String, &str, MenuItemView)> = home
        .subsections
        .iter()
        .filter_map(|dir| {
            let section = &site.content.sections[dir];
            let version = section.versions.get(lang)?;
            // A translation that does not say its weight has the original's.
            let weight = version
                .fm
                .weight
                .or_else(|| site.content.section_original(dir)?.fm.weight)
                .unwrap_or(i64::MAX);
            let title = version.fm.title.clone();
            Some((
                weight,
                title.to_lowercase(),
                dir.as_str(),
                item(site, title, &version.path),
            ))
        })
        .collect();
    found.sort_by(|a, b| (a.0, &a.1, a.2).cmp(&(b.0, &b.1, b.2)));
    found.into_iter().map(|(.., view)| view).collect()
}

/// `menu:` in `lang`: its items in order, less the sections that have no version in it.
fn configured(site: &Site, items: &[MenuItem], lang: &Lang) -> Vec<MenuItemView> {
    items
        .iter()
        .filter_map(|menu_item| match &menu_item.target {
            Target::Section(dir) => {
                let version = site.content.sections.get(dir)?.versions.get(lang)?;
                let title =
                    label(site, menu_item, lang).unwrap_or_else(|| version.fm.title.clone());
                Some(item(site, title, &version.path))
            }
            Target::Path(path) => {
                let title = label(site, menu_item, lang)
                    .or_else(|| menu_item.labels.get(&site.config.default_language).cloned())?;
                let in_site = match path.strip_prefix('/') {
                    Some(from_root) => from_root.to_string(),
                    None => format!("{lang}/{path}"),
                };
                Some(item(site, title, &SitePath::from_user(&in_site)))
            }
        })
        .collect()
}

/// The item's own label in `lang`; for a language made by transliteration, its parent's
/// label transliterated.
fn label(site: &Site, item: &MenuItem, lang: &Lang) -> Option<String> {
    if let Some(own) = item.labels.get(lang) {
        return Some(own.clone());
    }
    let language = site.config.find_language(lang.as_str())?;
    let parent = item.labels.get(language.derive_from.as_ref()?)?;
    Some(
        language
            .profile
            .transliteration
            .map_or_else(|| parent.clone(), |t| t(parent)),
    )
}

fn item(site: &Site, title: String, path: &SitePath) -> MenuItemView {
    MenuItemView {
        title,
        path: site.urls.path(path),
        permalink: site.urls.permalink(path),
    }
}

/// Each `section:` of `menu:` names a section of `content/`.
fn check_sections(
    site: &Site,
    items: &[MenuItem],
    config_file: &Path,
    errors: &mut Vec<Diagnostic>,
) {
    for (i, menu_item) in items.iter().enumerate() {
        let Target::Section(dir) = &menu_item.target else {
            continue;
        };
        if site.content.sections.contains_key(dir) {
            continue;
        }
        let known: Vec<&str> = site
            .content
            .sections
            .keys()
            .map(String::as_str)
            .filter(|d| !d.is_empty())
            .collect();
        let message = format!(
            "menu item {}: there is no section `{dir}`: a section is a folder of content/ with an `_index.md` (sections: {})",
            i + 1,
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        );
        errors.push(Kind::Config.error(config_file, message).at(menu_item.line));
    }
}
