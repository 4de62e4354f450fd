//! Front matter: the YAML block between a first line `---` and the next line `---`.
//!
//! Keys are checked one by one so that every problem names its key and line: unknown keys
//! (with the list of allowed ones), wrong types, missing `title`, bad dates.

use crate::config::Config;
use crate::date::Date;
use crate::error::{Diagnostic, Kind};
use crate::lang::Lang;
use crate::schema::{PAGE_KEYS, SECTION_KEYS};
use crate::yaml::{Entry, Table, YamlError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SortBy {
    #[default]
    Date,
    Weight,
    Title,
}

// What is absent or empty is left out of the build record, which keeps every page's front
// matter (`SourceCache`): a tenth of its size at 10,000 pages per language was `null`,
// `false` and `[]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// `featured: true`: the home page shows the page among its featured articles.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub featured: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_key: Option<String>,
    /// In a translation: the hash of the original's text it was made from (written by
    /// `dala translations --mark`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_hash: Option<String>,
    /// `original: kk`: the language this page (or, in an `_index.md`, the section's pages)
    /// was first written in; see [`crate::content::Content::original`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<Lang>,
    /// Taxonomy name -> terms, for each taxonomy of `site.yaml` (and `tags`).
    pub taxonomies: BTreeMap<String, Vec<String>>,
    pub extra: serde_json::Value,
    /// A page of a collection (`collections:` of site.yaml): its fields, checked against the
    /// collection's schema (`page.fields` in templates); an empty object otherwise.
    #[serde(default)]
    pub fields: serde_json::Value,
    pub sort_by: SortBy,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paginate_by: Option<usize>,
    /// The line of each key, for later diagnostics (e.g. a slug that collides).
    pub lines: BTreeMap<String, usize>,
}

/// A content file cut in two: its front matter and its Markdown body.
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Cuts `text` at its `---` lines.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Err(Kind::FrontMatter
            .error(
                path,
                "expected front matter: the file must start with a line `---`, then YAML with at least `title:`, then `---`",
            )
            .at(1)
            .quoting(text, 1, None));
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if text[offset..end].trim_end() == "---" {
            return Ok(Split {
                yaml: &text[first_end..offset],
                body: &text[end..],
                body_line: line + 1,
            });
        }
        offset = end;
        line += 1;
    }
    Err(Kind::FrontMatter
        .error(
            path,
            "front matter is not closed: expected a line `---` after the YAML block",
        )
        .at(1))
}

