//! Links between content files: `[x](../other.md)`, `[x](@/articles/y.md#part)`.

use crate::content::{parent_dir, Content, LinkTarget, CONTENT_DIR};
use crate::lang::Lang;
use crate::markdown::{self, LinkResolution};
use crate::url::Urls;

/// A link to a content file, as the URL of its version in `lang`: the file may be any
/// language's (`x.md`, `x.ru.md`, `x.kk.md` name one page), and when the page has no
/// version in `lang`, the link goes to the first of `lang`'s fallback chain, else to the
/// original (see [`Content::best_translation`]). A link that climbs above `content/` is
/// broken.
pub fn resolve_link(
    content: &Content,
    urls: &Urls,
    from_rel: &str,
    lang: &Lang,
    dest: &str,
) -> LinkResolution {
    if !markdown::is_content_link(dest) {
        return LinkResolution::External;
    }
    let (path, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let target = match path.strip_prefix("@/") {
        Some(p) => crate::url::resolve_dots(p),
        None => crate::url::resolve_dots(&format!("{}/{path}", parent_dir(from_rel))),
    };
    let Some(target) = target else {
        return LinkResolution::Broken(format!("link `{dest}` leads out of content/"));
    };
    let named = content
        .files
        .get(&target)
        .or_else(|| content.other_names.get(&target));
    let found = match named {
        None => None,
        Some(LinkTarget::Page { group, .. }) => content
            .best_translation(group, lang)
            .map(|p| urls.path(&p.path)),
        Some(LinkTarget::Section { dir, .. }) => content
            .best_section_version(dir, lang)
            .map(|v| urls.path(&v.path)),
    };
    match found {
        Some(url) => LinkResolution::Resolved(format!("{url}{fragment}")),
        // The file is there but broken: its own errors are the cause, not this link.
        None if content.broken.contains(&target) => LinkResolution::Resolved(String::new()),
        None => LinkResolution::Broken(format!(
            "link `{dest}`: there is no published content file `{CONTENT_DIR}/{target}` (missing, misspelt, or a draft)"
        )),
    }
}
