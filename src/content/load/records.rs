//! Entries from data records (issue 14, step 2): a collection with `data: solutions.yaml`
//! takes an entry from each record of that file of `data/`, as if a Markdown file
//! `<section>/<id>.md` (and `.ru.md`, ...) were there. See docs/content.md, "Entries from
//! data". The rules:
//!
//! - The file holds a list of records (YAML, JSON, CSV), or (YAML, JSON) a mapping whose one
//!   list value is it (with more than one, the key named as the collection).
//! - A record's id is its `id`, else its `slug`. Its keys are `id`, the front matter keys of
//!   [`KEYS`], the collection's fields and the site's taxonomies; any other is an error.
//! - A shared field and a taxonomy are written once, as a plain value, for every language.
//!   Any other key is per language: a mapping of the site's languages to values
//!   (`title: {en: X-Road, ru: ...}`), or in CSV a column `title.ru`; a plain value (a
//!   column `title`) is the default language's. (A field of type `object` is per language
//!   only when every key of its mapping is a language of the site.)
//! - In CSV every value is text; a value of a `list` (and of `aliases`, `authors`, a
//!   taxonomy) is cut at `;`, a number, `sdg`, `weight` read as a number, a `bool` and
//!   `draft` as `true`/`false`; an empty cell is no value.
//! - A language has a page of the record when the record gives the title in it, or a
//!   Markdown file of the same id is there in it. Each such version is checked as the front
//!   matter of a file would be; an error names the data file, the record and the key, at
//!   the key's line (YAML; a CSV row's line; JSON has no lines).
//! - A Markdown file of the same id (`<section>/<id>.md`, `<id>.ru.md`, `<id>/index.md`) is
//!   joined to the record ([`join`]): its body is the page's, its front matter wins over
//!   the record's per-language values, and a shared field both give with different values
//!   is an error at the file.

use super::*;
use crate::collections::{self, Collection, Type};
use crate::data::Format;
use crate::hints;
use serde_json::{Map, Value};

mod join;
mod text;

use text::{csv_value, key_at, nested_item_lines};

/// The front matter keys a record may give, besides `id`, its collection's fields and the
/// site's taxonomies.
pub const KEYS: &[&str] = &[
    "slug",
    "title",
    "summary",
    "description",
    "date",
    "updated",
    "weight",
    "aliases",
    "authors",
    "draft",
];

/// The records of every collection with `data:`, read and checked, by entry name
/// (`solutions/x-road`, the name of a file `content/solutions/x-road.md`).
#[derive(Default)]
pub(super) struct Records {
    entries: BTreeMap<String, Entry>,
    /// Each collection with records, with `required:` left out: the files joined to a
    /// record are checked with it, and the page they make checked once joined.
    relaxed: BTreeMap<String, Collection>,
}

/// One record: where it is, and its version in each language that has a page of it.
struct Entry {
    collection: String,
    section: String,
    id: String,
    /// The data file, and its path shown in messages (`data/solutions.yaml`).
    file: PathBuf,
    shown: String,
    versions: BTreeMap<Lang, Version>,
}

/// A record's front matter in one language, checked; `titled` when the record gives the
/// title in that language (else it only adds to a Markdown file).
struct Version {
    fm: FrontMatter,
    titled: bool,
    hash: u64,
}

/// What a data file says of one record, key by key, before it is checked.
#[derive(Default)]
struct Said {
    /// For every language: the shared fields and taxonomies.
    every: Map<String, Value>,
    by_language: BTreeMap<Lang, Map<String, Value>>,
    /// Key -> its line in the data file.
    lines: BTreeMap<String, usize>,
}

/// The data file of a collection, with what messages need of it.
struct Source<'a> {
    config: &'a Config,
    collection: &'a Collection,
    file: PathBuf,
    shown: String,
    format: Format,
    text: String,
}

