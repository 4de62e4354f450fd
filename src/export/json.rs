//! The JSON export of a collection in one language: `{ version, $schema, collection, lang,
//! entries }`, each entry a record with its keys in the schema's order.

use super::{schema_path, Collection, Record, VERSION};
use crate::lang::Lang;
use crate::site::Site;
use serde::Serialize;

#[derive(Serialize)]
struct Export<'a> {
    version: &'static str,
    #[serde(rename = "$schema")]
    schema: String,
    collection: &'a str,
    lang: &'a str,
    entries: &'a [Record],
}

/// The JSON export of `records`, the entries of `collection` in `lang`.
pub fn to_json(
    site: &Site,
    (collection, lang): (&Collection, &Lang),
    records: &[Record],
) -> Vec<u8> {
    pretty(&Export {
        version: VERSION,
        schema: site.urls.permalink(&schema_path(&collection.name)),
        collection: &collection.name,
        lang: lang.as_str(),
        entries: records,
    })
}

/// `value` as JSON indented by two spaces, with a final newline.
pub(super) fn pretty<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).unwrap_or_default();
    out.push(b'\n');
    out
}
