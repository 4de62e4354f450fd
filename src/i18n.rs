//! Interface strings: `i18n/<lang>.yaml` of the site over those of the theme.
//!
//! A lookup tries the language, then its `fallback` chain from `site.yaml`, then the default
//! language. Falling back is worth a warning; a string missing everywhere is a template error.

use crate::config::Config;
use crate::error::Diagnostic;
use crate::lang::Lang;
use crate::yaml::Table;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Mutex;

pub const I18N_DIR: &str = "i18n";

#[derive(Debug, Default)]
pub struct Strings {
    /// Language -> key -> text.
    tables: BTreeMap<Lang, BTreeMap<String, String>>,
    /// Lookup order per language.
    chains: BTreeMap<Lang, Vec<Lang>>,
    /// Fallbacks taken, reported once each as warnings.
    fell_back: Mutex<BTreeSet<(Lang, String, Lang)>>,
}

impl Strings {
    /// Loads the strings of every configured language from the theme's and the site's
    /// `i18n/` folders (the site's win key by key). Files of other languages are ignored.
    pub fn load(dirs: &[&Path], config: &Config, errors: &mut Vec<Diagnostic>) -> Strings {
        let mut tables: BTreeMap<Lang, BTreeMap<String, String>> = BTreeMap::new();
        for dir in dirs {
            for language in &config.languages {
                let path = dir.join(format!("{}.yaml", language.code));
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let table = match Table::parse(&text, 1) {
                    Ok(t) => t,
                    Err(e) => {
                        errors.push(Diagnostic::error(&path, e.message).at(e.line));
                        continue;
                    }
                };
                let strings = tables.entry(language.code.clone()).or_default();
                for entry in table.entries() {
                    match entry.get::<String>() {
                        Ok(s) => {
                            strings.insert(entry.key.clone(), s);
                        }
                        Err(e) => errors.push(
                            Diagnostic::error(
                                &path,
                                format!("{} (interface strings are `key: text`)", e.message),
                            )
                            .at(e.line),
                        ),
                    }
                }
            }
        }
        let chains = config
            .languages
            .iter()
            .map(|l| {
                let mut chain = vec![l.code.clone()];
                for f in l
                    .fallback
                    .iter()
                    .chain(std::iter::once(&config.default_language))
                {
                    if !chain.contains(f) {
                        chain.push(f.clone());
                    }
                }
                (l.code.clone(), chain)
            })
            .collect();
        Strings {
            tables,
            chains,
            fell_back: Mutex::default(),
        }
    }

    /// A hash of every string and chain: pages rendered with equal fingerprints saw the
    /// same strings.
    pub fn fingerprint(&self) -> u64 {
        let text = format!("{:?}{:?}", self.tables, self.chains);
        crate::output::hash_bytes(text.as_bytes())
    }

    /// The string `key` in `lang`, or along its fallback chain.
    pub fn get(&self, lang: &Lang, key: &str) -> Option<&str> {
        let chain = self.chains.get(lang)?;
        for (i, l) in chain.iter().enumerate() {
            if let Some(s) = self.tables.get(l).and_then(|t| t.get(key)) {
                if i > 0 {
                    self.fell_back
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert((lang.clone(), key.to_string(), l.clone()));
                }
                return Some(s);
            }
        }
        None
    }

    /// One warning per string that had to come from another language.
    pub fn fallback_warnings(&self, i18n_dir: &Path) -> Vec<Diagnostic> {
        let taken = self.fell_back.lock().unwrap_or_else(|e| e.into_inner());
        taken
            .iter()
            .map(|(lang, key, from)| {
                Diagnostic::warning(
                    i18n_dir.join(format!("{lang}.yaml")),
                    format!("no interface string `{key}` in `{lang}`: used the `{from}` one"),
                )
            })
            .collect()
    }
}
