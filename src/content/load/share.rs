//! The shared fields of collections (`shared: true` in `collections:` of site.yaml): written
//! once, in a page's original version, and inherited by its translations.

use super::*;
use crate::collections::{self, Collection};

impl Content {
    /// A translation inherits the original's shared fields (and the terms of a shared
    /// taxonomy field); one that writes another value is an error at its line. The original
    /// must have each required shared field.
    pub(super) fn share_fields(&mut self, config: &Config, errors: &mut Vec<Diagnostic>) {
        let mut work = Vec::new();
        for (group, members) in &self.groups {
            let Some(Some(original)) = self.originals.get(group) else {
                continue;
            };
            let Some(&o) = members.get(original) else {
                continue;
            };
            let dir = self.pages[o].rel.rsplit_once('/').map_or("", |(d, _)| d);
            let Some(collection) = collections::of_dir(&config.collections, dir) else {
                continue;
            };
            let translations: Vec<PageId> = members
                .iter()
                .filter(|&(lang, &i)| i != o && lang != original)
                .map(|(_, &i)| i)
                .collect();
            work.push((o, translations, collection));
        }
        for (o, translations, collection) in work {
            self.original_has_required(o, collection, &config.taxonomies, errors);
            for i in translations {
                for field in collection.fields.iter().filter(|f| f.shared) {
                    self.share_field(o, i, &field.name, &config.taxonomies, errors);
                }
            }
        }
    }

    /// Each required shared field of `collection` is written in the original page `o`.
    fn original_has_required(
        &self,
        o: PageId,
        collection: &Collection,
        taxonomies: &[String],
        errors: &mut Vec<Diagnostic>,
    ) {
        let page = &self.pages[o];
        for field in collection.fields.iter().filter(|f| f.shared && f.required) {
            let given = page
                .fm
                .fields
                .get(&field.name)
                .is_some_and(|v| !v.is_null());
            // A value with a mistake has been reported already.
            let written = page
                .fm
                .lines
                .contains_key(&collections::place_key(&field.name, taxonomies));
            if !given && !written {
                let top = collections::is_top_level(&field.name, taxonomies);
                let line = page.fm.lines.get("extra").copied().unwrap_or(1);
                errors.push(
                    DiagnosticKind::FrontMatter
                        .error(&page.file, collections::missing(&field.name, top))
                        .at(line),
                );
            }
        }
    }

    /// Page `i`, a translation of original `o`, takes or checks shared field `name`.
    fn share_field(
        &mut self,
        o: PageId,
        i: PageId,
        name: &str,
        taxonomies: &[String],
        errors: &mut Vec<Diagnostic>,
    ) {
        let Some(given) = self.pages[o].fm.fields.get(name).cloned() else {
            return;
        };
        let original_terms = self.pages[o].fm.taxonomies.get(name).cloned();
        let original_rel = self.pages[o].rel.clone();
        let page = &mut self.pages[i];
        match page.fm.fields.get(name) {
            Some(own) if *own != given => {
                let key = collections::place_key(name, taxonomies);
                let line = page.fm.lines.get(&key).copied().unwrap_or(1);
                errors.push(
                    DiagnosticKind::FrontMatter
                        .error(
                            &page.file,
                            crate::hints::collection_shared_differs(name, &original_rel),
                        )
                        .at(line),
                );
            }
            Some(_) => {}
            None => {
                if let Some(fields) = page.fm.fields.as_object_mut() {
                    fields.insert(name.to_string(), given);
                }
                if let Some(terms) = original_terms {
                    page.fm.taxonomies.insert(name.to_string(), terms);
                }
            }
        }
    }
}
