//! The catalogues of collections with `facets:`: in each language, the entries of the
//! collection's section and, for each facet field, its values with the entries that have
//! each. The section's page filters by them; each value has a page of its own.

use super::Site;
use crate::collections::{facets, Field, Type};
use crate::content::PageId;
use crate::lang::Lang;
use std::collections::BTreeMap;

/// One collection's catalogue in one language.
#[derive(Debug)]
pub struct Catalogue {
    pub collection: String,
    /// The folder of the collection's section.
    pub section: String,
    /// The entries, in the section's order (with the versions of other languages the
    /// language shows for pages it lacks).
    pub entries: Vec<PageId>,
    pub facets: Vec<Facet>,
}

#[derive(Debug)]
pub struct Facet {
    pub field: String,
    pub values: Vec<FacetValue>,
}

#[derive(Debug)]
pub struct FacetValue {
    pub value: String,
    /// How readers of the language read it (a country's name, a goal's, an enum value's
    /// interface string).
    pub label: String,
    /// Its URL segment: `/en/solutions/licences/mit-or-apache-2-0/`.
    pub slug: String,
    /// The entries with the value, in the catalogue's order.
    pub pages: Vec<PageId>,
}

/// (section folder, language) -> its catalogue, for each collection with facets.
pub type Catalogues = BTreeMap<(String, Lang), Catalogue>;

pub fn catalogues(
    site: &Site,
    section_pages: &BTreeMap<(String, Lang), Vec<PageId>>,
) -> Catalogues {
    let mut out = Catalogues::new();
    for collection in site
        .config
        .collections
        .iter()
        .filter(|c| !c.facets.is_empty())
    {
        for ((dir, lang), entries) in section_pages {
            if *dir != collection.section {
                continue;
            }
            let facets = collection
                .facets
                .iter()
                .filter_map(|name| collection.fields.iter().find(|f| f.name == *name))
                .map(|field| {
                    let mut by_value: BTreeMap<String, Vec<PageId>> = BTreeMap::new();
                    for &i in entries {
                        let page = &site.content.pages[i];
                        let Some(v) = page.fm.fields.get(&field.name) else {
                            continue;
                        };
                        let mut seen = facets::values(v);
                        seen.dedup();
                        for value in seen {
                            by_value.entry(value).or_default().push(i);
                        }
                    }
                    let mut values: Vec<FacetValue> = by_value
                        .into_iter()
                        .map(|(value, pages)| FacetValue {
                            slug: value_slug(&value),
                            label: label(site, lang, (&collection.name, field), &value),
                            value,
                            pages,
                        })
                        .collect();
                    // Countries by their names in the language; the rest by their type.
                    let by_name = matches!(&field.ty, Type::Country)
                        || matches!(&field.ty, Type::List(of) if **of == Type::Country);
                    if by_name {
                        values.sort_by_cached_key(|v| (v.label.to_lowercase(), v.value.clone()));
                    } else {
                        values.sort_by_cached_key(|v| facets::order_key(&field.ty, &v.value));
                    }
                    Facet {
                        field: field.name.clone(),
                        values,
                    }
                })
                .collect();
            out.insert(
                (dir.clone(), lang.clone()),
                Catalogue {
                    collection: collection.name.clone(),
                    section: dir.clone(),
                    entries: entries.clone(),
                    facets,
                },
            );
        }
    }
    out
}

/// A value of `field` as readers of `lang` read it. A taxonomy's term: its name, as on
/// its term page. A country: its name (with the site's overrides); a goal: its number and
/// name; an enum's value: the interface string `<collection>_<field>_<value>` if there is
/// one. Else the value itself.
pub fn label(site: &Site, lang: &Lang, (collection, field): (&str, &Field), value: &str) -> String {
    if site.config.taxonomies.contains(&field.name) {
        let key = super::terms::place_term(site, lang, &field.name, value).key;
        return super::terms::term_name(site, lang, &field.name, &key, value);
    }
    let ty = match &field.ty {
        Type::List(of) => of.as_ref(),
        ty => ty,
    };
    let text = |key: String| site.strings.text(lang, &key, None, &[]);
    match ty {
        Type::Country => site.strings.region_name(lang, value),
        Type::Sdg => text(format!("sdg_{value}")).map(|goal| format!("{value}. {goal}")),
        Type::Enum(_) => text(format!("{collection}_{}_{value}", field.name)),
        _ => None,
    }
    .unwrap_or_else(|| value.to_string())
}

/// A value as one URL segment: `MIT OR Apache-2.0` → `mit-or-apache-2-0`; a value with no
/// letter or digit keeps a placeholder.
fn value_slug(value: &str) -> String {
    let slug = crate::slug::slugify(&value.replace(['.', '+', '(', ')'], "-"));
    if slug.is_empty() {
        "-".to_string()
    } else {
        slug
    }
}
