//! The routing tree.

use super::decode::{Cx, Decode, model};
use super::{Map, PromDuration, Sp};
use crate::yaml::Node;

/// A `match_re` value: a regular expression, or `None` for an explicit null (which Alertmanager
/// rejects as `invalid regexp value`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegexValue(pub Option<String>);

impl Decode for RegexValue {
    fn decode(node: &Node, cx: &mut Cx) -> Option<Self> {
        String::decode(node, cx).map(|s| RegexValue(Some(s)))
    }
    fn null() -> Option<Self> {
        Some(RegexValue(None))
    }
}

model! {
    /// A route node (the root `route:` or an entry of `routes:`).
    pub struct Route ("route") {
        receiver: String = "receiver",
        group_by: Vec<Sp<String>> = "group_by",
        r#match: Map<String> = "match",
        match_re: Map<RegexValue> = "match_re",
        matchers: Vec<Sp<String>> = "matchers",
        mute_time_intervals: Vec<Sp<String>> = "mute_time_intervals",
        active_time_intervals: Vec<Sp<String>> = "active_time_intervals",
        r#continue: bool = "continue",
        routes: Vec<Sp<Route>> = "routes",
        group_wait: PromDuration = "group_wait",
        group_interval: PromDuration = "group_interval",
        repeat_interval: PromDuration = "repeat_interval",
        /// Labels added to alerts routed here (0.34).
        labels: Map<String> = "labels" @ "0.34",
    }
}

impl Route {
    /// The child routes (empty when there are none).
    pub fn children(&self) -> &[Sp<Route>] {
        self.routes.as_ref().map_or(&[], |r| r.value.as_slice())
    }

    /// True when the route has any matcher (`match`, `match_re` or `matchers`).
    pub fn has_matchers(&self) -> bool {
        self.r#match.as_ref().is_some_and(|m| !m.is_empty())
            || self.match_re.as_ref().is_some_and(|m| !m.is_empty())
            || self.matchers.as_ref().is_some_and(|m| !m.is_empty())
    }
}
