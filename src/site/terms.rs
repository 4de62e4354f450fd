//! Taxonomy terms: their slugs, the pages that carry them, and how they are named and
//! ordered in each language.
//!
//! A language published by transliteration (`kk-Latn` from `kk`) shows its pages' free
//! terms (tags...) transliterated like the rest of their text, and takes their slugs from
//! the transliterated names (`ашық деректер` → `/kk-Latn/tags/aşyq-derekter/`). Its term
//! keeps the parent's slug as its *key*, which links the term's versions in the two
//! languages. Codes stay as they are: countries, goals, and a free term that an interface
//! string names (`building_blocks_identity`), which keeps the parent's slug too.

use super::Site;
use crate::config::Config;
use crate::content::PageId;
use crate::lang::Lang;
use crate::slug::{slugify, Mode};
use crate::taxonomy::Kind;
use crate::url::SitePath;
use crate::views::TermView;
use std::collections::BTreeMap;

/// One term of a taxonomy in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term as first written (trimmed), in the language's script: a derived language's
    /// transliterated.
    pub name: String,
    /// What the term's versions in the site's languages share: its slug, or in a derived
    /// language the slug its parent gives it. Interface strings name a term by its key.
    pub key: String,
    /// The pages that carry it, newest first.
    pub pages: Vec<PageId>,
}

/// A taxonomy's terms by slug.
pub type Terms = BTreeMap<String, Term>;

/// lang -> taxonomy -> its terms.
pub type TermIndex = BTreeMap<Lang, BTreeMap<String, Terms>>;

/// A term written in a page's front matter, as a language has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Its URL segment.
    pub slug: String,
    /// See [`Term::key`].
    pub key: String,
    /// As written (trimmed), in the language's script.
    pub name: String,
}

/// A term's URL segment: its slug, or `term` if nothing is left of it. A language cased by
/// Turkic rules lower-cases `I` to `ı` and `İ` to `i`, as its heading ids do.
pub fn term_slug(config: &Config, lang: &Lang, term: &str) -> String {
    let turkic = config
        .find_language(lang.as_str())
        .is_some_and(|l| l.profile.turkic_case && matches!(l.profile.slugs, Mode::Unicode));
    let term = if turkic {
        crate::translit::turkic_lowercase(term)
    } else {
        term.to_string()
    };
    match slugify(&config.url_segment(lang, &term)) {
        s if s.is_empty() => "term".to_string(),
        s => s,
    }
}

/// Where `written`, a term of `taxonomy` on a page in `lang`, goes: its slug, key and name
/// (see the module docs for a derived language).
pub fn place_term(site: &Site, lang: &Lang, taxonomy: &str, written: &str) -> Placed {
    let written = written.trim();
    let derived = site
        .config
        .find_language(lang.as_str())
        .and_then(|l| Some((l.derive_from.as_ref()?, l.profile.transliteration?)));
    match derived {
        Some((parent, convert)) if Kind::of(taxonomy) == Kind::Free => {
            let key = term_slug(site.config, parent, written);
            let name = convert(written);
            let named = site.strings.has(lang, &format!("{taxonomy}_{key}"));
            let slug = if named {
                key.clone()
            } else {
                term_slug(site.config, lang, &name)
            };
            Placed { slug, key, name }
        }
        _ => {
            let slug = term_slug(site.config, lang, written);
            Placed {
                key: slug.clone(),
                slug,
                name: written.to_string(),
            }
        }
    }
}

/// Every term of every taxonomy of `site.yaml`, per language, with its pages in `rank`
/// order (newest first).
pub fn collect(site: &Site, rank: &[usize]) -> TermIndex {
    let mut terms = TermIndex::new();
    for (i, page) in site.content.pages.iter().enumerate() {
        let id = PageId(i);
        // A page transliterated from its parent (`x.kk.md#kk-Latn`), not written by hand.
        let transliterated = page.rel.ends_with(&format!("#{}", page.lang));
        for taxonomy in &site.config.taxonomies {
            for written in page.fm.taxonomies.get(taxonomy).into_iter().flatten() {
                let Placed { slug, key, name } = place_term(site, &page.lang, taxonomy, written);
                let term = terms
                    .entry(page.lang.clone())
                    .or_default()
                    .entry(taxonomy.clone())
                    .or_default()
                    .entry(slug)
                    .or_insert_with(|| Term {
                        name,
                        key: key.clone(),
                        pages: Vec::new(),
                    });
                // A hand-written page's term that transliterates to the same slug as one of
                // the parent's: the parent's key, which links the versions.
                if transliterated && term.key != key {
                    term.key = key;
                }
                if term.pages.last() != Some(&id) {
                    term.pages.push(id);
                }
            }
        }
    }
    for by_taxonomy in terms.values_mut() {
        for by_term in by_taxonomy.values_mut() {
            for term in by_term.values_mut() {
                term.pages.sort_by_key(|&i| rank[i.index()]);
            }
        }
    }
    terms
}

/// A taxonomy's terms in one language by key: each one's slug and the term.
pub type ByKey<'a> = BTreeMap<&'a str, (&'a str, &'a Term)>;

/// Each term of `terms` by its key: its slug and the term.
pub fn by_key(terms: &Terms) -> ByKey<'_> {
    terms
        .iter()
        .map(|(slug, term)| (term.key.as_str(), (slug.as_str(), term)))
        .collect()
}

/// How a term is shown: a country by its name in `lang`, a goal by its number and name
/// (`sdg_9` of the interface strings), other terms by the interface string
/// `<taxonomy>_<key>` if there is one, else as written (`name`).
pub fn term_name(site: &Site, lang: &Lang, taxonomy: &str, key: &str, name: &str) -> String {
    match Kind::of(taxonomy) {
        // A term may have a name per language in the interface strings:
        // `building_blocks_identity: "Идентификация"`.
        Kind::Free => site
            .strings
            .text(lang, &format!("{taxonomy}_{key}"), None, &[])
            .unwrap_or_else(|| name.to_string()),
        Kind::Countries => site
            .strings
            .region_name(lang, key)
            .unwrap_or_else(|| key.to_ascii_uppercase()),
        Kind::Sdgs => match site.strings.text(lang, &format!("sdg_{key}"), None, &[]) {
            Some(goal) => format!("{key}. {goal}"),
            None => format!("SDG {key}"),
        },
    }
}

/// A term as templates see it, with the number of pages that carry it in `lang`.
pub fn term_view(
    site: &Site,
    terms: &TermIndex,
    lang: &Lang,
    taxonomy: &str,
    term: &Placed,
) -> TermView {
    let Placed { slug, key, name } = term;
    let path = SitePath::folder([lang.as_str(), taxonomy, slug]);
    let count = terms
        .get(lang)
        .and_then(|t| t.get(taxonomy))
        .and_then(|t| t.get(slug))
        .map_or(0, |t| t.pages.len());
    TermView {
        name: term_name(site, lang, taxonomy, key, name),
        slug: slug.to_string(),
        path: site.urls.path(&path),
        permalink: site.urls.permalink(&path),
        count,
    }
}

/// A taxonomy's terms in the order its listing shows them: goals by number, countries by
/// name, other terms by slug (the order they come in).
pub fn sort_for_listing(taxonomy: &str, terms: &mut [TermView]) {
    match Kind::of(taxonomy) {
        Kind::Sdgs => terms.sort_by_key(|t| t.slug.parse::<u8>().unwrap_or(u8::MAX)),
        Kind::Countries => terms.sort_by(|a, b| a.name.cmp(&b.name)),
        Kind::Free => {}
    }
}
