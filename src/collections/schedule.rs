//! `schedule:` of a collection (issue 16): its entries start and end, as consultations and
//! events do. Which fields hold the start and the end, the field whose value means the
//! matter is decided, and whether the entries are published as iCalendar files.
//!
//! Where an entry stands (upcoming, open, closed, decided) is read from these fields at the
//! build's date (`src/site/schedule.rs`).

use super::{Field, Type};
use crate::error::{Diagnostic, Kind};
use crate::yaml::Entry;
use std::path::Path;

/// `schedule:` of a collection.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// `start:`, a `date` or `datetime` field.
    pub start: String,
    /// `end:`, a `date` (the last day) or `datetime` field.
    pub end: String,
    /// `outcome:`, a field whose value, once the end has passed, makes the status `decided`.
    pub outcome: Option<String>,
    /// `calendar: true`: each entry, and each language's list, as an iCalendar file.
    pub calendar: bool,
    /// `location:`, the fields an entry's place is taken from in its calendar file: the
    /// first one with a value.
    pub location: Vec<String>,
    /// The `timezone` field of the collection, if it has one: the zone of an entry whose
    /// dates name none (else the site's `timezone:`).
    pub zone_field: Option<String>,
}

const KEYS: &[&str] = &["start", "end", "outcome", "calendar", "location"];

/// Reads `schedule:` of collection `name`, checking the fields it names against `fields`;
/// each problem to `errors`.
pub fn parse(
    name: &str,
    entry: &Entry,
    fields: &[Field],
    (path, errors): (&Path, &mut Vec<Diagnostic>),
) -> Option<Schedule> {
    let mut error = |line: usize, column: usize, message: String| {
        errors.push(
            Kind::Config
                .error(
                    path,
                    format!("`collections`: `{name}`: `schedule`: {message}"),
                )
                .at_column(line, column),
        )
    };
    let table = match entry.table() {
        Ok(t) => t,
        Err(e) => {
            error(entry.line, entry.column, e.message);
            return None;
        }
    };
    for key in table.entries() {
        if !KEYS.contains(&key.key.as_str()) {
            error(
                key.line,
                key.column,
                format!(
                    "unknown key `{}` (the keys are `start`, `end`, `outcome`, `calendar`, `location`)",
                    key.key
                ),
            );
        }
    }
    let field = |key: &str| fields.iter().find(|f| f.name == key);
    let mut named = |key: &str, ok: &dyn Fn(&Type) -> bool, what: &str| -> Option<String> {
        let e = table.get(key)?;
        let value = match e.get::<String>() {
            Ok(v) => v,
            Err(err) => {
                error(err.line, e.column, err.message);
                return None;
            }
        };
        match field(&value) {
            Some(f) if ok(&f.ty) => Some(value),
            Some(_) => {
                error(
                    e.line,
                    e.column,
                    format!("`{key}: {value}` must name {what}"),
                );
                None
            }
            None => {
                error(
                    e.line,
                    e.column,
                    format!("`{key}: {value}`: the collection has no such field"),
                );
                None
            }
        }
    };
    let dated = |t: &Type| matches!(t, Type::Date | Type::Datetime);
    let start = named("start", &dated, "a `date` or `datetime` field");
    let end = named("end", &dated, "a `date` or `datetime` field");
    let outcome = named("outcome", &|_| true, "a field");
    let calendar = match table.get("calendar").map(|e| (e, e.get::<bool>())) {
        Some((_, Ok(b))) => b,
        Some((e, Err(_))) => {
            error(e.line, e.column, "`calendar` is `true` or `false`".into());
            false
        }
        None => false,
    };
    let mut location = Vec::new();
    if let Some(e) = table.get("location") {
        match e.get::<Vec<String>>() {
            Ok(names) => {
                for n in names {
                    match field(&n) {
                        Some(f) if matches!(f.ty, Type::String | Type::Url) => location.push(n),
                        _ => error(
                            e.line,
                            e.column,
                            format!(
                                "`location`: `{n}` is no `string` or `url` field of the collection"
                            ),
                        ),
                    }
                }
            }
            Err(err) => error(err.line, e.column, format!("`location`: {}", err.message)),
        }
    }
    let (Some(start), Some(end)) = (start, end) else {
        if table.get("start").is_none() || table.get("end").is_none() {
            error(
                entry.line,
                entry.column,
                "needs `start:` and `end:`, the fields of the first and the last day".into(),
            );
        }
        return None;
    };
    let zone_field = fields
        .iter()
        .find(|f| f.name == "timezone" && f.ty == Type::Timezone)
        .map(|f| f.name.clone());
    Some(Schedule {
        start,
        end,
        outcome,
        calendar,
        location,
        zone_field,
    })
}
