//! `collections:` of `site.yaml`: the fields the pages of a section carry, with a type
//! each, and the check of a page's values against them (issue 14, step 1).
//!
//! A page of a collection's section writes its fields under `extra:` of its front matter;
//! the validated values are `page.fields` for templates. Every violation is reported, each
//! at its file line and column.
//!
//! Shared fields are inherited by translations from the original (`content/load.rs`).
//!
//! A collection may take entries from the records of a data file too (`data:`,
//! `content/load/records.rs`).
//!
//! A `ref` names an entry that must exist (`content/load/refs.rs`); the pages that name an
//! entry are its backlinks (`site/refs.rs`).
//!
//! TODO(issue 14): exact places of keys inside objects that are list items.

mod datetime;
mod derive;
pub mod facets;
mod place;
pub mod publish;
mod refs;
pub mod schedule;
mod spdx;

use datetime::is_datetime;
pub use derive::transliterate;
pub use place::{is_top_level, missing, place_key};
use refs::ref_targets;
pub use refs::{has_refs, refers_to, refs, Ref};

use crate::error::{Diagnostic, Kind};
use crate::yaml::{Entry, Table};
use serde_json::Value;
use std::path::Path;

/// A collection: a section whose pages carry typed fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection {
    pub name: String,
    /// The folder of `content/` whose pages (and subsections' pages) are the entries.
    pub section: String,
    /// The template of its pages that do not name one (`template:`), else `page.html`.
    pub template: Option<String>,
    pub fields: Vec<Field>,
    /// The fields its catalogue filters by (`facets:`), in the order written.
    pub facets: Vec<String>,
    /// `export:` and `jsonld:` ([`publish`]).
    pub publish: publish::Publish,
    /// `data: solutions.yaml`: the data file (inside `data/`) whose records are entries too
    /// (`content/load/records.rs`).
    pub data: Option<String>,
    /// `schedule:`: its entries start and end ([`schedule`]).
    pub schedule: Option<schedule::Schedule>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub ty: Type,
    /// Written once in the original version, the same in every translation.
    pub shared: bool,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    String,
    Text,
    Integer,
    Number,
    Bool,
    Date,
    Datetime,
    Url,
    Enum(Vec<String>),
    List(Box<Type>),
    /// To an entry of the named collection, by its id: its file name (`x-road` for
    /// `x-road.md` or `x-road/index.md`).
    Ref(String),
    Country,
    Language,
    Sdg,
    Spdx,
    /// An IANA time zone name, `Asia/Almaty`.
    Timezone,
    Object(Vec<Field>),
}

/// The type names of `type:`.
pub const TYPES: &[&str] = &[
    "string", "text", "integer", "number", "bool", "date", "datetime", "url", "enum", "list",
    "ref", "country", "language", "sdg", "spdx", "timezone", "object",
];
const FIELD_KEYS: &[&str] = &["type", "of", "values", "to", "fields", "shared", "required"];

