//! `dala new` (a content file with its front matter filled in) and `dala init` (a new site
//! that builds at once, with the hub theme).

use crate::config::Config;
use crate::content::front_matter::{self, FrontMatter};
use crate::error::{Diagnostic, Kind};
use crate::lang::Lang;
use crate::language::NAMES;
use std::path::{Path, PathBuf};

mod init;
pub use init::{init, parse_languages, DEFAULT_LANGUAGES};
#[cfg(test)]
use init::{site_files, THEME};

/// What a new site says in a language dala has example text for: the site's title and
/// description, the home's text, the articles section's and the first article's titles, and
/// the first article. `{file}`, `{others}`, `{original}` and `{command}` are filled in.
struct Texts {
    code: &'static str,
    /// The language's name in English, for comments.
    english_name: &'static str,
    site_title: &'static str,
    description: &'static str,
    home: &'static str,
    articles: &'static str,
    article_title: &'static str,
    /// What a new page is titled until its editor titles it (`dala new`, when its file's
    /// name is in another script than its language).
    page_title: &'static str,
    /// The article in the site's default language: `{file}`, and `{others}` its
    /// translations' files (the sentence left out when there are none).
    original: &'static str,
    original_translations: &'static str,
    /// The article in another language: `{original}` is the original's file.
    translation: &'static str,
    next_steps: &'static str,
    /// `{command}`: how to write a new article in this language.
    new_article: &'static str,
    preview: &'static str,
    translations: &'static str,
}

