//! `facets:` of a collection: the fields its catalogue filters by, and the values a page
//! has for one of them.

use super::{Field, Type};
use crate::error::{Diagnostic, Kind};
use crate::yaml::Entry;
use serde_json::Value;
use std::path::Path;

/// Reads `facets:` (a list of field names of `fields`, each of a type a reader can choose a
/// value of: not `text`, `url`, `object` or `datetime`); each problem to `errors`.
pub fn parse(
    (collection, entry): (&str, &Entry),
    fields: &[Field],
    path: &Path,
    errors: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let names: Vec<String> = match entry.get() {
        Ok(n) => n,
        Err(e) => {
            errors.push(Kind::Config.error(path, e.message).at(e.line));
            return Vec::new();
        }
    };
    let mut facets = Vec::new();
    for name in names {
        let problem = match fields.iter().find(|f| f.name == name) {
            None => {
                let known: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                Some(crate::hints::collection_facet_unknown(
                    collection,
                    &name,
                    crate::hints::closest(&name, &known),
                ))
            }
            Some(f) if !facetable(&f.ty) => {
                Some(crate::hints::collection_facet_type(collection, &name))
            }
            Some(_) => None,
        };
        match problem {
            Some(message) => errors.push(
                Kind::Config
                    .error(path, message)
                    .at_column(entry.line, entry.column),
            ),
            None if !facets.contains(&name) => facets.push(name),
            None => {}
        }
    }
    facets
}

fn facetable(ty: &Type) -> bool {
    match ty {
        Type::List(of) => facetable(of),
        Type::Text | Type::Url | Type::Object(_) | Type::Datetime => false,
        _ => true,
    }
}

/// The values a page's field `value` gives a facet: each item of a list, a scalar as text
/// (`16`, `true`); nothing for what a reader cannot choose.
pub fn values(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().flat_map(values).collect(),
        Value::String(s) => vec![s.clone()],
        Value::Number(n) => vec![n.to_string()],
        Value::Bool(b) => vec![b.to_string()],
        _ => Vec::new(),
    }
}

/// The order of a facet's values: an enum's as `site.yaml` lists them, numbers by value,
/// the rest by text. Gives a sort key.
pub fn order_key(ty: &Type, value: &str) -> (usize, i64, String) {
    match ty {
        Type::List(of) => order_key(of, value),
        Type::Enum(values) => (
            values.iter().position(|v| v == value).unwrap_or(usize::MAX),
            0,
            value.to_string(),
        ),
        Type::Integer | Type::Number | Type::Sdg => (
            0,
            value
                .parse::<f64>()
                .map_or(i64::MAX, |n| (n * 1000.0) as i64),
            value.to_string(),
        ),
        _ => (0, 0, value.to_string()),
    }
}
