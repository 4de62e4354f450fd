//! The only module that touches ICU4X: CLDR plural rules and date formats per language.
//!
//! Data is compiled into the binary, so nothing is loaded at run time. Where CLDR has no
//! plural rules for a language (ICU4X then falls back to the root locale, which knows only
//! `other`), the language's profile ([`crate::language::Profile`]) may give a documented
//! rule of dala's own, such as [`one_or_other`], instead of failing.

use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::YMD;
use icu_datetime::options::YearStyle;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_experimental::displaynames::{multi::RegionDisplayNames, DisplayNamesOptions};
use icu_locale::Locale;
use icu_plurals::{PluralCategory, PluralRules};

/// A CLDR plural category, by its CLDR name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Zero,
        Category::One,
        Category::Two,
        Category::Few,
        Category::Many,
        Category::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::Zero => "zero",
            Category::One => "one",
            Category::Two => "two",
            Category::Few => "few",
            Category::Many => "many",
            Category::Other => "other",
        }
    }

    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }

    fn from_icu(c: PluralCategory) -> Category {
        match c {
            PluralCategory::Zero => Category::Zero,
            PluralCategory::One => Category::One,
            PluralCategory::Two => Category::Two,
            PluralCategory::Few => Category::Few,
            PluralCategory::Many => Category::Many,
            PluralCategory::Other => Category::Other,
        }
    }
}

/// A plural rule for a language whose CLDR data lacks one: `one` for exactly 1, `other`
/// otherwise. Tajik (`tg`), whose CLDR data lacked plural rules until 2026, counts so, as
/// Persian and the Tajik grammar of counted nouns do.
pub fn one_or_other(n: u64) -> Category {
    if n == 1 {
        Category::One
    } else {
        Category::Other
    }
}

/// The CLDR data dala uses for one language.
pub struct LanguageData {
    rules: Option<PluralRules>,
    fallback: Option<fn(u64) -> Category>,
    long: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    short: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    regions: Option<RegionDisplayNames>,
}

impl std::fmt::Debug for LanguageData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LanguageData")
            .field("categories", &self.categories())
            .field("dates", &self.long.is_some())
            .field("regions", &self.regions.is_some())
            .finish_non_exhaustive()
    }
}

impl LanguageData {
    /// Loads the data for a BCP 47 tag (`kk`, `ru`, `uz-Cyrl`...). `gap_rule` counts where
    /// CLDR has no plural rules for the language (none, or only `other`): the profile gives
    /// one only to a language whose real rules CLDR lacks.
    pub fn new(tag: &str, gap_rule: Option<fn(u64) -> Category>) -> LanguageData {
        let locale: Option<Locale> = tag.parse().ok();
        let rules = locale
            .as_ref()
            .and_then(|l| PluralRules::try_new_cardinal(l.into()).ok());
        let gap = rules.as_ref().is_none_or(|r| r.categories().count() <= 1);
        let fallback = if gap { gap_rule } else { None };
        // Years always with their century: `26` could be any century, or a day.
        let formatter = |fields: YMD| {
            let fields = fields.with_year_style(YearStyle::Full);
            locale.as_ref().and_then(|l| {
                FixedCalendarDateTimeFormatter::<Gregorian, YMD>::try_new(l.into(), fields).ok()
            })
        };
        let regions = locale.as_ref().and_then(|l| {
            RegionDisplayNames::try_new(l.into(), DisplayNamesOptions::default()).ok()
        });
        LanguageData {
            fallback,
            long: formatter(YMD::long()),
            short: formatter(YMD::short()),
            rules,
            regions,
        }
    }

    /// The plural category of `n` things.
    pub fn category(&self, n: u64) -> Category {
        if let Some(rule) = self.fallback {
            return rule(n);
        }
        self.rules
            .as_ref()
            .map_or(Category::Other, |r| Category::from_icu(r.category_for(n)))
    }

    /// The categories the language uses, in CLDR order.
    pub fn categories(&self) -> Vec<Category> {
        if self.fallback.is_some() {
            return vec![Category::One, Category::Other];
        }
        let mut all: Vec<Category> = match &self.rules {
            Some(r) => r.categories().map(Category::from_icu).collect(),
            None => vec![Category::Other],
        };
        all.sort();
        all
    }

