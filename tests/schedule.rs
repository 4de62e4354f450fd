//! Consultations and events (issue 16): a collection with `schedule:` gets each entry's
//! status from its dates, read in its time zone, at the build's date (`--now`, else
//! `SOURCE_DATE_EPOCH`); "closes in N days" in each language's plural forms; iCalendar
//! files that a parser reads; the same date gives the same bytes.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

const SITE: &str = "base_url: https://test.example.org
default_language: en
languages:
  en: { name: English, title: Test }
  ru: { name: Русский, title: Тест }
  kk: { name: Қазақша, title: Тест }
timezone: Asia/Almaty
collections:
  consultations:
    schedule: { start: opens, end: closes, outcome: outcome }
    fields:
      opens: { type: date, required: true, shared: true }
      closes: { type: date, required: true, shared: true }
      timezone: { type: timezone, shared: true }
      outcome: { type: text }
  events:
    template: event.html
    schedule: { start: starts, end: ends, calendar: true, location: [place, online] }
    fields:
      starts: { type: datetime, required: true, shared: true }
      ends: { type: datetime, required: true, shared: true }
      place: { type: string }
      online: { type: url, shared: true }
";

/// The page template prints the hub theme's state of a consultation, with the hub's own
/// strings: what an editor sees.
const PAGE: &str = r#"{% import "macros.html" as sch %}<!doctype html><html lang="{{ lang }}"><title>{{ page.title }}</title><main>{% if page.schedule %}<p id="status">{{ page.schedule.status }}</p><p id="state">{{ sch::countdown(s=page.schedule) }}</p><p id="days">{{ page.schedule.days_to_start }} {{ page.schedule.days_to_end }}</p>{% endif %}</main></html>
"#;

const EVENT: &str = r#"<!doctype html><html lang="{{ lang }}"><title>{{ page.title }}</title><main><a id="ics" href="{{ page.schedule.calendar }}">ics</a><time id="start" datetime="{{ page.schedule.start.datetime }}">{{ page.schedule.start.time }}</time> <span id="zone">{{ page.schedule.timezone }}</span> <span id="status">{{ page.schedule.status }}</span></main></html>
"#;

fn hub_file(path: &str) -> String {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
}

fn site() -> SiteTest {
    let mut site = SiteTest::new()
        .file("site.yaml", SITE)
        .file("templates/page.html", PAGE)
        .file("templates/event.html", EVENT)
        .file(
            "templates/macros.html",
            &hub_file("themes/hub/templates/macros.html"),
        )
        .file("content/consultations/_index.md", "---\ntitle: Consultations\n---\n")
        .file(
            "content/consultations/budget.md",
            "---\ntitle: Open budget\nextra:\n  opens: 2026-12-01\n  closes: 2027-01-20\n---\nWhat do you think?\n",
        )
        .file("content/consultations/budget.ru.md", "---\ntitle: Открытый бюджет\n---\nЧто вы думаете?\n")
        .file("content/consultations/budget.kk.md", "---\ntitle: Ашық бюджет\n---\nСіз не ойлайсыз?\n")
        .file(
            "content/consultations/roads.md",
            "---\ntitle: Roads\nextra:\n  opens: 2026-10-01\n  closes: 2026-10-31\n  timezone: Asia/Tbilisi\n  outcome: The ministry **adopted** the plan.\n---\n",
        )
        .file("content/events/_index.md", "---\ntitle: Events\n---\n")
        .file("content/events/_index.ru.md", "---\ntitle: Мероприятия\n---\n")
        .file(
            "content/events/webinar.md",
            "---\ntitle: Data exchange, in practice; a webinar\nsummary: How ministries share data.\nextra:\n  starts: { local: 2027-02-10T10:00, zone: Asia/Tbilisi }\n  ends: { local: 2027-02-10T12:30, zone: Asia/Tbilisi }\n  online: https://meet.example.org/x\n---\n",
        )
        .file(
            "content/events/webinar.ru.md",
            "---\ntitle: Обмен данными на практике\nsummary: Как министерства обмениваются данными.\n---\n",
        )
        .file(
            "content/events/visit.md",
            "---\ntitle: Study visit\nextra:\n  starts: 2026-09-14T09:00:00+06:00\n  ends: 2026-09-16T18:00:00+06:00\n  place: Bishkek, Kyrgyzstan\n---\n",
        );
    for lang in ["en", "ru", "kk"] {
        site = site.file(
            &format!("i18n/{lang}.yaml"),
            &hub_file(&format!("themes/hub/i18n/{lang}.yaml")),
        );
    }
    site
}

fn text(doc: &scraper::Html, css: &str) -> String {
    select(doc, css)
        .first()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .unwrap_or_default()
}

