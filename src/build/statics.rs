//! The sixth phase: the static files (the highlighting stylesheet, the search script, the
//! theme's `static/`, then the site's over it, and `robots.txt` from its template unless
//! the site has its own) and the sitemap.

use super::index::Index;
use super::load::Loaded;
use super::sink::{Body, Sink};
use super::sitemap::{builtin_sitemap, sitemap_views, SitemapEntry};
use crate::error::Diagnostics;
use crate::output::Origin;
use crate::url::SitePath;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Puts the static files and the sitemap of `entries` into the sink.
pub(super) fn write_statics(
    site: &Loaded,
    index: &Index,
    sink: &Sink,
    entries: Vec<SitemapEntry>,
    diagnostics: &Diagnostics,
) {
    // Static files: the theme's, then the site's over them.
    let mut statics: BTreeMap<String, Body> = BTreeMap::new();
    statics.insert(
        crate::highlight::STYLESHEET.to_string(),
        Body::Bytes(crate::highlight::stylesheet().as_bytes().to_vec()),
    );
    // The site's own style.css replaces the theme's whole stylesheet: say so, its rules
    // belong in `extra_css:` (docs/look.md), loaded after the theme's.
    let own = site.root.join("static").join("style.css");
    if own.is_file()
        && site
            .theme_dir
            .iter()
            .any(|d| d.join("static/style.css").is_file())
    {
        let message = "replaces the theme's whole `style.css`; to add rules to it, \
                       name a stylesheet of your own in site.yaml's `extra_css:` instead";
        diagnostics.push(crate::error::Kind::Path.warning(&own, message));
    }
    for dir in site
        .theme_dir
        .iter()
        .map(|d| d.join("static"))
        .chain([site.root.join("static")])
    {
        collect_static(&dir, &site.root, &mut statics, diagnostics);
    }
    if site.config.search {
        statics.insert(
            crate::search::SCRIPT_PATH.to_string(),
            Body::Bytes(crate::search::SCRIPT.as_bytes().to_vec()),
        );
    }
    // A site without its own robots.txt gets one that points crawlers to the sitemap.
    if !statics.contains_key("robots.txt") {
        let mut ctx = index.base[&site.config.default_language].clone();
        ctx.insert(
            "sitemap_url",
            &site.urls.permalink(&SitePath::file("sitemap.xml")),
        );
        if let Some(text) = render(site, "robots.txt", &ctx, diagnostics) {
            statics.insert("robots.txt".into(), Body::Bytes(text.into_bytes()));
        }
    }
    // Stylesheets and scripts under their names with hashes too (src/assets.rs).
    let hashed: Vec<(String, Body)> = site
        .assets
        .iter()
        .filter_map(|(path, asset)| {
            let body = match statics.get(path)? {
                Body::Copy(source) => Body::Copy(source.clone()),
                Body::Bytes(bytes) => Body::Bytes(bytes.clone()),
                Body::Keep => return None,
            };
            Some((asset.hashed.clone(), body))
        })
        .collect();
    statics.extend(hashed);
    statics.into_par_iter().for_each(|(path, body)| {
        let file = match &body {
            Body::Copy(source) => source.clone(),
            Body::Bytes(_) | Body::Keep => PathBuf::from("<dala>"),
        };
        sink.put(&path, body, Origin { file, line: None });
    });
    let views = sitemap_views(entries);
    let xml = match &site.templates {
        Some(t) if t.is_builtin("sitemap.xml") => Some(builtin_sitemap(&views)),
        _ => {
            let mut ctx = index.base[&site.config.default_language].clone();
            ctx.insert("entries", &views);
            render(site, "sitemap.xml", &ctx, diagnostics)
        }
    };
    if let Some(xml) = xml {
        let origin = Origin {
            file: PathBuf::from("<sitemap>"),
            line: None,
        };
        sink.put("sitemap.xml", Body::Bytes(xml.into_bytes()), origin);
    }
}

/// Renders one of the site's own files with `template` (dala's built-in one, or the
/// theme's or site's of that name) in the default language.
fn render(
    site: &Loaded,
    template: &str,
    ctx: &tera::Context,
    diagnostics: &Diagnostics,
) -> Option<String> {
    let templates = site.templates.as_ref()?;
    let lang = &site.config.default_language;
    let what = format!("`{template}`");
    match templates.render(template, ctx, lang, &what) {
        Ok(text) => Some(text),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    }
}

/// The files below `dir` by their path inside it.
fn collect_static(
    dir: &Path,
    site: &Path,
    statics: &mut BTreeMap<String, Body>,
    diagnostics: &Diagnostics,
) {
    if !dir.is_dir() {
        return;
    }
    let mut problems = Vec::new();
    for found in crate::walk::files(dir, site, crate::content::is_ignored, &mut problems) {
        statics.insert(found.rel, Body::Copy(found.path));
    }
    diagnostics.extend(problems);
}

/// The stylesheets and scripts the site publishes, read to name them by their content: the
/// highlighting stylesheet, the search script, the theme's `static/` and the site's over it.
pub(super) fn assets(root: &Path, theme_dir: Option<&Path>, search: bool) -> crate::assets::Assets {
    let mut assets = crate::assets::Assets::default();
    let stylesheet = crate::highlight::stylesheet();
    assets.add(crate::highlight::STYLESHEET, stylesheet.as_bytes());
    if search {
        assets.add(crate::search::SCRIPT_PATH, crate::search::SCRIPT.as_bytes());
    }
    for dir in theme_dir
        .map(|d| d.join("static"))
        .into_iter()
        .chain([root.join("static")])
        .filter(|d| d.is_dir())
    {
        let mut problems = Vec::new();
        for found in crate::walk::files(&dir, root, crate::content::is_ignored, &mut problems) {
            if found.rel.ends_with(".css") || found.rel.ends_with(".js") {
                if let Ok(bytes) = std::fs::read(&found.path) {
                    assets.add(&found.rel, &bytes);
                }
            }
        }
    }
    assets
}
