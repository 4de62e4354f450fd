//! The `ref` values of a page's fields: which entries of which collections it names.

use super::{Collection, Type};
use serde_json::Value;

/// One reference: field `field` (the top-level field it is under) names entry `id` of
/// collection `to`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ref {
    pub field: String,
    pub to: String,
    pub id: String,
}

/// Every reference in `fields` of a page of `collection` (in lists and objects too), in
/// the order written.
pub fn refs(collection: &Collection, fields: &Value) -> Vec<Ref> {
    let mut found = Vec::new();
    for field in &collection.fields {
        if let Some(value) = fields.get(&field.name) {
            walk(&field.name, &field.ty, value, &mut found);
        }
    }
    found
}

/// Whether a collection has a `ref` field anywhere.
pub fn has_refs(collection: &Collection) -> bool {
    collection
        .fields
        .iter()
        .any(|f| targets(&f.ty).next().is_some())
}

/// Whether a collection has a `ref` field to collection `to`.
pub fn refers_to(collection: &Collection, to: &str) -> bool {
    collection
        .fields
        .iter()
        .any(|f| targets(&f.ty).any(|t| t == to))
}

/// The collections a type refers to.
fn targets(ty: &Type) -> Box<dyn Iterator<Item = &str> + '_> {
    match ty {
        Type::Ref(to) => Box::new(std::iter::once(to.as_str())),
        Type::List(of) => targets(of),
        Type::Object(fields) => Box::new(fields.iter().flat_map(|f| targets(&f.ty))),
        _ => Box::new(std::iter::empty()),
    }
}

fn walk(field: &str, ty: &Type, value: &Value, found: &mut Vec<Ref>) {
    match (ty, value) {
        (Type::Ref(to), Value::String(id)) => found.push(Ref {
            field: field.to_string(),
            to: to.clone(),
            id: id.clone(),
        }),
        (Type::List(of), Value::Array(items)) => {
            for item in items {
                walk(field, of, item, found);
            }
        }
        (Type::Object(fields), Value::Object(map)) => {
            for f in fields {
                if let Some(v) = map.get(&f.name) {
                    walk(field, &f.ty, v, found);
                }
            }
        }
        _ => {}
    }
}

/// The `to:` of every ref in a field's spec.
pub(super) fn ref_targets(spec: &Value) -> Vec<String> {
    let mut found = Vec::new();
    if let Value::Object(map) = spec {
        if map.get("type").and_then(Value::as_str) == Some("ref") {
            if let Some(to) = map.get("to").and_then(Value::as_str) {
                found.push(to.to_string());
            }
        }
        if let Some(of) = map.get("of") {
            found.extend(ref_targets(of));
        }
        if let Some(Value::Object(fields)) = map.get("fields") {
            for f in fields.values() {
                found.extend(ref_targets(f));
            }
        }
    }
    found
}
