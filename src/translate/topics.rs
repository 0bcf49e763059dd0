//! Which SNS topic each converted integration publishes to: a `--topics` file (receiver →
//! ARN), else a `--topic-arn` template with `{receiver}`, `{integration}` and `{index}`.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// Where topic ARNs come from.
#[derive(Debug, Clone, Default)]
pub struct Topics {
    /// Receiver name → ARN.
    pub map: BTreeMap<String, String>,
    /// ARN template.
    pub template: Option<String>,
}

impl Topics {
    /// The ARN for one integration entry, when one is configured.
    pub fn resolve(&self, receiver: &str, integration: &str, index: usize) -> Option<String> {
        if let Some(arn) = self.map.get(receiver) {
            return Some(arn.clone());
        }
        self.template
            .as_ref()
            .map(|t| fill(t, receiver, integration, index))
    }

    /// True when a misspelled mapping entry would go unnoticed: a receiver it misses gets the
    /// template's topic instead of an error. Only then is [`TopicUse`] collected.
    pub fn tracks_use(&self) -> bool {
        self.template.is_some() && !self.map.is_empty()
    }

    /// Checks a `--topic-arn` template: known placeholders only, and a valid ARN once filled.
    pub fn check_template(t: &str) -> Result<(), String> {
        let mut rest = t;
        while let Some(i) = rest.find('{') {
            let Some(j) = rest[i..].find('}') else {
                return Err(format!("unclosed `{{` in `{t}`"));
            };
            let name = &rest[i + 1..i + j];
            if !matches!(name, "receiver" | "integration" | "index") {
                return Err(format!(
                    "unknown placeholder `{{{name}}}` (use {{receiver}}, {{integration}} or {{index}})"
                ));
            }
            rest = &rest[i + j + 1..];
        }
        let sample = Topics {
            map: BTreeMap::new(),
            template: Some(t.to_string()),
        };
        let arn = sample
            .resolve("receiver", "pagerduty", 0)
            .unwrap_or_default();
        Arn::parse(&arn).map(|_| ())
    }
}

/// `template` with its placeholders filled in, in one pass (the filled-in text is never read
/// for placeholders again).
fn fill(template: &str, receiver: &str, integration: &str, index: usize) -> String {
    let mut out = String::with_capacity(template.len() + receiver.len());
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(r) = rest.strip_prefix("{receiver}") {
            push_topic_name(&mut out, receiver);
            rest = r;
        } else if let Some(r) = rest.strip_prefix("{integration}") {
            out.push_str(integration);
            rest = r;
        } else if let Some(r) = rest.strip_prefix("{index}") {
            out.push_str(&index.to_string());
            rest = r;
        } else {
            out.push('{');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// How one config's integrations found their topics, when [`Topics::tracks_use`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopicUse {
    /// Mapping entries used.
    pub mapped: BTreeSet<String>,
    /// Receivers given the template's topic → where (`file:line:column`) the first such
    /// integration is.
    pub templated: BTreeMap<String, String>,
}

impl TopicUse {
    /// Adds another config's use.
    pub fn merge(&mut self, other: TopicUse) {
        self.mapped.extend(other.mapped);
        for (receiver, at) in other.templated {
            self.templated.entry(receiver).or_insert(at);
        }
    }
}

/// The files a topic mapping was read from, so that findings can point at its entries.
#[derive(Debug, Clone, Default)]
pub struct MappingFiles {
    /// Each file's name and text.
    pub files: Vec<(String, String)>,
    /// Entry → the file it is in (index into `files`) and its key's byte range. An entry
    /// given twice keeps the place of the value that won.
    pub keys: BTreeMap<String, (usize, Range<usize>)>,
    /// Values no snippet may show (an external URL may carry credentials): file index and
    /// byte range.
    pub hidden: Vec<(usize, Range<usize>)>,
}

/// Appends `receiver` made into a valid topic name: letters, digits, `-` and `_`, at most 256.
fn push_topic_name(out: &mut String, receiver: &str) {
    let safe = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let mapped = receiver.chars().map(|c| if safe(c) { c } else { '-' });
    let start = out.len();
    out.extend(mapped.take(256));
    if out.len() == start {
        out.push('-');
    }
}

/// True for a string shaped like an AWS region (`eu-west-1`, `us-gov-west-1`).
pub fn is_region(r: &str) -> bool {
    let b = r.as_bytes();
    b.iter().filter(|&&c| c == b'-').count() >= 2
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        && b.last().is_some_and(u8::is_ascii_digit)
}

/// The parts of an SNS topic ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn<'a> {
    /// `aws`, `aws-cn`, `aws-us-gov`, …
    pub partition: &'a str,
    /// `eu-west-1`.
    pub region: &'a str,
    /// The 12-digit account id.
    pub account: &'a str,
    /// The topic name.
    pub name: &'a str,
}

