//! Stemming for search: a light suffix stripper, the same small algorithm in Rust and in
//! `search.js`, with the rules as data (the search index carries them, so the browser stems
//! a query with the very rules the build stemmed the text with).
//!
//! For each layer of suffixes in order, the longest suffix the word ends with is replaced,
//! provided at least `min_stem` letters remain and, if the rule says so, a letter of the
//! given kind (a consonant, a vowel) comes before it. Russian loses case and number endings
//! of nouns and adjectives; Kazakh loses a case ending, then a possessive, then a plural one
//! (`қызметтерінің` → `қызмет`), up to three times over, since a root may end like a suffix
//! (`Қазақстан`, `Қазақстанда` and `Қазақстанның` all give `қазақс`, which is fine for
//! finding them); English loses plural `-s`. Other languages are searched by whole words. A
//! derived language (`kk-Latn`) uses its parent's rules, transliterated.
//!
//! Which [`Stemmer`] a language uses is decided by its profile
//! ([`crate::language::Profile`]); this module only has the rules.

use crate::translit::Transliteration;
use serde::Serialize;
use std::collections::HashMap;

/// The suffix strippers dala has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stemmer {
    Russian,
    Kazakh,
    English,
    /// No stemming: whole words.
    Words,
}

/// How a language's words are normalized and stemmed.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Letters a stem keeps at least.
    pub min_stem: usize,
    /// Suffix layers, applied in order.
    pub layers: Vec<Vec<Rule>>,
    /// How many times the layers are applied at most: more than once for a language that
    /// stacks suffixes, so that a root and its inflected forms end on the same stem.
    pub passes: usize,
    /// `I` lower-cases to `ı` and `İ` to `i`.
    pub turkic: bool,
    /// Letters folded together after lower-casing: `ё` is searched as `е`.
    pub fold: Vec<(char, char)>,
    /// Per layer: the longest suffix's length, and the layer's rules by suffix.
    lookup: Vec<(usize, HashMap<String, Vec<usize>>)>,
}

const RUSSIAN_ENDINGS: &str = "а я о е ы и у ю ь й ам ям ом ем ах ях ой ей ий ый ая яя ое ее \
    ые ие ую юю ою ею ов ев их ых им ым ье ии ия ья ию ью ией иям иях ием ами ями ого его \
    ому ему ыми ими иями";
// Kazakh suffixes: `@C` only after a consonant, `@V` only after a vowel. The conditions keep
// a root's last consonant from being read as a suffix's first: `қызметі` is `қызмет` + `і`,
// not `қызме` + `ті`, since a `ті` suffix follows a consonant.
const KAZAKH_CASES: &str = "ға ге қа ке ны@V ні@V ды@C ді@C ты@C ті@C ын ін сын сін да де \
    та@C те@C ында інде сында сінде ына іне сына сіне ның нің дың@C дің@C тың@C тің@C дан ден \
    тан@C тен@C нан нен мен бен пен дағы дегі тағы@C тегі@C ындағы індегі сындағы сіндегі";
const KAZAKH_POSSESSIVES: &str = "ы і сы@V сі@V";
const KAZAKH_PLURALS: &str = "лар лер дар@C дер@C тар@C тер@C";
const KAZAKH_CONSONANTS: &str = "бвгғджзйклмнңпрстуфхһцчшщ";
const KAZAKH_VOWELS: &str = "аәеиоөұүыіэюя";
const ENGLISH_PLURALS: &str = "ies>y is>is s ss>ss sses>ss us>us";

/// One suffix rule: the suffix, what replaces it, and the letters one of which must precede
/// it (any letter if empty).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Rule(pub String, pub String, pub String);

/// A layer of rules written `suffix`, `suffix>replacement`, `suffix@C` or `suffix@V`.
fn layer(rules: &str, consonants: &str, vowels: &str) -> Vec<Rule> {
    let mut list: Vec<Rule> = rules
        .split_whitespace()
        .map(|r| {
            let (r, after) = match r.split_once('@') {
                Some((r, "C")) => (r, consonants),
                Some((r, _)) => (r, vowels),
                None => (r, ""),
            };
            let (suffix, replacement) = r.split_once('>').unwrap_or((r, ""));
            Rule(suffix.into(), replacement.into(), after.into())
        })
        .collect();
    list.sort();
    list.dedup();
    list
}

impl Rules {
    /// The rules of `stemmer`, for words cased by Turkic rules if `turkic`, and for text
    /// written through `convert` (a derived language: its parent's suffixes, transliterated).
    pub fn new(stemmer: Stemmer, turkic: bool, convert: Option<Transliteration>) -> Rules {
        let (min_stem, mut layers, passes) = match stemmer {
            Stemmer::Russian => (
                3,
                vec![layer("ся сь", "", ""), layer(RUSSIAN_ENDINGS, "", "")],
                1,
            ),
            Stemmer::Kazakh => (
                3,
                [KAZAKH_CASES, KAZAKH_POSSESSIVES, KAZAKH_PLURALS]
                    .iter()
                    .map(|l| layer(l, KAZAKH_CONSONANTS, KAZAKH_VOWELS))
                    .collect(),
                3,
            ),
            Stemmer::English => (3, vec![layer(ENGLISH_PLURALS, "", "")], 1),
            Stemmer::Words => (2, Vec::new(), 0),
        };
        if let Some(convert) = convert {
            for layer in &mut layers {
                for Rule(suffix, replacement, after) in layer.iter_mut() {
                    *suffix = convert(suffix);
                    *replacement = convert(replacement);
                    let mut letters: Vec<char> = convert(after).chars().collect();
                    letters.sort();
                    letters.dedup();
                    *after = letters.into_iter().collect();
                }
                layer.sort();
                layer.dedup();
            }
        }
        let lookup = layers
            .iter()
            .map(|layer| {
                let mut by_suffix: HashMap<String, Vec<usize>> = HashMap::new();
                for (i, Rule(suffix, ..)) in layer.iter().enumerate() {
                    by_suffix.entry(suffix.clone()).or_default().push(i);
                }
                let longest = layer.iter().map(|r| r.0.chars().count()).max();
                (longest.unwrap_or(0), by_suffix)
            })
            .collect();
        Rules {
            min_stem,
            layers,
            passes,
            turkic,
            fold: vec![('ё', 'е')],
            lookup,
        }
    }

