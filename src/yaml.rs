//! The only module that touches YAML.
//!
//! `serde_yaml` is deprecated upstream; keeping every use of it here means a replacement
//! touches one file. The rest of dala sees a [`Table`]: the top-level keys of a document in
//! the order written, each with the line it stands on, and typed access to its value.

use serde::de::DeserializeOwned;

/// Free-form YAML values, for code that converts another format (`dala import`) or reads a
/// document of its own shape (the message catalogues).
pub use serde_yaml::{Mapping, Value};

/// `value` written as YAML.
pub fn write<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|e| e.to_string())
}

/// `value` as a free-form YAML value.
pub fn to_value<T: serde::Serialize>(value: T) -> Result<Value, String> {
    serde_yaml::to_value(value).map_err(|e| e.to_string())
}

/// `text` read as `T`; the error with its 0-based line, when known.
pub fn read<T: DeserializeOwned>(text: &str) -> Result<T, (String, Option<usize>)> {
    serde_yaml::from_str(text).map_err(|e| (e.to_string(), e.location().map(|l| l.line())))
}

/// A data file (`data/*.yaml`, see `crate::data`) read as JSON-shaped data: its value
/// (mappings become JSON objects) and the 1-based line of each top-level record (an item
/// of a top-level list, or a key of a top-level mapping), best effort. An empty document
/// is `null`. The error, at its place in the file, says what the parser expected.
pub fn read_data(text: &str) -> Result<(serde_json::Value, Vec<usize>), YamlError> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = match e.location() {
            Some(loc) => {
                let (line, column) = file_place(text, loc.line(), loc.column());
                (line, Some(column))
            }
            None => (1, None),
        };
        let message = clean_message(&e.to_string());
        if message.contains("more than one document") {
            // The `---` that starts a second document: a habit of front matter.
            let second = text
                .split('\n')
                .enumerate()
                .filter(|(_, l)| l.trim_end() == "---" || l.starts_with("--- "))
                .map(|(i, _)| i + 1)
                .find(|&n| {
                    text.split('\n').take(n - 1).any(|l| {
                        !l.trim().is_empty()
                            && !l.trim_start().starts_with('#')
                            && l.trim_end() != "---"
                    })
                });
            return YamlError {
                line: second.unwrap_or(line),
                column: Some(1),
                message: crate::hints::data_yaml_documents(),
            };
        }
        explain(
            text,
            1,
            YamlError {
                line,
                column,
                message,
            },
        )
    })?;
    let count = match &value {
        serde_yaml::Value::Sequence(items) => items.len(),
        serde_yaml::Value::Mapping(map) => map.len(),
        _ => 0,
    };
    let records = record_lines(text, count);
    let json = serde_json::to_value(&value).map_err(|e| YamlError {
        line: 1,
        column: None,
        message: clean_message(&e.to_string()),
    })?;
    Ok((json, records))
}

/// Best effort: the lines of the `count` top-level records of a data document: the lines at
/// the indentation of its first line of content, each an item (`- `) or a key. A flow
/// list or mapping (`[...]`, `{...}`) puts them all on its first line; a count that does
/// not agree leaves the missing ones at the last line found.
fn record_lines(text: &str, count: usize) -> Vec<usize> {
    let content = |l: &&str| {
        let t = l.trim_start();
        !t.is_empty() && !t.starts_with('#') && !t.starts_with("---") && !t.starts_with('%')
    };
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| content(l))
        .collect();
    let Some(&(first, first_text)) = lines.first() else {
        return Vec::new();
    };
    let flow = first_text.trim_start().starts_with(['[', '{']);
    let item = first_text.trim_start().starts_with('-');
    let at = indent(first_text);
    let mut found: Vec<usize> = if flow {
        Vec::new()
    } else {
        lines
            .iter()
            .filter(|(_, l)| {
                let t = l.trim_start();
                // A key line has its `:` (or is a complex key's `?`); a line of a text
                // that runs on at the same indentation has not, mostly.
                let key = t.contains(": ") || t.ends_with(':') || t.starts_with('?');
                indent(l) == at
                    && (if item {
                        t.starts_with('-')
                    } else {
                        !t.starts_with('-') && key
                    })
            })
            .map(|(n, _)| *n)
            .take(count)
            .collect()
    };
    let last = found.last().copied().unwrap_or(first);
    found.resize(count, last);
    found
}

/// A YAML mapping, its keys in document order, each with its 1-based line in the file.
#[derive(Debug, Clone, Default)]
pub struct Table {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub line: usize,
    /// 1-based column where the key starts.
    pub column: usize,
    value: serde_yaml::Value,
    /// The document text and its first line, to locate nested keys.
    source: std::sync::Arc<Source>,
}

#[derive(Debug)]
struct Source {
    text: String,
    first_line: usize,
}

/// A YAML problem at a place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
}

