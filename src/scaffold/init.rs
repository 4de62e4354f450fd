//! `dala init`: a new site that builds at once, with the hub theme carried in the binary
//! and example pages in the site's languages.

use super::*;

/// The hub theme with its interface strings, carried in the binary for `dala init`. Never
/// the hub's own `i18n/`: a new site says nothing of the hub.
pub(super) const THEME: &[(&str, &str)] = &[
    (
        "themes/hub/static/style.css",
        include_str!("../../themes/hub/static/style.css"),
    ),
    (
        "themes/hub/static/catalogue.js",
        include_str!("../../themes/hub/static/catalogue.js"),
    ),
    (
        "themes/hub/static/feedback.js",
        include_str!("../../themes/hub/static/feedback.js"),
    ),
    (
        "themes/hub/static/offline.js",
        include_str!("../../themes/hub/static/offline.js"),
    ),
    (
        "themes/hub/static/saved.js",
        include_str!("../../themes/hub/static/saved.js"),
    ),
    (
        "themes/hub/static/video.js",
        include_str!("../../themes/hub/static/video.js"),
    ),
    (
        "themes/hub/templates/404.html",
        include_str!("../../themes/hub/templates/404.html"),
    ),
    (
        "themes/hub/templates/base.html",
        include_str!("../../themes/hub/templates/base.html"),
    ),
    (
        "themes/hub/templates/facet.html",
        include_str!("../../themes/hub/templates/facet.html"),
    ),
    (
        "themes/hub/templates/home.html",
        include_str!("../../themes/hub/templates/home.html"),
    ),
    (
        "themes/hub/templates/macros.html",
        include_str!("../../themes/hub/templates/macros.html"),
    ),
    (
        "themes/hub/templates/offline.html",
        include_str!("../../themes/hub/templates/offline.html"),
    ),
    (
        "themes/hub/templates/page.html",
        include_str!("../../themes/hub/templates/page.html"),
    ),
    (
        "themes/hub/templates/root.html",
        include_str!("../../themes/hub/templates/root.html"),
    ),
    (
        "themes/hub/templates/search.html",
        include_str!("../../themes/hub/templates/search.html"),
    ),
    (
        "themes/hub/templates/section.html",
        include_str!("../../themes/hub/templates/section.html"),
    ),
    (
        "themes/hub/templates/taxonomy.html",
        include_str!("../../themes/hub/templates/taxonomy.html"),
    ),
    (
        "themes/hub/templates/taxonomy_term.html",
        include_str!("../../themes/hub/templates/taxonomy_term.html"),
    ),
    (
        "themes/hub/templates/translation-status.html",
        include_str!("../../themes/hub/templates/translation-status.html"),
    ),
    (
        "themes/hub/templates/shortcodes/country.html",
        include_str!("../../themes/hub/templates/shortcodes/country.html"),
    ),
    (
        "themes/hub/templates/shortcodes/figure.html",
        include_str!("../../themes/hub/templates/shortcodes/figure.html"),
    ),
    (
        "themes/hub/templates/shortcodes/note.html",
        include_str!("../../themes/hub/templates/shortcodes/note.html"),
    ),
    (
        "themes/hub/templates/shortcodes/video.html",
        include_str!("../../themes/hub/templates/shortcodes/video.html"),
    ),
    (
        "themes/hub/i18n/az.yaml",
        include_str!("../../themes/hub/i18n/az.yaml"),
    ),
    (
        "themes/hub/i18n/en.yaml",
        include_str!("../../themes/hub/i18n/en.yaml"),
    ),
    (
        "themes/hub/i18n/hy.yaml",
        include_str!("../../themes/hub/i18n/hy.yaml"),
    ),
    (
        "themes/hub/i18n/ka.yaml",
        include_str!("../../themes/hub/i18n/ka.yaml"),
    ),
    (
        "themes/hub/i18n/kk.yaml",
        include_str!("../../themes/hub/i18n/kk.yaml"),
    ),
    (
        "themes/hub/i18n/ky.yaml",
        include_str!("../../themes/hub/i18n/ky.yaml"),
    ),
    (
        "themes/hub/i18n/ru.yaml",
        include_str!("../../themes/hub/i18n/ru.yaml"),
    ),
    (
        "themes/hub/i18n/tg.yaml",
        include_str!("../../themes/hub/i18n/tg.yaml"),
    ),
    (
        "themes/hub/i18n/tk.yaml",
        include_str!("../../themes/hub/i18n/tk.yaml"),
    ),
    (
        "themes/hub/i18n/uz.yaml",
        include_str!("../../themes/hub/i18n/uz.yaml"),
    ),
];