impl FrontMatter {
    /// Parses and checks the YAML of a page (`is_section == false`) or a section's
    /// `_index.md`, the YAML after the file's first line. A problem at a key comes with its
    /// line quoted.
    pub fn parse(
        yaml: &str,
        path: &Path,
        config: &Config,
        is_section: bool,
    ) -> Result<FrontMatter, Vec<Diagnostic>> {
        let at = |e: YamlError| {
            let d = Kind::FrontMatter.error(path, e.message);
            let d = match e.column {
                Some(c) => d.at_column(e.line, c),
                None => d.at(e.line),
            };
            d.quoting(yaml, 2, None)
        };
        let table = Table::parse(yaml, 2).map_err(|e| vec![at(e).kind(Kind::Yaml)])?;
        let mut errors = Vec::new();
        let mut fm = FrontMatter {
            extra: serde_json::Value::Object(Default::default()),
            fields: serde_json::Value::Object(Default::default()),
            ..FrontMatter::default()
        };

        for entry in table.entries() {
            let key = entry.key.as_str();
            fm.lines.insert(key.to_string(), entry.line);
            if entry.is_null() && key != "title" {
                continue;
            }
            let result = fm.set(entry, config, is_section);
            if let Err(e) = result {
                errors.push(at(e));
            }
        }

        match table.get("title") {
            None => errors.push(
                Kind::FrontMatter
                    .error(path, "missing required key `title` in front matter")
                    .at(1),
            ),
            Some(entry)
                if fm.title.trim().is_empty()
                    && errors.iter().all(|e| e.line != Some(entry.line)) =>
            {
                errors.push(
                    Kind::FrontMatter
                        .error(path, "`title` must not be empty")
                        .at_column(entry.line, entry.column)
                        .quoting(yaml, 2, None),
                )
            }
            _ => {}
        }
        if errors.is_empty() {
            Ok(fm)
        } else {
            Err(errors)
        }
    }
    /// Sets the key of `entry` from its value, or says what is wrong with it.
    fn set(&mut self, entry: &Entry, config: &Config, is_section: bool) -> Result<(), YamlError> {
        let key = entry.key.as_str();
        match key {
            "title" => self.title = entry.get()?,
            "date" | "updated" => {
                let text: String = entry.get()?;
                let date = Date::parse(&text).map_err(|message| YamlError {
                    line: entry.line,
                    column: Some(entry.column),
                    message: format!("`{key}`: {message}"),
                })?;
                if key == "date" {
                    self.date = Some(date);
                } else {
                    self.updated = Some(date);
                }
            }
            "draft" => self.draft = entry.get()?,
            "featured" => self.featured = entry.get()?,
            "slug" => {
                let slug: String = entry.get()?;
                if let Err(problem) = crate::safe::check_segment(&slug, &slug) {
                    return Err(YamlError {
                        line: entry.line,
                        column: Some(entry.column),
                        message: format!("`slug` must be one URL segment: {problem}"),
                    });
                }
                self.slug = Some(slug);
            }
            "summary" => self.summary = Some(entry.get()?),
            "description" => self.description = Some(entry.get()?),
            "weight" => self.weight = Some(entry.get()?),
            "template" => self.template = Some(entry.get()?),
            "aliases" => {
                let aliases: Vec<String> = entry.get()?;
                for (i, alias) in aliases.iter().enumerate() {
                    if let Err(problem) = crate::safe::check_site_path(alias) {
                        return Err(YamlError {
                            line: entry.line_of_item(i, alias),
                            column: None,
                            message: format!("`aliases`: {problem}"),
                        });
                    }
                }
                self.aliases = aliases;
            }
            "authors" => self.authors = entry.get()?,
            "translation_key" => self.translation_key = Some(entry.get()?),
            "original_hash" => self.original_hash = Some(entry.get()?),
            "original" => self.original = Some(original_language(entry, config)?),
            "extra" => {
                let extra: serde_json::Value = entry.get()?;
                if !extra.is_object() {
                    return Err(YamlError {
                        line: entry.line,
                        column: Some(entry.column),
                        message: "`extra` must be a mapping of keys to values".into(),
                    });
                }
                self.extra = extra;
            }
            "sort_by" if is_section => {
                let value: String = entry.get()?;
                self.sort_by = match value.as_str() {
                    "date" => SortBy::Date,
                    "weight" => SortBy::Weight,
                    "title" => SortBy::Title,
                    other => {
                        return Err(YamlError {
                            line: entry.line,
                            column: Some(entry.column),
                            message: format!(
                                "`sort_by: {other}`: expected `date`, `weight` or `title`"
                            ),
                        })
                    }
                }
            }
            "paginate_by" if is_section => {
                let n: usize = entry.get()?;
                if n == 0 {
                    return Err(YamlError {
                        line: entry.line,
                        column: Some(entry.column),
                        message: "`paginate_by` must be at least 1".into(),
                    });
                }
                self.paginate_by = Some(n);
            }
            taxonomy if key == "tags" || config.taxonomies.iter().any(|t| t == taxonomy) => {
                let terms = taxonomy_terms(entry)?;
                self.taxonomies.insert(key.to_string(), terms);
            }
            _ => return Err(unknown_key(entry, config, is_section)),
        }
        Ok(())
    }
}

/// What a derived language's version of a page is made with.
#[derive(Clone, Copy)]
pub struct Derivation<'a> {
    /// The language written by hand (`kk`) and the derived one (`kk-Latn`).
    pub parent: &'a Lang,
    pub code: &'a Lang,
    pub convert: fn(&str) -> String,
    /// The collection of the page, if any: its per-language fields are transliterated.
    pub collection: Option<&'a crate::collections::Collection>,
}

