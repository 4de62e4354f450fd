//! One Hugo page as a dala page: its front matter (YAML, `+++` TOML or JSON) with dala's
//! keys, and the shortcode calls of its body listed.

use super::toml;
use crate::error::{Diagnostic, Kind};
use crate::yaml::{Mapping, Value};
use std::path::Path;

/// A converted page.
pub struct Page {
    /// The file as dala reads it: `---` YAML front matter, then the body.
    pub text: String,
    /// Keys dala has no equivalent of, kept under `extra:` (reported once per key), with
    /// their lines.
    pub unmapped: Vec<(String, usize)>,
    /// What needs a person, with lines of the Hugo file.
    pub diagnostics: Vec<Diagnostic>,
}

/// Hugo's front matter keys with a dala key of the same meaning (Hugo's keys are read
/// without regard to case).
const SAME: &[(&str, &str)] = &[
    ("title", "title"),
    ("draft", "draft"),
    ("featured", "featured"),
    ("slug", "slug"),
    ("summary", "summary"),
    ("description", "description"),
    ("weight", "weight"),
    ("aliases", "aliases"),
    ("authors", "authors"),
    ("author", "authors"),
    ("translationkey", "translation_key"),
    ("tags", "tags"),
];

/// Front matter keys that are taxonomies in Hugo's default configuration (or commonly
/// made ones): kept as keys, to be named in site.yaml's `taxonomies:`.
const TAXONOMIES: &[&str] = &["categories", "series"];

