//! `site.yaml`: read as a YAML table, then checked into a [`Config`] whose every value is
//! valid. Unknown keys are errors, as in front matter.

use crate::error::{Diagnostic, Kind};
use crate::lang::Lang;
use crate::language::Profile;
use crate::yaml::{Table, YamlError};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "site.yaml";
pub use crate::schema::SITE_KEYS;
use crate::schema::{LANGUAGE_KEYS, MARKDOWN_KEYS};

mod feedback;
mod images;
mod languages;
pub use feedback::{Feedback, FEEDBACK_KEYS};
pub use images::{Forge, IMAGE_KEYS};
use languages::{check_language_references, derive_texts, parse_languages};

#[derive(Debug, Clone, Serialize)]
pub struct Language {
    pub code: Lang,
    /// The language's name in itself: `Қазақша`, `Русский`.
    pub name: String,
    /// The site's title in this language.
    pub title: String,
    /// What the site is, in a sentence, in this language (`description:`): for themes'
    /// meta descriptions and footers. Empty when not given.
    pub description: String,
    /// Where missing interface strings come from, in order.
    pub fallback: Vec<Lang>,
    pub derive_from: Option<Lang>,
    /// `untranslated: show`: section listings in this language also list pages that have
    /// no version in it, in the language they exist in (`hide`, the default, leaves them out).
    pub show_untranslated: bool,
    /// What dala does differently in this language, resolved from its tag, `derive_from`
    /// and `slugs` (`ascii` transliterates URL segments to ASCII; `unicode`, the default,
    /// keeps them in the language's script).
    #[serde(skip)]
    pub profile: Profile,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Without a trailing slash: `https://hub.example.org` or `https://example.org/hub`.
    pub base_url: String,
    pub default_language: Lang,
    /// In the order of `site.yaml`, which is the order of language switchers.
    pub languages: Vec<Language>,
    pub theme: Option<String>,
    pub taxonomies: Vec<String>,
    pub unsafe_html: bool,
    /// `search: true`: a search index per language, `/search.js`, and a search page per
    /// language if the theme has `search.html`.
    pub search: bool,
    /// `rules:` front matter rules per section, which `dala check` enforces.
    pub rules: BTreeMap<String, SectionRules>,
    /// The line of `rules:` in site.yaml.
    pub rules_line: usize,
    /// `collections:`, the typed fields of the pages of some sections.
    pub collections: Vec<crate::collections::Collection>,
    /// `menu:`, the links of the main navigation; `None` when site.yaml has none, and the
    /// menu is the site's top-level sections.
    pub menu: Option<Vec<crate::menu::MenuItem>>,
    /// `logo:`, an image of the site's or the theme's `static/` (`logo.svg`,
    /// `img/logo.png`) that themes show in the header, with the site's title as its alt text.
    pub logo: Option<String>,
    /// `extra_css:`, a stylesheet of `static/` that themes load after their own, for a
    /// site's own rules and custom property values.
    pub extra_css: Option<String>,
    /// `images:`, how images are processed (src/images).
    pub images: crate::images::Settings,
    /// `precompress: true`: a `.br` and a `.gz` beside each text file of the output, for
    /// hosts that serve precompressed files (also `dala build --precompress`).
    pub precompress: bool,
    /// `offline: true`: a service worker that keeps the pages a reader opened for reading
    /// without a connection.
    pub offline: bool,
    /// `edit_url:` and `new_file_url:`, where a source file is edited and a new one made
    /// on the site's forge.
    pub forge: Forge,
    /// `timezone:`, an IANA name: where the dates of a schedule are read when a page names
    /// no zone (`collections:`' `schedule:`). UTC without one.
    pub timezone: jiff::tz::TimeZone,
    /// The build's date and time ([`crate::time::build_now`]): what a schedule's status is
    /// read at. Set by the build; the clock's time when `site.yaml` is only parsed.
    pub now: jiff::Timestamp,
    /// `feedback:`, "Is this page useful?": where the form posts, and which pages have it.
    pub feedback: Option<Feedback>,
    pub extra: serde_json::Value,
}

/// `timezone:`, an IANA name; UTC without one.
fn parse_timezone(
    table: &Table,
    path: &Path,
    errors: &mut Vec<Diagnostic>,
    at: impl Fn(YamlError) -> Diagnostic,
) -> jiff::tz::TimeZone {
    let Some(name) = optional::<String>(table, "timezone", errors, at) else {
        return jiff::tz::TimeZone::UTC;
    };
    crate::time::zone(name.trim()).unwrap_or_else(|problem| {
        let line = table.get("timezone").map_or(1, |e| e.line);
        errors.push(
            Kind::Config
                .error(path, format!("`timezone`: {problem}"))
                .at(line),
        );
        jiff::tz::TimeZone::UTC
    })
}

