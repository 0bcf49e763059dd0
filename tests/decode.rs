//! `am2amp decode`: fixture messages (rendered by Alertmanager 0.25 from converted
//! `samples/alertmanager.yml`) in every envelope, secrets resolved or left as references, and
//! errors that exit 1 without panicking on any input.

mod common;

use am2amp::relay::{self, DecodeError, Secrets};
use insta_cmd::{Command, assert_cmd_snapshot, get_cargo_bin};
use proptest::prelude::*;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures/messages").join(name)).unwrap()
}

fn decode_cmd(args: &[&str]) -> Command {
    let mut c = Command::new(get_cargo_bin("am2amp"));
    c.current_dir(common::root()).arg("decode").args(args);
    c
}

fn snap(name: &str, mut cmd: Command) {
    common::snapshot_settings().bind(|| assert_cmd_snapshot!(name, cmd));
}

#[test]
fn decodes_each_integration_with_secrets() {
    for integration in ["pagerduty", "slack", "webhook"] {
        snap(
            &format!("decode-{integration}"),
            decode_cmd(&[
                &format!("tests/fixtures/messages/{integration}.yml"),
                "--secrets",
                "tests/fixtures/messages/secrets.json",
            ]),
        );
    }
}

#[test]
fn without_a_manifest_references_stay_names() {
    let r = relay::decode(&fixture("pagerduty.yml"), &Secrets::default()).unwrap();
    assert!(
        r.body
            .starts_with("{\"routing_key\":\"oncall-pager/pagerduty/0/routing_key\",")
    );
    // The dedup key is the SHA-256 of the group key Alertmanager used.
    assert!(r.body.contains(&format!(
        "\"dedup_key\":\"{}\"",
        relay::group_key::hash("{}/{severity=\"critical\"}:{alertname=\"HighLatency\"}")
    )));
}

#[test]
fn envelopes_give_the_same_request() {
    let raw = fixture("webhook.yml");
    let direct = relay::decode(&raw, &Secrets::default()).unwrap();
    let sns = serde_json::json!({"Type": "Notification", "MessageId": "x", "TopicArn": "arn:aws:sns:eu-west-1:123456789012:tickets", "Message": raw}).to_string();
    let lambda =
        serde_json::json!({"Records": [{"EventSource": "aws:sns", "Sns": {"Message": raw}}]})
            .to_string();
    assert_eq!(relay::decode(&sns, &Secrets::default()).unwrap(), direct);
    assert_eq!(relay::decode(&lambda, &Secrets::default()).unwrap(), direct);
}

#[test]
fn bad_input_is_a_clear_error() {
    type Expect = fn(&DecodeError) -> bool;
    let cases: &[(&str, Expect)] = &[
        ("hello: world\n", |e| {
            matches!(e, DecodeError::NotContract(_))
        }),
        ("am2amp: 2\nintegration: slack\n", |e| {
            matches!(e, DecodeError::UnknownVersion(2))
        }),
        ("am2amp: 1\nintegration: slack\n", |e| {
            matches!(e, DecodeError::Invalid(_))
        }),
        ("{\"Records\": []}", |e| {
            matches!(e, DecodeError::NotContract(_))
        }),
        ("[1, 2", |e| matches!(e, DecodeError::NotContract(_))),
    ];
    for (input, ok) in cases {
        let e = relay::decode(input, &Secrets::default()).unwrap_err();
        assert!(ok(&e), "{input:?}: {e}");
    }
    let missing = fixture("slack.yml").replace("  username:", "  nickname:");
    let e = relay::decode(&missing, &Secrets::default()).unwrap_err();
    assert!(e.to_string().contains("username"), "{e}");
    let empty = std::collections::BTreeMap::new();
    let e = relay::decode(&fixture("slack.yml"), &Secrets::new(Some(&empty))).unwrap_err();
    assert_eq!(
        e,
        DecodeError::SecretNotFound("team-slack/slack/0/api_url".into())
    );
}

#[test]
fn cli_errors() {
    snap("decode-not-contract", decode_cmd(&["README.md"]));
    snap("decode-missing-file", decode_cmd(&["no/such/file"]));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Any input, and any corruption of a real message, gives a result or an error.
    #[test]
    fn never_panics(junk in any::<String>(), cut in 0usize..1400, insert in "[ -~\\n]{0,8}") {
        let _ = relay::decode(&junk, &Secrets::default());
        let mut m = fixture("webhook.yml");
        let at = cut.min(m.len());
        let at = (0..=at).rev().find(|i| m.is_char_boundary(*i)).unwrap_or(0);
        m.insert_str(at, &insert);
        let _ = relay::decode(&m, &Secrets::default());
        let _ = relay::decode(&m[..at], &Secrets::default());
    }
}
