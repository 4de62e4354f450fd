//! The three formats of data files, each read into JSON-shaped data with the lines of its
//! top-level records: YAML (through [`crate::yaml`], the only module that touches YAML),
//! JSON (serde_json) and CSV (the `csv` crate: a list of objects keyed by the header row,
//! every value a string).

use crate::error::{Diagnostic, Kind};
use serde_json::{Map, Value};
use std::path::Path;

/// The formats of data files, by the file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Json,
    Csv,
}

impl Format {
    /// The format of a file named `name`, from its extension (any case); `None` for any
    /// other.
    pub fn of(name: &str) -> Option<Format> {
        let (_, ext) = name.rsplit_once('.')?;
        match ext.to_ascii_lowercase().as_str() {
            "yaml" | "yml" => Some(Format::Yaml),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The format's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Json => "JSON",
            Format::Csv => "CSV",
        }
    }
}

/// What a data file gives: its value and the 1-based lines of its top-level records.
pub type Parsed = (Value, Vec<usize>);

/// `text`, the file `file`, read as `format`; the error at its line (and column).
pub fn parse(format: Format, text: &str, file: &Path) -> Result<Parsed, Diagnostic> {
    // Spreadsheet programs start their CSV (and some editors their JSON) with a BOM.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let error = |line: usize, column: Option<usize>, detail: &str| {
        let d = Kind::Data.error(
            file,
            crate::hints::data_does_not_parse(format.name(), detail),
        );
        let d = match column {
            Some(c) => d.at_column(line, c),
            None => d.at(line),
        };
        d.quoting(text, 1, None)
    };
    match format {
        Format::Yaml => {
            crate::yaml::read_data(text).map_err(|e| error(e.line, e.column, &e.message))
        }
        Format::Json => json(text).map_err(|(line, column, m)| error(line, Some(column), &m)),
        Format::Csv => csv(text, file),
    }
}

/// JSON; the error's line, column and message.
fn json(text: &str) -> Result<Parsed, (usize, usize, String)> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = match message.find(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        (e.line().max(1), e.column().max(1), message)
    })?;
    Ok((value, Vec::new()))
}

/// CSV with a header row: a list of objects keyed by the header's names, each value a
/// string, and the line each row starts on.
fn csv(text: &str, file: &Path) -> Result<Parsed, Diagnostic> {
    // The reader takes a quote never closed for a value running to the end of the file.
    if let Some(line) = unclosed_quote(text) {
        let d = Kind::Data.error(file, crate::hints::data_csv_unclosed_quote());
        return Err(d.at(line).quoting(text, 1, Some("\"")));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let error = |line: usize, message: String| {
        Kind::Data
            .error(file, message)
            .at(line)
            .quoting(text, 1, None)
    };
    let parse_error = |e: &csv::Error| {
        let line = e.position().map_or(1, |p| p.line() as usize);
        let detail = e.to_string();
        let detail = match detail.split_once(": ") {
            Some((head, rest)) if head.starts_with("CSV ") => rest.to_string(),
            _ => detail,
        };
        error(line, crate::hints::data_does_not_parse("CSV", &detail))
    };
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| parse_error(&e))?
        .iter()
        .map(str::to_string)
        .collect();
    for (i, name) in header.iter().enumerate() {
        if header[..i].contains(name) {
            return Err(error(1, crate::hints::data_csv_column_twice(name)));
        }
    }
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                if let csv::ErrorKind::UnequalLengths {
                    pos,
                    expected_len,
                    len,
                    ..
                } = e.kind()
                {
                    let line = pos.as_ref().map_or(1, |p| p.line() as usize);
                    let message =
                        crate::hints::data_csv_ragged(*len as usize, *expected_len as usize);
                    return Err(error(line, message));
                }
                return Err(parse_error(&e));
            }
        };
        lines.push(record.position().map_or(1, |p| p.line() as usize));
        let row: Map<String, Value> = header
            .iter()
            .zip(record.iter())
            .map(|(k, v)| (k.clone(), Value::String(v.to_string())))
            .collect();
        rows.push(Value::Object(row));
    }
    Ok((Value::Array(rows), lines))
}

/// The line of a quote that opens a CSV value and is never closed, if there is one.
fn unclosed_quote(text: &str) -> Option<usize> {
    let (mut line, mut opened) = (1, None);
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (opened, c) {
            (Some(_), '"') if chars.peek() == Some(&'"') => {
                chars.next();
            }
            (Some(_), '"') => opened = None,
            (None, '"') if at_field_start => opened = Some(line),
            _ => {}
        }
        if c == '\n' {
            line += 1;
        }
        at_field_start = opened.is_none() && matches!(c, ',' | '\n' | '\r');
    }
    opened
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of("a.YML"), Some(Format::Yaml));
        assert_eq!(Format::of("x/a.csv"), Some(Format::Csv));
        assert_eq!(Format::of("a.toml"), None);
        assert_eq!(Format::of("yaml"), None);
    }

    #[test]
    fn yaml_records_have_their_lines() {
        let text = "# solutions\n- name: A\n  year: 2020\n\n- name: B\n";
        let (value, lines) = parse(Format::Yaml, text, Path::new("s.yaml")).unwrap();
        assert_eq!(value[1]["name"], "B");
        assert_eq!(lines, [2, 5]);
        let (_, lines) = parse(Format::Yaml, "a: 1\nb:\n  c: 2\n", Path::new("m.yaml")).unwrap();
        assert_eq!(lines, [1, 2]);
        let text = "a: \"a long\ntext\"\nb:\n- 1\n\nc: 3\n";
        let (_, lines) = parse(Format::Yaml, text, Path::new("m.yaml")).unwrap();
        assert_eq!(lines, [1, 3, 6]);
    }

    #[test]
    fn csv_rows_are_objects_of_strings_with_lines() {
        let text = "name,year\nA,2020\n\"B, Ltd\",\"20\n21\"\nC,2022\n";
        let (value, lines) = parse(Format::Csv, text, Path::new("s.csv")).unwrap();
        assert_eq!(value[0]["year"], "2020");
        assert_eq!(value[1]["name"], "B, Ltd");
        assert_eq!(lines, [2, 3, 5]);
    }

    #[test]
    fn a_ragged_csv_row_is_an_error_at_its_line() {
        let e = parse(Format::Csv, "a,b\n1,2\n3\n", Path::new("s.csv")).unwrap_err();
        assert_eq!(e.line, Some(3), "{e:?}");
        assert_eq!(e.message, crate::hints::data_csv_ragged(1, 2));
    }

    #[test]
    fn an_unclosed_quote_is_an_error_at_its_line() {
        assert_eq!(unclosed_quote("a,b\n\"x\"\"y\",1\n2,\"3\n"), Some(3));
        assert_eq!(unclosed_quote("a,b\nx\"y,\"1\n2\"\n"), None);
    }

    #[test]
    fn json_errors_have_line_and_column() {
        let e = parse(
            Format::Json,
            "{\n  \"a\": 1,\n  \"b\" 2\n}\n",
            Path::new("j.json"),
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(7)), "{e:?}");
        assert!(e.message.contains("expected `:`"), "{}", e.message);
    }
}
