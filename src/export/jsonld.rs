//! schema.org JSON-LD of an entry page of a collection with `jsonld:`: its type (by
//! `type:`, or by the value of `type_field:` in `types:`), `name`, `description` (the
//! summary), `url`, `inLanguage`, `identifier`, `datePublished` and `dateModified`, `author`,
//! and each of `properties:` from its field: a country as a `Country` named in the page's
//! language, a licence as its SPDX page, an object by its `name`.

use super::{collection_of, entry_id, Item, Record};
use crate::collections::publish::JsonLd;
use crate::collections::{Field, Type};
use crate::content::Page;
use crate::lang::Lang;
use crate::site::Site;
use crate::views::PageSummary;
use serde_json::Value;

/// The JSON-LD of `page`, safe inside `<script type="application/ld+json">` (`<`, `>` and
/// `&` escaped as `\u003c`...), or `None` for a page of no collection with `jsonld:`.
pub fn of_page(site: &Site, page: &Page, summary: &PageSummary) -> Option<String> {
    let collection = collection_of(site, page)?;
    let ld = collection.publish.jsonld.as_ref()?;
    let mut r = Record::default();
    r.push("@context", "https://schema.org");
    r.push("@type", type_of(ld, page));
    r.push("@id", summary.permalink.as_str());
    r.push("url", summary.permalink.as_str());
    r.push("name", summary.title.as_str());
    r.push("headline", summary.title.as_str());
    if !summary.summary.is_empty() {
        r.push("description", summary.summary.as_str());
    }
    r.push("inLanguage", page.lang.as_str());
    r.push("identifier", entry_id(page));
    if let Some(d) = &page.fm.date {
        r.push("datePublished", d.day());
    }
    if let Some(d) = &page.fm.updated {
        r.push("dateModified", d.day());
    }
    if !page.fm.authors.is_empty() {
        let authors = page.fm.authors.iter().map(|a| {
            let mut p = Record::default();
            p.push("@type", "Person");
            p.push("name", a.as_str());
            Item::Record(p)
        });
        r.push("author", Item::List(authors.collect()));
    }
    for (property, name) in &ld.properties {
        let field = collection.fields.iter().find(|f| &f.name == name);
        let value = page.fm.fields.get(name).filter(|v| !v.is_null());
        if let (Some(Field { ty, .. }), Some(value)) = (field, value) {
            if let Some(item) = property_value(site, &page.lang, ty, value) {
                r.0.retain(|(k, _)| k != property);
                r.push(property, item);
            }
        }
    }
    let json = serde_json::to_string(&r).ok()?;
    Some(script_safe(&json))
}

/// The type of `page` by `ld`.
fn type_of(ld: &JsonLd, page: &Page) -> String {
    let value = ld
        .type_field
        .as_ref()
        .and_then(|f| page.fm.fields.get(f))
        .and_then(Value::as_str);
    ld.type_of(value).to_string()
}

/// The value of a property from a field's `value` of type `ty`.
fn property_value(site: &Site, lang: &Lang, ty: &Type, value: &Value) -> Option<Item> {
    Some(match (ty, value) {
        (Type::List(of), Value::Array(items)) => {
            let items: Vec<Item> = items
                .iter()
                .filter_map(|v| property_value(site, lang, of, v))
                .collect();
            if items.is_empty() {
                return None;
            }
            Item::List(items)
        }
        (Type::Country, Value::String(code)) => {
            let mut c = Record::default();
            c.push("@type", "Country");
            let name = site.strings.region_name(lang, code);
            c.push("name", name.unwrap_or_else(|| code.to_uppercase()));
            c.push("identifier", code.as_str());
            Item::Record(c)
        }
        (Type::Spdx, Value::String(id)) => {
            let simple = id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-+".contains(c));
            if simple {
                format!("https://spdx.org/licenses/{id}.html").into()
            } else {
                id.as_str().into()
            }
        }
        (Type::Object(_), Value::Object(map)) => map.get("name").cloned()?.into(),
        (_, Value::Object(_) | Value::Array(_) | Value::Null) => return None,
        (_, v) => v.clone().into(),
    })
}

/// `json` with `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` (only inside its strings,
/// where they mean the same), so that no `</script>` or `<!--` ends the script early.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}
