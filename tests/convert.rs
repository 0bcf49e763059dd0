//! `am2amp convert` on every sample in `samples/convert/`: the definition and the rendered
//! diagnostics (snapshots), and converting the output again gives the same bytes.
//!
//! A sample's first lines may hold `# am2amp-args: ...`, the options it is converted with.

mod common;

use std::path::{Path, PathBuf};

use std::io::Write;
use std::process::{Output, Stdio};

use insta_cmd::{Command, assert_cmd_snapshot, get_cargo_bin};

/// The topic template every sample is converted with.
pub const TOPIC: &str = "arn:aws:sns:eu-west-1:123456789012:{receiver}";

fn samples() -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(common::root().join("samples/convert"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml"))
        .collect();
    v.sort();
    v
}

fn sample_args(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix("# am2amp-args:"))
        .map(|a| a.split_whitespace().map(String::from).collect())
        .unwrap_or_default()
}

fn convert(path: &str, extra: &[String]) -> Command {
    let mut c = Command::new(get_cargo_bin("am2amp"));
    c.current_dir(common::root())
        .env("NO_COLOR", "1")
        .args(["convert", path, "--topic-arn", TOPIC])
        .args(extra);
    c
}

/// Runs a command with `input` on its standard input.
pub fn with_stdin(mut cmd: Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn rel(p: &Path) -> String {
    p.strip_prefix(common::root())
        .unwrap()
        .display()
        .to_string()
}

#[test]
fn samples_convert() {
    for path in samples() {
        let name = format!("convert-{}", path.file_stem().unwrap().to_string_lossy());
        let mut cmd = convert(&rel(&path), &sample_args(&path));
        common::snapshot_settings().bind(|| assert_cmd_snapshot!(name, cmd));
    }
}

#[test]
fn converting_the_output_again_gives_the_same_bytes() {
    for path in samples() {
        let args = sample_args(&path);
        let first = convert(&rel(&path), &args).output().unwrap();
        if !first.status.success() {
            continue;
        }
        let again = with_stdin(convert("-", &args), &first.stdout);
        assert!(
            again.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&again.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&again.stdout),
            String::from_utf8_lossy(&first.stdout),
            "{}",
            path.display()
        );
    }
}
