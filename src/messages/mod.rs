//! The language of dala's messages: English, Russian or Kazakh (`--messages`,
//! `DALA_MESSAGES`, else the locale).
//!
//! Messages are written in English where the problem is found (`format!` at some 130
//! places); they are translated when printed, by a catalogue per language
//! (`src/messages/ru.yaml`, `src/messages/kk.yaml`) that maps English *patterns* to their
//! translation. A pattern is the English message with named placeholders
//! (``link `{link}` leads to nothing in the built site``); it matches a whole message, and
//! what the placeholders stand for is put into the translation unchanged (file names, keys,
//! code: data), except for the placeholders named in [`NESTED`], whose value is a message
//! of its own and is translated in turn (`cannot read front matter: {error}`). A
//! translation is text, or CLDR plural forms chosen by the number of its `count`
//! placeholder (`n` unless it says otherwise). A message that matches no pattern is shown
//! in English. `--format json` never passes through here.
//!
//! A leaf: it uses only [`crate::cldr`], for the plural rules.

use crate::cldr::{Category, LanguageData};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The languages dala speaks in its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Ru,
    Kk,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Kk];

    /// Its code: `en`, `ru`, `kk`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Kk => "kk",
        }
    }

    /// The language of a code (`ru`, `kk`, `en`, any case), or `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The language of a POSIX locale name: `ru_RU.UTF-8` -> Russian, `kk_KZ` -> Kazakh,
    /// `en_GB.UTF-8` -> English; `None` for an empty one. `C`, `POSIX` and a locale of a
    /// language dala does not speak give English.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let locale = locale.trim();
        if locale.is_empty() {
            return None;
        }
        let language = locale
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default();
        Some(Lang::from_code(language).unwrap_or(Lang::En))
    }

    /// The language chosen by `--messages` (`flag`), else by `DALA_MESSAGES`, else by the
    /// locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`: the first one set and not empty),
    /// else English. `var` reads the environment (a parameter, for the tests).
    pub fn choose(flag: Option<Lang>, var: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        if let Some(value) = var("DALA_MESSAGES").filter(|v| !v.trim().is_empty()) {
            return Lang::from_code(&value)
                .or_else(|| Lang::from_locale(&value))
                .unwrap_or(Lang::En);
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| var(name).and_then(|v| Lang::from_locale(&v)))
            .unwrap_or(Lang::En)
    }

    /// [`Lang::choose`] from the process's environment.
    pub fn from_env(flag: Option<Lang>) -> Lang {
        Lang::choose(flag, |name| std::env::var(name).ok())
    }
}

/// Placeholders whose value is a message itself, translated in turn.
pub const NESTED: &[&str] = &[
    "message",
    "error",
    "problem",
    "advice",
    "outcome",
    "found",
    "errors",
    "warnings",
    "notes",
    "reason",
    "detail",
    "others",
    "what",
    "first_day",
    "second_day",
    "country",
    "language",
];

/// Placeholders that always stand for a number.
const NUMBERS: &[&str] = &["n", "count", "m"];

/// Nested placeholders whose value may come from outside dala (the system, a library) and
/// is left in English when no pattern knows it: the others must match a pattern for the
/// message to count as known ([`is_known`]).
const FOREIGN: &[&str] = &["error", "reason", "detail"];

/// How deep nested messages are translated.
const DEPTH: usize = 6;

/// The catalogues' text, by language (English has none: it is the original).
pub fn source(lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Ru => Some(include_str!("ru.yaml")),
        Lang::Kk => Some(include_str!("kk.yaml")),
    }
}

/// One translation: text, or plural forms chosen by the placeholder `count`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Translation {
    Text(String),
    Plural {
        count: String,
        forms: BTreeMap<Category, String>,
    },
}

impl Translation {
    /// Every text of it (its plural forms).
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Translation::Text(t) => vec![t.as_str()],
            Translation::Plural { forms, .. } => forms.values().map(String::as_str).collect(),
        }
    }
}

/// A language's catalogue as written: the words for the severities, and each English
/// pattern's translation.
#[derive(Debug)]
pub struct Written {
    pub severities: BTreeMap<String, String>,
    pub messages: Vec<(String, Translation)>,
}

