//! What the routing tree tells the message: the route key of each route node (the first part
//! of Alertmanager's group key) and which receivers are reached by exactly one node.

use std::collections::BTreeMap;

use crate::alertmanager::matcher::{self, Matcher, Op};
use crate::model::Sp;
use crate::model::route::Route;
use crate::source::Span;

/// The route nodes that notify each receiver, with their route keys.
#[derive(Debug, Default)]
pub struct RouteKeys {
    by_receiver: BTreeMap<String, Vec<(String, Span)>>,
}

impl RouteKeys {
    /// Walks the tree from the root route.
    pub fn new(root: Option<&Sp<Route>>) -> Self {
        let mut keys = RouteKeys::default();
        if let Some(root) = root {
            keys.walk(root, None, "");
        }
        keys
    }

    fn walk(&mut self, route: &Sp<Route>, parent: Option<&str>, receiver: &str) {
        let r = &route.value;
        let mut key = String::new();
        if let Some(p) = parent {
            key.push_str(p);
            key.push('/');
        }
        matcher::push_set(&mut key, &matchers(r));
        let receiver = r
            .receiver
            .as_ref()
            .filter(|n| !n.value.is_empty())
            .map_or(receiver, |n| n.value.as_str());
        let span = r.receiver.as_ref().map_or(route.key, |n| n.span);
        match self.by_receiver.get_mut(receiver) {
            Some(nodes) => nodes.push((key.clone(), span)),
            None => {
                self.by_receiver
                    .insert(receiver.to_string(), vec![(key.clone(), span)]);
            }
        }
        for child in r.children() {
            self.walk(child, Some(&key), receiver);
        }
    }

    /// The route key when exactly one route node notifies `receiver`.
    pub fn unique(&self, receiver: &str) -> Option<&str> {
        match self.by_receiver.get(receiver).map(Vec::as_slice) {
            Some([(key, _)]) => Some(key),
            _ => None,
        }
    }

    /// Every route node that notifies `receiver`: its key and where its receiver is named.
    pub fn all(&self, receiver: &str) -> &[(String, Span)] {
        self.by_receiver.get(receiver).map_or(&[], Vec::as_slice)
    }
}

/// A route's matchers as Alertmanager's dispatcher builds them: `match` as `=`, `match_re` as
/// `=~` with the anchored pattern, `matchers` parsed; sorted by name, value, then operator.
pub fn matchers(r: &Route) -> Vec<Matcher> {
    let mut out = Vec::new();
    for (k, v) in r.r#match.iter().flat_map(|m| m.value.iter()) {
        out.push(Matcher {
            name: k.value.clone(),
            op: Op::Equal,
            value: v.value.clone(),
        });
    }
    for (k, v) in r.match_re.iter().flat_map(|m| m.value.iter()) {
        out.push(Matcher {
            name: k.value.clone(),
            op: Op::Regexp,
            value: format!("^(?:{})$", v.value.0.as_deref().unwrap_or("")),
        });
    }
    for m in r.matchers.iter().flat_map(|m| m.value.iter()) {
        if let Ok((parsed, _)) = &*matcher::parse_fallback_remembered(&m.value) {
            out.extend(parsed.iter().cloned());
        }
    }
    out.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then_with(|| a.value.cmp(&b.value))
            .then_with(|| a.op.cmp(&b.op))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::decode_config;
    use crate::source::SourceId;
    use crate::yaml::{Limits, load};

    fn keys(yaml: &str) -> RouteKeys {
        let (node, _) = load(yaml, SourceId(0), &Limits::default()).unwrap();
        let c = decode_config(&node).config.unwrap();
        RouteKeys::new(c.route.as_deref())
    }

    #[test]
    fn keys_follow_the_dispatcher() {
        let k = keys(
            "route:\n  receiver: d\n  routes:\n    - match_re: {team: '^(a|b)$'}\n      match: {zz: '1', aa: 'q\"x'}\n      receiver: t\n      routes:\n        - matchers: ['severity=~\"crit.*\"', 'a!=\"b\"', 'a=\"b\"']\n          receiver: x\n    - receiver: t\n",
        );
        assert_eq!(k.unique("d"), Some("{}"));
        assert_eq!(
            k.unique("x"),
            Some(
                "{}/{aa=\"q\\\"x\",team=~\"^(?:^(a|b)$)$\",zz=\"1\"}/{a=\"b\",a!=\"b\",severity=~\"crit.*\"}"
            )
        );
        assert_eq!(k.unique("t"), None);
        assert_eq!(k.all("t").len(), 2);
        assert_eq!(k.unique("unused"), None);
    }
}
