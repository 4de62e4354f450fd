//! `dala new` (a content file with its front matter filled in) and `dala init` (a new site
//! that builds at once, with the hub theme).

use crate::config::Config;
use crate::content::front_matter::{self, FrontMatter};
use crate::lang::Lang;
use std::path::{Path, PathBuf};

/// The hub theme with its interface strings, carried in the binary for `dala init`. Never
/// the hub's own `i18n/`: a new site says nothing of the hub.
const THEME: &[(&str, &str)] = &[
    (
        "themes/hub/static/style.css",
        include_str!("../themes/hub/static/style.css"),
    ),
    (
        "themes/hub/static/video.js",
        include_str!("../themes/hub/static/video.js"),
    ),
    (
        "themes/hub/templates/404.html",
        include_str!("../themes/hub/templates/404.html"),
    ),
    (
        "themes/hub/templates/base.html",
        include_str!("../themes/hub/templates/base.html"),
    ),
    (
        "themes/hub/templates/home.html",
        include_str!("../themes/hub/templates/home.html"),
    ),
    (
        "themes/hub/templates/macros.html",
        include_str!("../themes/hub/templates/macros.html"),
    ),
    (
        "themes/hub/templates/page.html",
        include_str!("../themes/hub/templates/page.html"),
    ),
    (
        "themes/hub/templates/root.html",
        include_str!("../themes/hub/templates/root.html"),
    ),
    (
        "themes/hub/templates/search.html",
        include_str!("../themes/hub/templates/search.html"),
    ),
    (
        "themes/hub/templates/section.html",
        include_str!("../themes/hub/templates/section.html"),
    ),
    (
        "themes/hub/templates/taxonomy.html",
        include_str!("../themes/hub/templates/taxonomy.html"),
    ),
    (
        "themes/hub/templates/taxonomy_term.html",
        include_str!("../themes/hub/templates/taxonomy_term.html"),
    ),
    (
        "themes/hub/templates/translation-status.html",
        include_str!("../themes/hub/templates/translation-status.html"),
    ),
    (
        "themes/hub/templates/shortcodes/country.html",
        include_str!("../themes/hub/templates/shortcodes/country.html"),
    ),
    (
        "themes/hub/templates/shortcodes/figure.html",
        include_str!("../themes/hub/templates/shortcodes/figure.html"),
    ),
    (
        "themes/hub/templates/shortcodes/note.html",
        include_str!("../themes/hub/templates/shortcodes/note.html"),
    ),
    (
        "themes/hub/templates/shortcodes/video.html",
        include_str!("../themes/hub/templates/shortcodes/video.html"),
    ),
    (
        "themes/hub/i18n/az.yaml",
        include_str!("../themes/hub/i18n/az.yaml"),
    ),
    (
        "themes/hub/i18n/en.yaml",
        include_str!("../themes/hub/i18n/en.yaml"),
    ),
    (
        "themes/hub/i18n/hy.yaml",
        include_str!("../themes/hub/i18n/hy.yaml"),
    ),
    (
        "themes/hub/i18n/ka.yaml",
        include_str!("../themes/hub/i18n/ka.yaml"),
    ),
    (
        "themes/hub/i18n/kk.yaml",
        include_str!("../themes/hub/i18n/kk.yaml"),
    ),
    (
        "themes/hub/i18n/ky.yaml",
        include_str!("../themes/hub/i18n/ky.yaml"),
    ),
    (
        "themes/hub/i18n/ru.yaml",
        include_str!("../themes/hub/i18n/ru.yaml"),
    ),
    (
        "themes/hub/i18n/tg.yaml",
        include_str!("../themes/hub/i18n/tg.yaml"),
    ),
    (
        "themes/hub/i18n/tk.yaml",
        include_str!("../themes/hub/i18n/tk.yaml"),
    ),
    (
        "themes/hub/i18n/uz.yaml",
        include_str!("../themes/hub/i18n/uz.yaml"),
    ),
];

