//! Where an entry of a collection with `schedule:` stands at the build's date
//! (`page.schedule`): upcoming, open, closed or decided, and how many days are left, read
//! in the entry's time zone: the zone its dates name, else its `timezone` field, else the
//! site's `timezone:`, else UTC.

use super::Site;
use crate::content::Page;
use crate::time::{Point, Status};
use crate::views::ScheduleView;
use serde_json::Value;

/// The schedule of `page`, if its collection has one and its dates can be read.
pub fn view(site: &Site, page: &Page) -> Option<ScheduleView> {
    let dir = page.rel.rsplit_once('/').map_or("", |(d, _)| d);
    let collection = crate::collections::of_dir(&site.config.collections, dir)?;
    let schedule = collection.schedule.as_ref()?;
    let fields = &page.fm.fields;
    let start = Point::read(fields.get(&schedule.start)?)?;
    let end = Point::read(fields.get(&schedule.end)?)?;
    let zone = schedule
        .zone_field
        .as_deref()
        .and_then(|f| fields.get(f)?.as_str())
        .and_then(|name| crate::time::zone(name).ok())
        .unwrap_or_else(|| site.config.timezone.clone());
    let span = crate::time::span(&start, &end, &zone, site.config.now)?;
    let outcome = schedule
        .outcome
        .as_deref()
        .and_then(|f| fields.get(f))
        .is_some_and(|v| !matches!(v, Value::Null) && v.as_str() != Some(""));
    let status = match span.status {
        Status::Closed if outcome => "decided",
        other => other.name(),
    };
    Some(ScheduleView {
        status,
        days_to_start: span.days_to_start,
        days_to_end: span.days_to_end,
        start: span.start.into(),
        end: span.end.into(),
        timezone: span.zone,
        calendar: schedule
            .calendar
            .then(|| format!("{}{}", site.urls.path(&page.path), CALENDAR_FILE)),
    })
}

/// The iCalendar file of an entry, in its page's folder.
pub const CALENDAR_FILE: &str = "event.ics";

/// A hash of where every scheduled entry stands: what the build's date changes in the
/// site. Pages and listings are rendered again when it differs from the last build's.
pub fn fingerprint(site: &Site) -> u64 {
    let mut text = String::new();
    for page in &site.content.pages {
        if let Some(s) = view(site, page) {
            text.push_str(&format!(
                "{} {} {} {}\n",
                page.rel, s.status, s.days_to_start, s.days_to_end
            ));
        }
    }
    crate::util::hash_bytes(text.as_bytes())
}

/// An entry whose end comes before its start, as an error at its file: its status could
/// never be `open`.
pub fn problems(site: &Site) -> Vec<crate::error::Diagnostic> {
    let mut out = Vec::new();
    for page in &site.content.pages {
        let Some(s) = view(site, page) else { continue };
        let (start, end) = (&s.start, &s.end);
        let ends_first = end.day < start.day
            || (end.day == start.day && end.time.is_some() && end.time <= start.time);
        // A derived language's page repeats its parent's: said once.
        if ends_first && site.config.transliteration(&page.lang).is_none() {
            let line = page.fm.lines.get("extra").copied().unwrap_or(1);
            out.push(
                crate::error::Kind::FrontMatter
                    .error(
                        &page.file,
                        format!(
                            "it ends ({}{}) before it starts ({}{}): the end field names the last day or the ending moment",
                            end.day,
                            end.time.as_deref().map(|t| format!(" {t}")).unwrap_or_default(),
                            start.day,
                            start.time.as_deref().map(|t| format!(" {t}")).unwrap_or_default(),
                        ),
                    )
                    .at(line),
            );
        }
    }
    out
}