/// Reads a catalogue file: `severities: {error: ..., warning: ..., note: ...}` and
/// `messages:`, each English pattern with its text or its plural forms
/// (`{count: n, one: ..., other: ...}`).
pub fn parse(text: &str) -> Result<Written, String> {
    let value: crate::yaml::Value = crate::yaml::read(text).map_err(|(e, _)| e)?;
    let string = |v: &crate::yaml::Value, what: &str| {
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("{what}: expected text"))
    };
    let mut severities = BTreeMap::new();
    if let Some(map) = value.get("severities").and_then(|v| v.as_mapping()) {
        for (k, v) in map {
            let k = string(k, "a severity")?;
            severities.insert(k.clone(), string(v, &k)?);
        }
    }
    let mut messages = Vec::new();
    let map = value
        .get("messages")
        .and_then(|v| v.as_mapping())
        .ok_or("no `messages:` mapping")?;
    for (k, v) in map {
        let pattern = string(k, "a pattern")?;
        let translation = match v {
            crate::yaml::Value::String(s) => Translation::Text(s.clone()),
            crate::yaml::Value::Mapping(forms) => {
                let mut count = "n".to_string();
                let mut found = BTreeMap::new();
                for (name, text) in forms {
                    let name = string(name, &pattern)?;
                    let text = string(text, &pattern)?;
                    if name == "count" {
                        count = text;
                        continue;
                    }
                    let category = Category::from_name(&name).ok_or_else(|| {
                        format!("{pattern}: `{name}` is not a CLDR plural category")
                    })?;
                    found.insert(category, text);
                }
                Translation::Plural {
                    count,
                    forms: found,
                }
            }
            _ => return Err(format!("{pattern}: expected text or plural forms")),
        };
        messages.push((pattern, translation));
    }
    Ok(Written {
        severities,
        messages,
    })
}

/// The names of the placeholders of a pattern or translation, in order.
pub fn placeholders(text: &str) -> Vec<String> {
    placeholder_regex()
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .collect()
}

fn placeholder_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\{([a-z][a-z0-9_]*)\}").expect("a valid regex"))
}

/// The anchored regex of an English pattern: its text literally, each placeholder a named
/// group (digits for a number).
pub fn compile(pattern: &str, count: Option<&str>) -> Result<Regex, regex::Error> {
    compile_as(pattern, count, false)
}

/// [`compile`], where with `strict` a placeholder between backticks (`` `{key}` ``) holds
/// no backtick: ``the `{path}` has...`` then does not take in the code of another
/// message; nor does one that opens the pattern before `: ` hold a `: `.
fn compile_as(pattern: &str, count: Option<&str>, strict: bool) -> Result<Regex, regex::Error> {
    let mut re = String::from(r"(?s)\A");
    let mut last = 0;
    let mut seen = Vec::new();
    for c in placeholder_regex().captures_iter(pattern) {
        let whole = c.get(0).expect("the whole match");
        re.push_str(&regex::escape(&pattern[last..whole.start()]));
        let name = c.get(1).expect("a name").as_str();
        if seen.contains(&name) {
            // A placeholder named twice matches what it matched the first time: the regex
            // crate has no back references, so the second is any text.
            re.push_str(".+?");
        } else if NUMBERS.contains(&name) || Some(name) == count {
            re.push_str(&format!("(?P<{name}>[0-9]+)"));
        } else if strict
            && pattern[..whole.start()].ends_with('`')
            && pattern[whole.end()..].starts_with('`')
        {
            re.push_str(&format!("(?P<{name}>[^`]+?)"));
        } else if strict && whole.start() == 0 && pattern[whole.end()..].starts_with(": ") {
            // A path before the message (`{path}: a symbolic link ...`) holds no `: `:
            // `cannot write: {error}` then keeps the message it wraps.
            re.push_str(&format!("(?P<{name}>(?:[^:]|:[^ ])+?)"));
        } else {
            re.push_str(&format!("(?P<{name}>.+?)"));
        }
        seen.push(name);
        last = whole.end();
    }
    re.push_str(&regex::escape(&pattern[last..]));
    re.push_str(r"\z");
    Regex::new(&re)
}

/// A compiled catalogue.
struct Catalogue {
    severities: BTreeMap<String, String>,
    /// Most specific first: the most literal text. Each with its strict regex and its
    /// loose one (see [`compile_as`]): the strict ones are tried first.
    entries: Vec<([Regex; 2], Translation)>,
    plurals: LanguageData,
}