    /// A word as it is searched: lower-cased and folded.
    pub fn normalize(&self, word: &str) -> String {
        let lower = if self.turkic {
            crate::translit::turkic_lowercase(word)
        } else {
            word.to_lowercase()
        };
        if self.fold.is_empty() {
            return lower;
        }
        lower
            .chars()
            .map(|c| {
                self.fold
                    .iter()
                    .find(|(from, _)| *from == c)
                    .map_or(c, |(_, to)| *to)
            })
            .collect()
    }

    /// The stem of a normalized word.
    pub fn stem(&self, word: &str) -> String {
        let mut chars: Vec<char> = word.chars().collect();
        for _ in 0..self.passes {
            let before = chars.len();
            self.strip(&mut chars);
            if chars.len() == before {
                break;
            }
        }
        chars.into_iter().collect()
    }

    /// One pass of the layers over a word.
    fn strip(&self, chars: &mut Vec<char>) {
        let mut suffix = String::new();
        for (layer, (longest, by_suffix)) in self.layers.iter().zip(&self.lookup) {
            // The longest suffix that the word ends with and whose rule allows the letter
            // before it.
            let most = (*longest).min(chars.len().saturating_sub(self.min_stem));
            let found = (1..=most).rev().find_map(|n| {
                suffix.clear();
                suffix.extend(&chars[chars.len() - n..]);
                let before = chars[chars.len() - n - 1];
                by_suffix.get(&suffix)?.iter().find_map(|&i| {
                    let Rule(_, replacement, after) = &layer[i];
                    (after.is_empty() || after.contains(before)).then_some((n, replacement))
                })
            });
            if let Some((n, replacement)) = found {
                chars.truncate(chars.len() - n);
                chars.extend(replacement.chars());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(rules: &Rules, word: &str) -> String {
        rules.stem(&rules.normalize(word))
    }

    #[test]
    fn russian_inflections_share_a_stem() {
        let ru = Rules::new(Stemmer::Russian, false, None);
        for group in [
            &[
                "цифровой",
                "цифровых",
                "цифровые",
                "цифрового",
                "цифровыми",
                "Цифровому",
            ][..],
            &[
                "услуга",
                "услуги",
                "услуг",
                "услугами",
                "услугах",
                "услугой",
            ],
            &[
                "решение",
                "решения",
                "решений",
                "решением",
                "решениях",
                "решениями",
            ],
            &["безопасность", "безопасности", "безопасностью"],
            &["отчёт", "отчета", "отчётов"],
            &["страна", "страны", "стране", "странах"],
        ] {
            let first = stem(&ru, group[0]);
            for word in group {
                assert_eq!(stem(&ru, word), first, "{word}");
            }
        }
        assert_ne!(stem(&ru, "данные"), stem(&ru, "дата"));
    }

    #[test]
    fn kazakh_suffixes_come_off_in_layers() {
        let kk = Rules::new(Stemmer::Kazakh, false, None);
        for group in [
            &[
                "қызмет",
                "қызметтер",
                "қызметтерді",
                "қызметтердің",
                "қызметтері",
                "қызметтерін",
                "қызметі",
                "қызметінің",
                "қызметін",
            ][..],
            &[
                "жүйе",
                "жүйесі",
                "жүйелер",
                "жүйеге",
                "жүйесінің",
                "жүйесіне",
            ],
            &["портал", "порталы", "порталында", "порталдар"],
            &["азамат", "азаматтарға", "азаматтар"],
            &["астана", "астанада"],
            &["Қазақстан", "Қазақстандағы", "Қазақстанның"],
        ] {
            let first = stem(&kk, group[0]);
            for word in group {
                assert_eq!(stem(&kk, word), first, "{word}");
            }
        }
    }

    #[test]
    fn transliterated_rules_stem_the_transliterated_text() {
        let convert = crate::translit::kazakh_to_latin;
        let latn = Rules::new(Stemmer::Kazakh, true, Some(convert));
        assert!(latn.turkic);
        let a = stem(&latn, &convert("ҚЫЗМЕТТЕРІНІҢ"));
        assert_eq!(a, stem(&latn, &convert("қызмет")));
    }

    #[test]
    fn english_plurals_and_whole_words() {
        let en = Rules::new(Stemmer::English, false, None);
        assert_eq!(stem(&en, "Services"), "service");
        assert_eq!(stem(&en, "policies"), stem(&en, "policy"));
        assert_eq!(stem(&en, "access"), "access");
        assert_eq!(stem(&en, "status"), "status");
        let words = Rules::new(Stemmer::Words, false, None);
        assert_eq!(stem(&words, "მომსახურება"), "მომსახურება");
        assert_eq!(stem(&words, "Ёлка"), "елка");
    }
}
