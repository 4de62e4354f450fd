//! Atom feeds: a language's newest pages, and each section's.

use super::{list, Lister};
use crate::build::context::PageContext;
use crate::build::sink::Produced;
use crate::content::PageId;
use crate::error::Diagnostic;
use crate::lang::Lang;
use crate::url::SitePath;
use crate::views::FeedView;

/// How many entries a feed carries.
const FEED_LENGTH: usize = 20;

/// The feed of `lang`, or of its version of the section in `section`.
pub(super) fn feed(
    lister: &Lister,
    lang: &Lang,
    section: Option<&str>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Produced> {
    let (site, index) = (lister.site, lister.index);
    let config_file = lister.config_file();
    let mut out = Vec::new();
    let pages = &site.content.pages;
    // The language's newest pages, or a section's.
    let (mut dated, title, path, home) = match section {
        None => (
            index.model.recent.get(lang).cloned().unwrap_or_default(),
            site.config.language(lang).title.clone(),
            SitePath::file(&format!("{lang}/atom.xml")),
            SitePath::folder([lang.as_str()]),
        ),
        Some(dir) => {
            let version = &site.content.sections[dir].versions[lang];
            let dated: Vec<PageId> = index
                .model
                .section(dir, lang)
                .iter()
                .copied()
                .filter(|&i| pages[i].fm.date.is_some() && pages[i].lang == *lang)
                .collect();
            let title = format!(
                "{} · {}",
                version.fm.title,
                site.config.language(lang).title
            );
            (
                dated,
                title,
                SitePath::file(&format!("{}atom.xml", version.path.as_str())),
                version.path.clone(),
            )
        }
    };
    dated.sort_by_key(|&i| index.model.rank[i.index()]);
    let entries = &dated[..dated.len().min(FEED_LENGTH)];
    let updated = entries
        .iter()
        .filter_map(|&i| pages[i].fm.updated.as_ref().or(pages[i].fm.date.as_ref()))
        .max()
        .map_or_else(
            || "1970-01-01T00:00:00Z".to_string(),
            |d| d.rfc3339().to_string(),
        );
    let feed = FeedView {
        title,
        path: site.urls.path(&path),
        permalink: site.urls.permalink(&path),
        home: site.urls.permalink(&home),
        updated,
        pages: list(lister.summaries, entries),
    };
    let mut ctx = PageContext::new(index, lang);
    ctx.insert("feed", &feed);
    let what = format!("the feed {} [{lang}]", path.as_str());
    if let Some(body) = lister.render(("atom.xml", &ctx), errors, lang, what, &path.output_file()) {
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