/// Languages dala publishes by transliterating another (`derive_from`), and from which.
pub(super) const DERIVED: &[(&str, &str)] = &[("kk-Latn", "kk"), ("uz-Cyrl", "uz")];

/// The languages of a site made without `--languages`.
pub const DEFAULT_LANGUAGES: &str = "en,ru";

/// The languages of the hub theme's interface strings.
pub(super) fn theme_languages() -> Vec<&'static str> {
    THEME
        .iter()
        .filter_map(|(path, _)| path.strip_prefix("themes/hub/i18n/")?.strip_suffix(".yaml"))
        .collect()
}

/// `--languages kk,ru,en`: the site's languages, the first the default one. Each must be a
/// language tag the hub theme has interface strings for (or one dala derives from another
/// of the list, `kk-Latn` from `kk`), listed once.
pub fn parse_languages(list: &str) -> Result<Vec<Lang>, String> {
    let theme = theme_languages();
    let mut languages: Vec<Lang> = Vec::new();
    for code in list.split(',').map(str::trim) {
        if code.is_empty() {
            return Err(format!(
                "--languages {list}: expected language codes separated by commas, such as kk,ru,en (the first is the default language)"
            ));
        }
        let lang = Lang::parse(code).map_err(|e| format!("--languages {list}: {e}"))?;
        if languages.contains(&lang) {
            return Err(format!("--languages {list}: `{code}` is listed twice"));
        }
        if let Some((_, parent)) = DERIVED.iter().find(|(d, _)| *d == code) {
            if languages.is_empty() {
                return Err(format!(
                    "--languages {list}: the first language is the default one, written by hand, and dala writes `{code}` from `{parent}`; put `{parent}` first"
                ));
            }
            if !list.split(',').any(|c| c.trim() == *parent) {
                return Err(format!(
                    "--languages {list}: dala writes `{code}` from `{parent}`: list `{parent}` too"
                ));
            }
        } else if !theme.contains(&code) {
            return Err(format!(
                "--languages {list}: the hub theme of a new site has no interface strings in `{code}`; it has {} (add `{code}` to site.yaml later, with its own i18n/{code}.yaml)",
                theme.join(", ")
            ));
        }
        languages.push(lang);
    }
    Ok(languages)
}