/// The languages dala has example text in.
const TEXTS: &[Texts] = &[
    Texts {
        code: "en",
        english_name: "English",
        site_title: "My digital government site",
        description: "What this site is about, in one sentence (edit it in site.yaml).",
        home: "Welcome. Edit `content/{file}` to change this text, and write articles in `content/articles/`.",
        articles: "Articles",
        article_title: "Our first article",
        page_title: "Page title",
        original: "This is the original of the article, in `{file}`.",
        original_translations: " Its translations are beside it: {others}. The language switcher at the top of the page leads to them.",
        translation: "This is a translation of the article; its original is in `{original}`. The language switcher at the top of the page leads to the other versions.",
        next_steps: "Next steps",
        new_article: "Write a new article with `{command}`.",
        preview: "Preview the site with `dala serve`, and publish `public/` after `dala build`.",
        translations: "`dala translations` shows which translations are missing or out of date.",
    },
    Texts {
        code: "ru",
        english_name: "Russian",
        site_title: "Мой сайт о цифровом правительстве",
        description: "О чём этот сайт, в одном предложении (измените его в site.yaml).",
        home: "Добро пожаловать. Этот текст находится в файле `content/{file}`, а статьи пишутся в папке `content/articles/`.",
        articles: "Статьи",
        article_title: "Наша первая статья",
        page_title: "Заголовок страницы",
        original: "Это оригинал статьи, он находится в файле `{file}`.",
        original_translations: " Переводы лежат рядом: {others}. Переключатель языков вверху страницы ведёт к ним.",
        translation: "Это перевод статьи; её оригинал находится в файле `{original}`. Переключатель языков вверху страницы ведёт к другим версиям.",
        next_steps: "Что дальше",
        new_article: "Создайте новую статью командой `{command}`.",
        preview: "Просматривайте сайт с помощью `dala serve`, а после `dala build` публикуйте папку `public/`.",
        translations: "Команда `dala translations` показывает, каких переводов не хватает и какие из них устарели.",
    },
    Texts {
        code: "kk",
        english_name: "Kazakh",
        site_title: "Цифрлық үкімет туралы сайтым",
        description: "Сайттың не туралы екені, бір сөйлеммен (оны site.yaml файлында өзгертіңіз).",
        home: "Қош келдіңіз! Бұл мәтін `content/{file}` файлында тұр, ал мақалалар `content/articles/` қалтасында жазылады.",
        articles: "Мақалалар",
        article_title: "Алғашқы мақаламыз",
        page_title: "Беттің тақырыбы",
        original: "Бұл — мақаланың түпнұсқасы, ол `{file}` файлында.",
        original_translations: " Аудармалары қасында тұр: {others}. Беттің жоғарғы жағындағы тіл ауыстырғыш соларға апарады.",
        translation: "Бұл — мақаланың аудармасы, түпнұсқасы `{original}` файлында. Беттің жоғарғы жағындағы тіл ауыстырғыш басқа нұсқаларға апарады.",
        next_steps: "Әрі қарай",
        new_article: "Жаңа мақаланы `{command}` командасымен жазыңыз.",
        preview: "Сайтты `dala serve` арқылы алдын ала қарап шығыңыз, ал `dala build` орындалған соң `public/` қалтасын жариялаңыз.",
        translations: "Қай аудармалардың жоқ екенін және қайсысы ескіргенін `dala translations` командасы көрсетеді.",
    },
];

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
/// (the default language if `None`); refuses to overwrite. A page is a bundle,
/// `articles/my-article/index.md`, with `bundle`, when `path` ends with `/` (or `/index`),
/// or when its bundle folder exists. A page must be in a section (a folder with an
/// `_index.md` at or above it), or at the top of `content/`.
pub fn new_content(
    root: &Path,
    kind: NewKind,
    path: &str,
    lang: Option<&str>,
    bundle: bool,
) -> Result<PathBuf, Vec<Diagnostic>> {
    let config = Config::load(root)?;
    let site_yaml = root.join(crate::config::CONFIG_FILE);
    let lang =
        chosen_language(&config, lang).map_err(|e| vec![Kind::Config.error(&site_yaml, e)])?;
    let content = root.join(crate::content::CONTENT_DIR);
    let refused = |message: String| {
        vec![Kind::Path.error(content.join(path.trim_start_matches('/')), message)]
    };
    let rel = checked_path(&config, path).map_err(refused)?;
    if bundle && kind == NewKind::Section {
        return Err(refused(crate::hints::new_section_as_bundle(rel)));
    }
    // `articles/x/` and `articles/x/index`: the bundle `articles/x`.
    let (rel, bundle) = match rel.strip_suffix("/index") {
        Some(folder) if kind != NewKind::Section => (folder, true),
        _ => (rel, bundle || path.ends_with('/')),
    };
    if kind != NewKind::Section {
        check_in_a_section(&config, &content, rel)?;
    }
    let suffix = if lang == config.default_language {
        String::new()
    } else {
        format!(".{lang}")
    };
    let (file, original) = files_for(root, kind, rel, &suffix, bundle);
    // Without a default-language version, a translation starts from the first other
    // language's that exists (any language's version can be the original).
    let original = if original.exists() {
        original
    } else {
        config
            .languages
            .iter()
            .filter(|l| l.derive_from.is_none() && l.code != lang)
            .map(|l| files_for(root, kind, rel, &format!(".{}", l.code), bundle).0)
            .find(|f| f.exists())
            .unwrap_or(original)
    };
    if file.exists() {
        return Err(vec![
            Kind::Path.error(&file, "exists already; dala new does not overwrite files")
        ]);
    }
    let mut front = front_matter_for(&config, kind, (rel, &lang), (&file, &original));
    front.push_str("---\n\n");
    let io = |e: std::io::Error, at: &Path| vec![Kind::Io.error(at, e.to_string())];
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io(e, parent))?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&file)
        .and_then(|mut f| std::io::Write::write_all(&mut f, front.as_bytes()))
        .map_err(|e| io(e, &file))?;
    Ok(file)
}

