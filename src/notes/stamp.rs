//! Timestamps are written as RFC 9557 strings with offset and time zone
//! (`2026-03-02T10:15:00+01:00[Europe/Amsterdam]`): readable, and exact.
//! Reading falls back to the fixed offset when the time zone name is unknown
//! on this machine, so a file from elsewhere still opens.

use jiff::Zoned;
use jiff::tz::{Offset, TimeZone};
use serde::{Deserialize, Deserializer, Serializer};

pub fn serialize<S: Serializer>(z: &Zoned, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(z)
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Zoned, D::Error> {
    let text = String::deserialize(d)?;
    parse(&text).map_err(serde::de::Error::custom)
}

pub fn parse(text: &str) -> Result<Zoned, String> {
    match text.parse::<Zoned>() {
        Ok(z) => Ok(z),
        Err(first) => {
            // Without (or with an unknown) zone name: keep the offset.
            let base = text.split('[').next().unwrap_or(text);
            let ts: jiff::Timestamp = base.parse().map_err(|_| first.to_string())?;
            let offset = offset_of(base).unwrap_or(Offset::UTC);
            Ok(ts.to_zoned(TimeZone::fixed(offset)))
        }
    }
}

/// The same format for an optional timestamp (`None` is left out).
pub mod option {
    use jiff::Zoned;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(z: &Option<Zoned>, s: S) -> Result<S::Ok, S::Error> {
        match z {
            Some(z) => s.collect_str(z),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Zoned>, D::Error> {
        let text = String::deserialize(d)?;
        super::parse(&text)
            .map(Some)
            .map_err(serde::de::Error::custom)
    }
}

fn offset_of(base: &str) -> Option<Offset> {
    if base.ends_with('Z') || base.ends_with('z') {
        return Some(Offset::UTC);
    }
    let tail = base.get(base.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h: i32 = tail.get(1..3)?.parse().ok()?;
    let m: i32 = tail.get(4..6)?.parse().ok()?;
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_zone_name_keeps_the_offset() {
        let z = parse("2026-03-02T10:15:00+01:00[Nowhere/Atlantis]").unwrap();
        assert_eq!(z.offset(), Offset::from_seconds(3600).unwrap());
        assert_eq!(z.timestamp().to_string(), "2026-03-02T09:15:00Z");
        let z = parse("2026-03-02T10:15:00+01:00[Europe/Amsterdam]").unwrap();
        assert_eq!(z.time_zone().iana_name(), Some("Europe/Amsterdam"));
        assert!(parse("yesterday").is_err());
    }
}