impl Table {
    /// Parses `text`, a YAML document whose first line is line `first_line` of its file.
    /// An empty document is an empty table; anything but a mapping is an error.
    pub fn parse(text: &str, first_line: usize) -> Result<Table, YamlError> {
        let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = match e.location() {
                Some(loc) => {
                    let (line, column) = file_place(text, loc.line(), loc.column());
                    (first_line + line - 1, Some(column))
                }
                None => (first_line, None),
            };
            explain(
                text,
                first_line,
                YamlError {
                    line,
                    column,
                    message: clean_message(&e.to_string()),
                },
            )
        })?;
        let source = std::sync::Arc::new(Source {
            text: text.to_string(),
            first_line,
        });
        Table::from_value(value, &source, 0, first_line)
    }

    fn from_value(
        value: serde_yaml::Value,
        source: &std::sync::Arc<Source>,
        indent_after: usize,
        line: usize,
    ) -> Result<Table, YamlError> {
        let mapping = match value {
            serde_yaml::Value::Null => return Ok(Table::default()),
            serde_yaml::Value::Mapping(mapping) => mapping,
            other => {
                return Err(YamlError {
                    line,
                    column: None,
                    message: format!(
                        "expected a mapping of `key: value` lines, found {}",
                        kind(&other)
                    ),
                })
            }
        };
        let mut entries = Vec::with_capacity(mapping.len());
        for (key, value) in mapping {
            let key = match key {
                serde_yaml::Value::String(s) => s,
                other => {
                    return Err(YamlError {
                        line,
                        column: None,
                        message: format!("keys must be strings, found {}", kind(&other)),
                    })
                }
            };
            let (line, column) = source.line_of_key(&key, indent_after).unwrap_or((line, 1));
            entries.push(Entry {
                key,
                line,
                column,
                value,
                source: source.clone(),
            });
        }
        Ok(Table { entries })
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }
}

impl Entry {
    /// The value as `T`; the error says what was expected.
    pub fn get<T: DeserializeOwned>(&self) -> Result<T, YamlError> {
        serde_yaml::from_value(self.value.clone()).map_err(|e| YamlError {
            line: self.line,
            column: Some(self.column),
            message: format!("`{}`: {}", self.key, clean_message(&e.to_string())),
        })
    }

    /// The value as a nested mapping, its keys located on the lines after this one.
    pub fn table(&self) -> Result<Table, YamlError> {
        Table::from_value(self.value.clone(), &self.source, self.line, self.line).map_err(
            |mut e| {
                e.message = format!("`{}`: {}", self.key, e.message);
                e
            },
        )
    }

    /// Best effort: the file line of item `index` of this key's list, written `text`: the
    /// line that has the text as written, else the index-th `- ` line of a block list, else
    /// the key's line.
    pub fn line_of_item(&self, index: usize, text: &str) -> usize {
        let after = || {
            self.source
                .text
                .lines()
                .enumerate()
                .map(|(i, line)| (self.source.first_line + i, line))
                .skip_while(|(n, _)| *n < self.line)
        };
        if let Some((n, _)) = after().find(|(_, line)| !text.is_empty() && line.contains(text)) {
            return n;
        }
        after()
            .skip(1)
            .take_while(|(_, line)| line.starts_with([' ', '\t', '-']))
            .filter(|(_, line)| line.trim_start().starts_with('-'))
            .nth(index)
            .map_or(self.line, |(n, _)| n)
    }

    pub fn is_null(&self) -> bool {
        self.value.is_null()
    }
}

impl Source {
    /// Best effort: the first line at or after `after` (a file line) that starts a key
    /// `key:` (plain or quoted, block or flow style). Used only to point at the right line.
    fn line_of_key(&self, key: &str, after: usize) -> Option<(usize, usize)> {
        let top_level = after == 0;
        let candidates = [
            format!("{key}:"),
            format!("\"{key}\":"),
            format!("'{key}':"),
        ];
        self.text.lines().enumerate().find_map(|(i, line)| {
            let file_line = self.first_line + i;
            let indented = line.starts_with([' ', '\t']);
            let trimmed = line.trim_start();
            let found = file_line > after
                && indented != top_level
                && candidates.iter().any(|c| trimmed.starts_with(c.as_str()));
            found.then_some((file_line, line.len() - trimmed.len() + 1))
        })
    }
}

/// A place as YAML counts it (1-based line and column, where NEL, U+2028 and U+2029 also
/// end a line) as an editor does (only `\n` ends a line).
fn file_place(text: &str, yaml_line: usize, yaml_column: usize) -> (usize, usize) {
    let mut line = 1;
    let mut line_start = 0;
    let mut yaml_lines = 1;
    let mut yaml_start = 0;
    for (i, c) in text.char_indices() {
        if yaml_lines == yaml_line {
            break;
        }
        if matches!(c, '\n' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            yaml_lines += 1;
            yaml_start = i + c.len_utf8();
            if c == '\n' {
                line += 1;
                line_start = yaml_start;
            }
        }
    }
    let before = text[line_start..yaml_start].chars().count();
    (line, before + yaml_column)
}

