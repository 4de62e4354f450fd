//! The quick edit (`dala serve`) of a page of a collection: its fields checked against the
//! schema and its shared fields taken from its original, as the whole build would. Anything
//! the quick edit cannot follow alone (a mistake, a changed shared field that translations
//! inherit) leaves it to the whole build.

use super::load::Loaded;
use crate::collections;
use crate::content::front_matter::FrontMatter;
use crate::content::Page;

/// Sets `fm.fields` (and the collection's template) of `page`, edited to `fm` from front
/// matter `yaml`. `None` when a whole build must follow at once: a mistake to report, or a
/// shared field the original changed or a translation contradicts, a page that data records
/// may join. The pages that name it or that it names are rendered again with it
/// (`Kept::showing`).
pub(super) fn fields(site: &Loaded, page: &Page, fm: &mut FrontMatter, yaml: &str) -> Option<()> {
    let dir = page.rel.rsplit_once('/').map_or("", |(d, _)| d);
    let Some(collection) = collections::of_dir(&site.config.collections, dir) else {
        return Some(());
    };
    if collection.data.is_some() {
        // Its pages may be joined to data records (`data:`): the whole build joins them.
        return None;
    }
    let taxonomies = &site.config.taxonomies;
    let mut errors = Vec::new();
    fm.fields = collections::validate(
        collection,
        (yaml, taxonomies),
        (&page.file, &mut fm.lines),
        &mut errors,
    );
    if !errors.is_empty() {
        return None;
    }
    if fm.template.is_none() {
        fm.template.clone_from(&collection.template);
    }
    let original = site.content.original(&page.group);
    let is_original = original.is_none_or(|o| o.rel == page.rel);
    for field in collection.fields.iter().filter(|f| f.shared) {
        let name = &field.name;
        if is_original {
            // Its translations inherit the field: they are the whole build's to redo.
            if fm.fields.get(name) != page.fm.fields.get(name) {
                return None;
            }
            continue;
        }
        let Some(given) = original.and_then(|o| o.fm.fields.get(name)) else {
            continue;
        };
        match fm.fields.get(name) {
            Some(own) if own != given => return None,
            Some(_) => {}
            None => {
                if let Some(map) = fm.fields.as_object_mut() {
                    map.insert(name.clone(), given.clone());
                }
                if let Some(terms) = original.and_then(|o| o.fm.taxonomies.get(name)) {
                    fm.taxonomies.insert(name.clone(), terms.clone());
                }
            }
        }
    }
    Some(())
}
