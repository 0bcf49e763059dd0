//! The command line as users see it: output formats, summaries and exit codes.

mod common;

use insta_cmd::{Command, assert_cmd_snapshot, get_cargo_bin};

fn am2amp() -> Command {
    let mut c = Command::new(get_cargo_bin("am2amp"));
    c.current_dir(common::root()).env("NO_COLOR", "1");
    c
}

fn snap(name: &str, mut cmd: impl insta_cmd::Spawn) {
    common::snapshot_settings().bind(|| assert_cmd_snapshot!(name, cmd));
}

#[test]
fn check_reports_a_typo_with_suggestion() {
    snap(
        "cli-check-typo",
        am2amp().args(["check", "samples/invalid/unknown-field.yml"]),
    );
}

#[test]
fn check_formats() {
    for fmt in ["concise", "json", "github"] {
        snap(
            &format!("cli-check-format-{fmt}"),
            am2amp().args([
                "check",
                "--message-format",
                fmt,
                "samples/invalid/conflicting-fields.yml",
            ]),
        );
    }
}

#[test]
fn check_valid_config_exits_zero() {
    snap(
        "cli-check-ok",
        am2amp().args(["check", "samples/alertmanager.yml"]),
    );
}

#[test]
fn check_directory_recurses_and_summarises() {
    snap(
        "cli-check-directory",
        am2amp().args(["check", "--message-format", "concise", "samples"]),
    );
}

#[test]
fn check_reads_stdin() {
    use insta_cmd::SpawnExt;
    let input = std::fs::read(common::root().join("samples/invalid/group-by.yml")).unwrap();
    snap(
        "cli-check-stdin",
        am2amp()
            .args(["check", "--message-format", "concise", "-"])
            .pass_stdin(input),
    );
}

#[test]
fn missing_file_is_an_io_error() {
    snap(
        "cli-check-missing",
        am2amp().args(["check", "no/such/file.yml"]),
    );
}

#[test]
fn deny_warnings_fails_on_warnings() {
    snap(
        "cli-check-warning",
        am2amp().args([
            "check",
            "--message-format",
            "concise",
            "samples/definition.yml",
        ]),
    );
    snap(
        "cli-check-deny-warnings",
        am2amp().args([
            "check",
            "--message-format",
            "concise",
            "--deny",
            "warnings",
            "samples/definition.yml",
        ]),
    );
}

#[test]
fn allow_silences_a_code() {
    snap(
        "cli-check-allow",
        am2amp().args([
            "check",
            "--message-format",
            "concise",
            "--allow",
            "amp::definition-shape",
            "samples/definition.yml",
        ]),
    );
}

#[test]
fn explain() {
    snap(
        "cli-explain",
        am2amp().args(["explain", "syntax::unknown-field"]),
    );
    snap(
        "cli-explain-unknown",
        am2amp().args(["explain", "syntax::nonsense"]),
    );
}

#[test]
fn usage_errors_exit_two() {
    snap("cli-no-arguments", &mut am2amp());
    snap("cli-check-no-paths", am2amp().arg("check"));
    snap(
        "cli-bad-deny",
        am2amp().args(["check", "--deny", "nonsense", "samples/alertmanager.yml"]),
    );
}

#[test]
fn color_is_used_only_when_asked() {
    let out = am2amp()
        .args([
            "check",
            "--color",
            "always",
            "samples/invalid/unknown-field.yml",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("\u{1b}["));
    let out = am2amp()
        .args([
            "check",
            "--color",
            "never",
            "samples/invalid/unknown-field.yml",
        ])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\u{1b}["));
}

#[test]
fn secrets_never_reach_any_output() {
    for fmt in ["human", "concise", "json", "github"] {
        let out = am2amp()
            .args(["check", "--message-format", fmt, "samples/invalid"])
            .output()
            .unwrap();
        let all = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        for secret in [
            "0123456789abcdef0123456789abcdef",
            "hooks.slack.com/services",
            "ticket-bridge-token",
            "SLACK_WEBHOOK_URL",
            "hooks.example.com",
        ] {
            assert!(!all.contains(secret), "{fmt} output shows `{secret}`");
        }
    }
}

/// Standard output or error that cannot be written (`| head`, a full disk) never makes a
/// command panic: a failure on standard output is an I/O error, said on standard error.
#[test]
fn unwritable_standard_streams_are_io_errors_not_panics() {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let commands: [&[&str]; 6] = [
        &["explain", "--list"],
        &["explain", "am2amp::syntax::yaml"],
        &["completions", "bash"],
        &["man"],
        &["check", "samples/invalid/unknown-field.yml"],
        &[
            "convert",
            "samples/alertmanager.yml",
            "--topic-arn",
            "arn:aws:sns:eu-west-1:123456789012:{receiver}",
        ],
    ];
    for args in commands {
        let run = |set: fn(&mut std::process::Command, std::fs::File)| {
            let mut c = std::process::Command::new(get_cargo_bin("am2amp"));
            c.current_dir(common::root()).args(args);
            set(&mut c, full());
            c.output().unwrap()
        };
        let o = run(|c, f| {
            c.stdout(f);
        });
        let err = common::text(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(
            err.matches("error: standard output: No space left on device")
                .count(),
            1,
            "{args:?}: {err}"
        );
        let o = run(|c, f| {
            c.stderr(f);
        });
        assert_ne!(o.status.code(), Some(101), "{args:?} panicked");
        assert!(!o.stdout.is_empty(), "{args:?}");
    }
}
