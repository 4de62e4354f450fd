//! The TOML of Hugo's `+++` front matter, read into YAML values (keys in their order).
//!
//! A front matter's TOML is a small part of the language: `key = value` with strings (basic,
//! literal, multi-line), numbers, booleans, dates, arrays and inline tables, dotted keys,
//! `[table]` and `[[array of tables]]` headers, comments. That part is read here, strictly:
//! anything else is an error with its line. (The `toml` crate is not in dala's tree, and its
//! parser would be several times this file's code to compile for one command.)

use crate::yaml::{Mapping, Value};

/// A problem and the line of the front matter it is on (1 = the line after `+++`).
pub type Problem = (usize, String);

/// Parses `text`, the lines between the `+++` lines.
pub fn parse(text: &str) -> Result<Mapping, Problem> {
    let mut p = Parser {
        chars: text.chars().collect(),
        pos: 0,
        line: 1,
    };
    let mut root = Mapping::new();
    // The path of the table that `key = value` lines go into.
    let mut current: Vec<String> = Vec::new();
    loop {
        p.skip_blank_lines();
        let Some(c) = p.peek() else { break };
        if c == '[' {
            let line = p.line;
            p.pos += 1;
            let array = p.eat('[');
            p.skip_spaces();
            let path = p.key()?;
            p.skip_spaces();
            if !p.eat(']') || (array && !p.eat(']')) {
                return Err((
                    line,
                    "a table header ends with `]` (`[[...]]` for an array of tables)".into(),
                ));
            }
            p.end_of_line()?;
            if array {
                let (last, parent) = path.split_last().expect("a key has a part");
                let table = table_at(&mut root, parent, line)?;
                let entry = table
                    .entry(Value::String(last.clone()))
                    .or_insert_with(|| Value::Sequence(Vec::new()));
                let Value::Sequence(items) = entry else {
                    return Err((
                        line,
                        format!("`{last}` is already a value, not an array of tables"),
                    ));
                };
                items.push(Value::Mapping(Mapping::new()));
            } else {
                table_at(&mut root, &path, line)?;
            }
            current = path;
            continue;
        }
        let line = p.line;
        let key = p.key()?;
        p.skip_spaces();
        if !p.eat('=') {
            return Err((
                line,
                format!("expected `=` after the key `{}`", key.join(".")),
            ));
        }
        p.skip_spaces();
        let value = p.value()?;
        p.end_of_line()?;
        let mut path = current.clone();
        path.extend(key);
        let (last, parent) = path.split_last().expect("a key has a part");
        let table = table_at(&mut root, parent, line)?;
        if table.contains_key(last.as_str()) {
            return Err((line, format!("the key `{last}` is given twice")));
        }
        table.insert(Value::String(last.clone()), value);
    }
    Ok(root)
}

