//! The hub's consultations and events (issue 16), built at a fixed date so that what the
//! tests expect does not change with the day they run: statuses and countdowns in each
//! language, the home's list of open consultations, feeds, calendar files and the archive.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Noon in Almaty on 10 December 2026.
const NOW: &str = "2026-12-10T12:00:00+05:00";

fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = scratch("hub-schedule").join("public");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let o = build(root, &out, &["--now", NOW]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        out
    })
}

fn page(url: &str) -> scraper::Html {
    html(&built().join(url).join("index.html"))
}

fn text(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn each_consultation_says_where_it_stands_in_each_language() {
    let expect = [
        (
            "next-languages",
            [
                "Open Closes in 36 days",
                "Открыто Закроется через 36 дней",
                "Ашық 36 күннен кейін жабылады",
            ],
        ),
        (
            "catalogue-licence",
            [
                "Upcoming Opens in 53 days",
                "Скоро откроется Откроется через 53 дня",
                "Жақында ашылады 53 күннен кейін ашылады",
            ],
        ),
        (
            "building-block-names",
            [
                "Decided Closed on October 30, 2026",
                "Решение принято Завершено 30 октября 2026 г.",
                "Шешім қабылданды Аяқталған күні: 2026 ж. 30 қазан",
            ],
        ),
    ];
    for (slug, texts) in expect {
        for (lang, want) in ["en", "ru", "kk"].into_iter().zip(texts) {
            let doc = page(&format!("{lang}/consultations/{slug}"));
            let got = text(&doc, ".schedule-state");
            // (No-break spaces, as ICU writes before "г.", count as spaces here.)
            assert_eq!(
                got.first().map(String::as_str),
                Some(want),
                "{lang}/consultations/{slug}"
            );
        }
    }
    // A decided consultation shows its outcome; an open one the way to answer.
    let decided = page("ru/consultations/building-block-names");
    assert!(!select(&decided, "section.outcome p").is_empty());
    assert!(select(&decided, ".respond a.button").is_empty());
    let open = page("kk/consultations/next-languages");
    assert_eq!(text(&open, ".respond a.button"), ["Жауап жіберу"]);
}

#[test]
fn the_home_lists_open_consultations_and_coming_events_and_the_sections_group_them() {
    for (lang, heading) in [
        ("en", "Open consultations"),
        ("ru", "Открытые консультации"),
        ("kk", "Ашық консультациялар"),
    ] {
        let home = page(lang);
        let links: Vec<String> = select(
            &home,
            "#scheduled-consultations ~ ul a, section[aria-labelledby=scheduled-consultations] a",
        )
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
        assert!(
            links.contains(&format!("/{lang}/consultations/next-languages/")),
            "{lang}: {links:?}"
        );
        assert!(
            !links.iter().any(|l| l.contains("building-block-names")),
            "{lang}: a decided one is not listed"
        );
        let events = text(&home, "section[aria-labelledby=scheduled-events] h3");
        assert_eq!(events.len(), 3, "{lang}: {events:?}");
        let list = page(&format!("{lang}/consultations"));
        assert_eq!(text(&list, "#open-title"), [heading]);
        let open: Vec<String> = select(&list, "section[aria-labelledby=open-title] h3 a")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        assert_eq!(open, [format!("/{lang}/consultations/next-languages/")]);
        // A feed per language.
        let feed = read(&built().join(lang).join("consultations/atom.xml"));
        assert_eq!(feed.matches("<entry").count(), 3, "{lang}");
    }
}

#[test]
fn events_have_calendar_files_and_past_ones_an_archive_with_materials() {
    use icalendar::{Component, EventLike};
    for lang in ["en", "ru", "kk", "kk-Latn"] {
        let list = page(&format!("{lang}/events"));
        let past = select(&list, "#archive li.card");
        assert_eq!(past.len(), 2, "{lang}");
        assert!(
            select(&list, "#archive li.card a").len() > past.len(),
            "{lang}: materials"
        );
        let href = select(&list, "a[type='text/calendar']")
            .first()
            .and_then(|a| a.value().attr("href").map(str::to_string));
        assert_eq!(href, Some(format!("/{lang}/events/calendar.ics")));
        let calendar: icalendar::Calendar = read(&built().join(lang).join("events/calendar.ics"))
            .parse()
            .unwrap();
        let events: Vec<&icalendar::Event> = calendar
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .collect();
        assert_eq!(events.len(), 5, "{lang}");
        assert!(events
            .iter()
            .all(|e| e.get_summary().is_some() && e.get_start().is_some()));
    }
    let workshop = page("ru/events/translation-workshop-almaty");
    let ics = select(&workshop, "a[download]")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    let one: icalendar::Calendar = read(&built().join(ics.trim_start_matches('/')))
        .parse()
        .unwrap();
    let event = one.components.iter().find_map(|c| c.as_event()).unwrap();
    // 10:00 in Almaty (UTC+5) on 10 February 2027.
    assert!(format!("{:?}", event.get_start()).contains("2027-02-10T05:00:00"));
    assert_eq!(event.get_location(), Some("Алматы"));
    assert_eq!(
        text(&workshop, ".schedule-state"),
        ["Начнётся через 62 дня · Практический семинар"]
    );
}
