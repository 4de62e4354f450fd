//! The pages dala writes when the theme has none: the redirect of an alias, the site root
//! that chooses a language.

use super::load::Loaded;
use crate::lang::Lang;
use crate::url::SitePath;

/// A page at an old URL that sends the reader to the new one.
pub(super) fn redirect(site: &Loaded, lang: &Lang, to: &str) -> String {
    let to = crate::util::escape(to);
    let text = site
        .strings
        .text(lang, "redirecting", None, &[])
        .unwrap_or_else(|| "This page has moved to".into());
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{text}</title>\n<link rel=\"canonical\" href=\"{to}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>{text} <a href=\"{to}\">{to}</a></p>\n</body>\n</html>\n",
        text = crate::util::escape(&text)
    )
}

/// The site root when the theme has no `root.html`: a link to every language's home.
pub(super) fn builtin_root(site: &Loaded) -> String {
    let default = site.config.language(&site.config.default_language);
    let mut links = String::new();
    for l in &site.config.languages {
        links.push_str(&format!(
            "<li><a href=\"{}\" lang=\"{}\" hreflang=\"{}\">{}</a></li>\n",
            crate::util::escape(&site.urls.path(&SitePath::folder([l.code.as_str()]))),
            l.code,
            l.code,
            crate::util::escape(&l.name)
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<ul>\n{links}</ul>\n</main>\n</body>\n</html>\n",
        default.code,
        crate::util::escape(&default.title),
        crate::util::escape(&default.title)
    )
}
