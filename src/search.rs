//! Search without a server. At build time each language's pages are cut into words, the
//! words reduced to stems, and the stems written as an index split into small shards by
//! their first letters, so that a query downloads only the shards of its own words.
//!
//! The files, under `/search/<lang>/`:
//! - `meta.json`: the number of documents, the size of document chunks, the stemming rules
//!   (the browser stems a query with the very rules the build stemmed the text with) and
//!   the prefixes of the shards.
//! - `s/<prefix as UTF-8 hex>.json`: `{"stem": [df, doc, weight, doc, weight...]}`, the
//!   documents delta-coded and ascending. `df` is the number of documents with the stem;
//!   a list keeps at most [`MAX_POSTINGS`] documents, those with the highest weights.
//! - `d/<n>.json`: documents `n * CHUNK ..`, each `[title, url, date, summary]`.
//!
//! `/search.js` (see [`SCRIPT`]) does the rest in the reader's browser.
//!
//! Stemming is a light suffix stripper, the same small algorithm in Rust and JavaScript with
//! the rules as data: for each layer of suffixes in order, the longest suffix the word ends
//! with is replaced, provided at least `min_stem` letters remain and, if the rule says so,
//! a letter of the given kind (a consonant, a vowel) comes before it. Russian loses case and
//! number endings of nouns and adjectives; Kazakh loses a case ending, then a possessive,
//! then a plural one (`қызметтерінің` → `қызмет`), up to three times over, since a root
//! may end like a suffix (`Қазақстан`, `Қазақстанда` and `Қазақстанның` all give
//! `қазақс`, which is fine for finding them); English loses plural `-s`. Other
//! languages are searched by whole words. A derived language (`kk-Latn`) uses its parent's
//! rules, transliterated.

use crate::config::Config;
use crate::lang::Lang;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// The script that searches the index in the browser.
pub const SCRIPT: &str = include_str!("search.js");
/// Where the script is published.
pub const SCRIPT_PATH: &str = "search.js";
/// Documents per `d/` file: a result list fetches few small files.
pub const CHUNK: usize = 4;
/// The most documents a stem's list keeps.
pub const MAX_POSTINGS: usize = 400;
/// A shard is split by one more letter of its prefix when larger than this (bytes).
const SHARD_LIMIT: usize = 24 * 1024;
/// Prefixes are at most this many letters long.
const MAX_PREFIX: usize = 4;
/// Title words weigh this much more than body words.
const TITLE_WEIGHT: u32 = 5;
const MAX_WEIGHT: u32 = 99;
/// Summaries in the document files are cut to this many characters.
const SUMMARY_CHARS: usize = 200;

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
    /// The rules for a language of the site; words only for a language without a stemmer.
    pub fn for_language(config: &Config, lang: &Lang) -> Rules {
        let code = lang.as_str();
        let base = config
            .find_language(code)
            .and_then(|l| l.derive_from.clone());
        let primary = base.as_ref().map_or(code, |b| b.as_str());
        let primary = primary.split('-').next().unwrap_or(primary);
        let mut rules = match primary {
            "ru" => Rules {
                min_stem: 3,
                layers: vec![layer("ся сь", "", ""), layer(RUSSIAN_ENDINGS, "", "")],
                passes: 1,
                turkic: false,
                fold: Vec::new(),
                lookup: Vec::new(),
            },
            "kk" => Rules {
                min_stem: 3,
                layers: [KAZAKH_CASES, KAZAKH_POSSESSIVES, KAZAKH_PLURALS]
                    .iter()
                    .map(|l| layer(l, KAZAKH_CONSONANTS, KAZAKH_VOWELS))
                    .collect(),
                passes: 3,
                turkic: false,
                fold: Vec::new(),
                lookup: Vec::new(),
            },
            "en" => Rules {
                min_stem: 3,
                layers: vec![layer(ENGLISH_PLURALS, "", "")],
                passes: 1,
                turkic: false,
                fold: Vec::new(),
                lookup: Vec::new(),
            },
            _ => Rules {
                min_stem: 2,
                layers: Vec::new(),
                passes: 0,
                turkic: false,
                fold: Vec::new(),
                lookup: Vec::new(),
            },
        };
        rules.fold.push(('ё', 'е'));
        rules.turkic = crate::translit::has_turkic_case(code);
        if let Some(convert) = config.transliteration(lang) {
            for layer in &mut rules.layers {
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
        rules.lookup = rules
            .layers
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
        rules
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

/// The words of a text: runs of letters and digits, two characters or longer.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphabetic() || c.is_numeric()))
        .filter(|w| w.chars().nth(1).is_some())
}

/// A page's stems with their weights, as `stem:weight` separated by spaces, by stem: what
/// the build record keeps of a page for the index.
pub fn terms(rules: &Rules, title: &str, text: &str) -> String {
    // Words repeat within a page: each is stemmed once.
    let mut by_word: HashMap<&str, u32> = HashMap::new();
    for (text, weight) in [(title, TITLE_WEIGHT), (text, 1)] {
        for word in words(text) {
            let w = by_word.entry(word).or_default();
            *w = (*w + weight).min(MAX_WEIGHT);
        }
    }
    let mut weights: BTreeMap<String, u32> = BTreeMap::new();
    for (word, weight) in by_word {
        let w = weights
            .entry(rules.stem(&rules.normalize(word)))
            .or_default();
        *w = (*w + weight).min(MAX_WEIGHT);
    }
    let mut out = String::new();
    for (stem, weight) in weights {
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "{stem}:{weight}");
    }
    out
}

/// A page as the index lists it.
pub struct Document<'a> {
    pub title: &'a str,
    pub url: String,
    pub date: String,
    pub summary: &'a str,
    /// What [`terms`] gave for the page.
    pub terms: &'a str,
}