const SITE: &[(&str, &str)] = &[
    (
        "site.yaml",
        "# A site made by `dala init`. See docs/content.md in dala's repository.\n\
base_url: https://example.org\n\
default_language: en\n\
languages:\n  \
en:\n    \
name: English\n    \
title: My digital government site\n    \
description: What this site is about, in one sentence (edit it in site.yaml).\n  \
ru:\n    \
name: Русский\n    \
title: Мой сайт о цифровом правительстве\n    \
description: О чём этот сайт, в одном предложении (измените его в site.yaml).\n    \
fallback: [en]\n\
theme: hub\n\
taxonomies: [tags, countries]\n\
search: true\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: My digital government site\n---\n\nWelcome. Edit `content/_index.md` to change this text, and write articles in `content/articles/`.\n",
    ),
    (
        "content/_index.ru.md",
        "---\ntitle: Мой сайт о цифровом правительстве\n---\n\nДобро пожаловать. Этот текст находится в файле `content/_index.ru.md`, а статьи пишутся в папке `content/articles/`.\n",
    ),
    ("content/articles/_index.md", "---\ntitle: Articles\n---\n"),
    ("content/articles/_index.ru.md", "---\ntitle: Статьи\n---\n"),
];

/// The first article, dated the day the site is made, in English and Russian.
fn first_article(today: &str) -> [(String, String); 2] {
    [
        (
            "content/articles/first-article.md".into(),
            format!("---\ntitle: Our first article\ndate: {today}\ntags: [welcome]\ncountries: [kz]\n---\n\nThis article has a Russian translation in `first-article.ru.md`: the language switcher at the top of the page leads to it.\n\n<!-- more -->\n\n## Next steps\n\n- Write a new article with `dala new article articles/my-article`.\n- Preview the site with `dala serve`, and publish `public/` after `dala build`.\n"),
        ),
        (
            "content/articles/first-article.ru.md".into(),
            format!("---\ntitle: Наша первая статья\ndate: {today}\ntags: [welcome]\ncountries: [kz]\n---\n\nУ этой статьи есть английский оригинал в файле `first-article.md`: переключатель языков вверху страницы ведёт к нему.\n\n<!-- more -->\n\n## Что дальше\n\n- Создайте новую статью командой `dala new article articles/my-article --lang ru`.\n- Просматривайте сайт с помощью `dala serve`, а после `dala build` публикуйте папку `public/`.\n"),
        ),
    ]
}

/// Makes a new site in `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, String> {
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
    let today = today();
    let mut files: Vec<(String, String)> = THEME
        .iter()
        .chain(SITE)
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    files.extend(first_article(&today));
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

/// What `dala new` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    /// A page with today's date
    Article,
    /// A page without a date
    Page,
    /// A section's `_index.md`
    Section,
}

/// Writes a new content file for `path` (`articles/my-article`, in `content/`) in `lang`
/// (the default language if `None`); refuses to overwrite.
pub fn new_content(
    root: &Path,
    kind: NewKind,
    path: &str,
    lang: Option<&str>,
) -> Result<PathBuf, String> {
    let config = Config::load(root).map_err(|errors| {
        errors
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let lang = chosen_language(&config, lang)?;
    let rel = checked_path(&config, path)?;
    let suffix = if lang == config.default_language {
        String::new()
    } else {
        format!(".{lang}")
    };
    let (file, original) = files_for(root, kind, rel, &suffix);
    if file.exists() {
        return Err(format!(
            "{} exists already; dala new does not overwrite files",
            file.display()
        ));
    }
    let mut front = front_matter_for(&config, kind, rel, (&file, &original));
    front.push_str("---\n\n");
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&file)
        .and_then(|mut f| std::io::Write::write_all(&mut f, front.as_bytes()))
        .map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(file)
}

/// The language of `--lang`, which must be one of the site's, or the default language.
fn chosen_language(config: &Config, lang: Option<&str>) -> Result<Lang, String> {
    Ok(match lang {
        Some(code) => {
            let code = Lang::parse(code).map_err(|e| format!("--lang {code}: {e}"))?;
            if config.find_language(code.as_str()).is_none() {
                let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
                return Err(format!(
                    "--lang {code}: not a language of site.yaml (it has {})",
                    known.join(", ")
                ));
            }
            code
        }
        None => config.default_language.clone(),
    })
}

/// `path` as a path inside `content/` without `.md`, if it is one a page may have.
fn checked_path<'a>(config: &Config, path: &'a str) -> Result<&'a str, String> {
    let rel = path.trim_matches('/').trim_end_matches(".md");
    let valid = !rel.is_empty()
        && rel
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != ".." && !s.starts_with('.'))
        && !rel.contains('\\');
    if !valid {
        return Err(format!(
            "`{path}`: expected a path inside content/ such as articles/my-article"
        ));
    }
    rel.split('/')
        .try_for_each(|s| crate::safe::check_segment(s, rel))?;
    // The build reads `name.xx.md` as the `xx` version of `name`: a new file's name must
    // not end like that, or it would be in a language the site may not have.
    let last = rel.rsplit('/').next().unwrap_or(rel);
    if let Some((_, suffix)) = last.rsplit_once('.') {
        if Lang::looks_like_tag(suffix) {
            return Err(format!(
                "`{path}`: a name ending in `.{suffix}` is read as a language version; write the name without it, and the language with --lang (site.yaml has {})",
                config.language_codes()
            ));
        }
    }
    Ok(rel)
}

