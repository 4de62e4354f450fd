//! What dala does differently per language, decided once per language from its tag.
//!
//! A [`Profile`] holds, for one language of the site, its typography, the transliteration
//! that publishes it from its parent (`derive_from`), whether it is cased by Turkic rules, how
//! its URL segments are written, its search stemming rules and its CLDR data (plural rules,
//! dates, country names). [`Profile::resolve`] is the one place where a language tag is
//! matched: a new script pair, Kyrgyz stemming or another language's quotes are added there,
//! and every module that behaves per language reads the profile `site.yaml`'s language got
//! when the configuration was checked (`config::Language::profile`).
//!
//! What the profile chooses from:
//! - quotes: «ёлочки» for Russian, Kazakh, Kyrgyz, Tajik, Uzbek, Armenian, Ukrainian and
//!   Belarusian, „ “ for Georgian, “ ” for English and every other language (Azerbaijani,
//!   Turkmen...); no-break spaces after one-letter words and before dashes in Cyrillic
//!   script, which a script subtag (`uz-Cyrl`, `kk-Latn`) or the language's usual script
//!   tells ([`crate::typography`]);
//! - derived languages: Kazakh in the 2021 Latin alphabet from Kazakh, Uzbek in Cyrillic
//!   from Uzbek ([`crate::translit`]);
//! - Turkic case (`I ı`, `İ i`): the Latin alphabets of Kazakh, Azerbaijani, Turkmen,
//!   Turkish, Tatar and Crimean Tatar;
//! - ASCII slugs (`slugs: ascii`): Kazakh by its Latin alphabet folded to ASCII, every other
//!   language by the Russian passport table ([`crate::slug`]);
//! - stemming: Russian, Kazakh and English suffix rules, whole words otherwise; a derived
//!   language its parent's rules, transliterated ([`crate::stemming`]);
//! - CLDR data: the language's own, a derived language its parent's; Tajik counts `one` and
//!   `other` where CLDR has no plural rules for it ([`crate::cldr`]).

use crate::cldr::{Category, LanguageData};
use crate::lang::Lang;
use crate::slug;
use crate::stemming::{Rules, Stemmer};
use crate::translit::{self, Transliteration};
use crate::typography::Typography;
use std::sync::Arc;

/// The languages [`Profile::resolve`] can publish from another, as messages name them.
pub const DERIVABLE: &str = "kk-Latn from kk and uz-Cyrl from uz";

/// The name of each language the hub theme speaks (and of the script variants dala
/// derives), in itself, and in English for comments.
pub const NAMES: &[(&str, &str, &str)] = &[
    ("az", "Azərbaycanca", "Azerbaijani"),
    ("en", "English", "English"),
    ("hy", "Հայերեն", "Armenian"),
    ("ka", "ქართული", "Georgian"),
    ("kk", "Қазақша", "Kazakh"),
    ("kk-Latn", "Qazaqşa", "Kazakh in Latin script"),
    ("ky", "Кыргызча", "Kyrgyz"),
    ("ru", "Русский", "Russian"),
    ("tg", "Тоҷикӣ", "Tajik"),
    ("tk", "Türkmençe", "Turkmen"),
    ("uz", "Oʻzbekcha", "Uzbek"),
    ("uz-Cyrl", "Ўзбекча", "Uzbek in Cyrillic script"),
];

/// How dala treats the text of one language of the site.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Quotes and no-break spaces in rendered text.
    pub typography: Typography,
    /// For a language published from another (`derive_from`): the conversion of its parent's
    /// text. `None` for a language of its own, or a pair dala cannot transliterate.
    pub transliteration: Option<Transliteration>,
    /// Whether the language's text is cased by Turkic rules: `I` ↔ `ı`, `İ` ↔ `i`.
    pub turkic_case: bool,
    /// How the language's URL segments (page slugs, taxonomy terms) are written.
    pub slugs: slug::Mode,
    /// How search cuts the language's words to stems.
    pub stemming: Rules,
    /// CLDR plural rules, date formats and country names; a derived language shares its
    /// parent's.
    pub cldr: Arc<LanguageData>,
}