#[derive(Serialize)]
struct Meta<'a> {
    v: u32,
    lang: &'a str,
    docs: usize,
    chunk: usize,
    min_stem: usize,
    passes: usize,
    layers: &'a [Vec<Rule>],
    turkic: bool,
    fold: Vec<(String, String)>,
    shards: Vec<String>,
}

/// The index files of one language: (path under the language's folder, content).
pub fn index_files(lang: &str, rules: &Rules, docs: &[Document]) -> Vec<(String, Vec<u8>)> {
    let mut postings: BTreeMap<&str, Vec<(u32, u32)>> = BTreeMap::new();
    for (id, doc) in docs.iter().enumerate() {
        for term in doc.terms.split(' ').filter(|t| !t.is_empty()) {
            let (stem, weight) = term.rsplit_once(':').unwrap_or((term, "1"));
            let weight = weight.parse().unwrap_or(1);
            postings.entry(stem).or_default().push((id as u32, weight));
        }
    }
    // Each stem's JSON entry, in stem order.
    let entries: Vec<(&str, String)> = postings
        .into_iter()
        .map(|(stem, mut list)| {
            let df = list.len();
            if list.len() > MAX_POSTINGS {
                list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                list.truncate(MAX_POSTINGS);
                list.sort();
            }
            let mut json = String::with_capacity(16 + list.len() * 6);
            json.push_str(&serde_json::to_string(stem).unwrap_or_default());
            let _ = write!(json, ":[{df}");
            let mut last = 0;
            for (doc, weight) in list {
                let _ = write!(json, ",{},{weight}", doc - last);
                last = doc;
            }
            json.push(']');
            (stem, json)
        })
        .collect();
    let mut shards: Vec<(String, Vec<&String>)> = Vec::new();
    let mut by_first: BTreeMap<String, Vec<(&str, &String)>> = BTreeMap::new();
    for (stem, json) in &entries {
        by_first
            .entry(prefix(stem, 1))
            .or_default()
            .push((stem, json));
    }
    for (p, group) in by_first {
        split(p, 1, group, &mut shards);
    }
    shards.sort_by(|a, b| a.0.cmp(&b.0));

    let mut files = Vec::new();
    for (p, list) in &shards {
        let mut body = String::from("{");
        for (i, json) in list.iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            body.push_str(json);
        }
        body.push('}');
        files.push((format!("s/{}.json", hex(p)), body.into_bytes()));
    }
    for (n, chunk) in docs.chunks(CHUNK).enumerate() {
        let list: Vec<[&str; 4]> = chunk
            .iter()
            .map(|d| {
                let cut = d
                    .summary
                    .char_indices()
                    .nth(SUMMARY_CHARS)
                    .map_or(d.summary.len(), |(i, _)| i);
                [d.title, d.url.as_str(), d.date.as_str(), &d.summary[..cut]]
            })
            .collect();
        files.push((
            format!("d/{n}.json"),
            serde_json::to_vec(&list).unwrap_or_default(),
        ));
    }
    let meta = Meta {
        v: 1,
        lang,
        docs: docs.len(),
        chunk: CHUNK,
        min_stem: rules.min_stem,
        passes: rules.passes,
        layers: &rules.layers,
        turkic: rules.turkic,
        fold: rules
            .fold
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
        shards: shards.into_iter().map(|(p, _)| p).collect(),
    };
    files.push((
        "meta.json".into(),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    files
}

/// The first `n` letters of a stem.
fn prefix(stem: &str, n: usize) -> String {
    stem.chars().take(n).collect()
}

/// Puts a group of stems sharing a prefix of `len` letters into one shard, or, when too
/// large, into one shard per longer prefix; a stem no longer than the prefix stays in the
/// prefix's own shard.
fn split<'a>(
    p: String,
    len: usize,
    group: Vec<(&str, &'a String)>,
    shards: &mut Vec<(String, Vec<&'a String>)>,
) {
    let size: usize = group.iter().map(|(_, json)| json.len() + 1).sum();
    if size <= SHARD_LIMIT || len >= MAX_PREFIX {
        shards.push((p, group.into_iter().map(|(_, j)| j).collect()));
        return;
    }
    let mut stay = Vec::new();
    let mut longer: BTreeMap<String, Vec<(&str, &String)>> = BTreeMap::new();
    for (stem, json) in group {
        if stem.chars().count() <= len {
            stay.push(json);
        } else {
            longer
                .entry(prefix(stem, len + 1))
                .or_default()
                .push((stem, json));
        }
    }
    if !stay.is_empty() {
        shards.push((p, stay));
    }
    for (q, group) in longer {
        split(q, len + 1, group, shards);
    }
}

/// Lower-case hexadecimal of a string's UTF-8 bytes: a shard's file name.
fn hex(s: &str) -> String {
    s.bytes().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(code: &str) -> Rules {
        let yaml = "base_url: https://example.org\ndefault_language: en\nlanguages:\n  en: { name: English, title: Hub }\n  ru: { name: Русский, title: Хаб }\n  kk: { name: Қазақша, title: Хаб }\n  kk-Latn: { name: Qazaqşa, title: Hab, derive_from: kk }\n  ka: { name: ქართული, title: ჰაბი }\n";
        let config = Config::parse(yaml, std::path::Path::new("site.yaml")).expect("config");
        Rules::for_language(&config, &Lang::parse(code).expect("tag"))
    }

    fn stem(rules: &Rules, word: &str) -> String {
        rules.stem(&rules.normalize(word))
    }

    #[test]
    fn russian_inflections_share_a_stem() {
        let ru = rules("ru");
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
        let kk = rules("kk");
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
    fn derived_latin_kazakh_stems_the_transliterated_text() {
        let latn = rules("kk-Latn");
        assert!(latn.turkic);
        let convert = crate::translit::kazakh_to_latin;
        let a = stem(&latn, &convert("ҚЫЗМЕТТЕРІНІҢ"));
        assert_eq!(a, stem(&latn, &convert("қызмет")));
    }

    #[test]
    fn english_plurals_and_other_languages_by_words() {
        let en = rules("en");
        assert_eq!(stem(&en, "Services"), "service");
        assert_eq!(stem(&en, "policies"), stem(&en, "policy"));
        assert_eq!(stem(&en, "access"), "access");
        assert_eq!(stem(&en, "status"), "status");
        let ka = rules("ka");
        assert_eq!(stem(&ka, "მომსახურება"), "მომსახურება");
        let found: Vec<&str> = words("e-government: ID's 2026 and a Ёлка").collect();
        assert_eq!(found, ["government", "ID", "2026", "and", "Ёлка"]);
    }

    #[test]
    fn shards_split_by_prefix_and_keep_every_stem() {
        let ru = rules("ru");
        let texts: Vec<String> = (0..300)
            .map(|i| {
                format!(
                    "цифровой {} цифра{} слово{i}",
                    "данные ".repeat(i % 7),
                    i % 13
                )
            })
            .collect();
        let terms: Vec<String> = texts.iter().map(|t| terms(&ru, "Заголовок", t)).collect();
        let docs: Vec<Document> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| Document {
                title: "Заголовок",
                url: format!("/ru/{i}/"),
                date: String::new(),
                summary: "",
                terms: t,
            })
            .collect();
        let files = index_files("ru", &ru, &docs);
        let meta: serde_json::Value = serde_json::from_slice(
            &files
                .iter()
                .find(|(p, _)| p == "meta.json")
                .expect("meta")
                .1,
        )
        .expect("json");
        assert_eq!(meta["docs"], 300);
        let shards = meta["shards"].as_array().expect("shards");
        // The stem "цифров" is in the shard of its longest listed prefix, with all 300 docs.
        let stem = "цифров";
        let p = (1..=4)
            .rev()
            .map(|n| prefix(stem, n))
            .find(|p| shards.iter().any(|s| s == p))
            .expect("a shard");
        let shard = &files
            .iter()
            .find(|(path, _)| *path == format!("s/{}.json", hex(&p)))
            .expect("shard file")
            .1;
        let shard: serde_json::Value = serde_json::from_slice(shard).expect("json");
        let list = shard[stem].as_array().expect("posting list");
        assert_eq!(list[0], 300);
        assert_eq!(list.len(), 1 + 2 * 300);
        assert_eq!(
            files.iter().filter(|(p, _)| p.starts_with("d/")).count(),
            75
        );
    }
}