/// `taxonomies:`, each a lower-case ASCII name that no front matter key has, listed once.
fn parse_taxonomies(
    table: &Table,
    path: &Path,
    errors: &mut Vec<Diagnostic>,
    at: impl Fn(YamlError) -> Diagnostic,
) -> Vec<String> {
    let taxonomies = optional::<Vec<String>>(table, "taxonomies", errors, at).unwrap_or_default();
    for (i, name) in taxonomies.iter().enumerate() {
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        let line = table.get("taxonomies").map_or(1, |e| e.line);
        if !valid {
            errors.push(
                Kind::Config.error(path, format!("taxonomy `{name}`: names are lower-case ASCII letters, digits, `_` and `-`"))
                    .at(line),
            );
        } else if taxonomies[..i].contains(name) || crate::schema::is_reserved_key(name) {
            errors.push(
                Kind::Config
                    .error(
                        path,
                        format!(
                            "taxonomy `{name}` is listed twice or clashes with a front matter key"
                        ),
                    )
                    .at(line),
            );
        }
    }
    taxonomies
}

/// What `dala check` asks of the pages of a section (`rules: { articles: {...} }`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionRules {
    /// Front matter keys every page of the section must have.
    #[serde(default)]
    pub required: Vec<String>,
    /// For a taxonomy or `authors`: the only values allowed.
    #[serde(default)]
    pub values: BTreeMap<String, Vec<String>>,
}

