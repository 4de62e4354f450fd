//! The JSON Schema (draft 2020-12) of a collection's JSON export, from the types of its
//! fields: the export document validates against it. Its `$id` is its URL, whose `v1` is
//! the version of the format ([`VERSION`]).

use super::{json::pretty, schema_path, Collection, FIXED, VERSION};
use crate::collections::{Field, Type};
use crate::site::Site;
use serde_json::{json, Map, Value};

/// The schema of `collection`'s JSON exports, in every language.
pub fn schema(site: &Site, collection: &Collection) -> Vec<u8> {
    let mut properties = Map::new();
    let text = || json!({ "type": "string" });
    properties.insert("id".into(), json!({ "type": "string", "description": "the entry's file name; the same in every language" }));
    properties.insert("url".into(), json!({ "type": "string", "format": "uri" }));
    properties.insert("lang".into(), json!({ "type": "string", "description": "the language of this version (BCP 47); a listing may show a version in another language for an entry its language lacks" }));
    properties.insert("title".into(), text());
    properties.insert("summary".into(), text());
    properties.insert("date".into(), json!({ "type": "string", "format": "date" }));
    properties.insert(
        "updated".into(),
        json!({ "type": "string", "format": "date" }),
    );
    let mut required: Vec<Value> = ["id", "url", "lang", "title", "summary"]
        .into_iter()
        .map(Value::from)
        .collect();
    for f in &collection.fields {
        if f.required && !required.contains(&Value::from(f.name.as_str())) {
            required.push(f.name.as_str().into());
        }
        if !FIXED.contains(&f.name.as_str()) {
            properties.insert(f.name.clone(), type_schema(&f.ty));
        }
    }
    let entry = json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    let id = site.urls.permalink(&schema_path(&collection.name));
    pretty(&json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": id,
        "title": format!("{}: the entries of a collection, in one language", collection.name),
        "description": format!("The JSON export of the collection `{}` ({VERSION}), one file per language: /<lang>/{}/index.json", collection.name, collection.section),
        "type": "object",
        "properties": {
            "version": { "const": VERSION },
            "$schema": { "const": id },
            "collection": { "const": collection.name },
            "lang": { "type": "string" },
            "entries": { "type": "array", "items": { "$ref": "#/$defs/entry" } },
        },
        "required": ["version", "collection", "lang", "entries"],
        "additionalProperties": false,
        "$defs": { "entry": entry },
    }))
}

/// The schema of a value of type `ty`.
fn type_schema(ty: &Type) -> Value {
    match ty {
        Type::String | Type::Text => json!({ "type": "string" }),
        Type::Integer => json!({ "type": "integer" }),
        Type::Number => json!({ "type": "number" }),
        Type::Bool => json!({ "type": "boolean" }),
        Type::Date => json!({ "type": "string", "format": "date" }),
        Type::Datetime => json!({ "oneOf": [
            { "type": "string", "format": "date-time" },
            { "type": "object", "properties": { "local": { "type": "string" }, "zone": { "type": "string" } }, "required": ["local", "zone"], "additionalProperties": false },
        ] }),
        Type::Url => json!({ "type": "string", "format": "uri-reference" }),
        Type::Enum(values) => {
            // A value written as a number or `true` in site.yaml is one in the pages too.
            let mut all: Vec<Value> = Vec::new();
            for v in values {
                all.push(v.as_str().into());
                if let Ok(n @ (Value::Number(_) | Value::Bool(_))) = serde_json::from_str(v) {
                    all.push(n);
                }
            }
            json!({ "enum": all })
        }
        Type::List(of) => json!({ "type": "array", "items": type_schema(of) }),
        Type::Ref(to) => {
            json!({ "type": "string", "description": format!("the id of an entry of the collection `{to}` (its file name)") })
        }
        Type::Country => {
            json!({ "type": "string", "pattern": "^[a-z]{2}$", "description": "ISO 3166-1 alpha-2, lower case" })
        }
        Type::Language => json!({ "type": "string", "description": "a BCP 47 language tag" }),
        Type::Sdg => {
            json!({ "type": "integer", "minimum": 1, "maximum": 17, "description": "a Sustainable Development Goal" })
        }
        Type::Spdx => json!({ "type": "string", "description": "an SPDX licence expression" }),
        Type::Timezone => json!({ "type": "string", "description": "an IANA time zone name" }),
        Type::Object(fields) => object(fields),
    }
}

fn object(fields: &[Field]) -> Value {
    let properties: Map<String, Value> = fields
        .iter()
        .map(|f| (f.name.clone(), type_schema(&f.ty)))
        .collect();
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.as_str())
        .collect();
    let mut o =
        json!({ "type": "object", "properties": properties, "additionalProperties": false });
    if !required.is_empty() {
        o["required"] = json!(required);
    }
    o
}
