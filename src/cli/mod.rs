//! The command-line front end: arguments, rendering, exit codes. The binary only calls
//! [`main`].

pub mod args;
mod convert;
mod decode;
mod interrupt;
mod orphans;
mod output;
pub mod render;
pub mod settings;
mod stdio;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use rayon::prelude::*;

use crate::check;
use crate::diag::Code;
use crate::load;
use crate::report::Report;
use args::{CheckArgs, Cli, ColorChoice, Command, CompletionsArgs, ExplainArgs};
use stdio::{Stdout, stderrln};

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
    stderrln!("error: {msg}");
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
    let mut unread = errors.iter().filter(|e| e.unreadable()).count();
    let mut io_failed = !errors.is_empty();
    for e in &errors {
        stderrln!("error: {e}");
    }
    let renderer = render::Renderer::new(
        a.report.message_format,
        use_color(a.report.color, std::io::stdout().is_terminal()),
    );
    let mut stdout = Stdout::default();
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
                    stderrln!("error: {e}");
                    io_failed = true;
                    unread += 1;
                    continue;
                }
            };
            report.apply(&policy);
            let rendered = renderer.render(&report);
            if renderer.collects() {
                sarif.push_str(&rendered);
            } else {
                stdout.write(rendered.as_bytes());
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
        stdout.write(renderer.finish(&sarif).as_bytes());
    }
    let total = ok + with_errors + with_warnings;
    let unread = match unread {
        0 => String::new(),
        1 => "; 1 input could not be read".to_string(),
        n => format!("; {n} inputs could not be read"),
    };
    stderrln!(
        "{total} file{} checked: {ok} ok, {with_errors} with errors, {with_warnings} with warnings{unread}",
        if total == 1 { "" } else { "s" }
    );
    if io_failed || stdout.failed() {
        EXIT_USAGE
    } else if with_errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn run_completions(a: &CompletionsArgs) -> u8 {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "am2amp", &mut out);
    written(&out)
}

fn run_man() -> u8 {
    let man = clap_mangen::Man::new(Cli::command());
    let mut out = Vec::new();
    if let Err(e) = man.render(&mut out) {
        return usage_error(&format!("man page: {e}"));
    }
    written(&out)
}

/// Writes a command's whole output; its exit status.
fn written(out: &[u8]) -> u8 {
    let mut stdout = Stdout::default();
    stdout.write(out);
    if stdout.failed() { EXIT_USAGE } else { EXIT_OK }
}

fn run_explain(a: &ExplainArgs) -> u8 {
    if a.list {
        let mut out = String::new();
        for c in Code::ALL {
            out.push_str(&format!(
                "{:<42} {:<8} {}\n",
                c.full_name(),
                c.default_severity().as_str(),
                c.summary()
            ));
        }
        return written(out.as_bytes());
    }
    let Some(code) = &a.code else {
        return usage_error("give a code, or --list");
    };
    match code.parse::<Code>() {
        Ok(c) => written(
            format!(
                "{} ({})\n\n{}\n\n{}\n",
                c.full_name(),
                c.default_severity().as_str(),
                c.summary(),
                c.explanation()
            )
            .as_bytes(),
        ),
        Err(e) => usage_error(&e.to_string()),
    }
}
