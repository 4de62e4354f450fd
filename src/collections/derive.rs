//! A derived language's fields (`kk-Latn` from `kk`): the per-language texts transliterated,
//! the shared facts as the parent has them.

use super::{Collection, Type};
use serde_json::Value;

/// `fields` of a page of `collection` as the derived language shows them: each per-language
/// `string` or `text` (in lists and objects too) converted; shared fields and values of any
/// other type (a URL, an enum's value, a code) untouched.
pub fn transliterate(
    collection: &Collection,
    fields: &Value,
    convert: fn(&str) -> String,
) -> Value {
    let Value::Object(map) = fields else {
        return fields.clone();
    };
    let mut out = map.clone();
    for field in collection.fields.iter().filter(|f| !f.shared) {
        if let Some(value) = out.get_mut(&field.name) {
            *value = convert_value(&field.ty, value, convert);
        }
    }
    Value::Object(out)
}

fn convert_value(ty: &Type, value: &Value, convert: fn(&str) -> String) -> Value {
    match (ty, value) {
        (Type::String | Type::Text, Value::String(s)) => Value::String(convert(s)),
        (Type::List(of), Value::Array(items)) => Value::Array(
            items
                .iter()
                .map(|v| convert_value(of, v, convert))
                .collect(),
        ),
        (Type::Object(fields), Value::Object(map)) => {
            let mut out = map.clone();
            for field in fields.iter().filter(|f| !f.shared) {
                if let Some(v) = out.get_mut(&field.name) {
                    *v = convert_value(&field.ty, v, convert);
                }
            }
            Value::Object(out)
        }
        _ => value.clone(),
    }
}
