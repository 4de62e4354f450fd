//! The pages every site has once: the root, a language chooser (`root.html`), the 404
//! page (`404.html`; dala has built-in ones of both), and each language's search page.

use super::Lister;
use crate::build::context::{locate, PageContext};
use crate::build::sink::Produced;
use crate::error::Diagnostic;
use crate::lang::Lang;
use crate::site::translations::translations_of;
use crate::url::SitePath;
use crate::views::NotFoundLanguage;

/// The site root.
pub(super) fn root(lister: &Lister, errors: &mut Vec<Diagnostic>) -> Vec<Produced> {
    let path = SitePath::folder::<&str>([]);
    once(
        lister,
        ("root.html", &path),
        ("the site root", None),
        errors,
    )
}

/// The 404 page, in the default language, with `languages`: what it says in each language
/// of the site (see [`crate::site::not_found`]).
pub(super) fn not_found(lister: &Lister, errors: &mut Vec<Diagnostic>) -> Vec<Produced> {
    let path = SitePath::file("404.html");
    let languages = crate::site::not_found::languages(&lister.site.model());
    once(
        lister,
        ("404.html", &path),
        ("the 404 page", Some(languages)),
        errors,
    )
}

/// A page of the site as a whole, in the default language, with `root_path` (the site's
/// root) and, for the 404 page, `languages` besides what every page gets.
fn once(
    lister: &Lister,
    (template, path): (&str, &SitePath),
    (what, languages): (&str, Option<Vec<NotFoundLanguage>>),
    errors: &mut Vec<Diagnostic>,
) -> Vec<Produced> {
    let site = lister.site;
    let lang = &site.config.default_language;
    let mut ctx = PageContext::new(lister.index, lang);
    locate(&mut ctx, site, path, &[]);
    ctx.insert("root_path", site.urls.path(&SitePath::folder::<&str>([])));
    if let Some(languages) = languages {
        ctx.insert("languages", languages);
    }
    let output = path.output_file();
    let rendered = lister.render((template, &ctx), errors, lang, what.into(), &output);
    rendered
        .map(|body| Produced {
            path: output,
            body,
            file: lister.config_file(),
            line: None,
            sitemap: None,
        })
        .into_iter()
        .collect()
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
