//! Prometheus (`model.Duration`) and Go (`time.Duration`) duration syntax.

/// Parses a Prometheus duration (`1d2h`, `30s`, `0`) into milliseconds.
pub fn parse_prom(s: &str) -> Result<u64, String> {
    match s {
        "0" => return Ok(0),
        "" => return Err("empty duration string".into()),
        _ => {}
    }
    const UNITS: [(&str, u64); 7] = [
        ("y", 365 * 24 * 3_600_000),
        ("w", 7 * 24 * 3_600_000),
        ("d", 24 * 3_600_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1_000),
        ("ms", 1),
    ];
    let bad = || format!("not a valid duration string: {:?}", s);
    let mut rest = s;
    let mut next_unit = 0;
    let mut total: u64 = 0;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad());
        }
        let (num, tail) = rest.split_at(digits);
        let unit_len = if tail.starts_with("ms") {
            2
        } else {
            tail.chars().next().map_or(0, char::len_utf8)
        };
        let unit = &tail[..unit_len];
        let pos = UNITS[next_unit..]
            .iter()
            .position(|(u, _)| *u == unit)
            .ok_or_else(bad)?;
        let (_, mult) = UNITS[next_unit + pos];
        next_unit += pos + 1;
        let v: u64 = num
            .parse()
            .map_err(|_| "duration out of range".to_string())?;
        total = v
            .checked_mul(mult)
            .and_then(|x| total.checked_add(x))
            .filter(|t| *t <= i64::MAX as u64 / 1_000_000)
            .ok_or_else(|| "duration out of range".to_string())?;
        rest = &tail[unit_len..];
    }
    Ok(total)
}

/// Parses a Go duration (`1.5h`, `300ms`, `-2m`) into nanoseconds.
pub fn parse_go(s: &str) -> Result<i128, String> {
    let bad = || format!("time: invalid duration {:?}", s);
    if s == "0" {
        return Ok(0);
    }
    let (neg, mut rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if rest.is_empty() {
        return Err(bad());
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let n = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        let num = &rest[..n];
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return Err(bad());
        }
        let v: f64 = num.parse().map_err(|_| bad())?;
        rest = &rest[n..];
        let u = rest
            .char_indices()
            .find(|(_, c)| c.is_ascii_digit() || *c == '.')
            .map_or(rest.len(), |(i, _)| i);
        let mult = match &rest[..u] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            "" => return Err(format!("time: missing unit in duration {:?}", s)),
            other => {
                return Err(format!(
                    "time: unknown unit {:?} in duration {:?}",
                    other, s
                ));
            }
        };
        total += v * mult;
        rest = &rest[u..];
    }
    if total > i64::MAX as f64 {
        return Err(bad());
    }
    Ok(if neg { -(total as i128) } else { total as i128 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prometheus_durations() {
        assert_eq!(parse_prom("0"), Ok(0));
        assert_eq!(parse_prom("30s"), Ok(30_000));
        assert_eq!(parse_prom("1h30m"), Ok(5_400_000));
        assert_eq!(parse_prom("1d"), Ok(86_400_000));
        assert_eq!(parse_prom("500ms"), Ok(500));
        assert_eq!(parse_prom("0s"), Ok(0));
        assert!(parse_prom("").is_err());
        assert!(parse_prom("1.5h").is_err());
        assert!(parse_prom("30m1h").is_err());
        assert!(parse_prom("5 m").is_err());
        assert!(parse_prom("1h1h").is_err());
        assert!(parse_prom("10").is_err());
    }

    #[test]
    fn go_durations() {
        assert_eq!(parse_go("1.5s"), Ok(1_500_000_000));
        assert_eq!(parse_go("300ms"), Ok(300_000_000));
        assert_eq!(parse_go("1h2m"), Ok(3_720_000_000_000));
        assert_eq!(parse_go("-2m"), Ok(-120_000_000_000));
        assert!(parse_go("1d").is_err());
        assert!(parse_go("10").is_err());
        assert!(parse_go("").is_err());
    }
}