/// Converts the Hugo file `text` (at `file`, for messages).
pub fn convert(text: &str, file: &Path) -> Result<Page, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (source, fm, body, body_line) = split(text, file)?;
    // The line of a key in the Hugo file (the front matter starts on line 2; JSON's on 1).
    let first = if text.starts_with('{') { 1 } else { 2 };
    let line_of = |key: &str| -> usize {
        fm.lines()
            .position(|l| {
                let l = l.trim_start().trim_start_matches(['"', '\'']);
                l.strip_prefix(key).is_some_and(|rest| {
                    rest.trim_start_matches(['"', '\''])
                        .trim_start()
                        .starts_with([':', '='])
                })
            })
            .map_or(1, |i| i + first)
    };
    let mut page = Page {
        text: String::new(),
        unmapped: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut out = Mapping::new();
    let mut extra = Mapping::new();
    let mut taxonomies = Mapping::new();
    let set = |key: &str, value: Value, out: &mut Mapping| {
        out.insert(Value::String(key.to_string()), value);
    };
    let has_date = source.keys().any(|k| key_of(k) == "date");
    for (key, value) in &source {
        let original = match key {
            Value::String(s) => s.clone(),
            other => crate::yaml::write(other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        let key = original.to_lowercase();
        let date = |value: &Value, page: &mut Page| {
            normalise_date(value, (file, line_of(&original)), &original, page)
        };
        match key.as_str() {
            "date" => {
                if let Some(d) = date(value, &mut page) {
                    set("date", d, &mut out)
                }
            }
            "lastmod" => {
                if let Some(d) = date(value, &mut page) {
                    set("updated", d, &mut out)
                }
            }
            "publishdate" | "pubdate" | "published" if !has_date => {
                if let Some(d) = date(value, &mut page) {
                    set("date", d, &mut out)
                }
                page.diagnostics.push(Kind::FrontMatter.note(file, format!("`{original}` became `date`: dala publishes a page when the site is built, not on a date")).at(line_of(&original)));
            }
            "expirydate" | "unpublishdate" => {
                extra.insert(Value::String("expiry_date".into()), value.clone());
                page.diagnostics.push(Kind::FrontMatter.warning(file, format!("`{original}`: dala never takes a page down by date; kept as `extra.expiry_date`: remove the page or set `draft: true` then")).at(line_of(&original)));
            }
            "url" => {
                let url = value.as_str().unwrap_or_default().to_string();
                let mut aliases = match out.remove("aliases") {
                    Some(Value::Sequence(a)) => a,
                    _ => Vec::new(),
                };
                aliases.push(Value::String(url.clone()));
                set("aliases", Value::Sequence(aliases), &mut out);
                page.diagnostics.push(Kind::FrontMatter.warning(file, format!("`url: {url}`: dala makes a page's URL from its section and `slug`; the old URL is now an alias that redirects to the new one")).at(line_of(&original)));
            }
            "layout" | "type" => {
                extra.insert(Value::String(key.clone()), value.clone());
                page.diagnostics.push(Kind::Template.warning(file, format!("`{original}: {}` chose a Hugo template: kept as `extra.{key}`; write that template for dala and name it in `template:` (docs/hugo.md#templates)", scalar_text(value))).at(line_of(&original)));
            }
            "params" => match value {
                Value::Mapping(m) => {
                    for (k, v) in m {
                        extra.insert(k.clone(), v.clone());
                    }
                }
                other => {
                    extra.insert(Value::String("params".into()), other.clone());
                }
            },
            _ => {
                if let Some((_, to)) = SAME.iter().find(|(from, _)| *from == key) {
                    let value = match (*to, value) {
                        // `author: Name` is one author.
                        ("authors", Value::String(s)) => {
                            Value::Sequence(vec![Value::String(s.clone())])
                        }
                        ("tags", Value::String(s)) => {
                            Value::Sequence(vec![Value::String(s.clone())])
                        }
                        _ => value.clone(),
                    };
                    set(to, value, &mut out);
                } else if TAXONOMIES.contains(&key.as_str()) {
                    taxonomies.insert(Value::String(key.clone()), value.clone());
                    page.diagnostics.push(Kind::FrontMatter.note(file, format!("`{original}` is kept as a taxonomy: name it in site.yaml's `taxonomies:` and give it an interface string `{key}` in i18n/<lang>.yaml (or rename it `tags`)")).at(line_of(&original)));
                } else {
                    extra.insert(Value::String(original.clone()), value.clone());
                    page.unmapped.push((original.clone(), line_of(&original)));
                }
            }
        }
    }
    if !out.contains_key("title") {
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("page");
        let stem = stem.split('.').next().unwrap_or(stem);
        let stem = if stem == "index" || stem == "_index" {
            file.parent()
                .and_then(|p| p.file_name())
                .and_then(|s| s.to_str())
                .unwrap_or(stem)
        } else {
            stem
        };
        let title = stem.replace(['-', '_'], " ");
        page.diagnostics.push(Kind::FrontMatter.warning(file, format!("no `title` (dala requires one): wrote `title: {title}` from the file name; give it its real title")).at(1));
        out.insert(Value::String("title".into()), Value::String(title));
    }
    let mut front = Mapping::new();
    // dala's keys in the order the contract lists them; `extra` last, below.
    for key in crate::schema::PAGE_KEYS.iter().filter(|k| **k != "extra") {
        if let Some(v) = out.remove(*key) {
            front.insert(Value::String(key.to_string()), v);
        }
    }
    front.extend(taxonomies);
    if !extra.is_empty() {
        front.insert(Value::String("extra".into()), Value::Mapping(extra));
    }
    let yaml = crate::yaml::write(&front).map_err(|e| {
        Kind::FrontMatter.error(file, format!("cannot write the front matter: {e}"))
    })?;
    page.text = format!("---\n{yaml}---\n");
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let number = body_line + i;
        if line.trim() == "<!--more-->" {
            page.text.push_str("<!-- more -->\n");
            continue;
        }
        page.text.push_str(line);
        shortcodes(line, file, number, &mut page.diagnostics);
    }
    Ok(page)
}

/// The front matter of `text` as a map, its text, the body, and the body's first line
/// number.
fn split<'a>(text: &'a str, file: &Path) -> Result<(Mapping, &'a str, &'a str, usize), Diagnostic> {
    let fence = |f: &str| -> Option<(&'a str, &'a str, usize)> {
        let rest = text.strip_prefix(f)?.strip_prefix('\n')?;
        let mut offset = 0;
        for (i, line) in rest.split_inclusive('\n').enumerate() {
            if line.trim_end() == f || (f == "---" && line.trim_end() == "...") {
                return Some((&rest[..offset], &rest[offset + line.len()..], i + 3));
            }
            offset += line.len();
        }
        None
    };
    let unclosed = |f: &str| {
        Kind::FrontMatter
            .error(
                file,
                format!("the front matter opened with `{f}` on line 1 is never closed"),
            )
            .at(1)
    };
    if text.starts_with("---\n") {
        let (fm, body, line) = fence("---").ok_or_else(|| unclosed("---"))?;
        let map = if fm.trim().is_empty() {
            Mapping::new()
        } else {
            crate::yaml::read::<Mapping>(fm).map_err(|(e, line)| {
                let at = line.map_or(1, |l| l + 1);
                Kind::FrontMatter
                    .error(file, format!("YAML front matter that does not parse: {e}"))
                    .at(at)
            })?
        };
        Ok((map, fm, body, line))
    } else if text.starts_with("+++\n") {
        let (fm, body, line) = fence("+++").ok_or_else(|| unclosed("+++"))?;
        let map = toml::parse(fm).map_err(|(at, message)| {
            Kind::FrontMatter
                .error(
                    file,
                    format!("TOML front matter that dala cannot read: {message}"),
                )
                .at(at + 1)
        })?;
        Ok((map, fm, body, line))
    } else if text.starts_with('{') {
        // JSON front matter: an object, closed by a line that is `}`.
        let mut offset = 0;
        for (i, line) in text.split_inclusive('\n').enumerate() {
            offset += line.len();
            if line.trim_end() == "}" {
                let json: serde_json::Value =
                    serde_json::from_str(&text[..offset]).map_err(|e| {
                        Kind::FrontMatter
                            .error(file, format!("JSON front matter that does not parse: {e}"))
                            .at(e.line())
                    })?;
                let map = crate::yaml::to_value(json)
                    .ok()
                    .and_then(|v| v.as_mapping().cloned())
                    .unwrap_or_default();
                return Ok((map, &text[..offset], &text[offset..], i + 2));
            }
        }
        Err(unclosed("{"))
    } else {
        Ok((Mapping::new(), "", text, 1))
    }
}