fn catalogue(lang: Lang) -> Option<&'static Catalogue> {
    static RU: OnceLock<Option<Catalogue>> = OnceLock::new();
    static KK: OnceLock<Option<Catalogue>> = OnceLock::new();
    let cell = match lang {
        Lang::En => return None,
        Lang::Ru => &RU,
        Lang::Kk => &KK,
    };
    cell.get_or_init(|| {
        let written = parse(source(lang)?).ok()?;
        let mut entries: Vec<(usize, [Regex; 2], Translation)> = written
            .messages
            .into_iter()
            .filter_map(|(pattern, translation)| {
                let count = match &translation {
                    Translation::Plural { count, .. } => Some(count.as_str()),
                    Translation::Text(_) => None,
                };
                let literal = placeholder_regex()
                    .replace_all(&pattern, "")
                    .chars()
                    .count();
                let strict = compile_as(&pattern, count, true).ok()?;
                let loose = compile_as(&pattern, count, false).ok()?;
                Some((literal, [strict, loose], translation))
            })
            .collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.0));
        Some(Catalogue {
            severities: written.severities,
            entries: entries.into_iter().map(|(_, r, t)| (r, t)).collect(),
            plurals: LanguageData::new(lang.code(), None),
        })
    })
    .as_ref()
}

/// The word for a severity (`error`, `warning`, `note`) in `lang`.
pub fn severity(lang: Lang, label: &str) -> String {
    catalogue(lang)
        .and_then(|c| c.severities.get(label).cloned())
        .unwrap_or_else(|| label.to_string())
}

/// `message` in `lang`: the translation of the first pattern that matches it, or the
/// message unchanged when none does.
pub fn translate(lang: Lang, message: &str) -> String {
    match catalogue(lang) {
        Some(c) => c
            .translate(message, DEPTH)
            .map_or_else(|| message.to_string(), |(text, _)| text),
        None => message.to_string(),
    }
}

/// Whether `lang`'s catalogue translates all of `message`: a pattern matches it, and the
/// nested messages in it too (but for [`FOREIGN`] ones). English knows every message.
pub fn is_known(lang: Lang, message: &str) -> bool {
    match catalogue(lang) {
        Some(c) => c
            .translate(message, DEPTH)
            .is_some_and(|(_, complete)| complete),
        None => lang == Lang::En,
    }
}

