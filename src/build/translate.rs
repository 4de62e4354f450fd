//! "Translate this page": with `new_file_url:` in site.yaml, a page offers each language it
//! has no version in (derived languages aside: they are made from their parent) a link to
//! the forge's form for a new file, with the file's name and the front matter `dala new`
//! would write already in it (on forges that take them: GitHub, Forgejo, Gitea).

use super::load::Loaded;
use crate::content::{Page, CONTENT_DIR};
use crate::views::TranslateView;

/// The address where the content file `rel` (inside `content/`) is edited, from
/// `edit_url:`; a derived language's page (`x.kk.md#kk-Latn`) is its parent's file.
pub(super) fn edit_link(config: &crate::config::Config, rel: &str) -> Option<String> {
    let pattern = config.forge.edit_url.as_ref()?;
    let file = rel.split('#').next().unwrap_or(rel);
    let path = crate::url::encode_uri(&format!("{CONTENT_DIR}/{file}"));
    Some(pattern.replace("{path}", &path))
}

/// The offers of `page`'s group, in the order of site.yaml's languages.
pub(super) fn offers(site: &Loaded, page: &Page) -> Vec<TranslateView> {
    let config = &site.config;
    let Some(pattern) = &config.forge.new_file_url else {
        return Vec::new();
    };
    let versions: Vec<&Page> = site.content.translations(&page.group, config).collect();
    // The original: the default language's version, else the first there is.
    let Some(original) = versions
        .iter()
        .find(|p| p.lang == config.default_language)
        .or(versions.first())
        .copied()
    else {
        return Vec::new();
    };
    let source = original.rel.split('#').next().unwrap_or(&original.rel);
    // `articles/x.ru.md` and `articles/x/index.md` without their language and `.md`.
    let stem = source.strip_suffix(".md").unwrap_or(source);
    let stem = match stem.rsplit_once('.') {
        Some((base, lang)) if config.find_language(lang).is_some() => base,
        _ => stem,
    };
    let (dir, base) = stem.rsplit_once('/').unwrap_or(("", stem));
    config
        .languages
        .iter()
        .filter(|l| l.derive_from.is_none() && versions.iter().all(|p| p.lang != l.code))
        .map(|l| {
            let name = if l.code == config.default_language {
                format!("{base}.md")
            } else {
                format!("{base}.{}.md", l.code)
            };
            // The page's path for `dala new`: a bundle's folder, or the file without `.md`.
            let rel = if base == "index" { dir } else { stem };
            let text = crate::scaffold::translation_front_matter(
                config,
                (rel, &l.code),
                (&original.fm, &original.lang),
            );
            let folder = if dir.is_empty() {
                CONTENT_DIR.to_string()
            } else {
                format!("{CONTENT_DIR}/{dir}")
            };
            let url = pattern
                .replace("{dir}", &crate::url::encode_uri(&folder))
                .replace("{name}", &component(&name))
                .replace("{content}", &component(&text));
            TranslateView {
                lang: l.code.to_string(),
                name: l.name.clone(),
                url,
            }
        })
        .collect()
}

/// `text` as one component of a URL's query: every byte but letters, digits and `-._~`
/// percent-encoded.
fn component(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
