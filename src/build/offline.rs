//! With `offline: true` (see [`crate::offline`]): each language's offline page,
//! `/<lang>/offline/`, rendered with `offline.html` (the theme's or site's, else dala's
//! built-in one), and the service worker at the site's root, which keeps each language's
//! home page, offline page and the stylesheets and scripts the offline page names.

use super::context::{locate, PageContext};
use super::index::Index;
use super::load::Loaded;
use super::sink::{Body, Sink};
use crate::error::Diagnostics;
use crate::lang::Lang;
use crate::offline::{Language, PAGE_DIR, WORKER_PATH};
use crate::output::Origin;
use crate::site::translations::translations_of;
use crate::url::SitePath;
use std::collections::BTreeMap;

/// Puts each language's offline page and the worker into the sink.
pub(super) fn write_offline(site: &Loaded, index: &Index, sink: &Sink, diagnostics: &Diagnostics) {
    let Some(templates) = site.templates.as_ref().filter(|_| site.config.offline) else {
        return;
    };
    let origin = Origin {
        file: site.root.join(crate::config::CONFIG_FILE),
        line: None,
    };
    let model = site.model();
    let versions: Vec<(Lang, String, SitePath)> = site
        .config
        .languages
        .iter()
        .map(|l| {
            let title = crate::offline::texts(&model, &l.code)["offline_title"]
                .text
                .clone();
            (l.code.clone(), title, page_path(&l.code))
        })
        .collect();
    // Every stylesheet and script, by the path a page names it with.
    let assets: Vec<String> = site
        .assets
        .iter()
        .map(|(_, a)| site.urls.path(&SitePath::file(&a.hashed)))
        .collect();
    let mut langs = BTreeMap::new();
    let mut pages = Vec::new();
    for language in &site.config.languages {
        let lang = &language.code;
        let path = page_path(lang);
        let translations = translations_of(&model, &versions, lang);
        let mut ctx = PageContext::new(index, lang);
        locate(&mut ctx, site, &path, &translations);
        ctx.insert("offline_strings", crate::offline::texts(&model, lang));
        let what = format!("the offline page [{lang}]");
        let html = match templates.render("offline.html", &ctx.context(), lang, &what) {
            Ok(html) => html,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        let home = SitePath::folder([lang.as_str()]);
        langs.insert(
            lang.to_string(),
            Language {
                home: site.urls.path(&home),
                offline: site.urls.path(&path),
                assets: crate::offline::named_in(&html, &assets),
            },
        );
        sink.put(
            &path.output_file(),
            Body::Bytes(html.clone().into_bytes()),
            origin.clone(),
        );
        pages.push(html);
    }
    let pages: Vec<&[u8]> = pages.iter().map(|p| p.as_bytes()).collect();
    let default = site.config.default_language.as_str();
    let (_, script) = crate::offline::worker(default, &langs, &assets, &pages);
    sink.put(WORKER_PATH, Body::Bytes(script.into_bytes()), origin);
}

/// The offline page of `lang`.
fn page_path(lang: &Lang) -> SitePath {
    SitePath::folder([lang.as_str(), PAGE_DIR])
}
