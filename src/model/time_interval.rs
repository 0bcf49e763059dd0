//! Named time intervals (`time_intervals:` and the deprecated `mute_time_intervals:`).

use super::decode::model;
use super::{Sp, ZeroIfNull};

model! {
    /// An entry of `time_intervals:` or `mute_time_intervals:`.
    pub struct NamedTimeInterval ("time interval") {
        name: String = "name",
        time_intervals: Vec<Sp<ZeroIfNull<TimeIntervalSpec>>> = "time_intervals",
    }
}

model! {
    /// One set of ranges within a named time interval.
    pub struct TimeIntervalSpec ("time_intervals entry") {
        times: Vec<Sp<ZeroIfNull<TimeRange>>> = "times",
        weekdays: Vec<Sp<ZeroIfNull<String>>> = "weekdays",
        days_of_month: Vec<Sp<ZeroIfNull<String>>> = "days_of_month",
        months: Vec<Sp<ZeroIfNull<String>>> = "months",
        years: Vec<Sp<ZeroIfNull<String>>> = "years",
        location: String = "location",
    }
}

model! {
    /// A `times:` entry.
    pub struct TimeRange ("times entry") {
        start_time: String = "start_time",
        end_time: String = "end_time",
    }
}
