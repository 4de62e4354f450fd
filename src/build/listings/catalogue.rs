//! The catalogue of a collection with `facets:`: the view its section's page gets
//! (`catalogue`), and a page for each value of each facet, listing the entries that have
//! it (`facet.html`), the catalogue's links when the filter script does not run.

use super::{list, Lister};
use crate::build::context::{locate, PageContext, Shared};
use crate::build::sink::Produced;
use crate::build::sitemap::sitemap_entry;
use crate::error::{Diagnostic, Kind};
use crate::lang::Lang;
use crate::site::facets::{Catalogue, FacetValue};
use crate::site::paginate::{page_count, paginate};
use crate::site::translations::{listing_translations, ListingVersion};
use crate::url::SitePath;
use crate::views::{CatalogueView, FacetPageView, FacetValueView, FacetView};
use std::collections::BTreeMap;

/// The path of a facet value's page.
fn value_path(catalogue: &Catalogue, lang: &Lang, field: &str, slug: &str) -> SitePath {
    let mut segments = vec![lang.as_str()];
    segments.extend(catalogue.section.split('/').filter(|s| !s.is_empty()));
    segments.extend([field, slug]);
    SitePath::folder(segments)
}

/// The catalogue of section `dir` in `lang` as templates see it, if it has one.
pub(super) fn view(lister: &Lister, dir: &str, lang: &Lang) -> Option<CatalogueView> {
    let site = lister.site;
    let catalogue = lister
        .index
        .model
        .catalogues
        .get(&(dir.to_string(), lang.clone()))?;
    let mut filters: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let facets = catalogue
        .facets
        .iter()
        .map(|facet| FacetView {
            field: facet.field.clone(),
            values: facet
                .values
                .iter()
                .map(|v| {
                    for &i in &v.pages {
                        let path = site.urls.path(&site.content.pages[i].path);
                        filters
                            .entry(path)
                            .or_default()
                            .push(format!("{}={}", facet.field, v.slug));
                    }
                    FacetValueView {
                        value: v.value.clone(),
                        label: v.label.clone(),
                        slug: v.slug.clone(),
                        count: v.pages.len(),
                        path: site
                            .urls
                            .path(&value_path(catalogue, lang, &facet.field, &v.slug)),
                    }
                })
                .collect(),
        })
        .collect();
    let section = site.content.sections.get(dir)?.versions.get(lang)?;
    let exported = (site.config.collections.iter())
        .any(|c| c.name == catalogue.collection && c.publish.export);
    let data = exported.then(|| {
        let file = |name: &str| {
            site.urls
                .path(&SitePath::file(&format!("{}{name}", section.path.as_str())))
        };
        BTreeMap::from([
            ("json", file("index.json")),
            ("csv", file("index.csv")),
            (
                "schema",
                site.urls
                    .path(&crate::export::schema_path(&catalogue.collection)),
            ),
        ])
    });
    Some(CatalogueView {
        collection: catalogue.collection.clone(),
        path: site.urls.path(&section.path),
        data,
        count: catalogue.entries.len(),
        facets,
        filters: filters
            .into_iter()
            .map(|(path, tokens)| (path, tokens.join(" ")))
            .collect(),
    })
}

/// The pages of every value of every facet of the catalogue of `dir` in `lang`.
pub(super) fn value_pages(
    lister: &Lister,
    dir: &str,
    lang: &Lang,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Produced> {
    let (site, index) = (lister.site, lister.index);
    let mut out = Vec::new();
    let Some(catalogue) = index.model.catalogues.get(&(dir.to_string(), lang.clone())) else {
        return out;
    };
    let Some(view) = view(lister, dir, lang) else {
        return out;
    };
    if !site.has_template("facet.html") {
        if catalogue.facets.iter().any(|f| !f.values.is_empty()) {
            errors.push(Kind::Template.error(
                lister.config_file(),
                format!(
                    "the collection `{}` has facets, but the theme has no template `facet.html`",
                    catalogue.collection
                ),
            ));
        }
        return out;
    }
    // Every value's pages show the whole catalogue: hashed and converted once.
    let view = Shared::new(view);
    for facet in &catalogue.facets {
        for value in &facet.values {
            let path = value_path(catalogue, lang, &facet.field, &value.slug);
            // A value's page in the languages whose catalogue has the value too.
            let versions: Vec<ListingVersion> = index
                .model
                .catalogues
                .iter()
                .filter(|((d, _), _)| d == dir)
                .filter_map(|((_, l), c)| {
                    let f = c.facets.iter().find(|f| f.field == facet.field)?;
                    let v = f.values.iter().find(|v| v.slug == value.slug)?;
                    Some(ListingVersion {
                        version: (
                            l.clone(),
                            v.label.clone(),
                            value_path(c, l, &facet.field, &value.slug),
                        ),
                        pages: page_count(v.pages.len(), Some(VALUE_PAGE_SIZE)),
                    })
                })
                .collect();
            let at = ValueAt {
                lang,
                field: &facet.field,
                value,
                path: &path,
                versions: &versions,
            };
            out.extend(value_pagination(lister, &at, &view, catalogue, errors));
        }
    }
    out
}

/// How many entries a facet value's page shows at once.
const VALUE_PAGE_SIZE: usize = 20;

/// A value of a facet, where its pages go, and its versions in other languages.
struct ValueAt<'a> {
    lang: &'a Lang,
    field: &'a str,
    value: &'a FacetValue,
    path: &'a SitePath,
    versions: &'a [ListingVersion],
}

/// The pages of one value: its entries, twenty at a time.
fn value_pagination(
    lister: &Lister,
    at: &ValueAt,
    view: &Shared<CatalogueView>,
    catalogue: &Catalogue,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Produced> {
    let (site, index) = (lister.site, lister.index);
    let ValueAt {
        lang,
        field,
        value,
        path,
        versions,
    } = *at;
    let mut out = Vec::new();
    let pages = paginate(&site.urls, path, &value.pages, Some(VALUE_PAGE_SIZE));
    for (number, (page_path, chunk, paginator)) in (1..).zip(pages) {
        let translations = listing_translations(&site.model(), versions, lang, number);
        let page = FacetPageView {
            field: field.to_string(),
            value: value.value.clone(),
            label: value.label.clone(),
            slug: value.slug.clone(),
            count: value.pages.len(),
            path: site.urls.path(path),
            pages: list(lister.summaries, chunk),
            paginator,
        };
        let mut ctx = PageContext::new(index, lang);
        ctx.insert_shared("catalogue", view);
        ctx.insert("facet", &page);
        locate(&mut ctx, site, &page_path, &translations);
        let what = format!(
            "value `{}` of facet `{field}` of collection `{}` [{lang}]",
            value.value, catalogue.collection
        );
        let output = page_path.output_file();
        if let Some(body) = lister.render(("facet.html", &ctx), errors, lang, what, &output) {
            out.push(Produced {
                path: output,
                body,
                file: lister.config_file(),
                line: None,
                sitemap: Some(sitemap_entry(site, &page_path, None, &translations)),
            });
        }
    }
    out
}
