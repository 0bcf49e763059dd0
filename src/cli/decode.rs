//! `am2amp decode`: an SNS message in, the native request out (JSON on stdout).

use std::io::Read;

use super::args::DecodeArgs;
use super::stdio::{Stdout, stderrln};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, usage_error};
use crate::relay::{self, Secrets};
use crate::translate::secrets::Manifest;

/// Largest input read (SNS messages are at most 256 KiB; envelopes add a little).
const MAX_INPUT: u64 = 4 << 20;

/// Runs `decode`; returns the exit status.
pub fn run(a: &DecodeArgs) -> u8 {
    let manifest = match &a.secrets {
        Some(p) => match std::fs::read_to_string(p)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<Manifest>(&t).map_err(|e| e.to_string()))
        {
            Ok(m) => Some(m),
            Err(e) => return usage_error(&format!("--secrets {}: {e}", p.display())),
        },
        None => None,
    };
    let mut bytes = Vec::new();
    let read = if a.input == "-" {
        std::io::stdin().take(MAX_INPUT).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(&a.input).and_then(|f| f.take(MAX_INPUT).read_to_end(&mut bytes))
    };
    if let Err(e) = read {
        return usage_error(&format!("{}: {e}", a.input));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        stderrln!("error: the message is not UTF-8");
        return EXIT_FINDINGS;
    };
    let secrets = Secrets::new(manifest.as_ref().map(|m| &m.secrets));
    match relay::decode(&text, &secrets) {
        Ok(req) => {
            let mut out = serde_json::to_string_pretty(&req).unwrap_or_default();
            out.push('\n');
            let mut stdout = Stdout::default();
            stdout.write(out.as_bytes());
            if stdout.failed() { EXIT_USAGE } else { EXIT_OK }
        }
        Err(e) => {
            stderrln!("error: {e}");
            EXIT_FINDINGS
        }
    }
}