/// Reads `collections:`; each problem is pushed to `errors` at its line.
pub fn parse(entry: &Entry, path: &Path, errors: &mut Vec<Diagnostic>) -> Vec<Collection> {
    let table = match entry.table() {
        Ok(t) => t,
        Err(e) => {
            errors.push(Kind::Config.error(path, e.message).at(e.line));
            return Vec::new();
        }
    };
    let mut collections = Vec::new();
    for c in table.entries() {
        let spec = match c.table() {
            Ok(t) => t,
            Err(e) => {
                errors.push(Kind::Config.error(path, e.message).at(e.line));
                continue;
            }
        };
        for key in spec.entries() {
            let keys = [
                "section", "template", "fields", "facets", "export", "jsonld", "data", "schedule",
            ];
            if !keys.contains(&key.key.as_str()) {
                errors.push(
                    Kind::Config
                        .error(
                            path,
                            crate::hints::collection_unknown_key(
                                &c.key,
                                &key.key,
                                "`section`, `template`, `fields`, `facets`, `export`, `jsonld`, `data`, `schedule`",
                            ),
                        )
                        .at_column(key.line, key.column),
                );
            }
        }
        let section = match spec.get("section").map(|e| e.get::<String>()) {
            Some(Ok(s)) => s.trim_matches('/').to_string(),
            Some(Err(e)) => {
                errors.push(Kind::Config.error(path, e.message).at(e.line));
                continue;
            }
            None => c.key.clone(),
        };
        let template = match spec.get("template").map(|e| e.get::<String>()) {
            Some(Ok(t)) => Some(t),
            Some(Err(e)) => {
                errors.push(Kind::Config.error(path, e.message).at(e.line));
                None
            }
            None => None,
        };
        let mut fields = Vec::new();
        if let Some(f) = spec.get("fields") {
            match f.table() {
                Ok(t) => {
                    for field in t.entries() {
                        let value = field.get::<Value>().unwrap_or(Value::Null);
                        let place = (field.line, field.column);
                        if let Some(f) = parse_field(&field.key, &value, place, path, errors) {
                            fields.push(f);
                        }
                    }
                }
                Err(e) => errors.push(Kind::Config.error(path, e.message).at(e.line)),
            }
        }
        let facets = spec
            .get("facets")
            .map(|f| facets::parse((&c.key, f), &fields, path, errors))
            .unwrap_or_default();
        let (export, jsonld) = (spec.get("export"), spec.get("jsonld"));
        let publish = publish::parse(&c.key, (export, jsonld), &fields, (path, errors));
        let data = spec.get("data").and_then(|d| {
            let checked = d
                .get::<String>()
                .map_err(|e| (e.line, e.message))
                .and_then(|p| {
                    crate::data::check_path(&p)
                        .map(|(p, _)| p)
                        .map_err(|m| (d.line, m))
                });
            checked
                .map_err(|(line, m)| errors.push(Kind::Config.error(path, m).at(line)))
                .ok()
        });
        let schedule = spec
            .get("schedule")
            .and_then(|e| schedule::parse(&c.key, e, &fields, (path, errors)));
        collections.push(Collection {
            schedule,
            name: c.key.clone(),
            section,
            template,
            fields,
            facets,
            publish,
            data,
        });
    }
    // A ref names a collection of site.yaml.
    let names: Vec<String> = collections.iter().map(|c| c.name.clone()).collect();
    for c in table.entries() {
        if let Ok(spec) = c.table() {
            if let Some(Ok(fields)) = spec.get("fields").map(|f| f.table()) {
                for field in fields.entries() {
                    let value = field.get::<Value>().unwrap_or(Value::Null);
                    for target in ref_targets(&value) {
                        if !names.contains(&target) {
                            errors.push(
                                Kind::Config
                                    .error(
                                        path,
                                        crate::hints::collection_unknown_ref(
                                            &field.key,
                                            &target,
                                            &names.join(", "),
                                        ),
                                    )
                                    .at_column(field.line, field.column),
                            );
                        }
                    }
                }
            }
        }
    }
    collections
}

fn parse_field(
    name: &str,
    spec: &Value,
    place: (usize, usize),
    path: &Path,
    errors: &mut Vec<Diagnostic>,
) -> Option<Field> {
    let error = |errors: &mut Vec<Diagnostic>, message: String| {
        errors.push(
            Kind::Config
                .error(path, message)
                .at_column(place.0, place.1),
        );
    };
    let (shared, required) = match spec {
        Value::Object(map) => {
            for key in map.keys() {
                if !FIELD_KEYS.contains(&key.as_str()) {
                    let keys = FIELD_KEYS
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>();
                    error(
                        errors,
                        crate::hints::collection_unknown_key(name, key, &keys.join(", ")),
                    );
                }
            }
            let flag = |k: &str| map.get(k).and_then(Value::as_bool).unwrap_or(false);
            (flag("shared"), flag("required"))
        }
        _ => (false, false),
    };
    let ty = parse_type(name, spec, place, path, errors)?;
    Some(Field {
        name: name.to_string(),
        ty,
        shared,
        required,
    })
}