impl Records {
    /// Reads the records of every collection with `data:`. `files` are the Markdown files of
    /// `content/`, to know which ids and languages have one. Problems go to `errors`.
    pub(super) fn read(
        root: &Path,
        config: &Config,
        files: &[Classified],
        errors: &mut Vec<Diagnostic>,
    ) -> Records {
        let mut records = Records::default();
        let written: BTreeSet<(String, Lang)> = files
            .iter()
            .filter_map(|c| Some((entry_name(c)?, c.lang.clone())))
            .collect();
        for collection in &config.collections {
            let Some(path) = &collection.data else {
                continue;
            };
            let file = root.join(crate::data::DATA_DIR).join(path);
            if !file.is_file() {
                let message = hints::records_missing(&collection.name, path);
                errors.push(
                    DiagnosticKind::Config.error(root.join(crate::config::CONFIG_FILE), message),
                );
                continue;
            }
            let data = match crate::data::load(root, path) {
                Ok(d) => d,
                Err(mut e) => {
                    // A file that does not parse is said by the data files' own reading.
                    e.retain(|d| d.kind != DiagnosticKind::Data || d.line.is_none());
                    errors.append(&mut e);
                    continue;
                }
            };
            let file = root.join(crate::data::DATA_DIR).join(&data.path);
            let source = Source {
                config,
                collection,
                text: std::fs::read_to_string(&file).unwrap_or_default(),
                shown: format!("{}/{}", crate::data::DATA_DIR, data.path),
                file,
                format: data.format,
            };
            let Some(list) = source.list(&data.value, &data.records, errors) else {
                continue;
            };
            let mut first: BTreeMap<String, usize> = BTreeMap::new();
            for (n, (record, line)) in list.into_iter().enumerate() {
                let Some((id, said)) = source.said(record, (n + 1, line), errors) else {
                    continue;
                };
                if let Some(before) = first.insert(id.clone(), n + 1) {
                    let d = source.error(line, hints::record_twice(&id, before, n + 1));
                    errors.push(d);
                    continue;
                }
                let name = dir_join(&collection.section, &id);
                let versions = source.versions(&id, said, &name, &written, errors);
                records.entries.insert(
                    name,
                    Entry {
                        collection: collection.name.clone(),
                        section: collection.section.clone(),
                        id,
                        file: source.file.clone(),
                        shown: source.shown.clone(),
                        versions,
                    },
                );
            }
            let mut relaxed = collection.clone();
            for field in &mut relaxed.fields {
                field.required = false;
            }
            records.relaxed.insert(collection.name.clone(), relaxed);
        }
        records
    }

    /// The collection to check the Markdown file `c` with, when it is joined to a record:
    /// its fields' `required:` are checked once it is.
    pub(super) fn relaxed(&self, c: &Classified) -> Option<&Collection> {
        let entry = self.entries.get(&entry_name(c)?)?;
        self.relaxed.get(&entry.collection)
    }
}

/// The name of the entry of a Markdown page file: `solutions/x-road` for
/// `solutions/x-road.md`, `.ru.md` or `solutions/x-road/index.md`; none for a section.
fn entry_name(c: &Classified) -> Option<String> {
    match &c.kind {
        Kind::Page {
            bundle: Some(b), ..
        } => Some(b.clone()),
        Kind::Page { stem, .. } => Some(dir_join(&c.dir, stem)),
        Kind::Section => None,
    }
}

fn dir_join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

