//! Interface strings: `i18n/<lang>.yaml` of the site over those of the theme.
//!
//! A string is plain text, or a map of CLDR plural forms
//! (`articles_count: { one: "{count} статья", few: "{count} статьи", many: "{count} статей",
//! other: "{count} статьи" }`) chosen by the language's CLDR rules. `{count}` and any other
//! `{name}` are filled from the arguments of `t()`.
//!
//! A lookup tries the language, then its `fallback` chain from `site.yaml`, then the default
//! language. Falling back is worth a warning; a string missing everywhere is a template error.
//! A plural map that lacks a form its language needs, or has one it never uses, is a warning.

use crate::cldr::{Category, LanguageData};
use crate::config::Config;
use crate::error::{Diagnostic, Kind};
use crate::lang::Lang;
use crate::translit::Transliteration;
use crate::yaml::Table;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

pub const I18N_DIR: &str = "i18n";

/// One interface string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Plain(String),
    Plural(BTreeMap<Category, String>),
}

pub struct Strings {
    /// Language -> key -> text.
    tables: BTreeMap<Lang, BTreeMap<String, Text>>,
    /// Lookup order per language.
    chains: BTreeMap<Lang, Vec<Lang>>,
    /// CLDR data per language (a derived language's is its parent's).
    cldr: BTreeMap<Lang, Arc<LanguageData>>,
    /// Languages published by transliteration: their parent and the transliteration.
    derived: BTreeMap<Lang, (Lang, Transliteration)>,
    /// Fallbacks taken, reported once each as warnings.
    fell_back: Mutex<BTreeSet<Fallback>>,
    /// Languages whose file could not be read: their fallbacks are not warned about, the
    /// file's own error is the cause.
    broken: BTreeSet<Lang>,
}

/// A fallback taken: the language asked for, the key, the language that had it.
pub type Fallback = (Lang, String, Lang);