/// `site.yaml` and the example content for `languages`, the first the default one. A
/// language dala has no example text in gets the default language's (or, failing that,
/// English) with a comment saying so.
pub(super) fn site_files(languages: &[Lang], today: &str) -> Vec<(String, String)> {
    let default = &languages[0];
    let texts_of = |l: &Lang| TEXTS.iter().find(|t| t.code == l.as_str());
    let fallback_texts = texts_of(default).unwrap_or(&TEXTS[0]);
    let derived = |l: &Lang| DERIVED.iter().find(|(d, _)| *d == l.as_str()).map(|d| d.1);
    let written: Vec<&Lang> = languages.iter().filter(|l| derived(l).is_none()).collect();
    let suffix = |l: &Lang| {
        if l == default {
            String::new()
        } else {
            format!(".{l}")
        }
    };
    let untranslated = |l: &Lang, what: &str| {
        let name = NAMES
            .iter()
            .find(|n| n.0 == l.as_str())
            .map_or(l.as_str(), |n| n.2);
        format!(
            "# dala has no example text in {name} (`{l}`): {what} in {}; translate it.\n",
            fallback_texts.english_name
        )
    };

    let mut yaml = format!(
        "# A site made by `dala init`. See docs/content.md in dala's repository.\n\
         base_url: https://example.org\n\
         default_language: {default}\n\
         languages:\n"
    );
    for l in languages {
        let name = NAMES
            .iter()
            .find(|n| n.0 == l.as_str())
            .map_or(l.as_str(), |n| n.1);
        yaml.push_str(&format!("  {l}:\n    name: {name}\n"));
        if let Some(parent) = derived(l) {
            yaml.push_str(&format!(
                "    # Published by transliterating `{parent}`: its title and pages too.\n    derive_from: {parent}\n"
            ));
            continue;
        }
        let texts = match texts_of(l) {
            Some(t) => t,
            None => {
                yaml.push_str(&format!(
                    "    {}",
                    untranslated(l, "this title and description are")
                ));
                fallback_texts
            }
        };
        yaml.push_str(&format!(
            "    title: {}\n    description: {}\n",
            texts.site_title, texts.description
        ));
        if l != default {
            yaml.push_str(&format!("    fallback: [{default}]\n"));
        }
    }
    yaml.push_str("theme: hub\ntaxonomies: [tags, countries]\nsearch: true\n");

    let mut files = vec![("site.yaml".to_string(), yaml)];
    let article = |l: &Lang| format!("first-article{}.md", suffix(l));
    for l in &written {
        let (texts, comment) = match texts_of(l) {
            Some(t) => (t, String::new()),
            None => (fallback_texts, untranslated(l, "the text of this file is")),
        };
        let home_file = format!("_index{}.md", suffix(l));
        files.push((
            format!("content/{home_file}"),
            format!(
                "---\n{comment}title: {}\n---\n\n{}\n",
                texts.site_title,
                texts.home.replace("{file}", &home_file)
            ),
        ));
        files.push((
            format!("content/articles/_index{}.md", suffix(l)),
            format!("---\n{comment}title: {}\n---\n", texts.articles),
        ));
        let intro = if *l == default {
            let others: Vec<String> = written
                .iter()
                .filter(|o| *o != l)
                .map(|o| format!("`{}`", article(o)))
                .collect();
            let mut intro = texts.original.replace("{file}", &article(l));
            if !others.is_empty() {
                intro.push_str(
                    &texts
                        .original_translations
                        .replace("{others}", &others.join(", ")),
                );
            }
            intro
        } else {
            texts.translation.replace("{original}", &article(default))
        };
        let command = if *l == default {
            "dala new article articles/my-article".to_string()
        } else {
            format!("dala new article articles/my-article --lang {l}")
        };
        files.push((
            format!("content/articles/{}", article(l)),
            format!(
                "---\n{comment}title: {}\ndate: {today}\ntags: [welcome]\ncountries: [kz]\n---\n\n{intro}\n\n<!-- more -->\n\n## {}\n\n- {}\n- {}\n- {}\n",
                texts.article_title,
                texts.next_steps,
                texts.new_article.replace("{command}", &command),
                texts.preview,
                texts.translations,
            ),
        ));
    }
    files
}

/// Makes a new site in `dir`, which must not exist or be empty, in `languages` (the first
/// the default language).
pub fn init(dir: &Path, languages: &[Lang]) -> Result<Vec<PathBuf>, String> {
    if languages.is_empty() {
        return Err("a site needs at least one language".into());
    }
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .next()
            .is_none();
        if !empty {
            return Err(format!(
                "{}: the folder is not empty; dala init makes a site in a new or empty folder",
                dir.display()
            ));
        }
    }
    let mut files: Vec<(String, String)> = THEME
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    files.extend(site_files(languages, &today()));
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
