//! The messages about data files (`data/`, `load_data()`).

/// A data file (`format`: YAML, JSON or CSV) that does not parse; `detail` is the parser's
/// message, which says what it expected.
pub fn data_does_not_parse(format: &str, detail: &str) -> String {
    format!("this {format} data file does not parse: {detail}")
}

/// A YAML data file with a second document (a `---` line after some data).
pub fn data_yaml_documents() -> String {
    "a `---` line starts a second YAML document, and a data file holds one; remove the line, or put the rest in a file of its own".to_string()
}

/// A CSV row with another number of fields than the header row.
pub fn data_csv_ragged(fields: usize, columns: usize) -> String {
    format!(
        "values in this row: {fields}, columns in the header row: {columns}; each row needs one value per column (a value with a comma goes in double quotes)"
    )
}

/// A CSV value that opens a quote and never closes it.
pub fn data_csv_unclosed_quote() -> String {
    "a quoted value starts on this line and its closing `\"` is missing".to_string()
}

/// A CSV header row that names a column twice.
pub fn data_csv_column_twice(name: &str) -> String {
    format!("the header row names the column `{name}` twice; each column needs its own name")
}

/// `load_data(path=...)` with a path that leaves `data/`, or is absolute.
pub fn data_path_outside(path: &str) -> String {
    format!(
        "load_data: `{path}` is not a path inside data/; write it relative to data/, without `..` or a leading `/`"
    )
}

/// `load_data(path=...)` with a file of no known data format.
pub fn data_unknown_format(path: &str) -> String {
    format!(
        "load_data: `{path}` is not a data file; its name must end in .yaml, .yml, .json or .csv"
    )
}

/// `load_data(path=...)` with a file that `data/` does not have.
pub fn data_missing(path: &str) -> String {
    format!("load_data: there is no data file `{path}` in data/")
}

/// `load_data(path=...)` with a file that does not parse (its own error says why).
pub fn data_broken(path: &str) -> String {
    format!("load_data: the data file `{path}` does not parse (its error is reported at the file)")
}

/// `load_data()` without its `path`.
pub fn data_no_path() -> String {
    "`load_data()` needs a `path` inside data/, e.g. `load_data(path=\"solutions.yaml\")`"
        .to_string()
}