impl Catalogue {
    /// The translation, and whether every nested message in it was known.
    fn translate(&self, message: &str, depth: usize) -> Option<(String, bool)> {
        let (regex, translation) = [0, 1].into_iter().find_map(|pass| {
            self.entries
                .iter()
                .find(|(regexes, _)| regexes[pass].is_match(message))
                .map(|(regexes, t)| (&regexes[pass], t))
        })?;
        let captures = regex.captures(message)?;
        let mut values: BTreeMap<&str, String> = BTreeMap::new();
        let mut complete = true;
        for name in regex.capture_names().flatten() {
            let Some(value) = captures.name(name) else {
                continue;
            };
            let value = value.as_str();
            let value = if NESTED.contains(&name) && depth > 0 {
                match self.translate(value, depth - 1) {
                    Some((text, known)) => {
                        complete &= known || FOREIGN.contains(&name);
                        text
                    }
                    None => {
                        complete &= FOREIGN.contains(&name);
                        value.to_string()
                    }
                }
            } else {
                value.to_string()
            };
            values.insert(name, value);
        }
        let text = match translation {
            Translation::Text(t) => t,
            Translation::Plural { count, forms } => {
                let n: u64 = values
                    .get(count.as_str())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                let category = self.plurals.category(n);
                forms
                    .get(&category)
                    .or_else(|| forms.get(&Category::Other))?
            }
        };
        let text = placeholder_regex()
            .replace_all(text, |c: &regex::Captures| {
                values
                    .get(&c[1])
                    .cloned()
                    .unwrap_or_else(|| c[0].to_string())
            })
            .into_owned();
        Some((text, complete))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_name_languages() {
        assert_eq!(Lang::from_locale("ru_RU.UTF-8"), Some(Lang::Ru));
        assert_eq!(Lang::from_locale("kk_KZ.UTF-8"), Some(Lang::Kk));
        assert_eq!(Lang::from_locale("kk_KZ"), Some(Lang::Kk));
        assert_eq!(Lang::from_locale("ru"), Some(Lang::Ru));
        assert_eq!(Lang::from_locale("ru_UA.utf8@euro"), Some(Lang::Ru));
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale("POSIX"), Some(Lang::En));
        assert_eq!(Lang::from_locale("de_DE.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_locale(""), None);
    }

    #[test]
    fn the_flag_then_dala_messages_then_the_locale() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let all = env(&[
            ("DALA_MESSAGES", "kk"),
            ("LC_ALL", "ru_RU.UTF-8"),
            ("LANG", "en_US.UTF-8"),
        ]);
        assert_eq!(Lang::choose(Some(Lang::Ru), all), Lang::Ru);
        assert_eq!(Lang::choose(None, all), Lang::Kk);
        let locale = env(&[("LC_ALL", "ru_RU.UTF-8"), ("LANG", "kk_KZ.UTF-8")]);
        assert_eq!(Lang::choose(None, locale), Lang::Ru);
        // An empty variable is skipped; C is English and ends the search.
        let skip = env(&[
            ("LC_ALL", ""),
            ("LC_MESSAGES", "kk_KZ.UTF-8"),
            ("LANG", "ru_RU"),
        ]);
        assert_eq!(Lang::choose(None, skip), Lang::Kk);
        let c = env(&[("LC_ALL", "C"), ("LANG", "ru_RU.UTF-8")]);
        assert_eq!(Lang::choose(None, c), Lang::En);
        assert_eq!(
            Lang::choose(None, env(&[("LANG", "ru_RU.UTF-8")])),
            Lang::Ru
        );
        assert_eq!(Lang::choose(None, env(&[])), Lang::En);
        assert_eq!(
            Lang::choose(None, env(&[("DALA_MESSAGES", "fr")])),
            Lang::En
        );
        assert_eq!(
            Lang::choose(None, env(&[("DALA_MESSAGES", "kk_KZ.UTF-8")])),
            Lang::Kk
        );
    }

    #[test]
    fn patterns_match_whole_messages_and_nest() {
        let re = compile("link `{link}` leads to nothing in the built site", None).unwrap();
        assert!(re.is_match("link `a.md` leads to nothing in the built site"));
        assert!(!re.is_match("a link `a.md` leads to nothing in the built site"));
        assert_eq!(
            translate(Lang::Ru, "link `/x/` leads to nothing in the built site"),
            "ссылка `/x/` никуда не ведёт: такой страницы нет в собранном сайте"
        );
        assert_eq!(
            translate(Lang::Kk, "link `/x/` leads to nothing in the built site"),
            "`/x/` сілтемесі ешқайда апармайды: жиналған сайтта мұндай бет жоқ"
        );
        assert_eq!(translate(Lang::Ru, "something new"), "something new");
        // Plural forms by CLDR, and a nested message.
        for (n, ru, kk) in [
            (1, "1 ошибка", "1 қате"),
            (3, "3 ошибки", "3 қате"),
            (5, "5 ошибок", "5 қате"),
            (21, "21 ошибка", "21 қате"),
        ] {
            let s = if n == 1 { "" } else { "s" };
            let english =
                format!("build failed with {n} error{s}; the output folder was left as it was");
            assert_eq!(
                translate(Lang::Ru, &english),
                format!("сборка не удалась: {ru}; папка с результатом осталась прежней")
            );
            assert_eq!(
                translate(Lang::Kk, &english),
                format!("жинау сәтсіз аяқталды: {kk}; нәтиже қалтасы бұрынғы күйінде қалды")
            );
        }
        // A nested message that no pattern knows is kept, and the whole is not known.
        let d = "link `x` leads to nothing in the built site (also on 2 other pages)";
        assert_eq!(
            translate(Lang::Ru, d),
            "ссылка `x` никуда не ведёт: такой страницы нет в собранном сайте (и ещё на 2 страницах)"
        );
        assert!(is_known(Lang::Ru, d));
        assert!(!is_known(Lang::Ru, "something new (also on 2 other pages)"));
        assert!(is_known(Lang::Kk, "cannot read: strange system words"));
        assert_eq!(severity(Lang::Kk, "warning"), "ескерту");
        // Messages being added on main at the same time, known before they arrive.
        let hugo = "a Hugo shortcode, which dala does not run (it shows it as written): write `{{ figure(src=\"a.png\") }}` (docs/shortcodes.md)";
        assert_eq!(
            translate(Lang::Ru, hugo),
            "это шорткод Hugo, dala его не выполняет (он показывается как есть): напишите `{{ figure(src=\"a.png\") }}` (docs/shortcodes.md)"
        );
        let rename = "the file name `My Page` has spaces and capital letters: rename it `my-page` (lower case, `-` for spaces), as its page's address has it";
        assert_eq!(
            translate(Lang::Kk, rename),
            "`My Page` файл атауында бос орындар мен бас әріптер бар: оның атын `my-page` деп өзгертіңіз (кіші әріптермен, бос орын орнына `-`), бетінің мекенжайында солай жазылады"
        );
        assert!(is_known(Lang::Ru, rename));
        assert_eq!(severity(Lang::En, "warning"), "warning");
        assert_eq!(
            translate(Lang::En, "build failed with 2 errors"),
            "build failed with 2 errors"
        );
    }
}