impl<'a> Arn<'a> {
    /// Parses `arn:<partition>:sns:<region>:<account>:<name>`.
    pub fn parse(s: &'a str) -> Result<Arn<'a>, String> {
        // Bytes, not chars: every part that is valid is ASCII, and a topic is resolved per
        // receiver.
        let Some([arn, partition, service, region, account, name]) = split6(s) else {
            return Err(format!(
                "`{s}` is not an ARN (expected arn:aws:sns:<region>:<account>:<topic>)"
            ));
        };
        if arn != "arn" {
            return Err(format!("`{s}` does not start with `arn:`"));
        }
        if !partition.starts_with("aws")
            || !partition
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c == b'-')
        {
            return Err(format!("unknown partition `{partition}` in `{s}`"));
        }
        if service != "sns" {
            return Err(format!("`{s}` is not an SNS ARN (service `{service}`)"));
        }
        if !is_region(region) {
            return Err(format!("`{region}` is not an AWS region, in `{s}`"));
        }
        if account.len() != 12 || !account.bytes().all(|c| c.is_ascii_digit()) {
            return Err(format!(
                "the account id `{account}` in `{s}` is not 12 digits"
            ));
        }
        let base = name.strip_suffix(".fifo").unwrap_or(name);
        if base.is_empty()
            || name.len() > 256
            || !base
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        {
            return Err(format!(
                "`{name}` is not a topic name (1–256 letters, digits, `-` or `_`), in `{s}`"
            ));
        }
        Ok(Arn {
            partition,
            region,
            account,
            name,
        })
    }

    /// True for a FIFO topic.
    pub fn is_fifo(&self) -> bool {
        self.name.ends_with(".fifo")
    }
}

/// The first five `:`-separated parts of `s` and the rest, like `s.splitn(6, ':')`.
fn split6(s: &str) -> Option<[&str; 6]> {
    let mut parts = [""; 6];
    let mut rest = s;
    for part in &mut parts[..5] {
        let i = rest.bytes().position(|b| b == b':')?;
        *part = &rest[..i];
        rest = &rest[i + 1..];
    }
    parts[5] = rest;
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns() {
        let a = Arn::parse("arn:aws:sns:eu-west-1:123456789012:team-db").unwrap();
        assert_eq!(a.region, "eu-west-1");
        assert!(!a.is_fifo());
        let b = Arn::parse("arn:aws-cn:sns:cn-north-1:123456789012:a_b-C9.fifo").unwrap();
        assert_eq!(
            (b.partition, b.region, b.account, b.name),
            ("aws-cn", "cn-north-1", "123456789012", "a_b-C9.fifo")
        );
        assert!(b.is_fifo());
        assert!(
            Arn::parse("arn:aws-us-gov:sns:us-gov-west-1:123456789012:x.fifo")
                .unwrap()
                .is_fifo()
        );
        for bad in [
            "team-db",
            "arn:aws:sqs:eu-west-1:123456789012:q",
            "arn:aws:sns:eu-west:123456789012:t",
            "arn:aws:sns:eu-west-1:1234:t",
            "arn:aws:sns:eu-west-1:123456789012:bad name",
            "arn:aws:sns:eu-west-1:123456789012:",
            "arn:aws:sns:eu-west-1:123456789012",
            "arn:aws:sns:eu-west-1:123456789012:a:b",
            "arn:aws:sns:eu-wést-1:123456789012:t",
            "arn:aws:sns:eu-west-a:123456789012:t",
            "arn:aws:sns:EU-west-1:123456789012:t",
            "arn:aws:sns:eu-west-1:12345678901x:t",
            "arn:aws:sns:eu-west-1:１234567890:t",
            "arn:awz:sns:eu-west-1:123456789012:t",
            "arn:aws-é:sns:eu-west-1:123456789012:t",
            "arn:aws:sns:eu-west-1:123456789012:té",
            "arn:aws:sns:eu-west-1:123456789012:t.fifo.fifo",
            "arn:aws:sns:eu-west-1:123456789012:.fifo",
            "arm:aws:sns:eu-west-1:123456789012:t",
        ] {
            assert!(Arn::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn templates_and_names() {
        let t = Topics {
            map: BTreeMap::from([("special".into(), "arn:aws:sns:us-east-1:1:x".into())]),
            template: Some(
                "arn:aws:sns:eu-west-1:123456789012:{receiver}-{integration}-{index}".into(),
            ),
        };
        assert_eq!(
            t.resolve("team.db/x", "slack", 2).unwrap(),
            "arn:aws:sns:eu-west-1:123456789012:team-db-x-slack-2"
        );
        // A placeholder spelled inside a receiver name is not filled in again.
        assert_eq!(
            t.resolve("{index}", "slack", 2).unwrap(),
            "arn:aws:sns:eu-west-1:123456789012:-index--slack-2"
        );
        let odd = Topics {
            map: BTreeMap::new(),
            template: Some("arn:aws:sns:eu-west-1:123456789012:{x}{receiver}{".into()),
        };
        assert_eq!(
            odd.resolve("", "slack", 0).unwrap(),
            "arn:aws:sns:eu-west-1:123456789012:{x}-{"
        );
        assert_eq!(
            t.resolve("special", "slack", 0).unwrap(),
            "arn:aws:sns:us-east-1:1:x"
        );
        assert!(Topics::check_template("arn:aws:sns:eu-west-1:123456789012:{receiver}").is_ok());
        assert!(Topics::check_template("arn:aws:sns:eu-west-1:123456789012:{team}").is_err());
        assert!(Topics::check_template("arn:aws:sns:eu-west-1:12:{receiver}").is_err());
    }
}
