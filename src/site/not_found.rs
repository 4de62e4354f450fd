//! What the 404 page says in each language of the site. A static host serves one
//! `404.html` for every address, so the page speaks every language: each says that the page
//! was not found and leads to its own home.
//!
//! Each text is the language's interface string (`page_not_found`, `page_not_found_text`,
//! `back_to_home`); a language that lacks one takes dala's own text in it if dala has one
//! (English, Russian, Kazakh), else the first found along its fallback chain, marked with the
//! language it is written in. A derived language's parent's text is transliterated and is
//! its own.

use super::Site;
use crate::lang::Lang;
use crate::url::SitePath;
use crate::views::{LocalText, NotFoundLanguage};
use std::collections::BTreeMap;

/// The interface strings of the 404 page.
pub const KEYS: [&str; 3] = ["page_not_found", "page_not_found_text", "back_to_home"];

/// dala's own texts of [`KEYS`], for a site whose strings lack them: the language, its usual
/// script, and the texts.
const BUILT_IN: [(&str, &str, [&str; 3]); 3] = [
    (
        "en",
        "Latn",
        [
            "Page not found",
            "The page you are looking for does not exist or has moved.",
            "Go to the home page",
        ],
    ),
    (
        "ru",
        "Cyrl",
        [
            "Страница не найдена",
            "Страница, которую вы ищете, не существует или была перенесена.",
            "Перейти на главную страницу",
        ],
    ),
    (
        "kk",
        "Cyrl",
        [
            "Бет табылмады",
            "Сіз іздеген бет жоқ немесе басқа мекенжайға көшірілген.",
            "Басты бетке өту",
        ],
    ),
];

/// dala's own text of `KEYS[nth]` in `lang`, when `lang` is one of [`BUILT_IN`] in its usual
/// script (`kk`, `kk-Cyrl`, `kk-KZ`; not `kk-Latn`).
fn built_in(lang: &str, nth: usize) -> Option<&'static str> {
    in_usual_script(lang, &BUILT_IN).map(|texts| texts[nth])
}

/// The texts of a table of dala's own texts (language, its usual script, texts) for `lang`,
/// when `lang` is one of its languages written in that script.
pub fn in_usual_script<'t, T>(lang: &str, table: &'t [(&str, &str, T)]) -> Option<&'t T> {
    let mut subtags = lang.split('-');
    let primary = subtags.next()?;
    let script = subtags.find(|s| s.len() == 4);
    table
        .iter()
        .find(|(code, usual, _)| {
            code.eq_ignore_ascii_case(primary)
                && script.is_none_or(|s| s.eq_ignore_ascii_case(usual))
        })
        .map(|(.., texts)| texts)
}

/// `KEYS[nth]` for a reader of `lang` (see [`local_text`]).
fn text(site: &Site, lang: &Lang, nth: usize) -> LocalText {
    local_text(site, lang, KEYS[nth], |from| built_in(from, nth))
}

/// The interface string `key` for a reader of `lang`: along its chain, each language's own
/// string, else `built_in`'s text in it (dala's own); `built_in("en")` if nothing has it. A
/// derived language's parent's text is transliterated and is its own.
pub fn local_text(
    site: &Site,
    lang: &Lang,
    key: &str,
    built_in: impl Fn(&str) -> Option<&'static str>,
) -> LocalText {
    let language = site.config.find_language(lang.as_str());
    let parent = language.and_then(|l| Some((l.derive_from.as_ref()?, l.profile.transliteration?)));
    for from in site.strings.chain(lang) {
        let Some(found) = site
            .strings
            .own(from, key)
            .or_else(|| built_in(from.as_str()))
        else {
            continue;
        };
        return match parent {
            Some((p, convert)) if p == from => LocalText {
                text: convert(found),
                lang: lang.to_string(),
            },
            _ => LocalText {
                text: found.to_string(),
                lang: from.to_string(),
            },
        };
    }
    LocalText {
        text: built_in("en").unwrap_or_default().to_string(),
        lang: "en".to_string(),
    }
}

/// Every language of the site, the default one first, then in the order of `site.yaml`.
pub fn languages(site: &Site) -> Vec<NotFoundLanguage> {
    let default = &site.config.default_language;
    let ordered = site
        .config
        .languages
        .iter()
        .filter(|l| &l.code == default)
        .chain(site.config.languages.iter().filter(|l| &l.code != default));
    ordered
        .map(|l| {
            let home = SitePath::folder([l.code.as_str()]);
            let strings: BTreeMap<&'static str, LocalText> = (0..KEYS.len())
                .map(|nth| (KEYS[nth], text(site, &l.code, nth)))
                .collect();
            NotFoundLanguage {
                code: l.code.to_string(),
                name: l.name.clone(),
                path: site.urls.path(&home),
                permalink: site.urls.permalink(&home),
                strings,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::built_in;

    #[test]
    fn dala_speaks_english_russian_and_kazakh_in_their_usual_scripts() {
        assert_eq!(built_in("ru", 0), Some("Страница не найдена"));
        assert_eq!(built_in("kk-Cyrl", 0), Some("Бет табылмады"));
        assert_eq!(built_in("en-GB", 2), Some("Go to the home page"));
        assert_eq!(built_in("kk-Latn", 0), None);
        assert_eq!(built_in("uz", 0), None);
    }
}
