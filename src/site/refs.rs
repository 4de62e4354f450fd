//! References between entries of collections: what each page's `ref` fields name, and the
//! pages that name it (its backlinks), each in the reader's language or the version it
//! falls back to.

use super::Site;
use crate::collections;
use crate::content::{Page, PageId};
use crate::lang::Lang;
use crate::views::{BacklinkView, EntryView};
use std::collections::BTreeMap;

/// By [`PageId::index`]: the page's references (field -> entries) and backlinks.
#[derive(Debug, Default)]
pub struct References {
    pub refs: Vec<BTreeMap<String, Vec<EntryView>>>,
    pub backlinks: Vec<Vec<BacklinkView>>,
}

/// Target group -> (collection, field) -> the groups that name it, in page order.
type Incoming = BTreeMap<String, BTreeMap<(String, String), Vec<String>>>;

pub fn references(site: &Site) -> References {
    let content = site.content;
    let collections = &site.config.collections;
    let n = content.pages.len();
    let mut out = References {
        refs: vec![BTreeMap::new(); n],
        backlinks: vec![Vec::new(); n],
    };
    if !collections.iter().any(collections::has_refs) {
        return out;
    }
    let mut incoming = Incoming::new();
    for (i, page) in content.pages.iter().enumerate() {
        let Some(c) = collection_of(site, page) else {
            continue;
        };
        for r in collections::refs(c, &page.fm.fields) {
            let Some(target) = content.entries.get(&r.to).and_then(|e| e.get(&r.id)) else {
                continue;
            };
            if let Some(view) = entry(site, target, &page.lang) {
                out.refs[i].entry(r.field.clone()).or_default().push(view);
            }
            // Each referring group once, from its original's side or any version's.
            let list = incoming
                .entry(target.clone())
                .or_default()
                .entry((c.name.clone(), r.field.clone()))
                .or_default();
            if !list.contains(&page.group) {
                list.push(page.group.clone());
            }
        }
    }
    for (i, page) in content.pages.iter().enumerate() {
        let Some(by_field) = incoming.get(&page.group) else {
            continue;
        };
        for ((collection, field), groups) in by_field {
            let mut pages: Vec<EntryView> = groups
                .iter()
                .filter_map(|g| entry(site, g, &page.lang))
                .collect();
            pages.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.path.cmp(&b.path)));
            out.backlinks[PageId(i).index()].push(BacklinkView {
                collection: collection.clone(),
                field: field.clone(),
                pages,
            });
        }
    }
    out
}

fn collection_of<'a>(site: &Site<'a>, page: &Page) -> Option<&'a collections::Collection> {
    let dir = page.rel.rsplit_once('/').map_or("", |(d, _)| d);
    collections::of_dir(&site.config.collections, dir)
}

/// Group `group` for a reader of `lang`: its version in `lang` or along its fallbacks.
fn entry(site: &Site, group: &str, lang: &Lang) -> Option<EntryView> {
    let page = site.content.best_translation(group, lang)?;
    Some(EntryView {
        id: group.rsplit('/').next().unwrap_or(group).to_string(),
        title: page.fm.title.clone(),
        path: site.urls.path(&page.path),
        lang: page.lang.to_string(),
        date: page.fm.date.as_ref().map(|d| d.day().to_string()),
        fields: page.fm.fields.clone(),
    })
}