fn key_of(key: &Value) -> String {
    key.as_str().unwrap_or_default().to_lowercase()
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => crate::yaml::write(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// A Hugo date as dala writes it (`2024-03-05`, or RFC 3339); a warning and `None` (the
/// date left out) when it is not one.
fn normalise_date(
    value: &Value,
    (file, line): (&Path, usize),
    key: &str,
    page: &mut Page,
) -> Option<Value> {
    let text = scalar_text(value);
    match date(&text) {
        Ok((d, note)) => {
            if let Some(note) = note {
                page.diagnostics.push(
                    Kind::FrontMatter
                        .note(file, format!("`{key}: {text}`: {note}"))
                        .at(line),
                );
            }
            Some(Value::String(d))
        }
        Err(()) => {
            page.diagnostics.push(Kind::FrontMatter.warning(file, format!("`{key}: {text}` is not a date dala reads (YYYY-MM-DD or RFC 3339): left out; write it again")).at(line));
            None
        }
    }
}

/// `text` as a date dala reads, and a note when something had to be assumed.
fn date(text: &str) -> Result<(String, Option<&'static str>), ()> {
    let text = text.trim();
    if let Ok(d) = crate::date::Date::parse(text) {
        let written = if text.len() == 10 {
            d.day().to_string()
        } else {
            d.rfc3339().to_string()
        };
        return Ok((written, None));
    }
    if text.len() < 16 {
        return Err(());
    }
    let (day, rest) = text.split_at(10);
    let rest = rest.trim_start_matches(['T', 't', ' ']);
    // The clock, and what follows it (a zone, or nothing).
    let clock_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (clock, zone) = rest.split_at(clock_len);
    let clock = if clock.len() == 5 {
        format!("{clock}:00")
    } else {
        clock.to_string()
    };
    let zone = zone.trim();
    let (zone, note) = match zone {
        "" => ("Z".to_string(), Some("no time zone: taken as UTC (Hugo takes the site's `timeZone`); add yours if it differs")),
        "UTC" | "GMT" => ("Z".to_string(), None),
        z if z.len() == 5 && (z.starts_with('+') || z.starts_with('-')) => (format!("{}:{}", &z[..3], &z[3..]), None),
        z => (z.to_string(), None),
    };
    let candidate = format!("{day}T{clock}{zone}");
    crate::date::Date::parse(&candidate).map_err(|_| ())?;
    Ok((candidate, note))
}

/// A warning for each Hugo shortcode call on `line` (`{{< name ... >}}`, `{{% name %}}`);
/// closing tags are not calls.
fn shortcodes(line: &str, file: &Path, number: usize, out: &mut Vec<Diagnostic>) {
    let mut rest = line;
    let next = |s: &str| [s.find("{{<"), s.find("{{%")].into_iter().flatten().min();
    while let Some(at) = next(rest) {
        let column = line.len() - rest.len() + at;
        let call = &rest[at + 3..];
        rest = call;
        let inner = call.trim_start();
        if inner.starts_with('/') && !inner.starts_with("/*") {
            continue;
        }
        let escaped = inner.starts_with("/*");
        let name: String = inner
            .trim_start_matches("/*")
            .trim_start()
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '%' | '}' | '*'))
            .collect();
        let column = line[..column].chars().count() + 1;
        let message = if escaped {
            format!("a Hugo shortcode shown as text (`{{{{</* {name} */>}}}}`): in dala write `{{{{/* {name}(...) */}}}}`")
        } else {
            format!("Hugo shortcode `{name}`: {}", hint(&name))
        };
        out.push(
            Kind::Shortcode
                .warning(file, message)
                .at_column(number, column),
        );
    }
}

