//! `export:` and `jsonld:` of a collection (issue 14, step 5): whether its entries are
//! published as open data (JSON, CSV, a JSON Schema; see `src/export/`), and the schema.org
//! type and properties of each entry page's JSON-LD.

use super::{Field, Type};
use crate::error::{Diagnostic, Kind};
use crate::yaml::Entry;
use std::path::Path;

/// What a collection publishes besides its pages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Publish {
    /// `export: true`: `/<lang>/<section>/index.json` and `index.csv`, with a schema.
    pub export: bool,
    pub jsonld: Option<JsonLd>,
}

/// `jsonld:` of a collection.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonLd {
    /// `type:`, the schema.org type of an entry that `types` does not type
    /// (default `CreativeWork`).
    pub type_name: String,
    /// `type_field:`, the field whose value chooses the type in `types:`.
    pub type_field: Option<String>,
    /// `types:`, a value of `type_field` -> its schema.org type, in the order written.
    pub types: Vec<(String, String)>,
    /// `properties:`, a schema.org property -> the field that gives it, in the order written.
    pub properties: Vec<(String, String)>,
}

impl JsonLd {
    /// The schema.org type of an entry whose `type_field` has `value`.
    pub fn type_of(&self, value: Option<&str>) -> &str {
        value
            .and_then(|v| self.types.iter().find(|(k, _)| k == v))
            .map_or(&self.type_name, |(_, t)| t)
    }
}

const KEYS: &str = "`type`, `type_field`, `types`, `properties`";

/// Reads `export:` and `jsonld:` of collection `name` (`spec`'s entries), checking the
/// fields they name against `fields`; each problem to `errors`.
pub fn parse(
    name: &str,
    (export, jsonld): (Option<&Entry>, Option<&Entry>),
    fields: &[Field],
    (path, errors): (&Path, &mut Vec<Diagnostic>),
) -> Publish {
    let mut error = |e: &Entry, message: String| {
        errors.push(
            Kind::Config
                .error(path, message)
                .at_column(e.line, e.column),
        )
    };
    let export = match export.map(|e| (e, e.get::<bool>())) {
        Some((_, Ok(b))) => b,
        Some((e, Err(_))) => {
            error(e, crate::hints::collection_export_bool(name));
            false
        }
        None => false,
    };
    let Some(entry) = jsonld else {
        return Publish {
            export,
            jsonld: None,
        };
    };
    let table = match entry.table() {
        Ok(t) => t,
        Err(e) => {
            error(entry, e.message);
            return Publish {
                export,
                jsonld: None,
            };
        }
    };
    let what = format!("{name}.jsonld");
    let mut ld = JsonLd {
        type_name: "CreativeWork".into(),
        type_field: None,
        types: Vec::new(),
        properties: Vec::new(),
    };
    for e in table.entries() {
        match e.key.as_str() {
            "type" => match e.get::<String>() {
                Ok(t) if is_type_name(&t) => ld.type_name = t,
                Ok(t) => error(e, crate::hints::collection_jsonld_type(name, &t)),
                Err(m) => error(e, m.message),
            },
            "type_field" => match e.get::<String>() {
                Ok(f) if fields.iter().any(|x| x.name == f) => ld.type_field = Some(f),
                Ok(f) => error(e, crate::hints::collection_jsonld_field(name, &f)),
                Err(m) => error(e, m.message),
            },
            "types" | "properties" => match e.table() {
                Ok(t) => {
                    for pair in t.entries() {
                        match pair.get::<String>() {
                            Ok(v) if e.key == "types" => {
                                ld.types.push((pair.key.clone(), v));
                            }
                            Ok(v) => ld.properties.push((pair.key.clone(), v)),
                            Err(m) => error(pair, m.message),
                        }
                    }
                }
                Err(m) => error(e, m.message),
            },
            other => error(e, crate::hints::collection_unknown_key(&what, other, KEYS)),
        }
    }
    check(name, &ld, fields, entry, &mut error);
    Publish {
        export,
        jsonld: Some(ld),
    }
}

/// That each type is a schema.org type name, each value of `types` one of its field's, and
/// each property's field one of the collection's.
fn check(
    name: &str,
    ld: &JsonLd,
    fields: &[Field],
    entry: &Entry,
    error: &mut impl FnMut(&Entry, String),
) {
    let values = ld
        .type_field
        .as_ref()
        .and_then(|f| fields.iter().find(|x| &x.name == f))
        .and_then(|f| match &f.ty {
            Type::Enum(values) => Some(values.clone()),
            _ => None,
        });
    for (value, ty) in &ld.types {
        if !is_type_name(ty) {
            error(entry, crate::hints::collection_jsonld_type(name, ty));
        }
        match (&values, &ld.type_field) {
            (Some(values), Some(field)) if !values.contains(value) => {
                let allowed: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                error(
                    entry,
                    crate::hints::collection_jsonld_value(name, field, value, &allowed.join(", ")),
                )
            }
            (_, None) => error(entry, crate::hints::collection_jsonld_types(name)),
            _ => {}
        }
    }
    for (property, field) in &ld.properties {
        if !fields.iter().any(|f| &f.name == field) {
            error(entry, crate::hints::collection_jsonld_field(name, field));
        }
        let word = property
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase())
            && property.chars().all(|c| c.is_ascii_alphanumeric());
        if !word {
            error(
                entry,
                crate::hints::collection_jsonld_property(name, property),
            );
        }
    }
}

/// A schema.org type's name: a word in upper camel case.
fn is_type_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}