thread_local! {
    /// The fallbacks taken on this thread while [`recording`] runs. Thread-local because
    /// `t()` is a Tera function: it receives only its arguments.
    static RECORDING: std::cell::RefCell<Option<BTreeSet<Fallback>>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `render` (one template render) and gives, with its result, the interface string
/// fallbacks it took, so that the build record can keep them with the file it made.
pub fn recording<T>(render: impl FnOnce() -> T) -> (T, Vec<Fallback>) {
    let outer = RECORDING.with(|r| r.borrow_mut().replace(BTreeSet::new()));
    let result = render();
    let taken = RECORDING.with(|r| std::mem::replace(&mut *r.borrow_mut(), outer));
    (result, taken.unwrap_or_default().into_iter().collect())
}

impl Strings {
    /// Loads the strings of every configured language from the theme's and the site's
    /// `i18n/` folders (the site's win key by key). Files of other languages are ignored.
    /// Problems go to `diagnostics`: errors for what cannot be read, warnings for plural
    /// forms that do not fit the language.
    pub fn load(dirs: &[&Path], config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Strings {
        // A derived language (kk-Latn) has its parent's CLDR data: CLDR may not have it.
        let cldr: BTreeMap<Lang, Arc<LanguageData>> = config
            .languages
            .iter()
            .map(|l| (l.code.clone(), l.profile.cldr.clone()))
            .collect();
        let mut tables: BTreeMap<Lang, BTreeMap<String, Text>> = BTreeMap::new();
        let mut broken = BTreeSet::new();
        for dir in dirs {
            for language in &config.languages {
                let path = dir.join(format!("{}.yaml", language.code));
                if !path.is_file() {
                    continue;
                }
                let text = match crate::source::read(&path, "these interface strings") {
                    Ok(text) => text,
                    Err(e) => {
                        diagnostics.push(e);
                        broken.insert(language.code.clone());
                        continue;
                    }
                };
                let table = match Table::parse(&text, 1) {
                    Ok(t) => t,
                    Err(e) => {
                        diagnostics.push(
                            Kind::Yaml
                                .error(&path, e.message)
                                .at(e.line)
                                .quoting(&text, 1, None),
                        );
                        broken.insert(language.code.clone());
                        continue;
                    }
                };
                let needed = cldr
                    .get(&language.code)
                    .map_or(vec![Category::Other], |data| data.categories());
                let strings = tables.entry(language.code.clone()).or_default();
                for entry in table.entries() {
                    if let Ok(s) = entry.get::<String>() {
                        strings.insert(entry.key.clone(), Text::Plain(s));
                        continue;
                    }
                    if let Some(plural) =
                        plural_forms(entry, (&path, &text, &language.code), &needed, diagnostics)
                    {
                        strings.insert(entry.key.clone(), Text::Plural(plural));
                    }
                }
            }
        }
        let derived: BTreeMap<Lang, (Lang, Transliteration)> = config
            .languages
            .iter()
            .filter_map(|l| {
                Some((
                    l.code.clone(),
                    (l.derive_from.clone()?, l.profile.transliteration?),
                ))
            })
            .collect();
        let chains = fallback_chains(config);
        Strings {
            tables,
            chains,
            cldr,
            derived,
            fell_back: Mutex::default(),
            broken,
        }
    }

    /// A hash of every string and chain: pages rendered with equal fingerprints saw the
    /// same strings.
    pub fn fingerprint(&self) -> u64 {
        let text = format!("{:?}{:?}", self.tables, self.chains);
        crate::util::hash_bytes(text.as_bytes())
    }

    /// The string `key` in `lang` (or along its fallback chain) for `count` things, with
    /// `{count}` and the other `{name}` placeholders filled from `args`.
    pub fn text(
        &self,
        lang: &Lang,
        key: &str,
        count: Option<u64>,
        args: &[(&str, String)],
    ) -> Option<String> {
        let chain = self.chains.get(lang)?;
        let (from, text) = chain
            .iter()
            .find_map(|l| self.tables.get(l).and_then(|t| t.get(key)).map(|t| (l, t)))?;
        let transliterate = match self.derived.get(lang) {
            Some((parent, convert)) if from != lang => {
                // From the parent (or its chain): transliterated, and no warning when the
                // parent itself had it.
                if from != parent {
                    self.note_fallback(lang, key, from);
                }
                Some(*convert)
            }
            _ => None,
        };
        if from != lang && transliterate.is_none() {
            self.note_fallback(lang, key, from);
        }
        let mut out = match text {
            Text::Plain(s) => s.clone(),
            Text::Plural(forms) => {
                // The form is chosen by the rules of the language the text is written in.
                let category = match (count, self.cldr.get(from)) {
                    (Some(n), Some(data)) => data.category(n),
                    _ => Category::Other,
                };
                forms
                    .get(&category)
                    .or_else(|| forms.get(&Category::Other))
                    .or_else(|| forms.values().next())?
                    .clone()
            }
        };
        if let Some(n) = count {
            out = out.replace("{count}", &n.to_string());
        }
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        Some(match transliterate {
            Some(convert) => convert(&out),
            None => out,
        })
    }

    /// The string `key` of `lang`'s own interface strings (the site's over the theme's),
    /// without fallback or transliteration; a plural string's `other` form.
    pub fn own(&self, lang: &Lang, key: &str) -> Option<&str> {
        match self.tables.get(lang)?.get(key)? {
            Text::Plain(s) => Some(s),
            Text::Plural(forms) => forms
                .get(&Category::Other)
                .or_else(|| forms.values().next())
                .map(String::as_str),
        }
    }

    /// The languages `lang`'s missing strings come from, itself first (see
    /// [`Strings::text`]).
    pub fn chain(&self, lang: &Lang) -> &[Lang] {
        self.chains.get(lang).map_or(&[], Vec::as_slice)
    }

    /// Whether `lang` or a language along its chain has the string `key` (nothing is
    /// noted as a fallback).
    pub fn has(&self, lang: &Lang, key: &str) -> bool {
        self.chains.get(lang).is_some_and(|chain| {
            chain
                .iter()
                .any(|l| self.tables.get(l).is_some_and(|t| t.contains_key(key)))
        })
    }

    /// The languages whose own strings lack `key`, derived languages left out (they
    /// have no file of their own to add it to: their parent's is named instead).
    pub fn lacking(&self, key: &str) -> Vec<Lang> {
        self.chains
            .keys()
            .filter(|l| !self.derived.contains_key(*l))
            .filter(|l| !self.tables.get(*l).is_some_and(|t| t.contains_key(key)))
            .cloned()
            .collect()
    }

    fn note_fallback(&self, lang: &Lang, key: &str, from: &Lang) {
        let taken = (lang.clone(), key.to_string(), from.clone());
        RECORDING.with(|r| {
            if let Some(list) = r.borrow_mut().as_mut() {
                list.insert(taken.clone());
            }
        });
        self.fell_back
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(taken);
    }

    /// Reports again the fallbacks that a file kept from the last build took when it was
    /// rendered: a build that keeps it warns as the one that made it did.
    pub fn replay(&self, taken: &[Fallback]) {
        if taken.is_empty() {
            return;
        }
        self.fell_back
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(taken.iter().cloned());
    }

    /// A country's name in `lang`, from its ISO 3166 code: the interface string
    /// `country_<code>` of the language itself (`country_kg: "Кыргызстан"`: the site's over
    /// the theme's), else CLDR's name. A derived language transliterates its parent's
    /// (override or CLDR) unless it has its own string. The fallback chain is not taken: a
    /// language without an override has CLDR's name in that language, never another
    /// language's override. Everything that shows a country calls this.
    pub fn region_name(&self, lang: &Lang, code: &str) -> Option<String> {
        if let Some(name) = self.country_override(lang, code) {
            return Some(name);
        }
        let name = self.cldr.get(lang)?.region_name(code)?;
        Some(self.in_script_of(lang, name))
    }

    /// The name a site or theme gives the country `code` in `lang` (see
    /// [`Strings::region_name`]).
    fn country_override(&self, lang: &Lang, code: &str) -> Option<String> {
        // Only a region code: `country_facts` is another kind of string.
        if !(code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic())) {
            return None;
        }
        let key = country_key(code);
        if let Some(name) = self.own(lang, &key) {
            return Some(name.to_string());
        }
        let (parent, convert) = self.derived.get(lang)?;
        Some(convert(self.own(parent, &key)?))
    }

    /// A date written the way `lang` writes it (see [`LanguageData::format_date`]); a
    /// derived language transliterates its parent's.
    pub fn format_date(
        &self,
        lang: &Lang,
        (year, month, day): (i32, u8, u8),
        long: bool,
    ) -> Option<String> {
        let date = self.cldr.get(lang)?.format_date(year, month, day, long)?;
        Some(self.in_script_of(lang, date))
    }

    /// Text of `lang`'s CLDR data as `lang` writes it: a derived language's is its
    /// parent's, transliterated.
    fn in_script_of(&self, lang: &Lang, text: String) -> String {
        match self.derived.get(lang) {
            Some((_, convert)) => convert(&text),
            None => text,
        }
    }

    /// One warning per string that had to come from another language.
    pub fn fallback_warnings(&self, i18n_dir: &Path) -> Vec<Diagnostic> {
        let taken = self.fell_back.lock().unwrap_or_else(|e| e.into_inner());
        taken
            .iter()
            .filter(|(lang, ..)| !self.broken.contains(lang))
            .map(|(lang, key, from)| {
                Kind::StringFallback.warning(
                    i18n_dir.join(format!("{lang}.yaml")),
                    format!("no interface string `{key}` in `{lang}`: used the `{from}` one"),
                )
            })
            .collect()
    }
}

/// The interface string that names the country `code` (`kg` -> `country_kg`).
pub fn country_key(code: &str) -> String {
    format!("country_{}", code.to_ascii_lowercase())
}

fn names(categories: &[Category]) -> String {
    categories
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The plural forms of `entry` in the interface strings at `path` (whose text is `source`)
/// for `lang`, with a
/// warning for each form the language does not have or lacks; `None` (with an error) when
/// the entry is neither text nor forms.
fn plural_forms(
    entry: &crate::yaml::Entry,
    (path, source, lang): (&Path, &str, &Lang),
    needed: &[Category],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<BTreeMap<Category, String>> {
    let at = |d: Diagnostic| {
        d.at_column(entry.line, entry.column)
            .quoting(source, 1, None)
    };
    let Ok(forms) = entry.get::<BTreeMap<String, String>>() else {
        let message = format!(
            "`{}`: expected text, or plural forms like {{ one: \"{{count}} …\", other: \"{{count}} …\" }}",
            entry.key
        );
        diagnostics.push(at(Kind::Strings.error(path, message)));
        return None;
    };
    let mut plural = BTreeMap::new();
    for (name, text) in forms {
        match Category::from_name(&name) {
            Some(c) if needed.contains(&c) => {
                plural.insert(c, text);
            }
            Some(_) => diagnostics.push(at(Kind::Strings.warning(
                path,
                format!(
                    "`{}`: `{}` has no `{name}` plural form (its forms: {}); this text is never used",
                    entry.key,
                    lang,
                    names(needed)
                ),
            ))),
            None => diagnostics.push(at(Kind::Strings.warning(
                path,
                format!(
                    "`{}`: `{name}` is not a CLDR plural category (zero, one, two, few, many, other)",
                    entry.key
                ),
            ))),
        }
    }
    let missing: Vec<Category> = needed
        .iter()
        .copied()
        .filter(|c| !plural.contains_key(c))
        .collect();
    if !missing.is_empty() {
        diagnostics.push(at(Kind::Strings.warning(
            path,
            format!(
                "`{}`: missing the plural form{} {} that `{}` needs",
                entry.key,
                if missing.len() == 1 { "" } else { "s" },
                names(&missing),
                lang
            ),
        )));
    }
    Some(plural)
}

/// Each language's chain of languages its missing strings come from: itself, the language
/// it is derived from, its `fallback`, its parent's `fallback`, then the default language.
fn fallback_chains(config: &Config) -> BTreeMap<Lang, Vec<Lang>> {
    config
        .languages
        .iter()
        .map(|l| {
            let mut chain = vec![l.code.clone()];
            // A derived language takes what it lacks from its parent, transliterated.
            let parent = l
                .derive_from
                .as_ref()
                .and_then(|p| config.find_language(p.as_str()));
            let parent_fallback = parent.map(|p| p.fallback.as_slice()).unwrap_or(&[]);
            let candidates = l
                .derive_from
                .iter()
                .chain(&l.fallback)
                .chain(parent_fallback);
            for f in candidates.chain(std::iter::once(&config.default_language)) {
                if !chain.contains(f) {
                    chain.push(f.clone());
                }
            }
            (l.code.clone(), chain)
        })
        .collect()
}