impl Source<'_> {
    /// An error at `line` of the data file (none for JSON), the line quoted.
    fn error(&self, line: Option<usize>, message: String) -> Diagnostic {
        let d = DiagnosticKind::Data.error(&self.file, message);
        match line {
            Some(l) => d.at(l).quoting(&self.text, 1, None),
            None => d,
        }
    }

    /// The records of the file, each with its line (none in JSON).
    fn list<'v>(
        &self,
        value: &'v Value,
        lines: &[usize],
        errors: &mut Vec<Diagnostic>,
    ) -> Option<Vec<(&'v Value, Option<usize>)>> {
        let (items, lines) = match value {
            Value::Array(items) => (items, lines.to_vec()),
            Value::Object(map) => {
                let lists: Vec<(&String, &Vec<Value>)> = map
                    .iter()
                    .filter_map(|(k, v)| Some((k, v.as_array()?)))
                    .collect();
                let chosen = match lists.as_slice() {
                    [one] => Some(*one),
                    _ => lists
                        .iter()
                        .find(|(k, _)| **k == self.collection.name)
                        .copied(),
                };
                let Some((key, items)) = chosen else {
                    let message = hints::records_not_a_list(&self.shown, &self.collection.name);
                    errors.push(self.error(None, message));
                    return None;
                };
                let lines = match self.format {
                    Format::Yaml => nested_item_lines(&self.text, key, items.len()),
                    _ => Vec::new(),
                };
                (items, lines)
            }
            _ => {
                let message = hints::records_not_a_list(&self.shown, &self.collection.name);
                errors.push(self.error(None, message));
                return None;
            }
        };
        Some(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| (v, lines.get(i).copied()))
                .collect(),
        )
    }

    /// The id of record number `n` (at `line`) and what it says, key by key; `None` after
    /// an error.
    fn said(
        &self,
        record: &Value,
        (n, line): (usize, Option<usize>),
        errors: &mut Vec<Diagnostic>,
    ) -> Option<(String, Said)> {
        let Some(map) = record.as_object() else {
            errors.push(self.error(line, hints::record_not_a_mapping(n)));
            return None;
        };
        let id_value = map
            .get("id")
            .or_else(|| map.get("slug"))
            .filter(|v| !v.is_null() && v.as_str() != Some(""));
        let id = match id_value {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(x)) => x.to_string(),
            _ => {
                errors.push(self.error(line, hints::record_without_id(n)));
                return None;
            }
        };
        // JSON gives no lines: the record's is the one that writes its id, if one does.
        let line = line.or_else(|| self.json_line(&id));
        if let Err(problem) = crate::safe::check_segment(&id, &id) {
            let message = hints::record_problem(&id, &format!("`id`: {problem}"));
            errors.push(self.error(line, message));
            return None;
        }
        let before = errors.len();
        let mut said = Said::default();
        if let Some(l) = line {
            // The record's own line, for what is said of no key.
            said.lines.insert(String::new(), l);
        }
        for (written, value) in map {
            if written == "id" || value.is_null() || value.as_str() == Some("") {
                continue;
            }
            if let Err(e) = self.take(&id, (written, value), line, &mut said) {
                errors.push(e);
            }
        }
        (errors.len() == before).then_some((id, said))
    }

    /// Takes what key `written` of record `id` (at `line`) says into `said`, or says what
    /// is wrong with it.
    fn take(
        &self,
        id: &str,
        (written, value): (&String, &Value),
        line: Option<usize>,
        said: &mut Said,
    ) -> Result<(), Diagnostic> {
        let taxonomies = &self.config.taxonomies;
        // A CSV column `title.ru`.
        let (key, language) = match written.rsplit_once('.') {
            Some((k, l)) if self.format == Format::Csv => match self.language(l) {
                Some(l) => (k, Some(l)),
                None => (written.as_str(), None),
            },
            _ => (written.as_str(), None),
        };
        let key_line = self.line_of_key(key, line);
        if let Some(l) = key_line {
            said.lines.insert(key.to_string(), l);
        }
        let problem = |message: String| self.error(key_line, hints::record_problem(id, &message));
        let field = self.collection.fields.iter().find(|f| f.name == key);
        let shared = match field {
            _ if self.shared(key) => true,
            Some(_) => false,
            None if KEYS.contains(&key) => false,
            None => {
                let mut allowed: Vec<String> = KEYS.iter().map(|k| format!("`{k}`")).collect();
                let fields = self.collection.fields.iter();
                allowed.extend(fields.map(|f| format!("`{}`", f.name)));
                let message =
                    hints::record_unknown_key(key, &self.collection.name, &allowed.join(", "));
                return Err(problem(message));
            }
        };
        let ty = field.map(|f| &f.ty);
        let typed = |v: &Value| match (self.format, v) {
            (Format::Csv, Value::String(s)) => csv_value(s, key, ty, taxonomies),
            _ => v.clone(),
        };
        let per_language = match (language, value) {
            (Some(l), _) => Some(vec![(l, typed(value))]),
            (None, Value::Object(m)) if self.format != Format::Csv => {
                let languages = m.keys().all(|k| self.language(k).is_some());
                let object = matches!(ty, Some(Type::Object(_)));
                if !languages && (object || shared) {
                    None
                } else if let Some(bad) = m.keys().find(|k| self.language(k).is_none()) {
                    let codes = self.config.language_codes();
                    return Err(problem(hints::record_unknown_language(key, bad, &codes)));
                } else {
                    let values = m.iter().filter(|(_, v)| !v.is_null());
                    let values = values.filter_map(|(l, v)| Some((self.language(l)?, typed(v))));
                    Some(values.collect())
                }
            }
            _ => None,
        };
        match per_language {
            Some(_) if shared => return Err(problem(hints::record_shared_per_language(key))),
            Some(values) => {
                for (l, v) in values {
                    let own = said.by_language.entry(l).or_default();
                    own.insert(key.to_string(), v);
                }
            }
            None if shared => {
                said.every.insert(key.to_string(), typed(value));
            }
            None => {
                let default = self.config.default_language.clone();
                let own = said.by_language.entry(default).or_default();
                own.entry(key.to_string()).or_insert_with(|| typed(value));
            }
        }
        Ok(())
    }

    /// Best effort, in JSON: the line that writes `"id": "<id>"` (or `"slug"`).
    fn json_line(&self, id: &str) -> Option<usize> {
        if self.format != Format::Json {
            return None;
        }
        let quoted = serde_json::to_string(id).ok()?;
        self.text
            .split('\n')
            .position(|l| {
                let l: String = l.chars().filter(|c| !c.is_whitespace()).collect();
                l.contains(&format!("\"id\":{quoted}")) || l.contains(&format!("\"slug\":{quoted}"))
            })
            .map(|i| i + 1)
    }

    /// Whether `key` is written once for every language: a shared field or a taxonomy.
    fn shared(&self, key: &str) -> bool {
        match self.collection.fields.iter().find(|f| f.name == key) {
            Some(f) => f.shared,
            None => key == "tags" || self.config.taxonomies.iter().any(|t| t == key),
        }
    }

    /// The site's language `code`, if it is one.
    fn language(&self, code: &str) -> Option<Lang> {
        self.config.find_language(code).map(|l| l.code.clone())
    }

    /// The line of `key` in the record at `line`: in YAML the line that writes it (best
    /// effort: the first after the record's that starts with `key:`, before the next
    /// record), in CSV the row's.
    fn line_of_key(&self, key: &str, line: Option<usize>) -> Option<usize> {
        let start = line?;
        if self.format != Format::Yaml {
            return Some(start);
        }
        let lines: Vec<&str> = self.text.split('\n').collect();
        let indent = |l: &str| l.len() - l.trim_start().len();
        let record_indent = indent(lines.get(start - 1)?);
        let wanted = [
            format!("{key}:"),
            format!("\"{key}\":"),
            format!("'{key}':"),
        ];
        for (i, l) in lines.iter().enumerate().skip(start - 1) {
            let t = l.trim_start();
            let content = !t.is_empty() && !t.starts_with('#');
            if i + 1 > start && content && indent(l) <= record_indent {
                break;
            }
            let (t, at) = match t.strip_prefix("- ") {
                Some(rest) if i + 1 == start => (rest.trim_start(), record_indent + 2),
                _ => (t, indent(l)),
            };
            if at == record_indent + 2 && wanted.iter().any(|w| t.starts_with(w.as_str())) {
                return Some(i + 1);
            }
        }
        Some(start)
    }

    /// Each language's version of record `id` that has a page: those the record gives the
    /// title in, and those a Markdown file of entry `name` is in (`written`).
    fn versions(
        &self,
        id: &str,
        said: Said,
        name: &str,
        written: &BTreeSet<(String, Lang)>,
        errors: &mut Vec<Diagnostic>,
    ) -> BTreeMap<Lang, Version> {
        let mut versions = BTreeMap::new();
        let mut problems = Vec::new();
        for language in &self.config.languages {
            let lang = &language.code;
            let own = said.by_language.get(lang);
            let titled = own.is_some_and(|m| m.contains_key("title"));
            let has_file = written.contains(&(name.to_string(), lang.clone()));
            if !titled && !has_file {
                continue;
            }
            let mut values = said.every.clone();
            values.extend(own.cloned().unwrap_or_default());
            if let Some(fm) = self.check(
                (id, lang),
                values,
                (&said.lines, titled && !has_file),
                &mut problems,
            ) {
                let hash = crate::util::hash_bytes(format!("{fm:?}").as_bytes());
                versions.insert(lang.clone(), Version { fm, titled, hash });
            }
        }
        problems.sort();
        problems.dedup();
        errors.append(&mut problems);
        versions
    }

    /// The front matter of one version of record `id`, checked as a file's would be (and
    /// against the whole schema when `strict`, else with `required:` left to the file it
    /// joins); the errors moved to the data file's lines (`lines`).
    fn check(
        &self,
        (id, lang): (&str, &Lang),
        values: Map<String, Value>,
        (lines, strict): (&BTreeMap<String, usize>, bool),
        errors: &mut Vec<Diagnostic>,
    ) -> Option<FrontMatter> {
        let taxonomies = &self.config.taxonomies;
        let mut front = Map::new();
        let mut extra = Map::new();
        for (key, value) in values {
            let field = self.collection.fields.iter().any(|f| f.name == key);
            if field && !collections::is_top_level(&key, taxonomies) {
                extra.insert(key, value);
            } else {
                front.insert(key, value);
            }
        }
        // A version that only adds to a Markdown file takes the file's title.
        front
            .entry("title")
            .or_insert_with(|| Value::String(id.to_string()));
        if !extra.is_empty() {
            front.insert("extra".into(), Value::Object(extra));
        }
        let yaml = crate::yaml::write(&Value::Object(front)).unwrap_or_default();
        let mut relaxed;
        let collection = if strict {
            self.collection
        } else {
            relaxed = self.collection.clone();
            relaxed.fields.iter_mut().for_each(|f| f.required = false);
            &relaxed
        };
        let mut found = Vec::new();
        let parsed = FrontMatter::parse(&yaml, &self.file, self.config, false);
        let mut fm = match parsed {
            Ok(fm) => Some(fm),
            Err(e) => {
                found = e;
                None
            }
        };
        if let Some(fm) = &mut fm {
            let schema = (yaml.as_str(), taxonomies.as_slice());
            fm.fields =
                collections::validate(collection, schema, (&self.file, &mut fm.lines), &mut found);
            if fm.template.is_none() {
                fm.template.clone_from(&self.collection.template);
            }
            let moved = fm
                .lines
                .keys()
                .map(|k| {
                    let base = k.strip_prefix("extra.").unwrap_or(k);
                    let line = lines.get(base).or_else(|| lines.get(""));
                    (k.clone(), line.copied().unwrap_or(1))
                })
                .collect();
            fm.lines = moved;
        }
        if found.is_empty() {
            return fm;
        }
        for mut d in found {
            let key = d.line.and_then(|l| key_at(&yaml, l));
            // A record has no `extra:`: a missing field is said as a key.
            let field = self
                .collection
                .fields
                .iter()
                .find(|f| d.message == collections::missing(&f.name, false));
            let message = match field {
                Some(f) => collections::missing(&f.name, true),
                None => d.message.clone(),
            };
            let shared = key.as_deref().is_some_and(|k| self.shared(k));
            d.message = if shared {
                hints::record_problem(id, &message)
            } else {
                hints::record_version_problem(id, lang.as_str(), &message)
            };
            d.kind = DiagnosticKind::Data;
            d.path = self.file.clone();
            d.excerpt = None;
            d.column = None;
            d.line = key
                .and_then(|k| lines.get(&k))
                .or_else(|| lines.get(""))
                .copied();
            if d.line.is_some() {
                d = d.quoting(&self.text, 1, None);
            }
            errors.push(d);
        }
        None
    }
}