/// A new page's folder must be a section, or be inside one: a folder with an `_index.md`
/// (in any language) at or above it, below `content/`. A page at the top of `content/`
/// belongs to the home.
fn check_in_a_section(config: &Config, content: &Path, rel: &str) -> Result<(), Vec<Diagnostic>> {
    let folder = crate::content::parent_dir(rel);
    let is_section = |dir: &str| {
        std::iter::once("_index.md".to_string())
            .chain(
                config
                    .languages
                    .iter()
                    .map(|l| format!("_index.{}.md", l.code)),
            )
            .any(|name| content.join(dir).join(name).is_file())
    };
    let mut dir = folder;
    while !dir.is_empty() {
        if is_section(dir) {
            return Ok(());
        }
        dir = crate::content::parent_dir(dir);
    }
    if folder.is_empty() {
        return Ok(());
    }
    let mut sections: Vec<String> = std::fs::read_dir(content)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|d| !crate::content::is_ignored(d) && is_section(d))
        .collect();
    sections.sort();
    Err(vec![Kind::Path.error(
        content.join(folder),
        crate::hints::new_page_outside_sections(folder, &sections),
    )])
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
/// original's file (the same when it is the default language's). A page is a bundle's
/// `index.md` when `bundle` asks for one, or its folder exists.
fn files_for(
    root: &Path,
    kind: NewKind,
    rel: &str,
    suffix: &str,
    bundle: bool,
) -> (PathBuf, PathBuf) {
    let content = root.join(crate::content::CONTENT_DIR);
    match kind {
        NewKind::Section => (
            content.join(rel).join(format!("_index{suffix}.md")),
            content.join(rel).join("_index.md"),
        ),
        NewKind::Article | NewKind::Page => {
            let folder = content.join(rel);
            if bundle || folder.is_dir() {
                (
                    folder.join(format!("index{suffix}.md")),
                    folder.join("index.md"),
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

/// The new file's front matter, without its closing `---`: a title, a date for an
/// article, and a translation's original's taxonomies. The title comes from the file name
/// (`open-data`: "Open data"), unless the name is in Latin letters and the page's language
/// is written in another script: then it is the other version's title to translate, or a
/// placeholder in the page's language.
fn front_matter_for(
    config: &Config,
    kind: NewKind,
    (rel, lang): (&str, &Lang),
    (file, original): (&Path, &Path),
) -> String {
    // A translation starts with its original's taxonomies, to keep the versions alike: read
    // as the build reads them (block or flow lists), written as flow lists.
    let other = (file != original)
        .then(|| {
            let text = crate::source::read(original, "the original").ok()?;
            let split = front_matter::split(&text, original).ok()?;
            FrontMatter::parse(split.yaml, original, config, kind == NewKind::Section).ok()
        })
        .flatten();
    let from = language_of_file(original, config);
    let date = (kind == NewKind::Article).then(today);
    front_matter_text(
        config,
        (rel, lang),
        other.as_ref().map(|fm| (fm, &from)),
        date,
    )
}

/// A translation's front matter, without its closing `---`, as `dala new` writes it for
/// the page `rel` (inside `content/`, without its language and `.md`) in `lang`, from its
/// original `fm` in `from`; dated as the original is (the build offers it, and two builds
/// must give the same bytes).
pub fn translation_front_matter(
    config: &Config,
    (rel, lang): (&str, &Lang),
    (fm, from): (&FrontMatter, &Lang),
) -> String {
    let date = fm.date.as_ref().map(|d| d.day().to_string());
    let mut front = front_matter_text(config, (rel, lang), Some((fm, from)), date);
    front.push_str("---\n\n");
    front
}

/// The front matter's text: the title, the date if any, the original's taxonomies.
fn front_matter_text(
    config: &Config,
    (rel, lang): (&str, &Lang),
    other: Option<(&FrontMatter, &Lang)>,
    date: Option<String>,
) -> String {
    let slug = rel.rsplit('/').next().unwrap_or(rel);
    let own_script = script_of_language(config, lang);
    let title_line = if script_of_text(slug) == Some(Script::Latin) && own_script != Script::Latin {
        match other {
            Some((fm, from)) if !fm.title.is_empty() => {
                format!(
                    "title: {} # {}\n",
                    yaml_string(&fm.title),
                    crate::hints::new_title_to_translate(from.as_str())
                )
            }
            _ => title_placeholder(config, lang),
        }
    } else {
        let mut title: String = slug.replace(['-', '_'], " ");
        if let Some(first) = title.chars().next() {
            title = first.to_uppercase().chain(title.chars().skip(1)).collect();
        }
        format!("title: {}\n", yaml_string(&title))
    };
    let mut front = format!("---\n{title_line}");
    if let Some(date) = date {
        front.push_str(&format!("date: {date}\n"));
    }
    if let Some((fm, _)) = other {
        for (taxonomy, terms) in fm.taxonomies.iter().filter(|(_, t)| !t.is_empty()) {
            front.push_str(&format!("{taxonomy}: {}\n", flow_list(terms)));
        }
    }
    front
}

/// The language of a content file, from its name: `x.ru.md`, `index.ru.md`; the default
/// language's without a suffix of the site's.
fn language_of_file(file: &Path, config: &Config) -> Lang {
    file.file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.rsplit_once('.'))
        .and_then(|(_, suffix)| config.find_language(suffix))
        .map_or(config.default_language.clone(), |l| l.code.clone())
}

/// `title: ...` with the placeholder of `lang` (a new page whose title the editor writes),
/// or, in a language dala has no placeholder in, the default language's (else English)
/// after a comment that says so.
fn title_placeholder(config: &Config, lang: &Lang) -> String {
    let texts_of = |l: &Lang| TEXTS.iter().find(|t| t.code == l.as_str());
    if let Some(texts) = texts_of(lang) {
        return format!("title: {}\n", yaml_string(texts.page_title));
    }
    let fallback = texts_of(&config.default_language).unwrap_or(&TEXTS[0]);
    let name = |code: &str| {
        NAMES
            .iter()
            .find(|n| n.0 == code)
            .map_or(code.to_string(), |n| n.2.to_string())
    };
    format!(
        "# {}\ntitle: {}\n",
        crate::hints::new_title_placeholder_untranslated(
            lang.as_str(),
            &name(lang.as_str()),
            fallback.english_name
        ),
        yaml_string(fallback.page_title)
    )
}

/// `text` as a double-quoted YAML string (a `"` in it made `'`, as titles were always).
fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "'"))
}

/// The scripts dala tells apart in a new page's name and language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Georgian,
    Armenian,
    Other,
}

