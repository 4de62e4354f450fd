//! Open data of collections (issue 14, step 5): a collection with `export: true` is
//! published in each language of its section as `/<lang>/<section>/index.json` and
//! `index.csv`, described by a JSON Schema at `/api/v1/<collection>.schema.json`, and listed
//! with the site's languages in `/api/index.json`; each entry page of a collection with
//! `jsonld:` gets schema.org JSON-LD ([`jsonld`]).
//!
//! Everything here is a pure function of the site model, deterministic to the byte: the
//! build (`build/listings/exports.rs`) writes what it gives. The formats are documented in
//! `docs/content.md#open-data`.

mod csv;
mod json;
pub mod jsonld;
mod schema;

pub use self::csv::{split_list, to_csv};
pub use json::to_json;
pub use schema::schema;

use crate::collections::Collection;
use crate::content::{Page, PageId};
use crate::lang::Lang;
use crate::site::{Model, Site};
use crate::url::SitePath;
use crate::views::PageSummary;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// The version of the export format and of its schema; the schema's path says it as `v1`.
pub const VERSION: &str = "dala-collection/1";
/// The version of `/api/index.json`.
pub const API_VERSION: &str = "dala-api/1";

/// The keys every record has first, in this order (`date`, `updated` when the page has
/// them); a collection field of the same name is given by them.
pub const FIXED: &[&str] = &["id", "url", "lang", "title", "summary", "date", "updated"];

/// `/<lang>/<section>/index.<ext>`.
pub fn data_path(section: &str, lang: &Lang, ext: &str) -> SitePath {
    let folder = SitePath::folder([lang.as_str(), section]);
    SitePath::file(&format!("{}index.{ext}", folder.as_str()))
}

/// `/api/v1/<collection>.schema.json`.
pub fn schema_path(collection: &str) -> SitePath {
    SitePath::file(&format!("api/v1/{collection}.schema.json"))
}

/// `/api/index.json`.
pub fn api_path() -> SitePath {
    SitePath::file("api/index.json")
}

/// The collections with `export: true`.
pub fn exported<'a>(site: &Site<'a>) -> impl Iterator<Item = &'a Collection> {
    site.config.collections.iter().filter(|c| c.publish.export)
}

/// The languages a collection is exported in: those of its section's versions.
pub fn languages(site: &Site, collection: &Collection) -> Vec<Lang> {
    site.content
        .sections
        .get(&collection.section)
        .map(|s| s.versions.keys().cloned().collect())
        .unwrap_or_default()
}

/// An entry's id: its file name (`x-road` for `x-road.md`, `x-road.ru.md`, `x-road/index.md`).
pub fn entry_id(page: &Page) -> &str {
    page.group.rsplit('/').next().unwrap_or(&page.group)
}

/// The collection whose section holds `page`, if any.
pub fn collection_of<'a>(site: &Site<'a>, page: &Page) -> Option<&'a Collection> {
    let dir = page.rel.rsplit_once('/').map_or("", |(d, _)| d);
    crate::collections::of_dir(&site.config.collections, dir)
}

/// Keys and values in a fixed order (a `serde_json::Map` sorts its keys).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record(pub Vec<(String, Item)>);

/// A value of a [`Record`]: JSON, or a record or list that keeps its order.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Value(Value),
    Record(Record),
    List(Vec<Item>),
}

impl Record {
    /// The JSON value at `key`, if it is one.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| match v {
                Item::Value(v) => Some(v),
                _ => None,
            })
    }

    pub fn push(&mut self, key: &str, value: impl Into<Item>) {
        self.0.push((key.to_string(), value.into()));
    }
}

impl<T: Into<Value>> From<T> for Item {
    fn from(v: T) -> Item {
        Item::Value(v.into())
    }
}

impl From<Record> for Item {
    fn from(r: Record) -> Item {
        Item::Record(r)
    }
}

impl Serialize for Record {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Serialize for Item {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Item::Value(v) => v.serialize(s),
            Item::Record(r) => r.serialize(s),
            Item::List(items) => items.serialize(s),
        }
    }
}

/// One entry of `collection` as the exports give it: the [`FIXED`] keys, then each field
/// the page has, in the order of `fields:`.
pub fn record(collection: &Collection, page: &Page, summary: &PageSummary) -> Record {
    let mut r = Record::default();
    r.push("id", entry_id(page));
    r.push("url", summary.permalink.as_str());
    r.push("lang", page.lang.as_str());
    r.push("title", summary.title.as_str());
    r.push("summary", summary.summary.as_str());
    if let Some(d) = &page.fm.date {
        r.push("date", d.day());
    }
    if let Some(d) = &page.fm.updated {
        r.push("updated", d.day());
    }
    for field in &collection.fields {
        if FIXED.contains(&field.name.as_str()) {
            continue;
        }
        if let Some(v) = page.fm.fields.get(&field.name).filter(|v| !v.is_null()) {
            r.push(&field.name, v.clone());
        }
    }
    r
}

/// The records of `collection`'s entries in `lang`: its section's listing in that language
/// (with the versions of other languages it shows for pages the language lacks).
pub fn records(
    site: &Site,
    model: &Model,
    (collection, lang): (&Collection, &Lang),
    summary_of: impl Fn(PageId) -> PageSummary,
) -> Vec<Record> {
    model
        .section(&collection.section, lang)
        .iter()
        .map(|&i| record(collection, &site.content.pages[i], &summary_of(i)))
        .collect()
}

/// `/api/index.json`: the site, its languages, and each exported collection with the URLs
/// of its schema and, per language, of its JSON, CSV, section page and entry pages.
pub fn api_index(site: &Site, model: &Model) -> Vec<u8> {
    let urls = site.urls;
    let default = &site.config.default_language;
    let title = site
        .config
        .languages
        .iter()
        .find(|l| &l.code == default)
        .map_or("", |l| l.title.as_str());
    let mut top = Record::default();
    top.push("version", API_VERSION);
    top.push("base_url", urls.permalink(&SitePath::folder([""; 0])));
    top.push("title", title);
    top.push("default_language", default.as_str());
    let langs: Vec<Item> = site
        .config
        .languages
        .iter()
        .map(|l| {
            let mut r = Record::default();
            r.push("code", l.code.as_str());
            r.push("name", l.name.as_str());
            r.push("title", l.title.as_str());
            r.push("home", urls.permalink(&SitePath::folder([l.code.as_str()])));
            Item::Record(r)
        })
        .collect();
    top.push("languages", Item::List(langs));
    let collections: Vec<Item> = exported(site)
        .map(|c| {
            let mut r = Record::default();
            r.push("name", c.name.as_str());
            r.push("version", VERSION);
            r.push("schema", urls.permalink(&schema_path(&c.name)));
            let mut by_lang = Record::default();
            for lang in languages(site, c) {
                let mut l = Record::default();
                l.push(
                    "json",
                    urls.permalink(&data_path(&c.section, &lang, "json")),
                );
                l.push("csv", urls.permalink(&data_path(&c.section, &lang, "csv")));
                if let Some(v) = site
                    .content
                    .sections
                    .get(&c.section)
                    .and_then(|s| s.versions.get(&lang))
                {
                    l.push("page", urls.permalink(&v.path));
                }
                let entries: Vec<Value> = model
                    .section(&c.section, &lang)
                    .iter()
                    .map(|&i| urls.permalink(&site.content.pages[i].path).into())
                    .collect();
                l.push("entries", entries);
                by_lang.push(lang.as_str(), l);
            }
            r.push("languages", by_lang);
            Item::Record(r)
        })
        .collect();
    top.push("collections", Item::List(collections));
    json::pretty(&top)
}
