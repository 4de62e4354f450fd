//! The iCalendar files of a collection with `schedule: { calendar: true }`: one per entry,
//! in its page's folder (`event.ics`), and one per language listing them all, in the
//! section's folder (`calendar.ics`). See [`crate::ics`].

use super::Lister;
use crate::build::sink::{Body, Produced};
use crate::content::PageId;
use crate::ics::{calendar, Event};
use crate::lang::Lang;
use crate::site::schedule::CALENDAR_FILE;
use crate::url::SitePath;

/// The file a language's calendar is published as, in the section's folder.
pub const SECTION_CALENDAR: &str = "calendar.ics";

/// The calendars of collection `name` in `lang`.
pub(super) fn calendars(lister: &Lister, name: &str, lang: &Lang) -> Vec<Produced> {
    let site = lister.site;
    let Some(collection) = site.config.collections.iter().find(|c| c.name == name) else {
        return Vec::new();
    };
    let Some(schedule) = &collection.schedule else {
        return Vec::new();
    };
    let host = site
        .config
        .base_url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("dala");
    let pages = lister.index.model.section(&collection.section, lang);
    let mut events = Vec::new();
    let mut out = Vec::new();
    for &id in pages {
        let Some(event) = event(lister, id, (&schedule.location, host)) else {
            continue;
        };
        let page = &site.content.pages[id.index()];
        if &page.lang == lang {
            let path = SitePath::file(&format!("{}{CALENDAR_FILE}", page.path.as_str()));
            let name = format!("{} · {}", page.fm.title, site.config.language(lang).title);
            let body = calendar(&name, page.lang.as_str(), std::slice::from_ref(&event));
            out.push(produced(lister, &path, body));
        }
        events.push(event);
    }
    if let Some(version) = site
        .content
        .sections
        .get(&collection.section)
        .and_then(|s| s.versions.get(lang))
    {
        let path = SitePath::file(&format!("{}{SECTION_CALENDAR}", version.path.as_str()));
        let name = format!(
            "{} · {}",
            version.fm.title,
            site.config.language(lang).title
        );
        out.push(produced(
            lister,
            &path,
            calendar(&name, lang.as_str(), &events),
        ));
    }
    out
}

/// The calendar event of the page `id`, if it has a schedule.
fn event(lister: &Lister, id: PageId, (location, host): (&[String], &str)) -> Option<Event> {
    let summary = lister.summaries[id.index()].summary;
    let schedule = summary.schedule.as_ref()?;
    let page = &lister.site.content.pages[id.index()];
    let written = page.fm.updated.as_ref().or(page.fm.date.as_ref());
    let stamp = match written {
        Some(d) => d.day().replace('-', "") + "T000000Z",
        None => schedule.start.ics.chars().take(8).collect::<String>() + "T000000Z",
    };
    let place = location
        .iter()
        .filter_map(|f| summary.fields.get(f)?.as_str())
        .find(|v| !v.trim().is_empty())
        .map(str::to_string);
    Some(Event {
        uid: format!("{}@{host}", page.group),
        stamp,
        start: schedule.start.ics.clone(),
        end: schedule.end.ics.clone(),
        summary: summary.title.clone(),
        description: format!("{}\n\n{}", summary.summary, summary.permalink),
        location: place,
        url: summary.permalink.clone(),
        status: None,
    })
}

fn produced(lister: &Lister, path: &SitePath, text: String) -> Produced {
    Produced {
        path: path.output_file(),
        body: Body::Bytes(text.into_bytes()),
        file: lister.config_file(),
        line: None,
        sitemap: None,
    }
}
