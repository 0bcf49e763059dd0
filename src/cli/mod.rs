//! The command-line front end: arguments, rendering, exit codes. The binary only calls
//! [`main`].

pub mod args;
mod convert;
mod decode;
pub mod render;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use crate::check::{self, CheckOptions};
use crate::diag::Code;
use crate::load::{self, LoadOptions};
use crate::report::{Policy, Report};
use args::{CheckArgs, Cli, ColorChoice, Command, ExplainArgs, ReportArgs};

/// Exit status: no error diagnostics.
pub const EXIT_OK: u8 = 0;
/// Exit status: error diagnostics (or warnings under `--deny warnings`).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage or I/O error.
pub const EXIT_USAGE: u8 = 2;

/// Runs the command line.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let code = match cli.command {
        Command::Check(a) => run_check(&a),
        Command::Convert(a) => convert::run(&a),
        Command::Decode(a) => decode::run(&a),
        Command::Explain(a) => run_explain(&a),
    };
    ExitCode::from(code)
}

fn usage_error(msg: &str) -> u8 {
    eprintln!("error: {msg}");
    EXIT_USAGE
}

/// Builds the severity policy from `--allow`/`--deny`.
pub fn policy(a: &ReportArgs) -> Result<Policy, String> {
    let mut p = Policy::default();
    for d in &a.deny {
        if d == "warnings" {
            p.deny_warnings = true;
        } else {
            p.deny.push(d.parse::<Code>().map_err(|e| e.to_string())?);
        }
    }
    for c in &a.allow {
        p.allow.push(c.parse::<Code>().map_err(|e| e.to_string())?);
    }
    Ok(p)
}

/// Whether the human renderer should use colours, writing to a terminal or not.
pub fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && terminal,
    }
}

fn run_check(a: &CheckArgs) -> u8 {
    let policy = match policy(&a.report) {
        Ok(p) => p,
        Err(e) => return usage_error(&e),
    };
    let opts = CheckOptions {
        load: LoadOptions {
            max_input_bytes: a.report.max_input_bytes,
            ..LoadOptions::default()
        },
        target: a.report.alertmanager_version,
    };
    let (inputs, errors) = load::discover(&a.paths, &[]);
    let mut io_failed = !errors.is_empty();
    for e in &errors {
        eprintln!("error: {e}");
    }
    let renderer = render::Renderer::new(
        a.report.message_format,
        use_color(a.report.color, std::io::stdout().is_terminal()),
    );
    let mut stdout = std::io::stdout().lock();
    let (mut ok, mut with_errors, mut with_warnings) = (0usize, 0usize, 0usize);
    for input in &inputs {
        let bytes = match load::read_input(input, opts.load.max_input_bytes) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {e}");
                io_failed = true;
                continue;
            }
        };
        let path = match input {
            load::Input::File(p) => Some(p.as_path()),
            load::Input::Stdin => None,
        };
        let mut report: Report =
            check::check_input(&input.display_name(), path, &bytes, &opts).report;
        report.apply(&policy);
        let _ = stdout.write_all(renderer.render(&report).as_bytes());
        if report.has_errors() {
            with_errors += 1;
        } else if report.has_warnings() {
            with_warnings += 1;
        } else {
            ok += 1;
        }
    }
    let _ = stdout.flush();
    let total = ok + with_errors + with_warnings;
    eprintln!(
        "{total} file{} checked: {ok} ok, {with_errors} with errors, {with_warnings} with warnings",
        if total == 1 { "" } else { "s" }
    );
    if io_failed {
        EXIT_USAGE
    } else if with_errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn run_explain(a: &ExplainArgs) -> u8 {
    if a.list {
        for c in Code::ALL {
            println!(
                "{:<42} {:<8} {}",
                c.full_name(),
                c.default_severity().as_str(),
                c.summary()
            );
        }
        return EXIT_OK;
    }
    let Some(code) = &a.code else {
        return usage_error("give a code, or --list");
    };
    match code.parse::<Code>() {
        Ok(c) => {
            println!(
                "{} ({})\n\n{}\n\n{}",
                c.full_name(),
                c.default_severity().as_str(),
                c.summary(),
                c.explanation()
            );
            EXIT_OK
        }
        Err(e) => usage_error(&e.to_string()),
    }
}
