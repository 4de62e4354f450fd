//! iCalendar files (RFC 5545) of scheduled entries: readers add an event to their calendar.
//!
//! Times are written in UTC (`DTSTART:20270210T060000Z`) or as whole days
//! (`DTSTART;VALUE=DATE:20261116`), so no `VTIMEZONE` block is needed and every calendar
//! program shows them in its reader's own zone. Lines end in CRLF and are folded at 75
//! octets, never inside a UTF-8 character; text values are escaped.

/// One `VEVENT`.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable across builds and languages: `events/almaty-workshop@hub.example.org`.
    pub uid: String,
    /// `DTSTAMP`, a UTC date-time (`20261120T000000Z`): when the entry was last written.
    pub stamp: String,
    /// `20261116` (a whole day) or `20270210T060000Z`.
    pub start: String,
    /// The end: for whole days, the day after the last one.
    pub end: String,
    pub summary: String,
    pub description: String,
    pub location: Option<String>,
    pub url: String,
    /// `CANCELLED`, `CONFIRMED`...; none for most.
    pub status: Option<&'static str>,
}

/// A `VCALENDAR` of `events`, named `name` (shown by calendar programs that subscribe to it).
pub fn calendar(name: &str, lang: &str, events: &[Event]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//dala//static site generator//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape(&e.uid)));
        line(&mut out, &format!("DTSTAMP:{}", e.stamp));
        line(&mut out, &date_property("DTSTART", &e.start));
        line(&mut out, &date_property("DTEND", &e.end));
        line(
            &mut out,
            &format!("SUMMARY;LANGUAGE={lang}:{}", escape(&e.summary)),
        );
        if !e.description.is_empty() {
            line(
                &mut out,
                &format!("DESCRIPTION;LANGUAGE={lang}:{}", escape(&e.description)),
            );
        }
        if let Some(location) = e.location.as_deref().filter(|l| !l.is_empty()) {
            line(
                &mut out,
                &format!("LOCATION;LANGUAGE={lang}:{}", escape(location)),
            );
        }
        line(&mut out, &format!("URL:{}", e.url));
        if let Some(status) = e.status {
            line(&mut out, &format!("STATUS:{status}"));
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// `DTSTART:20270210T060000Z`, or `DTSTART;VALUE=DATE:20261116` for a whole day.
fn date_property(name: &str, value: &str) -> String {
    if value.len() == 8 {
        format!("{name};VALUE=DATE:{value}")
    } else {
        format!("{name}:{value}")
    }
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped (RFC 5545, 3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `content` as a content line: folded into lines of at most 75 octets (the next
/// ones starting with a space), each ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_between_characters() {
        let title = "Семинар: обмен данными между министерствами; вопросы, ответы и практика";
        let event = Event {
            uid: "events/x@hub.example.org".into(),
            stamp: "20261120T000000Z".into(),
            start: "20270210T050000Z".into(),
            end: "20261116".into(),
            summary: title.into(),
            description: "Line one\nline two".into(),
            location: None,
            url: "https://hub.example.org/ru/events/x/".into(),
            status: None,
        };
        let text = calendar("События", "ru", &[event]);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.contains("DTEND;VALUE=DATE:20261116\r\n"));
        assert!(text.contains("DESCRIPTION;LANGUAGE=ru:Line one\\nline two\r\n"));
        for l in text.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
            assert!(!l.contains('\n'));
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY;LANGUAGE=ru:{}", escape(title))));
        assert!(unfolded.contains("обмен данными между министерствами\\; вопросы\\, ответы"));
    }
}
