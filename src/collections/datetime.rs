//! The `datetime` field type: RFC 3339 with its offset, or a local time and its IANA zone.

use serde_json::Value;

/// RFC 3339 with an offset, or `{ local: YYYY-MM-DDTHH:MM[:SS], zone: Area/City }`.
pub(super) fn is_datetime(value: &Value) -> bool {
    fn local(s: &str) -> Option<&str> {
        let (date, time) = s.split_once('T')?;
        crate::date::Date::parse(date).ok()?;
        let b = time.as_bytes();
        let hm = b.len() >= 5
            && b[2] == b':'
            && time[..2].parse::<u8>().is_ok_and(|h| h < 24)
            && time[3..5].parse::<u8>().is_ok_and(|m| m < 60);
        if !hm {
            return None;
        }
        let rest = &time[5..];
        let rest = match rest.strip_prefix(':') {
            Some(r) if r.len() >= 2 && r[..2].parse::<u8>().is_ok_and(|s| s < 61) => &r[2..],
            Some(_) => return None,
            None => rest,
        };
        Some(rest)
    }
    match value {
        Value::String(s) => match local(s) {
            Some("Z") => true,
            Some(offset) => {
                let b = offset.as_bytes();
                b.len() == 6
                    && (b[0] == b'+' || b[0] == b'-')
                    && b[3] == b':'
                    && offset[1..3].parse::<u8>().is_ok_and(|h| h < 24)
                    && offset[4..6].parse::<u8>().is_ok_and(|m| m < 60)
            }
            None => false,
        },
        Value::Object(map) => {
            let time = map.get("local").and_then(Value::as_str).and_then(local);
            // A zone of the IANA database, as the `timezone` type asks.
            let zone = map
                .get("zone")
                .and_then(Value::as_str)
                .is_some_and(|z| crate::time::zone(z).is_ok());
            map.len() == 2 && time == Some("") && zone
        }
        _ => false,
    }
}