/// The front matter of a page's version in a derived language: its texts transliterated,
/// and the parent's aliases in the parent's language moved to the derived one's
/// (`/kk/old/` → `/kk-Latn/old/`); an alias outside the parent's language is the parent's
/// alone.
pub fn derived_front_matter(fm: &FrontMatter, derivation: Derivation) -> FrontMatter {
    let convert = derivation.convert;
    // Every field named: a new key does not compile until it is decided here whether a
    // derived language transliterates it.
    let FrontMatter {
        title,
        date,
        updated,
        draft,
        featured,
        slug,
        summary,
        description,
        weight,
        template,
        aliases,
        authors,
        translation_key,
        original_hash,
        original,
        taxonomies,
        extra,
        fields,
        sort_by,
        paginate_by,
        lines,
    } = fm.clone();
    FrontMatter {
        // Text for readers: transliterated.
        title: convert(&title),
        summary: summary.as_deref().map(convert),
        description: description.as_deref().map(convert),
        authors: authors.iter().map(|a| convert(a)).collect(),
        aliases: aliases
            .iter()
            .filter_map(|a| {
                let rest = a
                    .trim_start_matches('/')
                    .strip_prefix(derivation.parent.as_str())?;
                rest.starts_with('/')
                    .then(|| format!("/{}{rest}", derivation.code))
            })
            .collect(),
        // The rest as the parent has it (`extra` and terms are data, not text to convert).
        date,
        updated,
        draft,
        featured,
        slug,
        weight,
        template,
        translation_key,
        original_hash,
        original,
        taxonomies,
        extra,
        // A collection's per-language texts are converted; its facts are not.
        fields: match derivation.collection {
            Some(c) => crate::collections::transliterate(c, &fields, convert),
            None => fields,
        },
        sort_by,
        paginate_by,
        lines,
    }
}

/// `original:`: a language of the site that is written by hand (not derived).
fn original_language(entry: &Entry, config: &Config) -> Result<Lang, YamlError> {
    let code: String = entry.get()?;
    let problem = match config.find_language(&code) {
        None => format!(
            "`original: {code}`: expected a language of site.yaml ({}), the one this page was first written in",
            config.language_codes()
        ),
        Some(l) => match &l.derive_from {
            None => return Ok(l.code.clone()),
            Some(parent) => format!(
                "`original: {code}`: dala writes `{code}` from `{parent}`, so it is never an original; write `original: {parent}`"
            ),
        },
    };
    Err(YamlError {
        line: entry.line,
        column: Some(entry.column),
        message: problem,
    })
}

/// A taxonomy's terms: text; numbers (SDGs: `[9, 16]`) are taken as their text.
fn taxonomy_terms(entry: &Entry) -> Result<Vec<String>, YamlError> {
    let key = entry.key.as_str();
    // Terms are text; numbers (SDGs: [9, 16]) are taken as their text.
    let raw: Vec<serde_json::Value> = entry.get()?;
    let kind = crate::taxonomy::Kind::of(key);
    let mut terms = Vec::with_capacity(raw.len());
    for (i, value) in raw.iter().enumerate() {
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        let problem = if text.trim().is_empty() {
            Some(format!("term {} is empty or not text", i + 1))
        } else {
            crate::taxonomy::check_term(kind, &text)
                .map(|t| terms.push(t))
                .err()
        };
        if let Some(problem) = problem {
            return Err(YamlError {
                line: entry.line,
                column: Some(entry.column),
                message: format!("`{key}`: {problem}"),
            });
        }
    }
    Ok(terms)
}

/// The error for a key that front matter does not have: the key meant, or the keys it has.
fn unknown_key(entry: &Entry, config: &Config, is_section: bool) -> YamlError {
    let key = entry.key.as_str();
    let mut allowed: Vec<&str> = PAGE_KEYS.to_vec();
    if is_section {
        allowed.extend(SECTION_KEYS);
    }
    allowed.extend(
        config
            .taxonomies
            .iter()
            .map(String::as_str)
            .filter(|t| *t != "tags"),
    );
    YamlError {
        line: entry.line,
        column: Some(entry.column),
        message: crate::hints::unknown_front_matter_key(key, &allowed, SECTION_KEYS),
    }
}
