//! The `languages:` of `site.yaml`: each language's keys, the references between them
//! (`derive_from`, `fallback`), and the texts a derived language takes from its parent.

use super::*;

/// `languages:`, each with its profile; at least one.
pub(super) fn parse_languages(
    table: &Table,
    path: &Path,
    errors: &mut Vec<Diagnostic>,
    at: impl Fn(YamlError) -> Diagnostic,
) -> Vec<Language> {
    let mut languages = Vec::new();
    match table.get("languages") {
        None => errors.push(missing(
            path,
            "languages",
            "e.g. `languages: { en: { name: English, title: Hub } }`",
        )),
        Some(entry) => match entry.table() {
            Err(err) => errors.push(at(err)),
            Ok(langs) => {
                for lang in langs.entries() {
                    match parse_language(lang, path) {
                        Ok(l) => languages.push(l),
                        Err(mut e) => errors.append(&mut e),
                    }
                }
                if langs.entries().is_empty() {
                    errors.push(
                        Kind::Config
                            .error(path, "`languages` must configure at least one language")
                            .at_column(entry.line, entry.column),
                    );
                }
            }
        },
    }
    languages
}

/// Each language's `fallback` and `derive_from` name configured languages, and a derived
/// language is one dala can make from its parent.
pub(super) fn check_language_references(
    table: &Table,
    languages: &[Language],
    path: &Path,
    errors: &mut Vec<Diagnostic>,
) {
    for lang in languages {
        if let Some(from) = &lang.derive_from {
            if lang.profile.transliteration.is_none() {
                let line = table.get("languages").map_or(1, |e| e.line);
                errors.push(
                    Kind::Config
                        .error(
                            path,
                            format!(
                            "language `{}`: dala cannot derive it from `{from}` (it can derive {})",
                            lang.code,
                            crate::language::DERIVABLE
                        ),
                        )
                        .at(line),
                );
            }
        }
        let refs = lang.fallback.iter().chain(lang.derive_from.iter());
        for r in refs {
            if !languages.iter().any(|l| &l.code == r) {
                let line = table.get("languages").map_or(1, |e| e.line);
                errors.push(
                    Kind::Config.error(
                        path,
                        format!(
                            "language `{}` refers to `{r}`, which is not a configured language ({})",
                            lang.code,
                            codes(languages)
                        ),
                    )
                    .at(line),
                );
            }
        }
    }
}

/// A derived language without a `title` or `description` of its own has its parent's,
/// transliterated.
pub(super) fn derive_texts(mut languages: Vec<Language>) -> Vec<Language> {
    for i in 0..languages.len() {
        let (Some(parent), Some(convert)) = (
            languages[i].derive_from.clone(),
            languages[i].profile.transliteration,
        ) else {
            continue;
        };
        let Some(p) = languages.iter().position(|l| l.code == parent) else {
            continue;
        };
        if languages[i].title.is_empty() {
            languages[i].title = convert(&languages[p].title);
        }
        if languages[i].description.is_empty() {
            languages[i].description = convert(&languages[p].description);
        }
    }
    languages
}

pub(super) fn parse_language(
    entry: &crate::yaml::Entry,
    path: &Path,
) -> Result<Language, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let at = |e: YamlError| {
        Kind::Config
            .error(path, format!("language `{}`: {}", entry.key, e.message))
            .at(e.line)
    };
    let code = Lang::parse(&entry.key).map_err(|e| {
        vec![Kind::Config
            .error(path, e)
            .at_column(entry.line, entry.column)]
    })?;
    let table = entry.table().map_err(|e| vec![at(e)])?;
    check_keys(
        &table,
        LANGUAGE_KEYS,
        &format!("language `{code}`"),
        path,
        &mut errors,
    );
    let name = optional::<String>(&table, "name", &mut errors, at);
    let title = optional::<String>(&table, "title", &mut errors, at);
    // Readers choose a language by its name, and see the site's title in it; a derived
    // language has its parent's title, transliterated.
    let blank = |key: &str, value: &Option<String>| {
        table.get(key).is_none() || value.as_deref().is_some_and(|v| v.trim().is_empty())
    };
    let derived = table.get("derive_from").is_some();
    for (key, value) in [("name", &name), ("title", &title)] {
        if blank(key, value) && !(key == "title" && derived) {
            let native = crate::language::NAMES
                .iter()
                .find(|n| n.0 == code.as_str())
                .map(|n| n.1);
            let message = match key {
                "name" => crate::hints::language_without_name(code.as_str(), native),
                _ => crate::hints::language_without_title(code.as_str(), native),
            };
            let (line, column) = table
                .get(key)
                .map_or((entry.line, entry.column), |e| (e.line, e.column));
            errors.push(Kind::Config.error(path, message).at_column(line, column));
        }
    }
    let (name, title) = (name.unwrap_or_default(), title.unwrap_or_default());
    let description =
        optional::<String>(&table, "description", &mut errors, at).unwrap_or_default();
    let mut tags = |key: &str| -> Vec<Lang> {
        let list = optional::<Vec<String>>(&table, key, &mut errors, at).unwrap_or_default();
        list.into_iter()
            .filter_map(|c| match Lang::parse(&c) {
                Ok(l) => Some(l),
                Err(e) => {
                    errors.push(
                        Kind::Config
                            .error(path, e)
                            .at_column(entry.line, entry.column),
                    );
                    None
                }
            })
            .collect()
    };
    let fallback = tags("fallback");
    // A key with two values, the first the default.
    let mut choice = |key: &str, values: [&str; 2]| -> bool {
        let Some(e) = table.get(key) else {
            return false;
        };
        match e.get::<String>() {
            Ok(v) if v == values[1] => true,
            Ok(v) if v == values[0] => false,
            _ => {
                let message = format!(
                    "language `{code}`: `{key}` is `{}` or `{}`",
                    values[0], values[1]
                );
                errors.push(
                    Kind::Config
                        .error(path, message)
                        .at_column(e.line, e.column),
                );
                false
            }
        }
    };
    let show_untranslated = choice("untranslated", ["hide", "show"]);
    let ascii_slugs = choice("slugs", ["unicode", "ascii"]);
    let derive_from = match table.get("derive_from") {
        None => None,
        Some(e) => match e.get::<String>() {
            Ok(c) => match Lang::parse(&c) {
                Ok(l) => Some(l),
                Err(msg) => {
                    errors.push(Kind::Config.error(path, msg).at_column(e.line, e.column));
                    None
                }
            },
            Err(err) => {
                errors.push(at(err));
                None
            }
        },
    };
    if errors.is_empty() {
        let profile = Profile::resolve(&code, derive_from.as_ref(), ascii_slugs);
        Ok(Language {
            code,
            name,
            title,
            description,
            fallback,
            derive_from,
            show_untranslated,
            profile,
        })
    } else {
        Err(errors)
    }
}
