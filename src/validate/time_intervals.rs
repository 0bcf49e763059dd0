//! Named time intervals: names and ranges.

use foldhash::{HashMap, HashMapExt};

use super::V;
use crate::alertmanager::timeinterval as ti;
use crate::diag::{Code, Diagnostic};
use crate::model::Config;
use crate::model::time_interval::TimeIntervalSpec;
use crate::source::Span;

/// Checks both interval lists; returns the defined names.
pub(super) fn check(v: &mut V, config: &Config) -> HashMap<String, Span> {
    let mut names = HashMap::new();
    for (list, mute) in [
        (&config.mute_time_intervals, true),
        (&config.time_intervals, false),
    ] {
        let kind = if mute {
            "mute time interval"
        } else {
            "time interval"
        };
        for ti in list.iter().flat_map(|l| l.value.iter()) {
            // A null entry is an interval named "" that yaml.v2 never checked for a name.
            let name = match &ti.value.name {
                _ if ti.value.null => Some(("", ti.span)),
                Some(n) if !n.value.is_empty() => Some((n.value.as_str(), n.span)),
                _ => None,
            };
            match name {
                None => v.push(
                    Diagnostic::new(Code::MissingName, ti.span, format!("{kind} has no `name`"))
                        .label("needs a name")
                        .help("add `name: <interval name>`; routes refer to intervals by name"),
                ),
                Some((n, span)) => {
                    if let Some(first) = names.get(n) {
                        v.push(
                            Diagnostic::new(Code::DuplicateName, span, format!("{kind} `{n}` is not unique"))
                                .label("defined again here")
                                .secondary(*first, "first defined here")
                                .help("names must be unique across `time_intervals` and `mute_time_intervals`"),
                        );
                    } else {
                        names.insert(n.to_string(), span);
                    }
                }
            }
            for spec in ti.value.time_intervals.iter().flat_map(|l| l.value.iter()) {
                check_spec(v, &spec.value);
            }
        }
    }
    names
}

fn check_spec(v: &mut V, s: &TimeIntervalSpec) {
    let bad = |v: &mut V, span: Span, e: String| {
        v.push(
            Diagnostic::new(Code::TimeInterval, span, e)
                .label("not accepted here")
                .help("see `am2amp explain invalid::time-interval` for the accepted forms"),
        );
    };
    for t in s
        .times
        .iter()
        .flat_map(|l| l.value.iter())
        .filter(|t| !t.value.null)
    {
        let start = t.value.start_time.as_ref().map_or("", |s| s.value.as_str());
        let end = t.value.end_time.as_ref().map_or("", |s| s.value.as_str());
        if let Err(e) = ti::check_times(start, end) {
            bad(v, t.span, e);
        }
    }
    type Check = fn(&str) -> Result<(), String>;
    let lists: [(&_, Check); 4] = [
        (&s.weekdays, ti::check_weekdays),
        (&s.days_of_month, ti::check_days_of_month),
        (&s.months, ti::check_months),
        (&s.years, ti::check_years),
    ];
    for (list, f) in lists {
        for item in list
            .iter()
            .flat_map(|l| l.value.iter())
            .filter(|i| !i.value.null)
        {
            if let Err(e) = f(&item.value) {
                bad(v, item.span, e);
            }
        }
    }
    if let Some(loc) = &s.location
        && let Err(e) = ti::check_location(&loc.value)
    {
        bad(v, loc.span, e);
    }
}
