//! The build's date and time, time zones, and where a dated thing stands on that date.
//!
//! The build's time is an input like any other, so that two builds of the same site give
//! the same output: `--now`, else `SOURCE_DATE_EPOCH`, else the clock ([`build_now`]).
//! Time zones come from the IANA database compiled into dala (through `jiff`, never the
//! machine's own files), so a zone's rules are the same on every machine.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// The environment variable of reproducible builds: seconds since 1970-01-01 UTC.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// The build's date and time: `flag` (`--now`), else `SOURCE_DATE_EPOCH`, else the clock.
pub fn build_now(flag: Option<&str>) -> Result<Timestamp, String> {
    if let Some(text) = flag {
        return parse_now(text).map_err(|e| format!("--now: {e}"));
    }
    match std::env::var(SOURCE_DATE_EPOCH) {
        Ok(text) if !text.trim().is_empty() => text
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| Timestamp::from_second(s).ok())
            .ok_or_else(|| {
                format!(
                    "{SOURCE_DATE_EPOCH}=`{text}`: expected whole seconds since 1970-01-01 UTC, such as 1796169600"
                )
            }),
        _ => Ok(Timestamp::now()),
    }
}

/// `--now`: `2026-12-03` (midnight UTC), `2026-12-03T09:30:00+05:00`, or seconds since 1970.
pub fn parse_now(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<i64>() {
        return Timestamp::from_second(seconds).map_err(|e| e.to_string());
    }
    if let Ok(t) = text.parse::<Timestamp>() {
        return Ok(t);
    }
    if let Ok(d) = text.parse::<Date>() {
        if text.len() == 10 {
            return d
                .to_zoned_datetime(TimeZone::UTC)
                .map(|z| z.timestamp())
                .map_err(|e| e.to_string());
        }
    }
    Err(format!(
        "`{text}` is not a date and time: expected `2026-12-03`, `2026-12-03T09:30:00+05:00` or seconds since 1970"
    ))
}

/// The time zone of an IANA name (`Asia/Almaty`, `UTC`); an unknown name's error names the
/// closest known ones.
pub fn zone(name: &str) -> Result<TimeZone, String> {
    if let Ok(tz) = TimeZone::get(name) {
        return Ok(tz);
    }
    let names: Vec<String> = jiff::tz::db()
        .available()
        .map(|n| n.as_str().to_string())
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = match crate::hints::closest(name, &refs) {
        Some(n) => format!(" (did you mean `{n}`?)"),
        None => String::from(" (an IANA name, such as `Asia/Almaty` or `Asia/Tbilisi`)"),
    };
    Err(format!("`{name}` is not a known time zone{hint}"))
}

/// A point of a schedule as front matter writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Point {
    /// A whole day (`2026-11-16`), in the schedule's time zone.
    Day(Date),
    /// A moment, and the zone it was written in (a named zone, or the offset it had).
    Moment(Timestamp, TimeZone),
}

impl Point {
    /// A field's value: `2026-11-16`; `2026-11-16T10:00:00+05:00`; or
    /// `{local: 2026-11-16T10:00, zone: Asia/Almaty}`. `None` for anything else.
    pub fn read(value: &serde_json::Value) -> Option<Point> {
        match value {
            serde_json::Value::String(s) if s.len() == 10 => s.parse().ok().map(Point::Day),
            serde_json::Value::String(s) => {
                let t: Timestamp = s.parse().ok()?;
                let offset = s
                    .parse::<jiff::ZonedDateTime>()
                    .ok()
                    .map(|z| z.offset())
                    .or_else(|| offset_of(s))?;
                Some(Point::Moment(t, TimeZone::fixed(offset)))
            }
            serde_json::Value::Object(map) => {
                let local: DateTime = map.get("local")?.as_str()?.parse().ok()?;
                let tz = zone(map.get("zone")?.as_str()?).ok()?;
                let z = local.to_zoned_datetime(tz.clone()).ok()?;
                Some(Point::Moment(z.timestamp(), tz))
            }
            _ => None,
        }
    }

    /// The zone the point was written in, if it names one.
    pub fn zone(&self) -> Option<&TimeZone> {
        match self {
            Point::Day(_) => None,
            Point::Moment(_, tz) => Some(tz),
        }
    }
}

/// The offset at the end of an RFC 3339 text (`Z`, `+05:00`).
fn offset_of(text: &str) -> Option<jiff::tz::Offset> {
    if text.ends_with(['Z', 'z']) {
        return Some(jiff::tz::Offset::UTC);
    }
    let tail = text.get(text.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours: i32 = tail.get(1..3)?.parse().ok()?;
    let minutes: i32 = tail.get(4..6)?.parse().ok()?;
    jiff::tz::Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

/// Where something that starts and ends stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Upcoming,
    Open,
    Closed,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Upcoming => "upcoming",
            Status::Open => "open",
            Status::Closed => "closed",
        }
    }
}

/// A start and an end read in a time zone, at the build's moment.
#[derive(Debug, Clone)]
pub struct Span {
    pub status: Status,
    /// Days from the build's day to the first day, and to the last day, in the zone
    /// (0: today; negative: past).
    pub days_to_start: i64,
    pub days_to_end: i64,
    pub start: Moment,
    pub end: Moment,
    /// The zone's IANA name, or its offset (`+05:00`) when none was named.
    pub zone: String,
}

