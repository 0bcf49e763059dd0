//! Verdict parity with Alertmanager's own config test files: every file in `EXPECTED.tsv`
//! (HEAD) and `v0.25.0/EXPECTED.tsv` is rejected exactly when Alertmanager rejects it, and a
//! rejection is reported on the offending line with the expected code.

mod common;

use std::collections::BTreeMap;

/// For every file Alertmanager rejects: the line of the offending key and the code we report
/// there. Lines were read off the files by hand.
fn offending() -> BTreeMap<&'static str, (usize, &'static str)> {
    BTreeMap::from([
        (
            "conf.mattermost-both-webhook-url-and-file.yml",
            (3, "conflicting-fields"),
        ),
        ("conf.mattermost-no-webhook-url.yml", (7, "missing-global")),
        (
            "conf.mattermost-valid-receiver-both-webhook-url-and-file.yml",
            (3, "conflicting-fields"),
        ),
        ("conf.nil-match_re-route.yml", (5, "regex")),
        ("conf.nil-source_match_re-inhibition.yml", (7, "regex")),
        ("conf.nil-target_match_re-inhibition.yml", (9, "regex")),
        (
            "conf.opsgenie-both-file-and-apikey.yml",
            (3, "conflicting-fields"),
        ),
        (
            "conf.opsgenie-default-apikey-old-team.yml",
            (16, "unknown-field"),
        ),
        ("conf.opsgenie-no-apikey.yml", (14, "missing-global")),
        (
            "conf.rocketchat-both-token-and-tokenfile.yml",
            (3, "conflicting-fields"),
        ),
        (
            "conf.rocketchat-both-tokenid-and-tokenidfile.yml",
            (3, "conflicting-fields"),
        ),
        ("conf.rocketchat-no-token.yml", (16, "missing-global")),
        (
            "conf.slack-both-file-and-token.yml",
            (3, "conflicting-fields"),
        ),
        (
            "conf.slack-both-file-and-url.yml",
            (3, "conflicting-fields"),
        ),
        (
            "conf.slack-both-url-and-token.yml",
            (2, "conflicting-fields"),
        ),
        ("conf.slack-no-api-url-or-token.yml", (7, "missing-global")),
        ("conf.slack-no-api-url.yml", (7, "missing-global")),
        (
            "conf.slack-update-message-and-webhook.yml",
            (13, "conflicting-fields"),
        ),
        (
            "conf.smtp-both-password-and-file.yml",
            (6, "conflicting-fields"),
        ),
        ("conf.sns-invalid.yml", (7, "sns-target")),
        (
            "conf.telegram-both-bot-token-and-file.yml",
            (3, "conflicting-fields"),
        ),
        ("conf.telegram-no-bot-token.yml", (7, "missing-global")),
        (
            "conf.telegram-valid-receiver-both-bot-token-and-file.yml",
            (3, "conflicting-fields"),
        ),
        (
            "conf.victorops-both-file-and-apikey.yml",
            (3, "conflicting-fields"),
        ),
        ("conf.victorops-no-apikey.yml", (14, "missing-global")),
        (
            "conf.wechat-both-file-and-secret.yml",
            (3, "conflicting-fields"),
        ),
        ("conf.wechat-no-api-secret.yml", (7, "missing-global")),
    ])
}

fn run(dir: &str) -> usize {
    let base = common::shared().join("testdata/alertmanager").join(dir);
    let table = std::fs::read_to_string(base.join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    let lines = offending();
    let mut failures = Vec::new();
    let mut count = 0;
    for row in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (file, expect) = (cols[0], cols[1]);
        count += 1;
        let report = common::check_path(&base.join(file), &base);
        let errors = common::rejecting_errors(&report);
        let rejected = !errors.is_empty();
        match expect {
            "accept" if rejected => {
                failures.push(format!("{dir}/{file}: expected accept, got {errors:?}"))
            }
            "reject" if !rejected => failures.push(format!(
                "{dir}/{file}: expected reject ({}), got accept",
                cols.get(2).unwrap_or(&"")
            )),
            "reject" => {
                let Some(&(line, code)) = lines.get(file) else {
                    failures.push(format!("{dir}/{file}: no expected line in the table"));
                    continue;
                };
                if !errors.iter().any(|(l, c)| *l == line && c == code) {
                    failures.push(format!(
                        "{dir}/{file}: expected {code} on line {line}, got {errors:?}"
                    ));
                }
            }
            "accept" => {}
            other => failures.push(format!("{dir}/{file}: unknown verdict {other}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} files disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
    count
}

#[test]
fn head_test_files_have_alertmanagers_verdicts() {
    assert_eq!(run("."), 46);
}

#[test]
fn v0_25_test_files_have_alertmanagers_verdicts() {
    assert_eq!(run("v0.25.0"), 24);
}