/// A type: a name (`url`) or a mapping with `type:` and what the type needs.
fn parse_type(
    name: &str,
    spec: &Value,
    place: (usize, usize),
    path: &Path,
    errors: &mut Vec<Diagnostic>,
) -> Option<Type> {
    let mut error = |message: String| {
        errors.push(
            Kind::Config
                .error(path, message)
                .at_column(place.0, place.1),
        );
        None
    };
    let (kind, map) = match spec {
        Value::String(s) => (s.as_str(), None),
        Value::Object(map) => match map.get("type").and_then(Value::as_str) {
            Some(k) => (k, Some(map)),
            None => return error(crate::hints::collection_field_without_type(name)),
        },
        _ => return error(crate::hints::collection_field_without_type(name)),
    };
    let get = |k: &str| map.and_then(|m| m.get(k));
    Some(match kind {
        "string" => Type::String,
        "text" => Type::Text,
        "integer" => Type::Integer,
        "number" => Type::Number,
        "bool" => Type::Bool,
        "date" => Type::Date,
        "datetime" => Type::Datetime,
        "url" => Type::Url,
        "country" => Type::Country,
        "language" => Type::Language,
        "sdg" => Type::Sdg,
        "spdx" => Type::Spdx,
        "timezone" => Type::Timezone,
        "enum" => match get("values").and_then(Value::as_array) {
            Some(values) if !values.is_empty() => Type::Enum(
                values
                    .iter()
                    .map(|v| match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect(),
            ),
            _ => return error(crate::hints::collection_needs(name, "enum", "values")),
        },
        "list" => match get("of") {
            Some(of) => {
                let inner = parse_type(name, of, place, path, errors)?;
                Type::List(Box::new(inner))
            }
            None => return error(crate::hints::collection_needs(name, "list", "of")),
        },
        "ref" => match get("to").and_then(Value::as_str) {
            Some(to) => Type::Ref(to.to_string()),
            None => return error(crate::hints::collection_needs(name, "ref", "to")),
        },
        "object" => match get("fields").and_then(Value::as_object) {
            Some(fields) if !fields.is_empty() => {
                let mut parsed = Vec::new();
                for (k, v) in fields {
                    parsed.push(parse_field(k, v, place, path, errors)?);
                }
                Type::Object(parsed)
            }
            _ => return error(crate::hints::collection_needs(name, "object", "fields")),
        },
        other => {
            let types = TYPES.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>();
            return error(crate::hints::collection_unknown_type(
                name,
                other,
                &types.join(", "),
            ));
        }
    })
}

/// The collection whose section holds a page in folder `dir` of `content/`, if any.
pub fn of_dir<'a>(collections: &'a [Collection], dir: &str) -> Option<&'a Collection> {
    collections.iter().find(|c| {
        dir == c.section || (dir.starts_with(&c.section) && dir[c.section.len()..].starts_with('/'))
    })
}

/// Checks the fields of a page of `collection` in its front matter `yaml` (whose first line
/// is line 2 of the file): a field named as a front matter key (`date`, `summary`,
/// `authors`...) or a taxonomy of `taxonomies` is read where it is written, at the top;
/// any other under `extra:`. Gives the validated fields as a JSON object, and pushes each
/// violation to `errors`.
pub fn validate(
    collection: &Collection,
    (yaml, taxonomies): (&str, &[String]),
    (path, lines_of): (&Path, &mut std::collections::BTreeMap<String, usize>),
    errors: &mut Vec<Diagnostic>,
) -> Value {
    let mut out = serde_json::Map::new();
    let Ok(table) = Table::parse(yaml, 2) else {
        return Value::Object(out);
    };
    let lines: Vec<&str> = yaml.lines().collect();
    let v = Validator {
        path,
        lines: &lines,
        yaml,
    };
    let extra = table.get("extra");
    let fields = extra.and_then(|e| e.table().ok()).unwrap_or_default();
    let missing_at = extra.map_or((1, 1), |e| (e.line, e.column));
    for field in &collection.fields {
        let top = is_top_level(&field.name, taxonomies);
        let found = if top {
            table.get(&field.name)
        } else {
            fields.get(&field.name)
        };
        match found.filter(|e| !e.is_null()) {
            // A translation may leave a shared field to its original, which must have it
            // (`content/load.rs`).
            None if field.required && !field.shared => errors.push(
                Kind::FrontMatter
                    .error(path, missing(&field.name, top))
                    .at_column(missing_at.0, missing_at.1)
                    .quoting(yaml, 2, None),
            ),
            None => {}
            Some(entry) => {
                let key = place_key(&field.name, taxonomies);
                lines_of.insert(key, entry.line);
                let value = entry.get::<Value>().unwrap_or(Value::Null);
                let place = v.value_place(entry.line, entry.column);
                let before = errors.len();
                v.check(&field.name, &field.ty, &value, place, Some(entry), errors);
                if errors.len() == before {
                    out.insert(field.name.clone(), value);
                }
            }
        }
    }
    Value::Object(out)
}

