//! Which fields Alertmanager joins when `<<` merges and a mapping's own keys set them twice.
//!
//! yaml.v2 decodes each value into what the field already holds: a Go map keeps its keys
//! (and refuses one set again), a struct keeps the fields the new value leaves out, unless its
//! `UnmarshalYAML` starts from defaults (`global`, `http_config`, `sigv4`, every integration).
//! The rules were checked against amtool 0.25 where its verdict shows them (a key in both maps,
//! a field only the joined struct has); `tls_config`, newer fields (`labels`, Jira `fields`)
//! and the maps of integrations beside the checked ones follow from their Go types.

use crate::yaml::Combine;

/// The [`MergeRule`](crate::yaml::MergeRule) of an Alertmanager config.
pub fn rule(path: &[Option<&str>]) -> Combine {
    use Combine::{Append, Overlay, Replace, Union};
    match path {
        // `Route` has no defaults to start from; `match` and `match_re` are maps. Decoding the
        // root route again appends to the labels it groups by (only the root can be set twice).
        [Some("route")] => Overlay,
        [Some("route"), Some("group_by")] => Append,
        [
            Some("route"),
            between @ ..,
            Some("match" | "match_re" | "labels"),
        ] if between.chunks(2).all(|c| c == [Some("routes"), None]) => Union,
        [
            Some("inhibit_rules"),
            None,
            Some("source_match" | "source_match_re" | "target_match" | "target_match_re"),
        ] => Union,
        [Some("receivers"), None, Some("labels")] => Union,
        [Some("receivers"), None, Some(kind), None, Some(field)] => match (*kind, *field) {
            ("pagerduty_configs" | "opsgenie_configs", "details")
            | ("sns_configs", "attributes")
            | ("email_configs", "headers")
            | ("victorops_configs", "custom_fields")
            | ("jira_configs", "fields") => Union,
            ("email_configs", "tls_config") => Overlay,
            _ => Replace,
        },
        [
            Some("receivers"),
            None,
            Some("slack_configs"),
            None,
            Some("actions"),
            None,
            Some("confirm"),
        ] => Overlay,
        [
            ..,
            Some("http_config"),
            Some("oauth2"),
            Some("endpoint_params"),
        ] => Union,
        [.., Some("http_config"), Some("oauth2"), Some("tls_config")] => Overlay,
        [
            ..,
            Some("http_config"),
            Some("basic_auth" | "authorization" | "oauth2" | "tls_config"),
        ] => Overlay,
        [Some("global"), Some("smtp_tls_config")] | [Some("tracing"), Some("tls_config")] => {
            Overlay
        }
        _ => Replace,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_join_structs_overlay_the_rest_is_replaced() {
        let r = |p: &[Option<&str>]| rule(p);
        assert_eq!(r(&[Some("route")]), Combine::Overlay);
        assert_eq!(
            r(&[
                Some("route"),
                Some("routes"),
                None,
                Some("routes"),
                None,
                Some("match")
            ]),
            Combine::Union
        );
        assert_eq!(
            r(&[Some("route"), Some("routes"), Some("match")]),
            Combine::Replace
        );
        assert_eq!(r(&[Some("global")]), Combine::Replace);
        assert_eq!(
            r(&[Some("global"), Some("http_config"), Some("basic_auth")]),
            Combine::Overlay
        );
        assert_eq!(
            r(&[
                Some("receivers"),
                None,
                Some("webhook_configs"),
                None,
                Some("http_config")
            ]),
            Combine::Replace
        );
        assert_eq!(
            r(&[
                Some("receivers"),
                None,
                Some("sns_configs"),
                None,
                Some("sigv4")
            ]),
            Combine::Replace
        );
    }
}