/// The table at `path` below `root`, made if missing; in an array of tables, its last one.
fn table_at<'a>(
    root: &'a mut Mapping,
    path: &[String],
    line: usize,
) -> Result<&'a mut Mapping, Problem> {
    let mut table = root;
    for part in path {
        let entry = table
            .entry(Value::String(part.clone()))
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        table = match entry {
            Value::Mapping(m) => m,
            Value::Sequence(items) => match items.last_mut() {
                Some(Value::Mapping(m)) => m,
                _ => return Err((line, format!("`{part}` is not a table"))),
            },
            _ => return Err((line, format!("`{part}` is already a value, not a table"))),
        };
    }
    Ok(table)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    line: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(i, c)| self.chars.get(self.pos + i) == Some(&c))
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            if c == '\n' {
                self.line += 1;
            }
            true
        } else {
            false
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.pos += 1;
        }
    }

    fn skip_comment(&mut self) {
        if self.peek() == Some('#') {
            while !matches!(self.peek(), None | Some('\n')) {
                self.pos += 1;
            }
        }
    }

    /// Spaces, comments and line ends.
    fn skip_blank_lines(&mut self) {
        loop {
            self.skip_spaces();
            self.skip_comment();
            if !(self.eat('\n') || self.eat('\r')) {
                break;
            }
        }
    }

    /// The rest of a line after a value or header: spaces and a comment.
    fn end_of_line(&mut self) -> Result<(), Problem> {
        self.skip_spaces();
        self.skip_comment();
        self.eat('\r');
        match self.peek() {
            None => Ok(()),
            Some('\n') => {
                self.bump();
                Ok(())
            }
            Some(c) => Err((self.line, format!("unexpected `{c}` after a value"))),
        }
    }

    /// A key: bare or quoted parts joined by dots.
    fn key(&mut self) -> Result<Vec<String>, Problem> {
        let mut parts = Vec::new();
        loop {
            self.skip_spaces();
            let part = match self.peek() {
                Some('"') => self.basic_string()?,
                Some('\'') => self.literal_string()?,
                _ => {
                    let start = self.pos;
                    while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    {
                        self.pos += 1;
                    }
                    if start == self.pos {
                        return Err((self.line, "expected a key".into()));
                    }
                    self.chars[start..self.pos].iter().collect()
                }
            };
            parts.push(part);
            self.skip_spaces();
            if !self.eat('.') {
                return Ok(parts);
            }
        }
    }

    fn value(&mut self) -> Result<Value, Problem> {
        match self.peek() {
            Some('"') if self.starts_with("\"\"\"") => self.multiline_basic().map(Value::String),
            Some('\'') if self.starts_with("'''") => self.multiline_literal().map(Value::String),
            Some('"') => self.basic_string().map(Value::String),
            Some('\'') => self.literal_string().map(Value::String),
            Some('[') => self.array(),
            Some('{') => self.inline_table(),
            Some(_) => self.scalar(),
            None => Err((self.line, "expected a value".into())),
        }
    }

    fn basic_string(&mut self) -> Result<String, Problem> {
        let line = self.line;
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                None | Some('\n') => return Err((line, "a string is not closed with `\"`".into())),
                Some('"') => return Ok(out),
                Some('\\') => out.push(self.escape()?),
                Some(c) => out.push(c),
            }
        }
    }

    fn escape(&mut self) -> Result<char, Problem> {
        let line = self.line;
        let bad = || (line, "an unknown escape in a string".to_string());
        Ok(match self.bump().ok_or_else(bad)? {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'e' => '\u{1b}',
            '"' => '"',
            '\\' => '\\',
            u @ ('u' | 'U') => {
                let n = if u == 'u' { 4 } else { 8 };
                let hex: String = (0..n).filter_map(|_| self.bump()).collect();
                u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(bad)?
            }
            _ => return Err(bad()),
        })
    }

    fn literal_string(&mut self) -> Result<String, Problem> {
        let line = self.line;
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                None | Some('\n') => return Err((line, "a string is not closed with `'`".into())),
                Some('\'') => return Ok(out),
                Some(c) => out.push(c),
            }
        }
    }

    fn multiline_basic(&mut self) -> Result<String, Problem> {
        let line = self.line;
        self.pos += 3;
        self.eat('\r');
        self.eat('\n');
        let mut out = String::new();
        loop {
            if self.starts_with("\"\"\"") {
                self.pos += 3;
                return Ok(out);
            }
            match self.bump() {
                None => return Err((line, "a string is not closed with `\"\"\"`".into())),
                Some('\\') if matches!(self.peek(), Some('\n' | '\r' | ' ' | '\t')) => {
                    // A line-ending backslash joins the lines, dropping the white space.
                    while matches!(self.peek(), Some('\n' | '\r' | ' ' | '\t')) {
                        self.bump();
                    }
                }
                Some('\\') => out.push(self.escape()?),
                Some(c) => out.push(c),
            }
        }
    }

    fn multiline_literal(&mut self) -> Result<String, Problem> {
        let line = self.line;
        self.pos += 3;
        self.eat('\r');
        self.eat('\n');
        let mut out = String::new();
        loop {
            if self.starts_with("'''") {
                self.pos += 3;
                return Ok(out);
            }
            match self.bump() {
                None => return Err((line, "a string is not closed with `'''`".into())),
                Some(c) => out.push(c),
            }
        }
    }

    /// Spaces, line ends and comments inside an array.
    fn skip_inside(&mut self) {
        loop {
            self.skip_spaces();
            self.skip_comment();
            if !(self.eat('\n') || self.eat('\r')) {
                return;
            }
        }
    }

    fn array(&mut self) -> Result<Value, Problem> {
        let line = self.line;
        self.bump();
        let mut items = Vec::new();
        loop {
            self.skip_inside();
            if self.eat(']') {
                return Ok(Value::Sequence(items));
            }
            items.push(self.value()?);
            self.skip_inside();
            if self.eat(']') {
                return Ok(Value::Sequence(items));
            }
            if !self.eat(',') {
                return Err((
                    line,
                    "an array's items are separated by `,` and it ends with `]`".into(),
                ));
            }
        }
    }

    fn inline_table(&mut self) -> Result<Value, Problem> {
        let line = self.line;
        self.bump();
        let mut table = Mapping::new();
        self.skip_spaces();
        if self.eat('}') {
            return Ok(Value::Mapping(table));
        }
        loop {
            let key = self.key()?;
            self.skip_spaces();
            if !self.eat('=') {
                return Err((line, "expected `=` in an inline table".into()));
            }
            self.skip_spaces();
            let value = self.value()?;
            let (last, parent) = key.split_last().expect("a key has a part");
            table_at(&mut table, parent, line)?.insert(Value::String(last.clone()), value);
            self.skip_spaces();
            if self.eat('}') {
                return Ok(Value::Mapping(table));
            }
            if !self.eat(',') {
                return Err((
                    line,
                    "an inline table's pairs are separated by `,` and it ends with `}`".into(),
                ));
            }
            self.skip_spaces();
        }
    }

    /// A bare value: a boolean, a number or a date (kept as its text).
    fn scalar(&mut self) -> Result<Value, Problem> {
        let line = self.line;
        let start = self.pos;
        while let Some(c) = self.peek() {
            let date_space = c == ' '
                && self.chars[start..self.pos].len() == 10
                && self
                    .chars
                    .get(self.pos + 1)
                    .is_some_and(char::is_ascii_digit);
            if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '_' | '.' | ':') || date_space {
                self.pos += 1;
            } else {
                break;
            }
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        let number: String = text.chars().filter(|c| *c != '_').collect();
        let value = match text.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ if text.len() >= 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-' => {
                Value::String(text)
            }
            _ if text.contains(':') && text.as_bytes().get(2) == Some(&b':') => Value::String(text),
            _ => match number.parse::<i64>() {
                Ok(n) => Value::Number(n.into()),
                Err(_) => match number.parse::<f64>() {
                    Ok(f) if !number.is_empty() => Value::Number(f.into()),
                    _ => {
                        return Err((
                            line,
                            format!("`{text}` is not a TOML value (a string needs quotes)"),
                        ))
                    }
                },
            },
        };
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> String {
        crate::yaml::write(&parse(text).unwrap()).unwrap()
    }

    #[test]
    fn a_hugo_front_matter() {
        let text = "title = \"Цифровой ID\" # a comment\ndate = 2024-03-05T10:00:00+06:00\ndraft = false\nweight = 10\ntags = [\"id\", 'gov',\n  \"kz\", ]\n\n[params]\nsubtitle = \"\"\"\nTwo\nlines\"\"\"\nauthor.name = \"Aigerim\"\n[[resources]]\nsrc = \"map.png\"\n";
        let m = parse(text).unwrap();
        assert_eq!(m["title"], Value::String("Цифровой ID".into()));
        assert_eq!(m["date"], Value::String("2024-03-05T10:00:00+06:00".into()));
        assert_eq!(m["draft"], Value::Bool(false));
        assert_eq!(m["weight"], Value::Number(10.into()));
        assert_eq!(
            yaml("tags = [\"id\", 'gov',\n  \"kz\", ]\n"),
            "tags:\n- id\n- gov\n- kz\n"
        );
        assert_eq!(m["params"]["subtitle"], Value::String("Two\nlines".into()));
        assert_eq!(
            m["params"]["author"]["name"],
            Value::String("Aigerim".into())
        );
        assert_eq!(m["resources"][0]["src"], Value::String("map.png".into()));
    }

    #[test]
    fn dates_inline_tables_and_escapes() {
        let m =
            parse("d = 2024-01-02 10:11:12\nt = { a = 1, b.c = \"x\\u00e9\\n\" }\nf = 1_000.5\n")
                .unwrap();
        assert_eq!(m["d"], Value::String("2024-01-02 10:11:12".into()));
        assert_eq!(m["t"]["b"]["c"], Value::String("xé\n".into()));
        assert_eq!(m["f"], Value::Number(1000.5.into()));
    }

    #[test]
    fn mistakes_name_their_line() {
        assert_eq!(parse("a = 1\nb = hello\n").unwrap_err().0, 2);
        assert_eq!(parse("a = 1\na = 2\n").unwrap_err().0, 2);
        assert_eq!(parse("a = \"open\n").unwrap_err().0, 1);
        assert_eq!(parse("\n\n[x\n").unwrap_err().0, 3);
        assert!(parse("a = [1, 2\n").is_err());
    }
}