fn kind(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Null => "nothing",
        serde_yaml::Value::Bool(_) => "a boolean",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::String(_) => "a string",
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a mapping",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}

/// A syntax error said as an editor can act on it, where the cause is a common one: a tab
/// in the indentation, or a value with `: ` in it that is not in quotes. Else as it was.
fn explain(text: &str, first_line: usize, error: YamlError) -> YamlError {
    let lines: Vec<&str> = text.split('\n').collect();
    let at = error.line.saturating_sub(first_line);
    // A tab in the indentation of the line of the error, or of a line before it.
    let indent_tab = |l: &&str| {
        let indent = &l[..l.len() - l.trim_start_matches([' ', '\t']).len()];
        indent.find('\t').map(|i| l[..i].chars().count() + 1)
    };
    let tab = lines
        .get(at)
        .and_then(|l| indent_tab(l).map(|c| (at, c)))
        .or_else(|| {
            lines
                .iter()
                .take(at + 1)
                .enumerate()
                .find_map(|(i, l)| indent_tab(l).map(|c| (i, c)))
        });
    if let Some((i, column)) = tab {
        let line = first_line + i;
        return YamlError {
            line,
            column: Some(column),
            message: crate::hints::yaml_tab(line),
        };
    }
    if error.message.contains("mapping values are not allowed") {
        let line = lines.get(at).copied().unwrap_or("");
        let item = line.trim_start().trim_start_matches("- ");
        let plain = |value: &str| {
            !value
                .trim_start()
                .starts_with(['{', '[', '"', '\'', '|', '>'])
        };
        if let Some((key, value)) = item.split_once(": ").filter(|(_, v)| plain(v)) {
            if let Some(second) = value
                .find(": ")
                .or_else(|| value.trim_end().strip_suffix(':').map(|v| v.len()))
            {
                let before = line.len() - item.len() + key.len() + 2 + second;
                let key = key.trim().trim_matches(['"', '\'']);
                return YamlError {
                    line: error.line,
                    column: Some(line[..before].chars().count() + 1),
                    message: crate::hints::yaml_colon_in_value(key, value.trim()),
                };
            }
        }
        return YamlError {
            message: crate::hints::yaml_colon_unclear(),
            ..error
        };
    }
    error
}

/// serde_yaml appends " at line L column C" to its messages; we report the place ourselves.
fn clean_message(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_order_and_lines() {
        let t = Table::parse("title: A\n\ndate: 2026-01-01\ntags:\n  - x\n", 2).unwrap();
        let keys: Vec<_> = t
            .entries()
            .iter()
            .map(|e| (e.key.as_str(), e.line))
            .collect();
        assert_eq!(keys, [("title", 2), ("date", 4), ("tags", 5)]);
        assert_eq!(
            t.get("date").unwrap().get::<String>().unwrap(),
            "2026-01-01"
        );
    }

    #[test]
    fn nested_keys_are_located_after_their_parent() {
        let text = "name: x\nlanguages:\n  en: { name: English }\n  ru:\n    name: Русский\n";
        let t = Table::parse(text, 1).unwrap();
        let langs = t.get("languages").unwrap().table().unwrap();
        let lines: Vec<_> = langs.entries().iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4]);
    }

    #[test]
    fn syntax_errors_have_file_lines() {
        let e = Table::parse("title: A\ndate: [\n", 2).unwrap_err();
        assert!(e.line >= 3, "{e:?}");
    }

    #[test]
    fn lines_end_at_newlines_only() {
        // YAML also ends a line at NEL (U+0085); an editor does not.
        let e = Table::parse("home: \ntitle: \"a\u{85}b: \n", 1).unwrap_err();
        assert!(e.line <= 3, "{e:?}");
        assert_eq!(file_place("a\u{85}b\nc", 2, 2), (1, 4));
        assert_eq!(file_place("a\nb\nc", 3, 1), (3, 1));
    }

    #[test]
    fn common_syntax_mistakes_are_explained() {
        let e = Table::parse("title: A\ntags:\n  - a\n\t- b\n", 2).unwrap_err();
        assert_eq!((e.line, e.column), (5, Some(1)), "{e:?}");
        assert_eq!(e.message, crate::hints::yaml_tab(5));
        let e = Table::parse("date: 2026-01-01\ntitle: Подпись: как получить\n", 2).unwrap_err();
        assert_eq!((e.line, e.column), (3, Some(15)), "{e:?}");
        assert_eq!(
            e.message,
            "the title contains `: `; put it in quotes: `title: \"Подпись: как получить\"`"
        );
        // In a flow mapping, the key is not the one before the first `: `.
        let e = Table::parse("en: { name: English, title: A: B }\n", 1).unwrap_err();
        assert!(!e.message.contains("the en "), "{e:?}");
        assert!(!e.message.contains("mapping values"), "{e:?}");
    }

    #[test]
    fn wrong_types_name_the_key() {
        let t = Table::parse("title: [a, b]\n", 2).unwrap();
        let e = t.get("title").unwrap().get::<String>().unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("`title`"), "{}", e.message);
    }
}
