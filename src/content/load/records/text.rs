//! What records' text needs: the values of CSV cells typed, and the lines of keys and
//! records in YAML.

use super::*;

/// The key (top-level, or under `extra:`) that line `line` of the front matter `yaml`
/// (whose first line is line 2) is part of.
pub(super) fn key_at(yaml: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = yaml.split('\n').collect();
    let at = line.checked_sub(2)?.min(lines.len().checked_sub(1)?);
    let indent = |l: &str| l.len() - l.trim_start().len();
    let key_of = |l: &str| {
        l.trim_start()
            .split(':')
            .next()
            .map(|k| k.trim_matches(['"', '\'']).to_string())
    };
    let key_line = |l: &str, at: usize| {
        indent(l) == at && !l.trim().is_empty() && !l.trim_start().starts_with('-')
    };
    let top = (0..=at).rev().find(|&i| key_line(lines[i], 0))?;
    let top_key = key_of(lines[top])?;
    if top_key != "extra" || top == at {
        return Some(top_key);
    }
    let sub = (top + 1..=at).rev().find(|&i| key_line(lines[i], 2))?;
    key_of(lines[sub])
}

/// A CSV value (text) as the type of `key` wants it: a list cut at `;`, a number, a bool.
pub(super) fn csv_value(text: &str, key: &str, ty: Option<&Type>, taxonomies: &[String]) -> Value {
    let text = text.trim();
    let list = |inner: Option<&Type>| {
        Value::Array(
            text.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| csv_value(s, "", inner, taxonomies))
                .collect(),
        )
    };
    match (key, ty) {
        (_, Some(Type::List(inner))) => list(Some(inner)),
        ("aliases" | "authors" | "tags", None) => list(None),
        (k, None) if taxonomies.iter().any(|t| t == k) => list(None),
        ("weight", None) | (_, Some(Type::Integer | Type::Sdg)) => text
            .parse::<i64>()
            .map_or_else(|_| Value::String(text.to_string()), Value::from),
        (_, Some(Type::Number)) => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| Value::String(text.to_string()), Value::Number),
        ("draft", None) | (_, Some(Type::Bool)) => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(text.to_string()),
        },
        _ => Value::String(text.to_string()),
    }
}

/// Best effort: the lines of the `count` items of the block list under top-level key `key`
/// of a YAML document.
pub(super) fn nested_item_lines(text: &str, key: &str, count: usize) -> Vec<usize> {
    let lines: Vec<&str> = text.split('\n').collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let Some(start) = lines.iter().position(|l| {
        indent(l) == 0
            && (l.starts_with(&format!("{key}:")) || l.starts_with(&format!("\"{key}\":")))
    }) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut at = None;
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if indent(l) == 0 && !t.starts_with('-') {
            break;
        }
        let item_indent = *at.get_or_insert(indent(l));
        if indent(l) == item_indent && t.starts_with('-') {
            found.push(i + 1);
        }
        if found.len() == count {
            break;
        }
    }
    found
}