/// One end of a [`Span`], for templates and calendars.
#[derive(Debug, Clone)]
pub struct Moment {
    /// The day in the zone, `2026-11-16`.
    pub day: String,
    /// `<time datetime>`: the day for a whole day, else RFC 3339 with the zone's offset.
    pub datetime: String,
    /// `10:00` in the zone, for a moment; none for a whole day.
    pub time: Option<String>,
    /// For iCalendar: `20261116` for a whole day (an end is the day after the last, as the
    /// format wants), else the moment in UTC, `20261116T050000Z`.
    pub ics: String,
}

/// Where `start` to `end` stands at `now`, read in `fallback` unless the start names its
/// own zone. A whole-day end lasts to the end of that day. `None` when the zone's rules
/// give no answer (a date out of range).
pub fn span(start: &Point, end: &Point, fallback: &TimeZone, now: Timestamp) -> Option<Span> {
    let tz = start.zone().or(end.zone()).unwrap_or(fallback).clone();
    let today = now.to_zoned_datetime(tz.clone()).date();
    let (start_at, start_moment) = moment(start, &tz, false)?;
    let (end_at, end_moment) = moment(end, &tz, true)?;
    let status = if now < start_at {
        Status::Upcoming
    } else if now < end_at {
        Status::Open
    } else {
        Status::Closed
    };
    let days = |day: &str| -> Option<i64> {
        let d: Date = day.parse().ok()?;
        Some(i64::from(d.since(today).ok()?.get_days()))
    };
    Some(Span {
        status,
        days_to_start: days(&start_moment.day)?,
        days_to_end: days(&end_moment.day)?,
        start: start_moment,
        end: end_moment,
        zone: match tz.iana_name() {
            Some(name) => name.to_string(),
            None => tz.to_offset(now).to_string(),
        },
    })
}

/// When `point` begins (or ends, for an `end` that is a whole day: the next midnight), and
/// how it reads in `tz`.
fn moment(point: &Point, tz: &TimeZone, end: bool) -> Option<(Timestamp, Moment)> {
    match point {
        Point::Day(d) => {
            let boundary = if end { d.tomorrow().ok()? } else { *d };
            let at = boundary.to_zoned_datetime(tz.clone()).ok()?.timestamp();
            Some((
                at,
                Moment {
                    day: d.to_string(),
                    datetime: d.to_string(),
                    time: None,
                    ics: boundary.strftime("%Y%m%d").to_string(),
                },
            ))
        }
        Point::Moment(t, own) => {
            let shown = own.iana_name().map_or(own, |_| tz);
            let z = t.to_zoned_datetime(shown.clone());
            Some((
                *t,
                Moment {
                    day: z.date().to_string(),
                    datetime: z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                    time: Some(z.strftime("%H:%M").to_string()),
                    ics: t.strftime("%Y%m%dT%H%M%SZ").to_string(),
                },
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        parse_now(text).unwrap()
    }

    #[test]
    fn a_whole_day_schedule_is_read_in_its_zone() {
        let almaty = zone("Asia/Almaty").unwrap();
        let (open, close) = (
            Point::Day("2026-11-16".parse().unwrap()),
            Point::Day("2027-01-15".parse().unwrap()),
        );
        // 20:00 UTC on the 15th is 01:00 on the 16th in Almaty (UTC+5): open.
        let s = span(&open, &close, &almaty, at("2026-11-15T20:00:00Z")).unwrap();
        assert_eq!((s.status, s.days_to_start), (Status::Open, 0));
        let s = span(&open, &close, &almaty, at("2026-11-15T18:59:59Z")).unwrap();
        assert_eq!((s.status, s.days_to_start), (Status::Upcoming, 1));
        let s = span(&open, &close, &almaty, at("2027-01-15T18:59:59Z")).unwrap();
        assert_eq!((s.status, s.days_to_end), (Status::Open, 0));
        let s = span(&open, &close, &almaty, at("2027-01-15T19:00:00Z")).unwrap();
        assert_eq!((s.status, s.days_to_end), (Status::Closed, -1));
        assert_eq!(
            (s.start.ics.as_str(), s.end.ics.as_str()),
            ("20261116", "20270116")
        );
    }

    #[test]
    fn a_moment_keeps_its_own_zone() {
        let value = serde_json::json!({"local": "2027-02-10T10:00", "zone": "Asia/Tbilisi"});
        let start = Point::read(&value).unwrap();
        let end = Point::read(&serde_json::json!("2027-02-10T13:00:00+04:00")).unwrap();
        let s = span(&start, &end, &TimeZone::UTC, at("2027-02-01")).unwrap();
        assert_eq!(s.zone, "Asia/Tbilisi");
        assert_eq!(s.start.ics, "20270210T060000Z");
        assert_eq!(s.start.datetime, "2027-02-10T10:00:00+04:00");
        assert_eq!(s.end.time.as_deref(), Some("13:00"));
        assert_eq!((s.status, s.days_to_start), (Status::Upcoming, 9));
    }

    #[test]
    fn the_build_time_is_read_strictly() {
        assert_eq!(parse_now("1796169600").unwrap().as_second(), 1796169600);
        assert_eq!(parse_now("2026-12-03").unwrap().as_second(), 1796256000);
        assert!(parse_now("03.12.2026").is_err());
        assert!(zone("Asia/Almati").unwrap_err().contains("Asia/Almaty"));
    }
}