/// Builds the site with `dala build` and `SOURCE_DATE_EPOCH=seconds`; the output folder.
fn build_with_epoch(seconds: i64, tag: &str) -> std::path::PathBuf {
    let root = site().write();
    let out = root.parent().unwrap().join(format!("public-{tag}"));
    let o = Command::new(env!("CARGO_BIN_EXE_dala"))
        .env("DALA_MESSAGES", "en")
        .env("SOURCE_DATE_EPOCH", seconds.to_string())
        .args(["build", "--root", root.to_str().unwrap()])
        .args(["--output", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

/// Seconds since 1970 of a moment written in RFC 3339.
fn epoch(text: &str) -> i64 {
    dala::time::parse_now(text).unwrap().as_second()
}

#[test]
fn status_changes_at_midnight_in_the_consultations_time_zone() {
    // Opens 2026-12-01 and closes 2027-01-20 in Asia/Almaty (UTC+5).
    let cases = [
        ("2026-11-30T23:59:00+05:00", "upcoming", "Opens in 1 day"),
        ("2026-12-01T00:00:00+05:00", "open", "Closes in 50 days"),
        ("2027-01-20T23:59:00+05:00", "open", "Closes today"),
        (
            "2027-01-21T00:00:00+05:00",
            "closed",
            "Closed on January 20, 2027",
        ),
    ];
    for (i, (now, status, state)) in cases.iter().enumerate() {
        let out = build_with_epoch(epoch(now), &i.to_string());
        let doc = html(&out.join("en/consultations/budget/index.html"));
        assert_eq!(text(&doc, "#status"), *status, "at {now}");
        assert_eq!(text(&doc, "#state"), *state, "at {now}");
    }
}

#[test]
fn a_consultation_with_an_outcome_is_decided_once_closed_in_its_own_zone() {
    // Closed at the end of 2026-10-31 in Tbilisi (UTC+4): 20:00 UTC.
    let built = site().build_at("2026-10-31T19:59:00Z");
    built.assert_ok();
    assert_eq!(
        text(&built.page("en/consultations/roads/"), "#status"),
        "open"
    );
    let built = site().build_at("2026-10-31T20:00:00Z");
    built.assert_ok();
    assert_eq!(
        text(&built.page("en/consultations/roads/"), "#status"),
        "decided"
    );
}

#[test]
fn closes_in_n_days_takes_each_languages_plural_forms() {
    let expected = [
        (
            1,
            "Closes in 1 day",
            "Закроется через 1 день",
            "1 күннен кейін жабылады",
        ),
        (
            2,
            "Closes in 2 days",
            "Закроется через 2 дня",
            "2 күннен кейін жабылады",
        ),
        (
            5,
            "Closes in 5 days",
            "Закроется через 5 дней",
            "5 күннен кейін жабылады",
        ),
        (
            11,
            "Closes in 11 days",
            "Закроется через 11 дней",
            "11 күннен кейін жабылады",
        ),
        (
            21,
            "Closes in 21 days",
            "Закроется через 21 день",
            "21 күннен кейін жабылады",
        ),
    ];
    for (days, en, ru, kk) in expected {
        // Noon in Almaty, `days` days before the closing day, 2027-01-20.
        let day = 20 - days;
        let now = if day > 0 {
            format!("2027-01-{day:02}T12:00:00+05:00")
        } else {
            format!("2026-12-{:02}T12:00:00+05:00", 31 + day)
        };
        let built = site().build_at(&now);
        built.assert_ok();
        for (lang, want) in [("en", en), ("ru", ru), ("kk", kk)] {
            let page = built.page(&format!("{lang}/consultations/budget/"));
            assert_eq!(text(&page, "#state"), want, "{lang} at {now}");
        }
    }
    // A closed consultation's day is written as each language writes dates.
    let built = site().build_at("2027-02-01");
    let state = |lang: &str| {
        text(
            &built.page(&format!("{lang}/consultations/budget/")),
            "#state",
        )
    };
    // ICU writes a narrow no-break space before "г.".
    assert_eq!(state("ru"), "Завершено 20 января 2027\u{202f}г.");
    assert!(state("kk").contains("қаңтар"), "{}", state("kk"));
}

#[test]
fn events_are_published_as_icalendar_files_that_a_parser_reads() {
    use icalendar::{Component, EventLike};
    let built = site().build_at("2027-01-01");
    built.assert_ok();
    let page = built.page("en/events/webinar/");
    assert_eq!(
        attr(&page, "#ics", "href").as_deref(),
        Some("/en/events/webinar/event.ics")
    );
    assert_eq!(
        attr(&page, "#start", "datetime").as_deref(),
        Some("2027-02-10T10:00:00+04:00")
    );
    assert_eq!(text(&page, "#zone"), "Asia/Tbilisi");
    let visit = built.page("en/events/visit/");
    assert_eq!(text(&visit, "#status"), "closed");

    let one = read(&built.out.join("en/events/webinar/event.ics"));
    let all = read(&built.out.join("en/events/calendar.ics"));
    let ru = read(&built.out.join("ru/events/calendar.ics"));
    for file in [&one, &all, &ru] {
        assert!(file.ends_with("END:VCALENDAR\r\n"));
        for line in file.split("\r\n") {
            assert!(line.len() <= 75, "a line longer than 75 octets: {line}");
            assert!(!line.contains('\n'), "a bare line feed");
        }
    }
    let calendar: icalendar::Calendar = all.parse().unwrap();
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    assert_eq!(events.len(), 2);
    let webinar = events
        .iter()
        .find(|e| e.get_summary() == Some("Data exchange, in practice; a webinar"))
        .expect("the webinar, its title unescaped");
    // 10:00 in Tbilisi (UTC+4) is 06:00 UTC.
    let start = format!("{:?}", webinar.get_start().unwrap());
    assert!(start.contains("2027-02-10T06:00:00"), "{start}");
    assert_eq!(webinar.get_location(), Some("https://meet.example.org/x"));
    assert_eq!(
        webinar.get_url(),
        Some("https://test.example.org/en/events/webinar/")
    );
    let visit = events
        .iter()
        .find(|e| e.get_summary() == Some("Study visit"))
        .unwrap();
    assert_eq!(visit.get_location(), Some("Bishkek, Kyrgyzstan"));
    // The Russian calendar has the Russian title, and both languages' versions of an event
    // share its UID, so a reader subscribed to both sees it once.
    let ru: icalendar::Calendar = ru.parse().unwrap();
    let ru_webinar = ru
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .find(|e| e.get_summary() == Some("Обмен данными на практике"))
        .unwrap();
    assert_eq!(ru_webinar.get_uid(), webinar.get_uid());
}

#[test]
fn the_same_build_date_gives_the_same_bytes() {
    let a = build_with_epoch(epoch("2027-01-05T08:00:00Z"), "a");
    let b = build_with_epoch(epoch("2027-01-05T08:00:00Z"), "b");
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(sa.iter().any(|(p, _)| p.ends_with("calendar.ics")));
    assert_eq!(sa, sb);
    // Another day changes what depends on it, and the build says so on the page.
    let c = build_with_epoch(epoch("2027-01-06T08:00:00Z"), "c");
    let day = |out: &Path| {
        text(
            &html(&out.join("en/consultations/budget/index.html")),
            "#days",
        )
    };
    assert_eq!(
        (day(&a), day(&c)),
        ("-35 15".to_string(), "-36 14".to_string())
    );
}

#[test]
fn a_bad_zone_or_build_date_is_an_error() {
    let built = site()
        .file("site.yaml", &SITE.replace("Asia/Almaty", "Asia/Almati"))
        .build();
    let errors: Vec<String> = built.diagnostics().iter().map(|d| d.to_string()).collect();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("site.yaml:7") && e.contains("did you mean `Asia/Almaty`")),
        "{errors:?}"
    );
    let built = site()
        .file(
            "content/consultations/roads.md",
            "---\ntitle: Roads\nextra:\n  opens: 2026-10-01\n  closes: 2026-10-31\n  timezone: Europe/Tashkent\n---\n",
        )
        .build();
    let errors: Vec<String> = built.diagnostics().iter().map(|d| d.to_string()).collect();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("roads.md:6") && e.contains("Europe/Tashkent")),
        "{errors:?}"
    );
    let built = site()
        .file(
            "content/consultations/roads.md",
            "---\ntitle: Roads\nextra:\n  opens: 2026-10-01\n  closes: 2026-09-30\n---\n",
        )
        .build();
    let errors: Vec<String> = built.diagnostics().iter().map(|d| d.to_string()).collect();
    assert!(
        errors.iter().any(|e| e.contains("roads.md:3")
            && e.contains("ends (2026-09-30) before it starts (2026-10-01)")),
        "{errors:?}"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_dala"))
        .env("DALA_MESSAGES", "en")
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .args(["build", "--root", site().write().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("SOURCE_DATE_EPOCH"), "{}", stderr(&o));
    let o = dala(&["build", "--now", "03.12.2026"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--now"), "{}", stderr(&o));
}

#[test]
fn a_build_on_a_later_day_updates_what_the_date_changed() {
    use dala::build::{build, BuildOptions};
    let root = site().write();
    let out = root.parent().unwrap().join("public");
    let at = |now: &str, out: &Path| {
        build(&BuildOptions {
            root: root.clone(),
            output: Some(out.to_path_buf()),
            now: Some(now.to_string()),
            ..BuildOptions::default()
        })
        .unwrap()
    };
    at("2027-01-10", &out);
    let first = snapshot(&out);
    // The same day again: nothing to render, nothing rewritten.
    let again = at("2027-01-10T15:00:00Z", &out);
    assert_eq!(again.pages_rendered, 0);
    assert_eq!(snapshot(&out), first);
    // Days later, the output equals a fresh build of that day.
    at("2027-01-19", &out);
    let fresh = root.parent().unwrap().join("fresh");
    at("2027-01-19", &fresh);
    assert_eq!(snapshot(&out), snapshot(&fresh));
    let state = text(
        &html(&out.join("ru/consultations/budget/index.html")),
        "#state",
    );
    assert_eq!(state, "Закроется через 1 день");
}
