//! With `search: true`, each language's search index (see [`crate::search`]), from the
//! pages' summaries and the stems their memos keep.

use super::index::Index;
use super::load::Loaded;
use super::record::PageMemo;
use super::sink::{Body, Sink};
use crate::output::Origin;
use crate::views::PageSummary;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Writes each language's search index (see [`crate::search`]).
pub(super) fn search_index(
    site: &Loaded,
    index: &Index,
    summaries: &[PageSummary],
    memos: &BTreeMap<String, PageMemo>,
    sink: &Sink,
) {
    site.config.languages.par_iter().for_each(|language| {
        let lang = &language.code;
        let Some(rules) = index.search_rules.get(lang) else {
            return;
        };
        let docs: Vec<crate::search::Document> = site
            .content
            .pages
            .iter()
            .zip(summaries)
            .filter(|(page, _)| &page.lang == lang)
            .map(|(page, summary)| crate::search::Document {
                title: &summary.title,
                url: summary.path.clone(),
                date: page
                    .fm
                    .date
                    .as_ref()
                    .and_then(|d| site.strings.format_date(lang, d.ymd(), true))
                    .unwrap_or_default(),
                summary: &summary.summary,
                terms: memos
                    .get(&page.rel)
                    .and_then(|m| m.terms.as_deref())
                    .unwrap_or_default(),
            })
            .collect();
        let origin = Origin {
            file: PathBuf::from("<search index>"),
            line: None,
        };
        for (path, bytes) in crate::search::index_files(lang.as_str(), rules, &docs) {
            sink.put(
                &format!("search/{lang}/{path}"),
                Body::Bytes(bytes),
                origin.clone(),
            );
        }
    });
}