impl Config {
    /// Reads `site.yaml` in `root`; every problem found is returned, not just the first.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|e| {
            vec![Kind::Io.error(
                &path,
                format!("cannot read the site configuration: {e} (is --root the site's folder?)"),
            )]
        })?;
        let text = crate::source::decode(bytes, &path).map_err(|e| vec![e])?;
        Config::parse(&text, &path)
    }

    /// Parses `site.yaml`; a problem at a key (line and column) comes with its line quoted.
    pub fn parse(text: &str, path: &Path) -> Result<Config, Vec<Diagnostic>> {
        Config::parse_table(text, path).map_err(|errors| {
            errors
                .into_iter()
                .map(|d| match d.column {
                    Some(_) => d.quoting(text, 1, None),
                    None => d,
                })
                .collect()
        })
    }

    fn parse_table(text: &str, path: &Path) -> Result<Config, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let at = |e: YamlError| {
            let d = Kind::Config.error(path, e.message);
            match e.column {
                Some(c) => d.at_column(e.line, c),
                None => d.at(e.line),
            }
        };
        let table = Table::parse(text, 1).map_err(|e| vec![at(e).kind(Kind::Yaml)])?;
        check_keys(&table, SITE_KEYS, "site.yaml", path, &mut errors);

        let mut base_url = String::new();
        match table.get("base_url") {
            None => errors.push(missing(
                path,
                "base_url",
                "e.g. `base_url: https://hub.example.org`",
            )),
            Some(e) => match e.get::<String>() {
                Ok(url) => match crate::safe::check_base_url(&url) {
                    Ok(()) => base_url = url.trim_end_matches('/').to_string(),
                    Err(problem) => errors.push(
                        Kind::Config
                            .error(path, format!("`base_url`: {problem}"))
                            .at_column(e.line, e.column),
                    ),
                },
                Err(err) => errors.push(at(err)),
            },
        }

        let languages = parse_languages(&table, path, &mut errors, at);

        let mut default_language = None;
        match table.get("default_language") {
            None => errors.push(missing(path, "default_language", "e.g. `default_language: en`")),
            Some(e) => match e.get::<String>() {
                Err(err) => errors.push(at(err)),
                Ok(code) => match languages.iter().find(|l| l.code.as_str() == code) {
                    Some(l) => default_language = Some(l.code.clone()),
                    None if !languages.is_empty() => errors.push(
                        Kind::Config.error(
                            path,
                            format!(
                                "`default_language: {code}` is not one of the configured languages ({})",
                                codes(&languages)
                            ),
                        )
                        .at_column(e.line, e.column),
                    ),
                    None => {}
                },
            },
        }

        check_language_references(&table, &languages, path, &mut errors);
        let languages = derive_texts(languages);
        let menu = table.get("menu").map(|entry| {
            let codes: Vec<Lang> = languages.iter().map(|l| l.code.clone()).collect();
            crate::menu::parse(
                entry,
                (&codes, default_language.as_ref()),
                path,
                &mut errors,
            )
        });

        let theme = optional::<String>(&table, "theme", &mut errors, at);
        if let Some(name) = &theme {
            // A folder of `themes/`: one name, never a path that climbs out of the site.
            if let Err(problem) = crate::safe::check_segment(name, name) {
                let line = table.get("theme").map_or(1, |e| e.line);
                errors.push(
                    Kind::Config
                        .error(path, format!("`theme`: {problem}"))
                        .at(line),
                );
            }
        }
        let taxonomies = parse_taxonomies(&table, path, &mut errors, at);
        let unsafe_html = parse_markdown(&table, path, &mut errors, at);
        let search = optional::<bool>(&table, "search", &mut errors, at).unwrap_or(false);
        let (images, precompress, offline, forge) =
            images::parse_delivery(&table, path, &mut errors, at);
        let feedback = feedback::parse_feedback(&table, path, &mut errors, at);
        let rules = optional::<BTreeMap<String, SectionRules>>(&table, "rules", &mut errors, at)
            .unwrap_or_default();
        let rules_line = table.get("rules").map_or(1, |e| e.line);
        let collections = table
            .get("collections")
            .map(|e| crate::collections::parse(e, path, &mut errors))
            .unwrap_or_default();
        let logo = static_file(&table, "logo", path, &mut errors, at);
        let extra_css = static_file(&table, "extra_css", path, &mut errors, at);
        let timezone = parse_timezone(&table, path, &mut errors, at);
        let extra = optional::<serde_json::Value>(&table, "extra", &mut errors, at)
            .unwrap_or_else(|| serde_json::Value::Object(Default::default()));

        match default_language {
            Some(default_language) if errors.is_empty() => Ok(Config {
                base_url,
                default_language,
                languages,
                theme,
                taxonomies,
                unsafe_html,
                search,
                rules,
                rules_line,
                collections,
                menu,
                logo,
                extra_css,
                images,
                precompress,
                offline,
                forge,
                timezone,
                now: jiff::Timestamp::now(),
                feedback,
                extra,
            }),
            _ => Err(errors),
        }
    }

    /// The transliteration that makes `code` from the language it derives from, if any.
    pub fn transliteration(&self, code: &Lang) -> Option<crate::translit::Transliteration> {
        self.find_language(code.as_str())?.profile.transliteration
    }

    /// `segment` as a URL segment of language `code`: as it is, or in ASCII if the language
    /// asks for `slugs: ascii`.
    pub fn url_segment(&self, code: &Lang, segment: &str) -> String {
        match self.find_language(code.as_str()) {
            Some(l) => l.profile.slugs.segment(segment),
            None => segment.to_string(),
        }
    }

    pub fn language(&self, code: &Lang) -> &Language {
        self.languages
            .iter()
            .find(|l| &l.code == code)
            .expect("languages are validated against the config")
    }

    /// Where a reader of `code` is sent for content the language lacks, in order (the
    /// original comes after these): the language it derives from, its `fallback`, its
    /// parent's `fallback`.
    pub fn content_fallback(&self, code: &Lang) -> Vec<Lang> {
        let mut chain: Vec<Lang> = Vec::new();
        let Some(language) = self.find_language(code.as_str()) else {
            return chain;
        };
        let parent = language
            .derive_from
            .as_ref()
            .and_then(|p| self.find_language(p.as_str()));
        let parent_fallback = parent.map(|p| p.fallback.as_slice()).unwrap_or(&[]);
        for l in language
            .derive_from
            .iter()
            .chain(&language.fallback)
            .chain(parent_fallback)
        {
            if l != code && !chain.contains(l) {
                chain.push(l.clone());
            }
        }
        chain
    }

    pub fn find_language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code.as_str() == code)
    }

    pub fn language_codes(&self) -> String {
        codes(&self.languages)
    }

    /// The folder of the theme's templates and static files, if a theme is set.
    pub fn theme_dir(&self, root: &Path) -> Option<PathBuf> {
        self.theme.as_ref().map(|t| root.join("themes").join(t))
    }
}

