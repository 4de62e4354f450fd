//! The open data of collections with `export: true` (see [`crate::export`]): each
//! language's JSON and CSV, and the schemas with `/api/index.json`.

use super::Lister;
use crate::build::sink::{Body, Produced};
use crate::export;
use crate::lang::Lang;

/// The JSON and CSV of collection `name` in `lang`.
pub(super) fn data(lister: &Lister, name: &str, lang: &Lang) -> Vec<Produced> {
    let site = lister.site.model();
    let Some(collection) = site.config.collections.iter().find(|c| c.name == name) else {
        return Vec::new();
    };
    let summary_of = |i: crate::content::PageId| lister.summaries[i.index()].summary.clone();
    let records = export::records(&site, &lister.index.model, (collection, lang), summary_of);
    let json = export::to_json(&site, (collection, lang), &records);
    let csv = export::to_csv(collection, &records);
    [("json", json), ("csv", csv)]
        .into_iter()
        .map(|(ext, bytes)| {
            produced(
                lister,
                &export::data_path(&collection.section, lang, ext),
                bytes,
            )
        })
        .collect()
}

/// The schema of every exported collection, and `/api/index.json`.
pub(super) fn api(lister: &Lister) -> Vec<Produced> {
    let site = lister.site.model();
    let mut out: Vec<Produced> = export::exported(&site)
        .map(|c| {
            produced(
                lister,
                &export::schema_path(&c.name),
                export::schema(&site, c),
            )
        })
        .collect();
    let index = export::api_index(&site, &lister.index.model);
    out.push(produced(lister, &export::api_path(), index));
    out
}

fn produced(lister: &Lister, path: &crate::url::SitePath, bytes: Vec<u8>) -> Produced {
    Produced {
        path: path.output_file(),
        body: Body::Bytes(bytes),
        file: lister.config_file(),
        line: None,
        sitemap: None,
    }
}
