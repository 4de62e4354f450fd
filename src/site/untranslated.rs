//! Pages that a language lacks, for listings that show them anyway (`untranslated: show`).

use super::Site;
use crate::content::{PageId, Section};
use crate::lang::Lang;
use std::collections::BTreeMap;

/// For a listing in `lang` that shows untranslated pages: each page of the section with no
/// `lang` version, in the first language of `lang`'s fallback chain (then the default
/// language, then the others in `site.yaml` order) that has it.
pub fn untranslated_versions(site: &Site, section: &Section, lang: &Lang) -> Vec<PageId> {
    let language = site.config.language(lang);
    let order: Vec<&Lang> = language
        .fallback
        .iter()
        .chain([&site.config.default_language])
        .chain(site.config.languages.iter().map(|l| &l.code))
        .collect();
    let rank = |l: &Lang| order.iter().position(|o| *o == l).unwrap_or(usize::MAX);
    let mut best: BTreeMap<&str, PageId> = BTreeMap::new();
    for &i in section.pages.values().flatten() {
        let page = &site.content.pages[i];
        if site.content.translation(&page.group, lang).is_some() {
            continue;
        }
        let current = best.entry(page.group.as_str()).or_insert(i);
        if rank(&page.lang) < rank(&site.content.pages[*current].lang) {
            *current = i;
        }
    }
    best.into_values().collect()
}
