//! The redirect page at each alias of a page, rendered with `redirect.html` (dala's
//! built-in one, or the theme's or site's of that name).

use super::index::Index;
use super::load::Loaded;
use crate::error::Diagnostic;
use crate::lang::Lang;
use crate::views::RedirectView;

/// A page at an old URL that sends the reader to `to`; `what` names it in messages. `None`
/// when the templates did not load (reported then).
pub(super) fn redirect(
    site: &Loaded,
    index: &Index,
    lang: &Lang,
    to: &str,
    what: &str,
) -> Option<Result<String, Diagnostic>> {
    let templates = site.templates.as_ref()?;
    let message = site
        .strings
        .text(lang, "redirecting", None, &[])
        .unwrap_or_else(|| "This page has moved to".into());
    let mut ctx = index.base[lang].clone();
    ctx.insert(
        "redirect",
        &RedirectView {
            to: to.to_string(),
            message,
        },
    );
    Some(templates.render("redirect.html", &ctx, lang, what))
}