fn codes(languages: &[Language]) -> String {
    languages
        .iter()
        .map(|l| l.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A key naming a file of `static/` (`logo: img/logo.svg`): a relative path of plain
/// segments, never one that climbs out or leaves the site.
fn static_file(
    table: &Table,
    key: &str,
    path: &Path,
    errors: &mut Vec<Diagnostic>,
    at: impl Fn(YamlError) -> Diagnostic,
) -> Option<String> {
    let value = optional::<String>(table, key, errors, at)?;
    let file = value.trim_start_matches('/');
    let problem = if file.is_empty() {
        Some("an empty path".to_string())
    } else if file.contains(':') {
        Some("a URL; it names a file of `static/`, such as `img/logo.svg`".to_string())
    } else {
        file.split('/')
            .find_map(|segment| crate::safe::check_segment(segment, file).err())
    };
    match problem {
        None => Some(file.to_string()),
        Some(problem) => {
            let e = table.get(key).expect("the key was read");
            errors.push(
                Kind::Config
                    .error(path, format!("`{key}`: {problem}"))
                    .at_column(e.line, e.column),
            );
            None
        }
    }
}

fn missing(path: &Path, key: &str, hint: &str) -> Diagnostic {
    Kind::Config
        .error(path, format!("missing required key `{key}` ({hint})"))
        .at(1)
}

fn optional<T: serde::de::DeserializeOwned>(
    table: &Table,
    key: &str,
    errors: &mut Vec<Diagnostic>,
    at: impl Fn(YamlError) -> Diagnostic,
) -> Option<T> {
    let entry = table.get(key)?;
    match entry.get::<T>() {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(at(e));
            None
        }
    }
}

/// Reports every key of `table` that is not in `allowed`.
pub fn check_keys(
    table: &Table,
    allowed: &[&str],
    what: &str,
    path: &Path,
    errors: &mut Vec<Diagnostic>,
) {
    for entry in table.entries() {
        if !allowed.contains(&entry.key.as_str()) {
            errors.push(
                Kind::Config
                    .error(
                        path,
                        format!(
                            "unknown key `{}` in {what}; allowed keys: {}",
                            entry.key,
                            allowed.join(", ")
                        ),
                    )
                    .at_column(entry.line, entry.column),
            );
        }
    }
}

/// `markdown:` of site.yaml: whether raw HTML in Markdown is let through (`unsafe_html`).
fn parse_markdown(
    table: &Table,
    path: &Path,
    errors: &mut Vec<Diagnostic>,
    at: impl Fn(YamlError) -> Diagnostic + Copy,
) -> bool {
    match table.get("markdown").map(|e| e.table()) {
        None => false,
        Some(Err(err)) => {
            errors.push(at(err));
            false
        }
        Some(Ok(md)) => {
            check_keys(&md, MARKDOWN_KEYS, "markdown", path, errors);
            optional::<bool>(&md, "unsafe_html", errors, at).unwrap_or(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(text, Path::new("site.yaml"))
    }

    #[test]
    fn a_good_config() {
        let c = parse(
            "base_url: https://hub.example.org/\ndefault_language: en\nlanguages:\n  en: { name: English, title: Hub }\n  ru: { name: Русский, title: Хаб, fallback: [en] }\ntheme: hub\ntaxonomies: [tags]\n",
        )
        .unwrap();
        assert_eq!(c.base_url, "https://hub.example.org");
        assert_eq!(c.languages.len(), 2);
        assert_eq!(c.languages[1].fallback, vec![Lang::parse("en").unwrap()]);
    }

    #[test]
    fn language_settings() {
        let c = parse(
            "base_url: https://x.org\ndefault_language: kk\nlanguages:\n  kk: { name: Қазақша, title: Т, slugs: ascii, untranslated: show }\n  kk-Latn: { name: Qazaqşa, derive_from: kk }\n",
        )
        .unwrap();
        assert!(c.languages[0].show_untranslated);
        assert!(matches!(
            c.languages[0].profile.slugs,
            crate::slug::Mode::Ascii(_)
        ));
        assert_eq!(c.url_segment(&c.languages[0].code, "Үкімет"), "ukimet");
        assert!(c.transliteration(&c.languages[1].code).is_some());
        let errors = parse(
            "base_url: https://x.org\ndefault_language: en\nlanguages:\n  en: { name: English, slugs: latin }\n  ru-Latn: { name: R, derive_from: en }\n  kk_KZ: { name: K }\n",
        )
        .unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            messages.iter().any(
                |m| m.contains("site.yaml:4:") && m.contains("`slugs` is `unicode` or `ascii`")
            ),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("cannot derive it from `en`")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("use `-`, not `_`")),
            "{messages:?}"
        );
    }

    #[test]
    fn a_derived_language_has_its_parents_texts_transliterated() {
        let c = parse(
            "base_url: https://x.org\ndefault_language: kk\nlanguages:\n  kk: { name: Қазақша, title: Құжаттар, description: Құралды орнату }\n  kk-Latn: { name: Qazaqşa, derive_from: kk }\n  en: { name: English, title: Docs }\n",
        )
        .unwrap();
        assert_eq!(c.languages[1].title, "Qūjattar");
        assert_eq!(c.languages[1].description, "Qūraldy ornatu");
        assert_eq!(c.languages[2].description, "");
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let errors = parse("base_url: ftp://x\ndefault_language: fr\nlanguages:\n  en: { name: English, title: Hub }\ncolour: blue\n")
            .unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert!(lines.contains(&Some(1)), "{errors:?}");
        assert!(lines.contains(&Some(2)), "{errors:?}");
        assert!(lines.contains(&Some(5)), "{errors:?}");
        assert!(errors
            .iter()
            .any(|e| e.message.contains("unknown key `colour`")));
    }
}