impl Profile {
    /// The profile of language `tag`, published from `parent` when it has `derive_from`, with
    /// ASCII URL segments if `ascii_slugs`. A tag dala knows nothing of gets neutral
    /// defaults: English quotes, no stemming, its own script.
    pub fn resolve(tag: &Lang, parent: Option<&Lang>, ascii_slugs: bool) -> Profile {
        let tag = tag.as_str();
        let language = primary(tag);
        let mut subtags = tag.split('-').skip(1);
        let script = subtags.clone().find(|s| s.len() == 4).unwrap_or("");
        // A derived language's text is its parent's: it is stemmed and counted as the
        // parent's is, in its own script.
        let source = primary(parent.map_or(tag, Lang::as_str));

        let cyrillic_spacing = match script {
            "Cyrl" => true,
            "Latn" => false,
            _ => matches!(
                language,
                "ru" | "kk" | "ky" | "tg" | "uk" | "be" | "bg" | "mn"
            ),
        };
        let quotes = match language {
            "ru" | "kk" | "ky" | "tg" | "uz" | "hy" | "uk" | "be" => Typography::GUILLEMETS,
            "ka" => Typography::LOW_HIGH,
            _ => Typography::ENGLISH,
        };
        let turkic_case = match language {
            "kk" | "tt" => tag.contains("Latn"),
            "az" | "tk" | "tr" | "crh" => !subtags.any(|s| s == "Cyrl"),
            _ => false,
        };
        // The pairs of [`DERIVABLE`].
        let transliteration: Option<Transliteration> = match (parent.map(Lang::as_str), tag) {
            (Some("kk" | "kk-Cyrl"), "kk-Latn") => Some(translit::kazakh_to_latin),
            (Some("uz" | "uz-Latn"), "uz-Cyrl") => Some(translit::uzbek_to_cyrillic),
            _ => None,
        };
        let romanise: Transliteration = match language {
            "kk" => translit::kazakh_to_ascii,
            _ => translit::russian_to_ascii,
        };
        let stemmer = match source {
            "ru" => Stemmer::Russian,
            "kk" => Stemmer::Kazakh,
            "en" => Stemmer::English,
            _ => Stemmer::Words,
        };
        let plural_gap: Option<fn(u64) -> Category> = match source {
            "tg" => Some(crate::cldr::one_or_other),
            _ => None,
        };

        Profile {
            typography: Typography::new(quotes, cyrillic_spacing),
            transliteration,
            turkic_case,
            slugs: if ascii_slugs {
                slug::Mode::Ascii(romanise)
            } else {
                slug::Mode::Unicode
            },
            stemming: Rules::new(stemmer, turkic_case, transliteration),
            cldr: Arc::new(LanguageData::new(
                parent.map_or(tag, Lang::as_str),
                plural_gap,
            )),
        }
    }
}

