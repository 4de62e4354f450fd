//! The grammars dala carries: TextMate grammars from tm-grammars (Shiki's collection, most
//! of them VS Code's), chosen and vendored by `tools/grammars.py` into `grammars/`, each
//! under a licence that lets dala's binary carry it (ACKNOWLEDGEMENTS.md lists them).
//!
//! The index (`grammars/index.tsv`) names each grammar, its root scope, its display name,
//! its aliases, the grammars it embeds and whether a fence may name it; `words.tsv` adds
//! the other words a fence may name a language by.

use super::grammars::{GRAMMARS, INDEX};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The fence words of `words.tsv`.
const WORDS: &str = include_str!("words.tsv");

/// One grammar of the index.
#[derive(Debug)]
pub(super) struct Language {
    /// Its name, which a fence may use (`rust`, `shellscript`).
    pub name: &'static str,
    /// The name people know it by (`Rust`, `Shell`).
    pub display: &'static str,
    /// The other words its grammar records for it (`rs`; `bash`, `sh`...).
    pub aliases: Vec<&'static str>,
    /// The grammars it embeds (CSS and JavaScript in HTML), by name.
    pub embeds: Vec<&'static str>,
    /// Whether a fence may name it; the others only serve inside other grammars.
    pub public: bool,
    /// Its grammar, as JSON.
    pub json: &'static str,
}

/// Every grammar, and the word each fence word finds.
pub(super) struct Catalog {
    languages: Vec<Language>,
    by_name: HashMap<&'static str, usize>,
    /// Fence words in lower case, and the language each finds.
    words: HashMap<&'static str, &'static str>,
}

/// The catalog, read once per process.
pub(super) fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::read)
}

impl Catalog {
    fn read() -> Catalog {
        let json: HashMap<&str, &str> = GRAMMARS.iter().copied().collect();
        let mut languages = Vec::new();
        for line in INDEX.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&'static str> = line.split('\t').collect();
            let list = |i: usize| -> Vec<&'static str> {
                fields
                    .get(i)
                    .map(|f| f.split(',').filter(|w| !w.is_empty()).collect())
                    .unwrap_or_default()
            };
            let (Some(name), Some(display)) = (fields.first(), fields.get(2)) else {
                continue;
            };
            let Some(json) = json.get(name) else {
                continue;
            };
            languages.push(Language {
                name,
                display,
                aliases: list(3),
                embeds: list(4),
                public: fields.get(5) == Some(&"public"),
                json,
            });
        }
        let by_name = languages
            .iter()
            .enumerate()
            .map(|(i, l)| (l.name, i))
            .collect();
        let mut words = HashMap::new();
        // A language's name first; then dala's words, which may take a word from a
        // grammar's aliases; then the aliases.
        for language in languages.iter().filter(|l| l.public) {
            words.insert(language.name, language.name);
        }
        for line in WORDS.lines().filter(|l| !l.starts_with('#')) {
            let Some((name, list)) = line.split_once('\t') else {
                continue;
            };
            let Some(language) = languages.iter().find(|l| l.name == name && l.public) else {
                continue;
            };
            for word in list.split_whitespace() {
                words.entry(word).or_insert(language.name);
            }
        }
        for language in languages.iter().filter(|l| l.public) {
            for alias in &language.aliases {
                words.entry(alias).or_insert(language.name);
            }
        }
        Catalog {
            languages,
            by_name,
            words,
        }
    }

    /// Every grammar, in the index's order (by name).
    pub(super) fn languages(&self) -> &[Language] {
        &self.languages
    }

    /// The grammar named `name`.
    pub(super) fn language(&self, name: &str) -> Option<&Language> {
        self.by_name.get(name).map(|&i| &self.languages[i])
    }

    /// The language a fence word (in lower case) finds.
    pub(super) fn find(&self, word: &str) -> Option<&'static str> {
        self.words.get(word).copied()
    }

    /// Every word that finds `name`, in lower case: its name, its aliases, dala's words.
    pub(super) fn words_of(&self, name: &str) -> Vec<&'static str> {
        let mut words: Vec<&'static str> = self
            .words
            .iter()
            .filter(|(_, to)| **to == name)
            .map(|(word, _)| *word)
            .collect();
        // The name, then the grammar's aliases in its order, then the rest alphabetically.
        let rank = |w: &str| -> (usize, String) {
            let language = self.language(name);
            if w == name {
                (0, String::new())
            } else if let Some(i) = language.and_then(|l| l.aliases.iter().position(|a| *a == w)) {
                (1, format!("{i:04}"))
            } else {
                (2, w.to_string())
            }
        };
        words.sort_by_key(|w| rank(w));
        words
    }

    /// `name`'s grammar and every grammar it embeds, near or far: what reading it needs.
    pub(super) fn closure(&self, name: &str) -> Vec<&Language> {
        let mut found: Vec<&Language> = Vec::new();
        let mut todo = vec![name];
        while let Some(next) = todo.pop() {
            if found.iter().any(|l| l.name == next) {
                continue;
            }
            if let Some(language) = self.language(next) {
                todo.extend(language.embeds.iter().copied());
                found.push(language);
            }
        }
        found
    }
}
