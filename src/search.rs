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
//! Words are stemmed by the rules of their language ([`crate::stemming`], chosen by the
//! language's profile); the index carries the rules it was made with.

use crate::stemming::Rule;
pub use crate::stemming::Rules;
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
    use crate::stemming::Stemmer;

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let found: Vec<&str> = words("e-government: ID's 2026 and a Ёлка").collect();
        assert_eq!(found, ["government", "ID", "2026", "and", "Ёлка"]);
    }

    #[test]
    fn shards_split_by_prefix_and_keep_every_stem() {
        let ru = Rules::new(Stemmer::Russian, false, None);
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
