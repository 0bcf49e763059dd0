//! Converting is deterministic and idempotent on mangled real configs: the samples and
//! Alertmanager's test files that convert, with YAML, tag and template text spliced in
//! anywhere, never panic, convert to the same bytes twice, and converting an output gives
//! that output back.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use am2amp::convert::{ConvertOptions, convert_input};
use am2amp::translate::{self, Topics};
use proptest::prelude::*;

fn options() -> &'static ConvertOptions {
    static OPTIONS: OnceLock<ConvertOptions> = OnceLock::new();
    OPTIONS.get_or_init(|| ConvertOptions {
        translate: translate::Options {
            topics: Topics {
                template: Some("arn:aws:sns:eu-west-1:123456789012:{receiver}".into()),
                ..Default::default()
            },
            external_url: Some("http://alertmanager.example.com".into()),
            drop_unsupported: true,
            clamp_repeat_interval: true,
            ..Default::default()
        },
        ..Default::default()
    })
}

/// The definition converted from `bytes`, when there is one.
fn convert(path: &Path, bytes: &[u8]) -> Option<String> {
    let c = convert_input("input.yml", Some(path), bytes, options());
    c.output.map(|t| t.read().unwrap())
}

/// Every sample and test file that converts as it is, with its text.
fn inputs() -> &'static [(PathBuf, Vec<u8>)] {
    static INPUTS: OnceLock<Vec<(PathBuf, Vec<u8>)>> = OnceLock::new();
    INPUTS.get_or_init(|| {
        let dirs = [
            common::root().join("samples/convert"),
            common::root().join("samples"),
            common::shared().join("testdata/alertmanager"),
        ];
        let mut out: Vec<_> = dirs
            .iter()
            .flat_map(|d| std::fs::read_dir(d).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yml"))
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                (p, bytes)
            })
            .filter(|(p, b)| convert(p, b).is_some())
            .collect();
        out.sort();
        assert!(out.len() >= 30, "only {} inputs convert", out.len());
        out
    })
}

/// Converts `bytes` twice, then its output, on a thread of its own: a conversion that
/// takes over a minute ends the test run at once with the input (shrinking would run it
/// again, and a hung test would stall the suite instead of failing it).
fn in_time(path: &Path, bytes: Vec<u8>) -> (Option<String>, Option<String>, Option<String>) {
    let (tx, rx) = mpsc::channel();
    let (path, shown) = (
        path.to_path_buf(),
        String::from_utf8_lossy(&bytes).into_owned(),
    );
    std::thread::spawn(move || {
        let first = convert(&path, &bytes);
        let twice = convert(&path, &bytes);
        let again = first.as_ref().and_then(|f| convert(&path, f.as_bytes()));
        let _ = tx.send((first, twice, again));
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(done) => done,
        Err(RecvTimeoutError::Disconnected) => panic!("converting panicked on {shown:?}"),
        Err(RecvTimeoutError::Timeout) => {
            // Straight to the process's stderr: the harness would drop captured output.
            let _ = writeln!(
                std::io::stderr(),
                "converting takes over a minute (a hang?) on {shown:?}"
            );
            std::process::exit(1);
        }
    }
}

const PIECES: &[&str] = &[
    ": ",
    "- ",
    "&a ",
    "*a",
    "!!str ",
    "!!int ",
    "!foo ",
    "! ",
    "!=",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "|\n",
    ">-\n",
    "\t",
    "\n",
    "\n  ",
    "\n    ",
    "#",
    "null",
    "true",
    "0",
    "~",
    "{{",
    "}}",
    "{{ .CommonLabels.alertname }}",
    "{{ template \"x\" . }}",
    "{{ end }}",
    "$",
    "|",
    "\\",
    "\\n",
    "%",
    "`",
    "\u{e9}",
    "\u{2028}",
    "\r",
    "send_resolved: false\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn mangled_configs_convert_deterministically_and_idempotently(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((0usize..1_000_000, prop::sample::select(PIECES)), 1..3),
    ) {
        let (path, original) = pick.get(inputs());
        let mut bytes = original.clone();
        for (at, piece) in edits {
            // Half of the edits go where a value starts (after `: `), where tags and quotes
            // change what a value is; the others anywhere.
            let starts: Vec<usize> = bytes
                .windows(2)
                .enumerate()
                .filter(|(_, w)| w == b": ")
                .map(|(i, _)| i + 2)
                .collect();
            let at = match at % 2 {
                0 if !starts.is_empty() => starts[at / 2 % starts.len()],
                _ => at / 2 % (bytes.len() + 1),
            };
            bytes.splice(at..at, piece.bytes());
        }
        let (first, twice, again) = in_time(path, bytes);
        let Some(first) = first else {
            return Ok(());
        };
        prop_assert_eq!(twice.as_ref(), Some(&first), "not deterministic");
        prop_assert_eq!(again.as_ref(), Some(&first), "converting the output changed it");
    }
}