/// The file to write for `rel` in the language with `suffix` (`.ru`, or none), and its
/// original's file (the same when it is the default language's).
fn files_for(root: &Path, kind: NewKind, rel: &str, suffix: &str) -> (PathBuf, PathBuf) {
    let content = root.join(crate::content::CONTENT_DIR);
    match kind {
        NewKind::Section => (
            content.join(rel).join(format!("_index{suffix}.md")),
            content.join(rel).join("_index.md"),
        ),
        NewKind::Article | NewKind::Page => {
            let bundle = content.join(rel);
            if bundle.is_dir() {
                (
                    bundle.join(format!("index{suffix}.md")),
                    bundle.join("index.md"),
                )
            } else {
                (
                    content.join(format!("{rel}{suffix}.md")),
                    content.join(format!("{rel}.md")),
                )
            }
        }
    }
}

/// The new file's front matter, without its closing `---`: a title from the file name, a
/// date for an article, and a translation's original's taxonomies.
fn front_matter_for(
    config: &Config,
    kind: NewKind,
    rel: &str,
    (file, original): (&Path, &Path),
) -> String {
    let slug = rel.rsplit('/').next().unwrap_or(rel);
    let mut title: String = slug.replace(['-', '_'], " ");
    if let Some(first) = title.chars().next() {
        title = first.to_uppercase().chain(title.chars().skip(1)).collect();
    }
    let mut front = format!("---\ntitle: \"{}\"\n", title.replace('"', "'"));
    if kind == NewKind::Article {
        front.push_str(&format!("date: {}\n", today()));
    }
    // A translation starts with its original's taxonomies, to keep the versions alike: read
    // as the build reads them (block or flow lists), written as flow lists.
    if file != original {
        if let Some(fm) = crate::source::read(original, "the original")
            .ok()
            .and_then(|text| {
                let split = front_matter::split(&text, original).ok()?;
                FrontMatter::parse(split.yaml, original, config, kind == NewKind::Section).ok()
            })
        {
            for (taxonomy, terms) in fm.taxonomies.iter().filter(|(_, t)| !t.is_empty()) {
                front.push_str(&format!(
                    "{taxonomy}: {}
",
                    flow_list(terms)
                ));
            }
        }
    }
    front
}

/// `[a, b]`: terms as a YAML flow list, each quoted only when YAML would read it
/// otherwise than as plain text.
fn flow_list(terms: &[String]) -> String {
    let plain = |t: &str| {
        t.chars().next().is_some_and(char::is_alphanumeric)
            && t.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' ' | '.'))
            && !t.ends_with(' ')
            && !matches!(
                t.to_ascii_lowercase().as_str(),
                "true" | "false" | "yes" | "no" | "on" | "off" | "null"
            )
    };
    let items: Vec<String> = terms
        .iter()
        .map(|t| {
            if plain(t) {
                t.clone()
            } else {
                serde_json::to_string(t).unwrap_or_default()
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// Today's date in UTC, `2026-11-27`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The calendar date of a day counted from 1970-01-01 (proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    /// `dala init` carries every file of the hub theme, its interface strings included.
    #[test]
    fn init_carries_the_whole_hub_theme() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["themes/hub"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
                if entry.file_type().is_file() {
                    let rel = crate::util::relative(entry.path(), root);
                    assert!(
                        super::THEME.iter().any(|(path, _)| *path == rel),
                        "{rel} is missing from THEME in src/scaffold.rs"
                    );
                }
            }
        }
    }

    /// What `dala init` writes is the theme's and a new site's: nothing about the hub.
    #[test]
    fn init_writes_nothing_about_the_hub() {
        let about_the_hub = [
            "Central Asia",
            "Caucasus",
            "Кавказ",
            "GovStack",
            "Government Hub",
            "Хаб цифрового",
        ];
        for (path, text) in super::THEME.iter().chain(super::SITE) {
            for words in about_the_hub {
                assert!(!text.contains(words), "{path} says `{words}`");
            }
        }
    }

    #[test]
    fn days_to_dates() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(20_784), (2026, 11, 27));
        assert_eq!(super::civil_from_days(11_016), (2000, 2, 29));
    }
}