struct Validator<'a> {
    path: &'a Path,
    lines: &'a [&'a str],
    yaml: &'a str,
}

impl Validator<'_> {
    /// The place of the value after the key at (`line`, `column`).
    fn value_place(&self, line: usize, column: usize) -> (usize, usize) {
        let text = self.lines.get(line.wrapping_sub(2)).copied().unwrap_or("");
        let start = text
            .char_indices()
            .nth(column - 1)
            .map_or(text.len(), |(i, _)| i);
        let rest = &text[start..];
        match rest.find(':') {
            Some(colon) => {
                let after = &rest[colon + 1..];
                let skipped = after.len() - after.trim_start().len();
                if after.trim().is_empty() {
                    return (line, column);
                }
                let byte = start + colon + 1 + skipped;
                (line, text[..byte].chars().count() + 1)
            }
            None => (line, column),
        }
    }

    /// The place of item `text` on `line`, else the line's first non-blank.
    fn item_place(&self, line: usize, text: &str) -> (usize, usize) {
        let l = self.lines.get(line.wrapping_sub(2)).copied().unwrap_or("");
        let byte = (!text.is_empty())
            .then(|| l.find(text))
            .flatten()
            .unwrap_or_else(|| {
                let trimmed = l.trim_start().trim_start_matches("- ");
                l.len() - trimmed.len()
            });
        (line, l[..byte].chars().count() + 1)
    }

    fn error(&self, place: (usize, usize), message: String, errors: &mut Vec<Diagnostic>) {
        errors.push(
            Kind::FrontMatter
                .error(self.path, message)
                .at_column(place.0, place.1)
                .quoting(self.yaml, 2, None),
        );
    }

    fn check(
        &self,
        field: &str,
        ty: &Type,
        value: &Value,
        place: (usize, usize),
        entry: Option<&Entry>,
        errors: &mut Vec<Diagnostic>,
    ) {
        let shown = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let expected = |what: &str, errors: &mut Vec<Diagnostic>| {
            self.error(
                place,
                crate::hints::collection_expected(field, what, &shown),
                errors,
            )
        };
        match ty {
            Type::String | Type::Text => {
                if !value.is_string() {
                    expected("a text", errors)
                }
            }
            Type::Integer => {
                if !(value.is_i64() || value.is_u64()) {
                    expected("a whole number", errors)
                }
            }
            Type::Number => {
                if !value.is_number() {
                    expected("a number", errors)
                }
            }
            Type::Bool => {
                if !value.is_boolean() {
                    expected("`true` or `false`", errors)
                }
            }
            Type::Date => {
                let ok = value
                    .as_str()
                    .is_some_and(|s| s.len() == 10 && crate::date::Date::parse(s).is_ok());
                if !ok {
                    expected("a date, YYYY-MM-DD", errors)
                }
            }
            Type::Datetime => {
                if !is_datetime(value) {
                    expected(
                        "a date and time with its offset (`2026-05-04T10:00:00+05:00`), or a local time and its zone (`local: 2026-05-04T10:00`, `zone: Asia/Almaty`)",
                        errors,
                    )
                }
            }
            Type::Url => match value.as_str() {
                Some(url) if !url.trim().is_empty() => {
                    if let Err(problem) = crate::safe::check_url(url) {
                        self.error(
                            place,
                            crate::hints::collection_problem(field, &problem),
                            errors,
                        )
                    }
                }
                _ => expected("a URL", errors),
            },
            Type::Enum(values) => {
                if !values.contains(&shown) || value.is_array() || value.is_object() {
                    let allowed = values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>();
                    self.error(
                        place,
                        crate::hints::collection_not_allowed(field, &shown, &allowed.join(", ")),
                        errors,
                    )
                }
            }
            Type::Ref(_) => {
                // TODO(issue 14, step 2): resolve the slug to an entry of the collection.
                let ok = value.as_str().is_some_and(|s| {
                    !s.is_empty()
                        && s.split('/').all(|seg| {
                            !seg.is_empty()
                                && seg
                                    .chars()
                                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
                        })
                });
                if !ok {
                    expected("the slug of an entry (letters, digits, `-`, `_`)", errors)
                }
            }
            Type::Country => {
                let ok = value
                    .as_str()
                    .is_some_and(|s| s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase()));
                if !ok {
                    expected(
                        "a country code, ISO 3166-1 alpha-2 in lower case (`kz`)",
                        errors,
                    )
                }
            }
            Type::Language => {
                if value
                    .as_str()
                    .is_none_or(|s| crate::lang::Lang::parse(s).is_err())
                {
                    expected("a language tag, BCP 47 (`kk`, `kk-Latn`)", errors)
                }
            }
            Type::Sdg => {
                if !value.as_u64().is_some_and(|n| (1..=17).contains(&n)) {
                    expected("a Sustainable Development Goal, 1 to 17", errors)
                }
            }
            Type::Timezone => match value.as_str().map(crate::time::zone) {
                Some(Ok(_)) => {}
                Some(Err(problem)) => self.error(
                    place,
                    crate::hints::collection_problem(field, &problem),
                    errors,
                ),
                None => expected("a time zone, an IANA name (`Asia/Almaty`)", errors),
            },
            Type::Spdx => match value.as_str().map(spdx::check) {
                Some(Ok(())) => {}
                Some(Err(problem)) => self.error(
                    place,
                    crate::hints::collection_problem(field, &problem),
                    errors,
                ),
                None => expected("a licence (SPDX)", errors),
            },
            Type::List(inner) => match value.as_array() {
                None => expected("a list", errors),
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let text = match item {
                            Value::String(s) => s.clone(),
                            Value::Number(n) => n.to_string(),
                            _ => String::new(),
                        };
                        let line = entry.map_or(place.0, |e| e.line_of_item(i, &text));
                        let at = self.item_place(line, &text);
                        let name = format!("{field}[{}]", i + 1);
                        self.check(&name, inner, item, at, None, errors);
                    }
                }
            },
            Type::Object(fields) => match value.as_object() {
                None => expected("a mapping of fields", errors),
                Some(map) => {
                    let table = entry.and_then(|e| e.table().ok());
                    for key in map.keys() {
                        if !fields.iter().any(|f| &f.name == key) {
                            let names = fields.iter().map(|f| format!("`{}`", f.name));
                            let at = table
                                .as_ref()
                                .and_then(|t| t.get(key))
                                .map_or(place, |e| (e.line, e.column));
                            self.error(
                                at,
                                crate::hints::collection_unknown_field(
                                    field,
                                    key,
                                    &names.collect::<Vec<_>>().join(", "),
                                ),
                                errors,
                            );
                        }
                    }
                    for f in fields {
                        let name = format!("{field}.{}", f.name);
                        let sub = table.as_ref().and_then(|t| t.get(&f.name));
                        match map.get(&f.name).filter(|v| !v.is_null()) {
                            None if f.required => {
                                self.error(place, crate::hints::collection_missing(&name), errors)
                            }
                            None => {}
                            Some(v) => {
                                let at = sub.map_or(place, |e| self.value_place(e.line, e.column));
                                self.check(&name, &f.ty, v, at, sub, errors);
                            }
                        }
                    }
                }
            },
        }
    }
}