/// The primary language subtag: `kk` of `kk-Latn`.
fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(tag: &str) -> Profile {
        Profile::resolve(&Lang::parse(tag).unwrap(), None, false)
    }

    fn derived(tag: &str, parent: &str) -> Profile {
        let parent = Lang::parse(parent).unwrap();
        Profile::resolve(&Lang::parse(tag).unwrap(), Some(&parent), false)
    }

    #[test]
    fn kazakh() {
        let kk = profile("kk");
        assert_eq!(kk.typography.apply("“Тундук” и мы"), "«Тундук» и\u{a0}мы");
        assert!(kk.transliteration.is_none() && !kk.turkic_case);
        assert_eq!(kk.stemming.passes, 3);
        let slugs = Profile::resolve(&Lang::parse("kk").unwrap(), None, true).slugs;
        assert_eq!(slugs.segment("Цифрлық үкімет"), "sifrlyq-ukimet");
        assert_eq!(kk.slugs.segment("Цифрлық үкімет"), "Цифрлық үкімет");
    }

    #[test]
    fn latin_kazakh_from_kazakh() {
        let latn = derived("kk-Latn", "kk");
        let convert = latn.transliteration.expect("kk → kk-Latn");
        assert_eq!(convert("Қазақстан"), "Qazaqstan");
        assert!(latn.turkic_case && latn.stemming.turkic);
        // Kazakh quotes, without the spacing of Cyrillic text.
        assert_eq!(latn.typography.apply("“a” — b"), "«a» — b");
        // The parent's suffixes, transliterated.
        let stem = |w: &str| latn.stemming.stem(&latn.stemming.normalize(w));
        assert_eq!(stem(&convert("қызметтерінің")), stem(&convert("қызмет")));
        // The parent's CLDR data: the date in Cyrillic, for the page to transliterate.
        let date = latn.cldr.format_date(2026, 11, 27, true).unwrap();
        assert_eq!(date, "2026\u{202f}ж. 27 қараша");
        // `kk` written in its own right is no derived language.
        assert!(profile("kk-Latn").transliteration.is_none());
    }

    #[test]
    fn uzbek_and_unknown_pairs() {
        let cyrl = derived("uz-Cyrl", "uz");
        assert_eq!(
            cyrl.transliteration.expect("uz → uz-Cyrl")("shahar"),
            "шаҳар"
        );
        assert_eq!(cyrl.typography.apply("“у окна”"), "«у\u{a0}окна»");
        assert!(derived("ru-Latn", "en").transliteration.is_none());
        assert!(derived("kk-Latn", "ru").transliteration.is_none());
    }

    #[test]
    fn turkic_case() {
        for tag in ["tr", "az", "tk", "crh", "az-Latn", "kk-Latn", "tt-Latn"] {
            assert!(profile(tag).turkic_case, "{tag}");
        }
        for tag in ["az-Cyrl", "kk", "tt", "ru", "en", "uz"] {
            assert!(!profile(tag).turkic_case, "{tag}");
        }
        assert_eq!(profile("tr").stemming.normalize("IĞDIR"), "ığdır");
    }

    #[test]
    fn quotes_and_spacing() {
        assert_eq!(profile("ka").typography.apply("“X” a — b"), "„X“ a — b");
        assert_eq!(
            profile("ru").typography.apply("“X” в доме"),
            "«X» в\u{a0}доме"
        );
        assert_eq!(profile("uz").typography.apply("“X” — y"), "«X» — y");
        assert_eq!(profile("en").typography.apply("“X” — y"), "“X” — y");
        assert_eq!(profile("bg").typography.apply("“X” — y"), "“X”\u{a0}— y");
    }

    #[test]
    fn stemming_and_plurals() {
        assert_eq!(profile("ru").stemming.passes, 1);
        let en = profile("en");
        assert_eq!(
            en.stemming.stem(&en.stemming.normalize("Services")),
            "service"
        );
        let tg = profile("tg");
        assert_eq!(tg.cldr.category(1), Category::One);
        assert_eq!(tg.cldr.category(2), Category::Other);
        assert_eq!(profile("ru").cldr.category(2), Category::Few);
    }

    #[test]
    fn an_unknown_language_gets_neutral_defaults() {
        let xx = Profile::resolve(&Lang::parse("xx").unwrap(), None, true);
        assert_eq!(xx.typography.apply("“X” в доме — y"), "“X” в доме — y");
        assert!(xx.transliteration.is_none() && !xx.turkic_case);
        assert!(xx.stemming.layers.is_empty());
        assert_eq!(xx.stemming.stem("словами"), "словами");
        // ASCII slugs by the Russian passport table.
        assert_eq!(xx.slugs.segment("Щука 2"), "shchuka-2");
        assert_eq!(xx.cldr.categories(), [Category::Other]);
    }
}
