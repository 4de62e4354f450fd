//! The entries of collections, by id, and the check that each `ref` names one.

use super::*;
use crate::collections;

impl Content {
    /// Collection -> entry id (its file name: `x-road` of `x-road.md`, `x-road.ru.md` or
    /// `x-road/index.md`) -> group. Then each `ref` of each page is checked: an id that no
    /// entry has is an error at the field's line, with the closest ids.
    pub(super) fn check_refs(&mut self, config: &Config, errors: &mut Vec<Diagnostic>) {
        let mut entries: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for page in &self.pages {
            let dir = page.rel.rsplit_once('/').map_or("", |(d, _)| d);
            if let Some(c) = collections::of_dir(&config.collections, dir) {
                let id = page.group.rsplit('/').next().unwrap_or(&page.group);
                entries
                    .entry(c.name.clone())
                    .or_default()
                    .insert(id.to_string(), page.group.clone());
            }
        }
        for page in &self.pages {
            let dir = page.rel.rsplit_once('/').map_or("", |(d, _)| d);
            let Some(c) = collections::of_dir(&config.collections, dir) else {
                continue;
            };
            for r in collections::refs(c, &page.fm.fields) {
                let ids = entries.get(&r.to);
                if ids.is_some_and(|ids| ids.contains_key(&r.id)) {
                    continue;
                }
                let known: Vec<&str> = ids.into_iter().flatten().map(|(k, _)| k.as_str()).collect();
                let key = collections::place_key(&r.field, &config.taxonomies);
                let line = page.fm.lines.get(&key).copied().unwrap_or(1);
                let message = crate::hints::collection_unknown_entry(
                    &r.field,
                    &r.id,
                    &r.to,
                    crate::hints::closest(&r.id, &known),
                );
                // A page made from a data record: said of the record, in its data file.
                let (kind, message) = if page.from_record() {
                    let id = page.group.rsplit('/').next().unwrap_or(&page.group);
                    let message = crate::hints::record_problem(id, &message);
                    (DiagnosticKind::Data, message)
                } else {
                    (DiagnosticKind::FrontMatter, message)
                };
                errors.push(kind.error(&page.file, message).at(line));
            }
        }
        self.entries = entries;
    }
}