    /// A country's name in this language, from its ISO 3166 code (`kz` -> `Казахстан`).
    pub fn region_name(&self, code: &str) -> Option<String> {
        let region: icu_locale::subtags::Region = code.to_ascii_uppercase().parse().ok()?;
        self.regions.as_ref()?.of(region).map(str::to_string)
    }

    /// `27 ноября 2026 г.` (long) or `27.11.2026` (short), the year always in full;
    /// `None` for an impossible date.
    pub fn format_date(&self, year: i32, month: u8, day: u8, long: bool) -> Option<String> {
        let date = Date::try_new_gregorian(year, month, day).ok()?;
        let formatter = if long {
            self.long.as_ref()
        } else {
            self.short.as_ref()
        }?;
        Some(formatter.format(&date).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(tag: &str, numbers: &[u64]) -> Vec<&'static str> {
        let data = LanguageData::new(tag, None);
        numbers.iter().map(|&n| data.category(n).name()).collect()
    }

    const NUMBERS: [u64; 7] = [0, 1, 2, 5, 11, 21, 101];

    #[test]
    fn russian_plurals() {
        assert_eq!(
            forms("ru", &NUMBERS),
            ["many", "one", "few", "many", "many", "one", "one"]
        );
        assert_eq!(
            forms("ru", &[3, 4, 12, 22, 104, 111]),
            ["few", "few", "many", "few", "few", "many"]
        );
    }

    #[test]
    fn kazakh_and_english_plurals() {
        assert_eq!(
            forms("kk", &NUMBERS),
            ["other", "one", "other", "other", "other", "other", "other"]
        );
        assert_eq!(
            forms("en", &NUMBERS),
            ["other", "one", "other", "other", "other", "other", "other"]
        );
        assert_eq!(
            LanguageData::new("ru", None).categories(),
            [
                Category::One,
                Category::Few,
                Category::Many,
                Category::Other
            ]
        );
    }

    #[test]
    fn country_names() {
        assert_eq!(
            LanguageData::new("ru", None).region_name("kz").as_deref(),
            Some("Казахстан")
        );
        assert_eq!(
            LanguageData::new("kk", None).region_name("KZ").as_deref(),
            Some("Қазақстан")
        );
        assert_eq!(
            LanguageData::new("en", None).region_name("ge").as_deref(),
            Some("Georgia")
        );
        for tag in ["uz", "ky", "tg", "tk", "az", "ka", "hy"] {
            assert!(
                LanguageData::new(tag, None).region_name("uz").is_some(),
                "{tag}"
            );
        }
    }

    #[test]
    fn a_gap_rule_counts_only_where_cldr_has_none() {
        let tg = LanguageData::new("tg", Some(one_or_other));
        let counted: Vec<&str> = [1, 2, 21].map(|n| tg.category(n).name()).to_vec();
        assert_eq!(counted, ["one", "other", "other"]);
        // Russian has rules of its own: a gap rule given by mistake changes nothing.
        let ru = LanguageData::new("ru", Some(one_or_other));
        assert_eq!(ru.category(2), Category::Few);
    }

    #[test]
    fn dates_in_each_language() {
        let long = |tag: &str| {
            LanguageData::new(tag, None)
                .format_date(2026, 11, 27, true)
                .unwrap()
        };
        assert_eq!(long("en"), "November 27, 2026");
        // CLDR puts a narrow no-break space before the abbreviation.
        assert_eq!(long("ru"), "27 ноября 2026\u{202f}г.");
        assert_eq!(long("kk"), "2026\u{202f}ж. 27 қараша");
        assert_eq!(
            LanguageData::new("ru", None)
                .format_date(2026, 11, 27, false)
                .unwrap(),
            "27.11.2026"
        );
        let short = |tag: &str| {
            LanguageData::new(tag, None)
                .format_date(2026, 11, 27, false)
                .unwrap()
        };
        // The short form keeps the century where CLDR's own would drop it.
        assert_eq!(short("en"), "11/27/2026");
        assert_eq!(short("kk"), "27.11.2026");
        // Every language the hub ships gives a date with the whole year in it, long or short.
        for tag in ["kk", "ru", "en", "uz", "ky", "tg", "tk", "az", "ka", "hy"] {
            for long in [true, false] {
                let date = LanguageData::new(tag, None)
                    .format_date(2026, 11, 27, long)
                    .unwrap();
                assert!(
                    date.contains("2026") && date.contains("27"),
                    "{tag}: {date}"
                );
            }
        }
    }
}
