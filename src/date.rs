//! Dates of front matter: `YYYY-MM-DD` or RFC 3339 (`2026-11-27T10:30:00+05:00`).
//!
//! Kept as the text the editor wrote (normalised) plus a sortable key; dala never needs
//! calendar arithmetic, so a small strict parser is all it takes.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    /// `YYYY-MM-DD`
    day: String,
    /// The full RFC 3339 text, with `T00:00:00Z` added to a plain date.
    datetime: String,
}

impl Date {
    pub fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let expected = || crate::hints::date_not_read(text, &readings(text));
        let bytes = text.as_bytes();
        if bytes.len() < 10 || !text.is_char_boundary(10) {
            return Err(expected());
        }
        let (day, rest) = text.split_at(10);
        let (year, month, dom) = parse_day(day).ok_or_else(expected)?;
        if !(1..=12).contains(&month) || dom == 0 || dom > days_in_month(year, month) {
            return Err(format!("`{text}` is not a real calendar date"));
        }
        if rest.is_empty() {
            return Ok(Date {
                day: day.to_string(),
                datetime: format!("{day}T00:00:00Z"),
            });
        }
        let time = rest
            .strip_prefix('T')
            .or_else(|| rest.strip_prefix('t'))
            .or_else(|| rest.strip_prefix(' '))
            .ok_or_else(expected)?;
        if !valid_time(time) {
            return Err(expected());
        }
        Ok(Date {
            day: day.to_string(),
            datetime: format!("{day}T{}", time.replace('z', "Z")),
        })
    }

    /// `YYYY-MM-DD`
    pub fn day(&self) -> &str {
        &self.day
    }

    /// Year, month and day.
    pub fn ymd(&self) -> (i32, u8, u8) {
        let n = |range: std::ops::Range<usize>| self.day[range].parse::<u16>().unwrap_or(1);
        (i32::from(n(0..4)), n(5..7) as u8, n(8..10) as u8)
    }

    /// RFC 3339, as feeds and `<time datetime>` want it.
    pub fn rfc3339(&self) -> &str {
        &self.datetime
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.datetime)
    }
}

/// What a date written otherwise can mean, as `YYYY-MM-DD`: `20.02.2026`, `20/02/2026`,
/// `02/20/2026`, `2026.02.20`, `2026/2/20`, `2026-2-20`. Day and month are told apart by a
/// number above 12; when both are 12 or less, both readings (the day first, as written in
/// Central Asia, then the month first, as in the United States). Only real calendar days.
fn readings(text: &str) -> Vec<String> {
    let parts: Vec<&str> = text.split(['.', '/', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Vec::new();
    };
    let (Some(x), Some(y), Some(z)) = (digits(a), digits(b), digits(c)) else {
        return Vec::new();
    };
    let orders = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        vec![(x, y, z)]
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        vec![(z, y, x), (z, x, y)]
    } else {
        return Vec::new();
    };
    let mut out: Vec<String> = orders
        .into_iter()
        .filter(|&(year, month, day)| {
            (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
        })
        .map(|(year, month, day)| format!("{year:04}-{month:02}-{day:02}"))
        .collect();
    out.dedup();
    out
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_day(day: &str) -> Option<(u32, u32, u32)> {
    let b = day.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Some((
        digits(&day[..4])?,
        digits(&day[5..7])?,
        digits(&day[8..10])?,
    ))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// `HH:MM:SS[.frac](Z|+HH:MM|-HH:MM)`
fn valid_time(time: &str) -> bool {
    let (clock, zone) = if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        (clock, None)
    } else if time.len() > 6 && time.is_char_boundary(time.len() - 6) {
        let (clock, zone) = time.split_at(time.len() - 6);
        (clock, Some(zone))
    } else {
        return false;
    };
    let (hms, fraction) = match clock.split_once('.') {
        Some((hms, fraction)) => (hms, Some(fraction)),
        None => (clock, None),
    };
    let hms_ok = hms.len() == 8
        && hms.as_bytes()[2] == b':'
        && hms.as_bytes()[5] == b':'
        && matches!(digits(&hms[..2]), Some(h) if h < 24)
        && matches!(digits(&hms[3..5]), Some(m) if m < 60)
        && matches!(digits(&hms[6..8]), Some(s) if s <= 60);
    let fraction_ok = fraction.is_none_or(|f| digits(f).is_some());
    let zone_ok = zone.is_none_or(|z| {
        let b = z.as_bytes();
        (b[0] == b'+' || b[0] == b'-')
            && b[3] == b':'
            && matches!(digits(&z[1..3]), Some(h) if h < 24)
            && matches!(digits(&z[4..6]), Some(m) if m < 60)
    });
    hms_ok && fraction_ok && zone_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_rfc3339_dates() {
        assert_eq!(
            Date::parse("2026-11-27").unwrap().rfc3339(),
            "2026-11-27T00:00:00Z"
        );
        let d = Date::parse("2026-11-27T10:30:00+05:00").unwrap();
        assert_eq!(d.day(), "2026-11-27");
        assert_eq!(d.rfc3339(), "2026-11-27T10:30:00+05:00");
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn dates_written_otherwise_are_read_for_the_message() {
        assert_eq!(readings("20.02.2026"), ["2026-02-20"]);
        assert_eq!(readings("20/02/2026"), ["2026-02-20"]);
        assert_eq!(readings("02/20/2026"), ["2026-02-20"]);
        assert_eq!(readings("2026.02.20"), ["2026-02-20"]);
        assert_eq!(readings("2026-2-5"), ["2026-02-05"]);
        assert_eq!(readings("03/04/2026"), ["2026-04-03", "2026-03-04"]);
        assert_eq!(readings("05.05.2026"), ["2026-05-05"]);
        assert!(readings("31.02.2026").is_empty());
        assert!(readings("tomorrow").is_empty());
    }

    #[test]
    fn bad_dates_are_refused() {
        for bad in [
            "2026-13-01",
            "2025-02-29",
            "27.11.2026",
            "2026-11-27T25:00:00Z",
            "2026-1-1",
            "tomorrow",
            "2026-11-27T10:30",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should be refused");
        }
    }
}
