//! The third phase: the site model (see [`crate::site`]) and what every template context
//! of a language starts from.

use super::load::Loaded;
use crate::lang::Lang;
use crate::site::Model;
use crate::url::SitePath;
use crate::views::{LanguageView, OfflineView, SearchView, SiteView};
use std::collections::BTreeMap;
use tera::Context;

/// What rendering needs besides the loaded site, computed once.
pub(super) struct Index {
    /// The orders, terms and related pages.
    pub(super) model: Model,
    /// Base context per language: `site`, `lang`, `language`, `search`, `offline`.
    pub(super) base: BTreeMap<Lang, Context>,
    /// How each language's words are stemmed, when the site has search.
    pub(super) search_rules: BTreeMap<Lang, crate::search::Rules>,
}

impl Index {
    pub(super) fn new(site: &Loaded) -> Index {
        let mut search_rules = BTreeMap::new();
        if site.config.search {
            for language in &site.config.languages {
                let rules = language.profile.stemming.clone();
                search_rules.insert(language.code.clone(), rules);
            }
        }
        Index {
            model: Model::new(&site.model()),
            base: base_contexts(site),
            search_rules,
        }
    }
}

/// Each language's base context: `site`, `lang`, `language` and, with search, `search`;
/// with `offline: true`, `offline`.
fn base_contexts(site: &Loaded) -> BTreeMap<Lang, Context> {
    let mut base = BTreeMap::new();
    for language in &site.config.languages {
        let site_view = SiteView {
            title: language.title.clone(),
            description: language.description.clone(),
            base_url: site.urls.base_url().to_string(),
            default_language: site.config.default_language.to_string(),
            languages: site
                .config
                .languages
                .iter()
                .map(|l| {
                    let home = SitePath::folder([l.code.as_str()]);
                    LanguageView {
                        code: l.code.to_string(),
                        name: l.name.clone(),
                        title: l.title.clone(),
                        description: l.description.clone(),
                        path: site.urls.path(&home),
                        permalink: site.urls.permalink(&home),
                    }
                })
                .collect(),
            taxonomies: site.config.taxonomies.clone(),
            menu: site.menus.get(&language.code).cloned().unwrap_or_default(),
            logo: site.config.logo.clone(),
            extra_css: site.config.extra_css.clone(),
            extra: site.config.extra.clone(),
        };
        let mut ctx = Context::new();
        ctx.insert("site", &site_view);
        ctx.insert("lang", language.code.as_str());
        ctx.insert(
            "language",
            &site_view
                .languages
                .iter()
                .find(|l| l.code == language.code.as_str()),
        );
        if site.config.search {
            let lang = language.code.as_str();
            ctx.insert(
                "search",
                &SearchView {
                    path: site.urls.path(&SitePath::folder([lang, "search"])),
                    index: site.urls.path(&SitePath::folder(["search", lang])),
                    script: site.urls.path(&SitePath::file(
                        site.assets
                            .get(crate::search::SCRIPT_PATH)
                            .map_or(crate::search::SCRIPT_PATH, |a| a.hashed.as_str()),
                    )),
                    integrity: site
                        .assets
                        .get(crate::search::SCRIPT_PATH)
                        .map(|a| a.integrity.clone())
                        .unwrap_or_default(),
                },
            );
        }
        if site.config.offline {
            let lang = language.code.as_str();
            ctx.insert(
                "offline",
                &OfflineView {
                    worker: site.urls.path(&SitePath::file(crate::offline::WORKER_PATH)),
                    scope: site.urls.path(&SitePath::folder::<&str>([])),
                    path: site
                        .urls
                        .path(&SitePath::folder([lang, crate::offline::PAGE_DIR])),
                },
            );
        }
        base.insert(language.code.clone(), ctx);
    }
    base
}
