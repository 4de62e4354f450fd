//! The CSV export of a collection in one language (RFC 4180: UTF-8, a header row, CRLF
//! line ends, a cell quoted when it holds `,`, `"` or a line end). One row per entry, one
//! column per key of the schema, in its order:
//!
//! - the fixed columns `id`, `url`, `lang`, `title`, `summary`, `date`, `updated`;
//! - a field of type `object`: a column per sub-field, `field.sub` (nested objects
//!   `field.sub.subsub`);
//! - a list of scalars (text, numbers, codes, enum values): its items joined by `; `, with a
//!   `;` or `\` of an item written `\;` and `\\`;
//! - a list of objects or of lists, and a `datetime` written as a local time and its zone:
//!   compact JSON (keys sorted);
//! - any other value: its text (`true`, `16`, `2026-05-04`); a missing value: empty.

use super::{Collection, Record, FIXED};
use crate::collections::Type;
use serde_json::Value;

/// One column: its header, the keys that reach its value in a record, and its type
/// (`None` for the fixed columns).
struct Column {
    name: String,
    path: Vec<String>,
    ty: Option<Type>,
}

fn columns(collection: &Collection) -> Vec<Column> {
    let mut out: Vec<Column> = FIXED
        .iter()
        .map(|k| Column {
            name: k.to_string(),
            path: vec![k.to_string()],
            ty: None,
        })
        .collect();
    for f in &collection.fields {
        if !FIXED.contains(&f.name.as_str()) {
            push(&f.name, vec![f.name.clone()], &f.ty, &mut out);
        }
    }
    out
}

fn push(name: &str, path: Vec<String>, ty: &Type, out: &mut Vec<Column>) {
    match ty {
        Type::Object(fields) => {
            for f in fields {
                let mut p = path.clone();
                p.push(f.name.clone());
                push(&format!("{name}.{}", f.name), p, &f.ty, out);
            }
        }
        _ => out.push(Column {
            name: name.to_string(),
            path,
            ty: Some(ty.clone()),
        }),
    }
}

/// The CSV export of `records`, the entries of `collection`.
pub fn to_csv(collection: &Collection, records: &[Record]) -> Vec<u8> {
    let columns = columns(collection);
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(columns.iter().map(|c| c.name.as_str()));
    for r in records {
        let row = columns.iter().map(|c| {
            let (first, rest) = c.path.split_first().expect("a column has a key");
            let value = rest
                .iter()
                .try_fold(r.get(first), |v, k| Some(v?.get(k)))
                .flatten();
            cell(value, c.ty.as_ref())
        });
        let _ = w.write_record(row.collect::<Vec<_>>());
    }
    w.into_inner().unwrap_or_default()
}

/// The text of a cell.
fn cell(value: Option<&Value>, ty: Option<&Type>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.iter().all(is_scalar) && scalar_list(ty) => items
            .iter()
            .map(|v| escape(&scalar(v)))
            .collect::<Vec<_>>()
            .join("; "),
        Some(v @ (Value::Array(_) | Value::Object(_))) => v.to_string(),
        Some(v) => v.to_string(),
    }
}

fn scalar_list(ty: Option<&Type>) -> bool {
    match ty {
        Some(Type::List(of)) => !matches!(**of, Type::List(_) | Type::Object(_) | Type::Datetime),
        _ => false,
    }
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_) | Value::Null)
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// An item of a joined list: `\` as `\\`, `;` as `\;`.
fn escape(item: &str) -> String {
    item.replace('\\', "\\\\").replace(';', "\\;")
}

/// The items of a cell of a list of scalars (the reverse of the joining).
pub fn split_list(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    let mut items = vec![String::new()];
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    items.last_mut().expect("one item").push(n);
                }
            }
            ';' => {
                items.push(String::new());
                // The space of the separator.
                let rest = chars.as_str();
                if let Some(r) = rest.strip_prefix(' ') {
                    chars = r.chars();
                }
            }
            c => items.last_mut().expect("one item").push(c),
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_joined_list_splits_back_into_its_items() {
        for items in [vec!["MIT"], vec!["a; b", "c\\d", " e", ";"], vec!["", "x"]] {
            let values: Vec<Value> = items.iter().map(|s| Value::from(*s)).collect();
            let ty = Type::List(Box::new(Type::String));
            let text = cell(Some(&Value::Array(values)), Some(&ty));
            assert_eq!(split_list(&text), items, "{text}");
        }
    }
}