/// What a Hugo shortcode becomes in dala.
fn hint(name: &str) -> &'static str {
    match name {
        "figure" => "write `{{ figure(src=\"...\", alt=\"...\", caption=\"...\") }}` (alt text is required; docs/shortcodes.md)",
        "ref" | "relref" => "write a Markdown link to the file: `[text](@/articles/page.md)` (docs/hugo.md#shortcodes)",
        "youtube" => "write `{{ video(id=\"...\", title=\"...\") }}` (docs/shortcodes.md)",
        "vimeo" => "write `{{ video(id=\"...\", title=\"...\", host=\"vimeo\") }}` (docs/shortcodes.md)",
        "highlight" => "write a fenced code block: ```lang ... ``` (docs/highlighting.md)",
        "param" => "no equivalent: write the value into the text",
        "gist" | "tweet" | "x" | "instagram" => "an embed from another host: dala's hub theme loads nothing from other hosts; link to it instead",
        _ => "no dala shortcode of that name: write one in templates/shortcodes/ (docs/shortcodes.md#your-own-shortcodes) or rewrite the text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_normalised() {
        assert_eq!(date("2024-03-05").unwrap().0, "2024-03-05");
        assert_eq!(
            date("2024-03-05T10:00:00+06:00").unwrap().0,
            "2024-03-05T10:00:00+06:00"
        );
        assert_eq!(
            date("2024-03-05 10:00").unwrap(),
            (
                "2024-03-05T10:00:00Z".to_string(),
                date("2024-03-05 10:00").unwrap().1
            )
        );
        assert!(date("2024-03-05 10:00").unwrap().1.is_some());
        assert_eq!(
            date("2024-03-05T10:00:00+0600").unwrap().0,
            "2024-03-05T10:00:00+06:00"
        );
        assert!(date("March 5, 2024").is_err());
    }

    #[test]
    fn shortcode_calls_are_found_with_their_column() {
        let mut out = Vec::new();
        shortcodes("See {{< figure src=\"a.png\" >}} and {{% note %}}x{{% /note %}} {{</* ref \"x\" */>}}\n", Path::new("a.md"), 7, &mut out);
        let found: Vec<(usize, usize, bool)> = out
            .iter()
            .map(|d| {
                (
                    d.line.unwrap(),
                    d.column.unwrap(),
                    d.message.contains("figure"),
                )
            })
            .collect();
        assert_eq!(found.len(), 3, "{out:?}");
        assert_eq!(found[0], (7, 5, true));
        assert!(out[1].message.contains("`note`"));
        assert!(out[2].message.contains("shown as text"));
    }
}
