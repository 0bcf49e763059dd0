//! Converting is deterministic and idempotent on mangled real configs: the samples and
//! Alertmanager's test files that convert, with YAML, tag and template text spliced in
//! anywhere, never panic, convert to the same bytes twice, and converting an output gives
//! that output back.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

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
        let Some(first) = convert(path, &bytes) else {
            return Ok(());
        };
        let twice = convert(path, &bytes);
        prop_assert_eq!(twice.as_ref(), Some(&first), "not deterministic");
        let again = convert(path, first.as_bytes());
        prop_assert_eq!(again.as_ref(), Some(&first), "converting the output changed it");
    }
}
