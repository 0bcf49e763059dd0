//! The shape of Alertmanager's template data, enough to catch misspelled fields.

use crate::diag::suggest;

/// What a template value is known to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ty {
    /// `template.Data`, the root of a notification.
    Data,
    /// `template.Alerts`.
    Alerts,
    /// `template.Alert`.
    Alert,
    /// `template.KV` (labels, annotations).
    Kv,
    /// `template.Pairs`.
    Pairs,
    /// `template.Pair`.
    Pair,
    /// `time.Time`.
    Time,
    /// A string.
    Str,
    /// An integer.
    Int,
    /// A boolean.
    Bool,
    /// A list of strings.
    StrList,
    /// Not known; nothing is checked.
    Unknown,
}

const DATA: &[(&str, Ty)] = &[
    ("Receiver", Ty::Str),
    ("Status", Ty::Str),
    ("Alerts", Ty::Alerts),
    ("GroupLabels", Ty::Kv),
    ("CommonLabels", Ty::Kv),
    ("CommonAnnotations", Ty::Kv),
    ("ExternalURL", Ty::Str),
];
const ALERTS: &[(&str, Ty)] = &[("Firing", Ty::Alerts), ("Resolved", Ty::Alerts)];
const ALERT: &[(&str, Ty)] = &[
    ("Status", Ty::Str),
    ("Labels", Ty::Kv),
    ("Annotations", Ty::Kv),
    ("StartsAt", Ty::Time),
    ("EndsAt", Ty::Time),
    ("GeneratorURL", Ty::Str),
    ("Fingerprint", Ty::Str),
];
const KV: &[(&str, Ty)] = &[
    ("SortedPairs", Ty::Pairs),
    ("Names", Ty::StrList),
    ("Values", Ty::StrList),
    ("Remove", Ty::Kv),
];
const PAIRS: &[(&str, Ty)] = &[("Names", Ty::StrList), ("Values", Ty::StrList)];
const PAIR: &[(&str, Ty)] = &[("Name", Ty::Str), ("Value", Ty::Str)];
const TIME: &[&str] = &[
    "Add",
    "AddDate",
    "After",
    "AppendFormat",
    "Before",
    "Clock",
    "Compare",
    "Date",
    "Day",
    "Equal",
    "Format",
    "GoString",
    "Hour",
    "ISOWeek",
    "In",
    "IsDST",
    "IsZero",
    "Local",
    "Location",
    "MarshalJSON",
    "MarshalText",
    "Minute",
    "Month",
    "Nanosecond",
    "Round",
    "Second",
    "String",
    "Sub",
    "Truncate",
    "UTC",
    "Unix",
    "UnixMicro",
    "UnixMilli",
    "UnixNano",
    "Weekday",
    "Year",
    "YearDay",
    "Zone",
];

/// Why a field does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoField {
    /// Go's name for the type (`*template.Data`).
    pub type_name: &'static str,
    /// A close match, if any.
    pub suggestion: Option<String>,
}

impl Ty {
    fn table(self) -> Option<(&'static str, &'static [(&'static str, Ty)])> {
        Some(match self {
            Ty::Data => ("template.Data", DATA),
            Ty::Alerts => ("template.Alerts", ALERTS),
            Ty::Alert => ("template.Alert", ALERT),
            Ty::Pairs => ("template.Pairs", PAIRS),
            Ty::Pair => ("template.Pair", PAIR),
            _ => return None,
        })
    }

    /// The type of `.name` on a value of this type.
    pub fn field(self, name: &str) -> Result<Ty, NoField> {
        match self {
            Ty::Unknown => Ok(Ty::Unknown),
            // A map: methods first, then any key.
            Ty::Kv => Ok(KV
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(Ty::Str, |(_, t)| *t)),
            Ty::Time => {
                if TIME.contains(&name) {
                    Ok(if name == "Format" || name == "String" {
                        Ty::Str
                    } else {
                        Ty::Unknown
                    })
                } else {
                    Err(NoField {
                        type_name: "time.Time",
                        suggestion: suggest::closest(name, TIME.iter().copied()).map(String::from),
                    })
                }
            }
            Ty::Str | Ty::Int | Ty::Bool | Ty::StrList => Err(NoField {
                type_name: match self {
                    Ty::Str => "string",
                    Ty::Int => "int",
                    Ty::Bool => "bool",
                    _ => "[]string",
                },
                suggestion: None,
            }),
            _ => {
                let (type_name, fields) = self.table().unwrap_or(("?", &[]));
                match fields.iter().find(|(n, _)| *n == name) {
                    Some((_, t)) => Ok(*t),
                    None => Err(NoField {
                        type_name,
                        suggestion: suggest::closest(name, fields.iter().map(|(n, _)| *n))
                            .map(String::from),
                    }),
                }
            }
        }
    }

    /// The element type when ranging over a value of this type (and the key/index type).
    pub fn range(self) -> (Ty, Ty) {
        match self {
            Ty::Alerts => (Ty::Int, Ty::Alert),
            Ty::Kv => (Ty::Str, Ty::Str),
            Ty::Pairs => (Ty::Int, Ty::Pair),
            Ty::StrList => (Ty::Int, Ty::Str),
            _ => (Ty::Unknown, Ty::Unknown),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_suggestions() {
        assert_eq!(Ty::Data.field("CommonLabels"), Ok(Ty::Kv));
        let e = Ty::Data.field("CommonLables").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("CommonLabels"));
        assert_eq!(Ty::Kv.field("severity"), Ok(Ty::Str));
        assert_eq!(Ty::Kv.field("SortedPairs"), Ok(Ty::Pairs));
        assert!(Ty::Str.field("X").is_err());
        assert_eq!(Ty::Alerts.range().1, Ty::Alert);
    }
}
