//! Alertmanager's group key, rebuilt from a message, and the helpers that derive values from
//! it or from the receiver name.

use sha2::{Digest, Sha256};

use super::message::GroupKey;

/// `<route key>:{<labels>}`; a receiver without a single route node gets
/// `am2amp/<receiver>:{…}` (docs/contract.md).
pub fn group_key(g: &GroupKey, receiver: &str) -> String {
    let mut labels: Vec<&str> = g.labels.iter().map(String::as_str).collect();
    if g.order == "formatted" {
        labels.sort_unstable();
    }
    let set = format!("{{{}}}", labels.join(", "));
    match &g.route {
        Some(route) => format!("{route}:{set}"),
        None => format!("am2amp/{receiver}:{set}"),
    }
}

/// Lowercase hex SHA-256, as Alertmanager's `Key.Hash()`.
pub fn hash(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Go's `regexp.QuoteMeta`: Alertmanager's `.Receiver`.
pub fn quote_meta(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_alertmanager() {
        let g = GroupKey {
            route: Some("{}/{team=~\"^(?:^(a|b)$)$\"}".into()),
            labels: vec!["alertname=\"HighLatency\"".into()],
            order: "formatted".into(),
        };
        let key = group_key(&g, "all");
        assert_eq!(
            key,
            "{}/{team=~\"^(?:^(a|b)$)$\"}:{alertname=\"HighLatency\"}"
        );
        // The dedup_key captured from Alertmanager 0.25 for this group.
        assert_eq!(
            hash(&key),
            "0585ebdbb0572e4a9bfd1a8e073e4de93a21dacabea67cf74093285ada8847b5"
        );
        let g = GroupKey {
            route: Some("{}/{svc=\"x\"}".into()),
            labels: vec![
                "Zone=\"z\"".into(),
                "a=\"1\"".into(),
                "a0=\"q\\\"uote\"".into(),
                "alertname=\"X\"".into(),
            ],
            order: "formatted".into(),
        };
        assert_eq!(
            group_key(&g, "all"),
            "{}/{svc=\"x\"}:{Zone=\"z\", a0=\"q\\\"uote\", a=\"1\", alertname=\"X\"}"
        );
        assert_eq!(quote_meta("team.x\\y"), "team\\.x\\\\y");
    }
}