/// The script of the first letter of `text`, if it has one.
fn script_of_text(text: &str) -> Option<Script> {
    let c = text.chars().find(|c| c.is_alphabetic())?;
    Some(match u32::from(c) {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => Script::Georgian,
        0x530..=0x58F | 0xFB13..=0xFB17 => Script::Armenian,
        _ => Script::Other,
    })
}

/// The script `lang` is written in: its script subtag (`kk-Latn`, `uz-Cyrl`), else the
/// usual script of the region's languages, else the script of its name in `site.yaml`.
fn script_of_language(config: &Config, lang: &Lang) -> Script {
    let tag = lang.as_str();
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or(tag);
    match subtags.find(|s| s.len() == 4) {
        Some("Latn") => return Script::Latin,
        Some("Cyrl") => return Script::Cyrillic,
        Some("Geor") => return Script::Georgian,
        Some("Armn") => return Script::Armenian,
        Some(_) => return Script::Other,
        None => {}
    }
    match primary {
        "ru" | "kk" | "ky" | "tg" | "uk" | "be" | "bg" | "mk" | "sr" | "mn" | "tt" | "ba" => {
            Script::Cyrillic
        }
        "ka" => Script::Georgian,
        "hy" => Script::Armenian,
        "en" | "uz" | "tk" | "az" | "tr" | "de" | "fr" | "es" | "it" | "pl" | "lv" | "lt"
        | "et" => Script::Latin,
        _ => config
            .find_language(tag)
            .and_then(|l| script_of_text(&l.name))
            .unwrap_or(Script::Latin),
    }
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
        let site = super::site_files(
            &super::parse_languages("kk,ru,en,uz,kk-Latn").unwrap(),
            "2026-12-02",
        );
        let site = site.iter().map(|(p, t)| (p.as_str(), t.as_str()));
        for (path, text) in super::THEME.iter().copied().chain(site) {
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
