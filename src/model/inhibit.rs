//! Inhibition rules.

use super::decode::model;
use super::route::RegexValue;
use super::{Map, Sp, ZeroIfNull};

model! {
    /// An entry of `inhibit_rules:`.
    pub struct InhibitRule ("inhibit_rules entry") {
        name: String = "name" @ "0.30",
        source_match: Map<String> = "source_match",
        source_match_re: Map<RegexValue> = "source_match_re",
        source_matchers: Vec<Sp<String>> = "source_matchers",
        target_match: Map<String> = "target_match",
        target_match_re: Map<RegexValue> = "target_match_re",
        target_matchers: Vec<Sp<String>> = "target_matchers",
        equal: Vec<Sp<ZeroIfNull<String>>> = "equal",
    }
}
