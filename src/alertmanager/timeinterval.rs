//! Time-interval ranges as Alertmanager's `timeinterval` package parses them.

/// Parses `HH:MM` (00:00–24:00) into minutes of the day.
pub fn parse_time(s: &str) -> Result<u32, String> {
    let valid = {
        let b = s.as_bytes();
        (b.len() == 5
            && b[2] == b':'
            && ((b[0] == b'0' || b[0] == b'1') && b[1].is_ascii_digit()
                || b[0] == b'2' && (b'0'..=b'3').contains(&b[1]))
            && (b'0'..=b'5').contains(&b[3])
            && b[4].is_ascii_digit())
            || s == "24:00"
    };
    if !valid {
        return Err(format!("couldn't parse timestamp {s}, invalid format"));
    }
    let h: u32 = s[..2].parse().unwrap_or(0);
    let m: u32 = s[3..].parse().unwrap_or(0);
    Ok(h * 60 + m)
}

/// Checks a `start_time`/`end_time` pair.
pub fn check_times(start: &str, end: &str) -> Result<(), String> {
    if start.is_empty() || end.is_empty() {
        return Err("both start and end times must be provided".into());
    }
    if parse_time(start)? >= parse_time(end)? {
        return Err("start time cannot be equal or greater than end time".into());
    }
    Ok(())
}

const WEEKDAYS: [&str; 7] = [
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
];
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn range<T>(s: &str, member: impl Fn(&str) -> Result<T, String>) -> Result<(T, T), String> {
    let lower = s.to_lowercase();
    match lower.split_once(':') {
        Some((a, b)) => {
            if b.contains(':') {
                return Err(format!("couldn't parse range {lower}, invalid format"));
            }
            Ok((member(a)?, member(b)?))
        }
        None => {
            let v = member(&lower)?;
            let w = member(&lower)?;
            Ok((v, w))
        }
    }
}

fn int(s: &str) -> Result<i64, String> {
    s.parse::<i64>()
        .map_err(|_| format!("strconv.Atoi: parsing {s:?}: invalid syntax"))
}

/// Checks a `weekdays` entry (`monday:friday`, `sunday`).
pub fn check_weekdays(s: &str) -> Result<(), String> {
    let (a, b) = range(s, |m| {
        WEEKDAYS
            .iter()
            .position(|d| *d == m)
            .ok_or_else(|| format!("{m} is not a valid weekday"))
    })?;
    if a > b {
        return Err("start day cannot be before end day".into());
    }
    Ok(())
}

/// Checks a `days_of_month` entry (`1:5`, `-3:-1`).
pub fn check_days_of_month(s: &str) -> Result<(), String> {
    let (a, b) = range(s, int)?;
    for v in [a, b] {
        if v == 0 || !(-31..=31).contains(&v) {
            return Err(format!("{v} is not a valid day of the month: out of range"));
        }
    }
    if a < 0 && b > 0 {
        return Err("end day must be negative if start day is negative".into());
    }
    let ca = if a < 0 { 28 + a } else { a };
    let cb = if b < 0 { 28 + b } else { b };
    if ca > cb {
        return Err(format!("end day {b} is always before start day {a}"));
    }
    Ok(())
}

/// Checks a `months` entry (`january:march`, `12`). Numbers are not range-checked (Alertmanager
/// reads any integer, `13` included, and only compares the two ends).
pub fn check_months(s: &str) -> Result<(), String> {
    let (a, b) = range(s, |m| match MONTHS.iter().position(|x| *x == m) {
        Some(i) => Ok(i as i64 + 1),
        None => m
            .parse::<i64>()
            .map_err(|_| format!("{m} is not a valid month")),
    })?;
    if a > b {
        let name = |v: i64| {
            usize::try_from(v - 1)
                .ok()
                .and_then(|i| MONTHS.get(i))
                .copied()
                .unwrap_or("")
        };
        return Err(format!(
            "end month {} is before start month {}",
            name(b),
            name(a)
        ));
    }
    Ok(())
}

/// Checks a `years` entry (`2024:2026`).
pub fn check_years(s: &str) -> Result<(), String> {
    let (a, b) = range(s, int)?;
    if a > b {
        return Err(format!("end year {b} is before start year {a}"));
    }
    Ok(())
}

/// Checks a `location` against the IANA time zone database on this machine (as Go does).
pub fn check_location(s: &str) -> Result<(), String> {
    if s.is_empty() || s == "UTC" || s == "Local" {
        return Ok(());
    }
    let invalid = s.contains("..") || s.starts_with('/') || s.contains('\\');
    let db = std::path::Path::new("/usr/share/zoneinfo");
    if invalid || (db.is_dir() && !db.join(s).is_file()) {
        return Err(format!("unknown time zone {s}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(parse_time("09:30"), Ok(570));
        assert_eq!(parse_time("24:00"), Ok(1440));
        assert!(parse_time("9:00").is_err());
        assert!(parse_time("24:01").is_err());
        assert!(check_times("10:00", "09:00").is_err());
        assert!(check_times("", "09:00").is_err());
    }

    #[test]
    fn ranges() {
        assert!(check_weekdays("Monday:Friday").is_ok());
        assert!(check_weekdays("friday:monday").is_err());
        assert!(check_weekdays("funday").is_err());
        assert!(check_days_of_month("-3:-1").is_ok());
        assert!(check_days_of_month("0").is_err());
        assert!(check_days_of_month("-3:5").is_err());
        assert!(check_months("january:march").is_ok());
        assert!(check_months("13").is_ok());
        assert!(check_months("0:-5").is_err());
        assert_eq!(
            check_months("13:december").unwrap_err(),
            "end month december is before start month "
        );
        assert_eq!(
            check_months("smarch").unwrap_err(),
            "smarch is not a valid month"
        );
        assert!(check_years("2020:2022").is_ok());
        assert!(check_years("2022:2020").is_err());
    }
}
