//! The command-line front end: arguments, rendering, exit codes. The binary only calls
//! [`main`].

pub mod args;
mod convert;
mod decode;
mod orphans;
mod output;
pub mod render;
pub mod settings;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use rayon::prelude::*;

use crate::check;
use crate::diag::Code;
use crate::load;
use crate::report::Report;
use args::{CheckArgs, Cli, ColorChoice, Command, CompletionsArgs, ExplainArgs};

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
        Command::Completions(a) => run_completions(&a),
        Command::Man => run_man(),
        Command::Decode(a) => decode::run(&a),
        Command::Explain(a) => run_explain(&a),
    };
    ExitCode::from(code)
}

fn usage_error(msg: &str) -> u8 {
    eprintln!("error: {msg}");
    EXIT_USAGE
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
    let (opts, policy) = match settings::check(a) {
        Ok(s) => s,
        Err(e) => return usage_error(&e),
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
    let mut sarif = String::new();
    let (mut ok, mut with_errors, mut with_warnings) = (0usize, 0usize, 0usize);
    for chunk in inputs.chunks(64) {
        let reports: Vec<Result<Report, String>> = chunk
            .par_iter()
            .map(|input| {
                let bytes = load::read_input(input, opts.load.max_input_bytes)
                    .map_err(|e| e.to_string())?;
                let path = match input {
                    load::Input::File(p) => Some(p.as_path()),
                    load::Input::Stdin => None,
                };
                Ok(check::check_input(&input.display_name(), path, bytes, &opts).report)
            })
            .collect();
        for report in reports {
            let mut report = match report {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: {e}");
                    io_failed = true;
                    continue;
                }
            };
            report.apply(&policy);
            let rendered = renderer.render(&report);
            if renderer.collects() {
                sarif.push_str(&rendered);
            } else {
                let _ = stdout.write_all(rendered.as_bytes());
            }
            if report.has_errors() {
                with_errors += 1;
            } else if report.has_warnings() {
                with_warnings += 1;
            } else {
                ok += 1;
            }
        }
    }
    if renderer.collects() {
        let _ = stdout.write_all(renderer.finish(&sarif).as_bytes());
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

fn run_completions(a: &CompletionsArgs) -> u8 {
    let mut cmd = Cli::command();
    clap_complete::generate(a.shell, &mut cmd, "am2amp", &mut std::io::stdout());
    EXIT_OK
}

fn run_man() -> u8 {
    let man = clap_mangen::Man::new(Cli::command());
    let mut out = Vec::new();
    if man.render(&mut out).is_err() {
        return EXIT_USAGE;
    }
    let _ = std::io::stdout().write_all(&out);
    EXIT_OK
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
