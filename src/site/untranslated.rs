//! Pages that a language lacks, for listings that show them anyway (`untranslated: show`).

use super::Site;
use crate::content::{PageId, Section};
use crate::lang::Lang;
use std::collections::BTreeMap;

/// For a listing in `lang` that shows untranslated pages: each page of the section with no
/// `lang` version, in the first language of `lang`'s fallback chain (then its original,
/// then the default language, then the others in `site.yaml` order) that has it.
pub fn untranslated_versions(site: &Site, section: &Section, lang: &Lang) -> Vec<PageId> {
    let mut best: BTreeMap<&str, PageId> = BTreeMap::new();
    for &i in section.pages.values().flatten() {
        let page = &site.content.pages[i];
        if site.content.translation(&page.group, lang).is_some() {
            continue;
        }
        let original = site
            .content
            .originals
            .get(&page.group)
            .and_then(Option::as_ref);
        let order: Vec<&Lang> = site.content.preference(lang, original).collect();
        let rank = |l: &Lang| order.iter().position(|o| *o == l).unwrap_or(usize::MAX);
        let current = best.entry(page.group.as_str()).or_insert(i);
        if rank(&page.lang) < rank(&site.content.pages[*current].lang) {
            *current = i;
        }
    }
    best.into_values().collect()
}
