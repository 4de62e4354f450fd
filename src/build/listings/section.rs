//! A section's listing, in each language it has: its pages in its order, cut into pages
//! of `paginate_by`; the home page (the root section) also gets the newest and the featured
//! pages.

use super::{list, Lister};
use crate::build::context::{locate, PageContext};
use crate::build::sink::Produced;
use crate::build::sitemap::sitemap_entry;
use crate::content::{Section, CONTENT_DIR};
use crate::error::{Diagnostic, Kind};
use crate::lang::Lang;
use crate::site::paginate::{page_count, paginate};
use crate::site::translations::{listing_translations, ListingVersion};
use crate::views::{Listed, SectionView, SubsectionView};
use std::collections::BTreeMap;

/// The pages of the section in `dir` in `lang`.
pub(super) fn section(
    lister: &Lister,
    dir: &String,
    lang: &Lang,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Produced> {
    let (site, index) = (lister.site, lister.index);
    let mut out = Vec::new();
    let section = &site.content.sections[dir];
    let version = &section.versions[lang];
    let html = &lister.section_html[&(dir.clone(), lang.clone())];
    let file = version
        .file
        .clone()
        .unwrap_or_else(|| site.root.join(CONTENT_DIR));
    // Each language's listing, with as many pages as its own list makes.
    let versions: Vec<ListingVersion> = section
        .versions
        .iter()
        .map(|(l, v)| ListingVersion {
            version: (l.clone(), v.fm.title.clone(), v.path.clone()),
            pages: page_count(index.model.section(dir, l).len(), v.fm.paginate_by),
        })
        .collect();
    let pages = index.model.section(dir, lang);
    let subsections = subsections(lister, section, lang);
    let template = match &version.fm.template {
        Some(t) => t.clone(),
        None if dir.is_empty() && site.has_template("home.html") => "home.html".into(),
        None => "section.html".into(),
    };
    if site.templates.is_none() {
        // The cause was reported when loading the templates.
        return out;
    }
    if !site.has_template(&template) {
        let d = Kind::Template.error(
            &file,
            format!("no template `{template}` in the theme or templates/"),
        );
        errors.push(d.at(version.fm.lines.get("template").copied().unwrap_or(1)));
        return out;
    }
    let catalogue = super::catalogue::view(lister, dir, lang);
    let calendar = calendar_of(lister, dir, &version.path);
    for (number, (path, chunk, paginator)) in
        paginate(&site.urls, &version.path, pages, version.fm.paginate_by)
            .into_iter()
            .enumerate()
            .map(|(i, p)| (i + 1, p))
    {
        let translations = listing_translations(&site.model(), &versions, lang, number);
        let view = SectionView {
            title: version.fm.title.clone(),
            lang: lang.to_string(),
            path: site.urls.path(&version.path),
            permalink: site.urls.permalink(&version.path),
            description: version
                .fm
                .description
                .clone()
                .unwrap_or_else(|| html.summary_text.clone()),
            content: html.html.clone(),
            toc: html.toc.clone(),
            pages: list(lister.summaries, chunk),
            page_count: pages.len(),
            subsections: subsections.clone(),
            paginator,
            dir: dir.clone(),
            extra: version.fm.extra.clone(),
            translations: translations.clone(),
        };
        let mut ctx = PageContext::new(index, lang);
        ctx.insert("section", &view);
        if let Some(catalogue) = &catalogue {
            ctx.insert("catalogue", catalogue);
        }
        if dir.is_empty() {
            home_lists(lister, lang, &mut ctx);
        }
        if let Some(calendar) = &calendar {
            ctx.insert("calendar", calendar);
        }
        locate(&mut ctx, site, &path, &translations);
        let what = format!("{} [{lang}]", file.display());
        if let Some(body) =
            lister.render((&template, &ctx), errors, lang, what, &path.output_file())
        {
            out.push(Produced {
                path: path.output_file(),
                body,
                file: file.clone(),
                line: None,
                sitemap: Some(sitemap_entry(site, &path, None, &translations)),
            });
        }
    }
    out
}

/// The sections directly below `section` that have a version in `lang`.
fn subsections(lister: &Lister, section: &Section, lang: &Lang) -> Vec<SubsectionView> {
    let site = lister.site;
    section
        .subsections
        .iter()
        .filter_map(|d| {
            let v = site.content.sections[d].versions.get(lang)?;
            Some(SubsectionView {
                title: v.fm.title.clone(),
                path: site.urls.path(&v.path),
                permalink: site.urls.permalink(&v.path),
                page_count: lister.index.model.section(d, lang).len(),
            })
        })
        .collect()
}

/// What the home page lists besides its own pages: the ten newest pages of the language
/// and six featured ones.
fn home_lists<'a>(lister: &Lister<'a>, lang: &Lang, ctx: &mut PageContext<'a>) {
    let model = &lister.index.model;
    let recent = model.recent.get(lang).map_or(&[][..], Vec::as_slice);
    ctx.insert(
        "recent_pages",
        list(lister.summaries, &recent[..recent.len().min(10)]),
    );
    let featured = model.featured.get(lang).map_or(&[][..], Vec::as_slice);
    ctx.insert(
        "featured_pages",
        list(lister.summaries, &featured[..featured.len().min(6)]),
    );
    // Consultations and events, by collection, for "open now" and "coming up" lists.
    let scheduled: BTreeMap<String, Vec<Listed>> = model
        .scheduled(lang)
        .map(|(name, pages)| (name.to_string(), list(lister.summaries, pages)))
        .collect();
    ctx.insert("scheduled", scheduled);
}

/// The path of the section's iCalendar file, when it is the section of a collection with
/// `schedule: { calendar: true }`.
fn calendar_of(lister: &Lister, dir: &str, path: &crate::url::SitePath) -> Option<String> {
    let collection = lister
        .site
        .config
        .collections
        .iter()
        .find(|c| c.section == dir)?;
    collection.schedule.as_ref().filter(|s| s.calendar)?;
    let file = crate::url::SitePath::file(&format!(
        "{}{}",
        path.as_str(),
        super::calendar::SECTION_CALENDAR
    ));
    Some(lister.site.urls.path(&file))
}
