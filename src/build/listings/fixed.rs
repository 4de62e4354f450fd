//! The pages every site has once: the root (the theme's `root.html`, or a built-in
//! language chooser), the 404 page, and each language's search page.

use super::Lister;
use crate::build::builtin::builtin_root;
use crate::build::context::{locate, PageContext};
use crate::build::sink::{Body, Produced};
use crate::error::Diagnostic;
use crate::lang::Lang;
use crate::site::translations::translations_of;
use crate::url::SitePath;

/// The site root.
pub(super) fn root(lister: &Lister, errors: &mut Vec<Diagnostic>) -> Vec<Produced> {
    let (site, index) = (lister.site, lister.index);
    let config_file = lister.config_file();
    let mut out = Vec::new();
    let lang = &site.config.default_language;
    let root_path = SitePath::folder::<&str>([]);
    let html = if site.has_template("root.html") {
        let mut ctx = PageContext::new(index, lang);
        locate(&mut ctx, site, &root_path, &[]);
        lister.render(
            ("root.html", &ctx),
            errors,
            lang,
            "the site root".into(),
            &root_path.output_file(),
        )
    } else {
        Some(Body::Bytes(builtin_root(site).into_bytes()))
    };
    if let Some(body) = html {
        out.push(Produced {
            path: root_path.output_file(),
            body,
            file: config_file,
            line: None,
            sitemap: None,
        });
    }
    out
}

/// The search page of `lang`.
pub(super) fn search(lister: &Lister, lang: &Lang, errors: &mut Vec<Diagnostic>) -> Vec<Produced> {
    let (site, index) = (lister.site, lister.index);
    let config_file = lister.config_file();
    let mut out = Vec::new();
    let path = SitePath::folder([lang.as_str(), "search"]);
    let versions: Vec<(Lang, String, SitePath)> = site
        .config
        .languages
        .iter()
        .map(|l| {
            let title = site
                .strings
                .text(&l.code, "search", None, &[])
                .unwrap_or_default();
            (
                l.code.clone(),
                title,
                SitePath::folder([l.code.as_str(), "search"]),
            )
        })
        .collect();
    let translations = translations_of(&site.model(), &versions, lang);
    let mut ctx = PageContext::new(index, lang);
    locate(&mut ctx, site, &path, &translations);
    if let Some(body) = lister.render(
        ("search.html", &ctx),
        errors,
        lang,
        format!("the search page [{lang}]"),
        &path.output_file(),
    ) {
        out.push(Produced {
            path: path.output_file(),
            body,
            file: config_file,
            line: None,
            sitemap: None,
        });
    }
    out
}

/// The 404 page, in the default language.
pub(super) fn not_found(lister: &Lister, errors: &mut Vec<Diagnostic>) -> Vec<Produced> {
    let (site, index) = (lister.site, lister.index);
    let config_file = lister.config_file();
    let mut out = Vec::new();
    let lang = &site.config.default_language;
    let path = SitePath::file("404.html");
    let html = if site.has_template("404.html") {
        let mut ctx = PageContext::new(index, lang);
        locate(&mut ctx, site, &path, &[]);
        lister.render(
            ("404.html", &ctx),
            errors,
            lang,
            "the 404 page".into(),
            &path.output_file(),
        )
    } else {
        Some(Body::Bytes(format!(
            "<!doctype html>\n<html lang=\"{lang}\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>404</title></head>\n<body><main><h1>404</h1><p><a href=\"{}\">{}</a></p></main></body>\n</html>\n",
            crate::util::escape(&site.urls.path(&SitePath::folder::<&str>([]))),
            crate::util::escape(&site.config.language(lang).title)
        ).into_bytes()))
    };
    if let Some(body) = html {
        out.push(Produced {
            path: path.output_file(),
            body,
            file: config_file,
            line: None,
            sitemap: None,
        });
    }
    out
}
