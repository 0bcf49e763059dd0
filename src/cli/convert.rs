//! `am2amp convert`: one input to standard output or a file, or many inputs into a directory
//! that mirrors the input tree, converted in parallel, reported in input order. `--dry-run`
//! shows diffs and `--check` compares with existing outputs; neither writes anything.

use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::args::ConvertArgs;
use super::interrupt::{self, EXIT_INTERRUPTED};
use super::orphans;
use super::output::{self, Sink};
use super::stdio::{Stdout, stderr, stderrln};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, render, settings, usage_error, use_color};
use crate::amp;
use crate::convert::{Converted, convert_input};
use crate::diag::Severity;
use crate::load::{self, Found, Input};
use crate::report::Report;
use crate::translate::topics::TopicUse;

/// Inputs converted at once (bounds memory: their diagnostics and diffs are held until printed).
const CHUNK: usize = 64;

/// One input and where its results go.
#[derive(Debug)]
struct Job {
    found: Found,
    /// The output file (`None`: standard output).
    output: Option<PathBuf>,
    /// The secrets manifest for this input.
    secrets_out: Option<PathBuf>,
}

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Converted (under `--check`: and its output is up to date).
    Converted {
        warnings: bool,
    },
    Failed,
    /// Converted, but its output is missing or differs (`--check`).
    Stale {
        warnings: bool,
    },
}

/// Runs `convert`; returns the exit status.
pub fn run(a: &ConvertArgs) -> u8 {
    let s = match settings::convert(a) {
        Ok(s) => s,
        Err(e) => return usage_error(&e),
    };
    let exclude: Vec<PathBuf> = a
        .output
        .iter()
        .filter_map(|o| o.canonicalize().ok())
        .collect();
    if let Some(dir) = a.paths.iter().find(|p| {
        Path::new(p).is_dir()
            && Path::new(p)
                .canonicalize()
                .is_ok_and(|c| exclude.contains(&c))
    }) {
        return usage_error(&format!(
            "`-o {}` is the input directory `{dir}` itself: its outputs would stand beside the inputs and be read as inputs next time; choose another directory (one inside it is fine)",
            a.output.as_deref().unwrap_or(Path::new("")).display()
        ));
    }
    let (found, errors) = load::discover_rooted(&a.paths, &exclude);
    let mut io_failed = !errors.is_empty();
    for e in &errors {
        stderrln!("error: {e}");
    }
    // Decided by what was asked for, so that a missing input does not turn `-o DIR` into a
    // file name.
    let bulk = a.paths.len() > 1 || found.len() > 1 || found.iter().any(|f| f.in_directory);
    let jobs = match plan(a, &s, found, bulk) {
        Ok(j) => j,
        Err(e) => return usage_error(&e),
    };
    for j in &jobs {
        if let Some(m) = &j.secrets_out
            && let Err(e) = output::may_write_manifest(m)
        {
            return usage_error(&e);
        }
    }
    let color = use_color(a.report.color, std::io::stderr().is_terminal());
    let renderer = render::Renderer::new(a.report.message_format, color);
    let sink = if a.check {
        Sink::Check
    } else if a.dry_run {
        Sink::DryRun {
            color: use_color(a.report.color, std::io::stdout().is_terminal()),
            form: s.form,
        }
    } else {
        Sink::Write
    };
    // The SARIF log goes to standard output, like `check`'s, so it must have it to itself.
    if renderer.collects() {
        let to_stdout = match sink {
            Sink::DryRun { .. } => Some("the diffs"),
            Sink::Write if jobs.iter().any(|j| j.output.is_none()) => Some("the definition"),
            _ => None,
        };
        if let Some(what) = to_stdout {
            return usage_error(&format!(
                "`--message-format sarif` writes its log to standard output, which carries {what} here; write the definitions with `-o`, or use `--check`"
            ));
        }
    }
    if matches!(sink, Sink::Write) {
        interrupt::install();
    }
    let progress = output::progress(jobs.len());
    let mut topic_use = TopicUse::default();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    // An input that could not be read produced no output: it failed.
    counts.insert("failed", errors.iter().filter(|e| e.unreadable()).count());
    let mut worst = EXIT_OK;
    let mut sarif = String::new();
    let mut stdout = Stdout::default();
    let mut skipped = 0;
    let mut out_of_date = Vec::new();
    for chunk in jobs.chunks(CHUNK) {
        if interrupt::interrupted() {
            skipped += chunk.len();
            continue;
        }
        let done: Vec<Done> = chunk
            .par_iter()
            .map(|j| {
                let d = if interrupt::interrupted() {
                    Done {
                        skipped: true,
                        ..Done::default()
                    }
                } else {
                    finish(j, convert_one(j, &s), &s, &renderer, sink)
                };
                progress.inc(1);
                d
            })
            .collect();
        for d in done {
            if d.skipped {
                skipped += 1;
                continue;
            }
            if renderer.collects() {
                sarif.push_str(&d.rendered);
            } else {
                progress.suspend(|| stderr!("{}", d.rendered));
            }
            progress.suspend(|| {
                stderr!("{}", d.log.stderr);
                stdout.write(d.log.stdout.as_bytes());
            });
            io_failed |= d.io_failed;
            out_of_date.extend(d.log.out_of_date);
            topic_use.merge(d.topic_use);
            let Some(outcome) = d.outcome else {
                // It could not be read or written.
                *counts.entry("failed").or_default() += 1;
                continue;
            };
            let (status, warnings) = match outcome {
                Outcome::Converted { warnings } => ("converted", warnings),
                Outcome::Failed => ("failed", false),
                Outcome::Stale { warnings } => ("stale", warnings),
            };
            *counts.entry(status).or_default() += 1;
            if warnings {
                *counts.entry("with warnings").or_default() += 1;
            }
            if matches!(outcome, Outcome::Failed | Outcome::Stale { .. }) {
                worst = EXIT_FINDINGS;
            }
        }
    }
    progress.finish_and_clear();
    // After an interrupt the run saw only some inputs: nothing is known about the rest.
    let interrupted = interrupt::interrupted();
    let orphaned = if interrupted {
        Vec::new()
    } else {
        orphaned(a, &s, &jobs, sink)
    };
    // Among thousands of inputs' findings, the outputs to regenerate are listed again at the
    // end, where a CI log is read from.
    if jobs.len() > 1 && !out_of_date.is_empty() {
        // Before the first conversion into `-o DIR` the list would be every output again.
        let no_dir = a
            .output
            .as_deref()
            .filter(|o| std::fs::symlink_metadata(o).is_err());
        match no_dir {
            Some(dir) => stderrln!(
                "out of date ({}): {} does not exist, so no output has been written yet",
                out_of_date.len(),
                dir.display()
            ),
            None => {
                stderrln!("out of date ({}):", out_of_date.len());
                for line in &out_of_date {
                    stderrln!("  {line}");
                }
            }
        }
    }
    for o in &orphaned {
        stderrln!("orphaned {} (no input converts to it)", o.display());
    }
    // Under --check an orphan fails the run like a stale output; --dry-run only names it.
    let orphans_fail = a.check && !orphaned.is_empty();
    if orphans_fail {
        worst = EXIT_FINDINGS;
    }
    let topics = &s.options.translate.topics;
    let mut run = if interrupted {
        Report::default()
    } else {
        amp::mapping::stray_entries(topics, &s.mapping_files, &topic_use)
    };
    run.apply(&s.policy);
    if run.has_errors() {
        worst = EXIT_FINDINGS;
    }
    if !run.diagnostics.is_empty() {
        let rendered = renderer.render(&run);
        if renderer.collects() {
            sarif.push_str(&rendered);
        } else {
            stderr!("{rendered}");
        }
    }
    if renderer.collects() {
        stdout.write(renderer.finish(&sarif).as_bytes());
    }
    let n = |k: &str| counts.get(k).copied().unwrap_or(0);
    let mut summary = format!(
        "converted {}, with warnings {}, failed {}",
        n("converted") + n("stale"),
        n("with warnings"),
        n("failed")
    );
    if a.check {
        summary.push_str(&format!(", stale {}", n("stale")));
        if orphans_fail {
            summary.push_str(&format!(", orphaned {}", orphaned.len()));
        }
    }
    summary.push_str(&run_findings(&run));
    if n("stale") > 0 {
        stderrln!("hint: run the same command without `--check` to write the outputs again");
    }
    if orphans_fail {
        stderrln!("hint: am2amp deletes nothing: remove orphaned outputs by hand");
    }
    stderrln!("{summary}");
    if interrupted {
        stderrln!("interrupted: {skipped} input(s) not converted");
        return EXIT_INTERRUPTED;
    }
    if io_failed || stdout.failed() {
        EXIT_USAGE
    } else {
        worst
    }
}

/// Under `--check` and `--dry-run` of a directory tree, the outputs below `-o DIR` that no
/// input converts to (their config was removed or renamed).
fn orphaned(a: &ConvertArgs, s: &settings::Convert, jobs: &[Job], sink: Sink) -> Vec<PathBuf> {
    let mirrored = jobs.iter().any(|j| j.found.in_directory);
    let Some(dir) = a
        .output
        .as_ref()
        .filter(|_| mirrored && !matches!(sink, Sink::Write))
    else {
        return Vec::new();
    };
    let planned = jobs.iter().filter_map(|j| j.output.clone()).collect();
    let inputs = jobs
        .iter()
        .filter_map(|j| j.found.canonical.clone())
        .collect();
    let max = s.options.check.load.max_input_bytes;
    orphans::find(dir, s.form, &planned, &inputs, max)
}

/// The summary's part for findings about the whole run (the topic mapping), which no file's
/// count includes: `; 1 warning for the whole run`, or nothing.
fn run_findings(run: &Report) -> String {
    let count = |sev: Severity, what: &str| {
        let n = run.diagnostics.iter().filter(|d| d.severity == sev).count();
        (n > 0).then(|| format!("{n} {what}{}", if n == 1 { "" } else { "s" }))
    };
    let parts: Vec<String> = [
        count(Severity::Error, "error"),
        count(Severity::Warning, "warning"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        return String::new();
    }
    format!("; {} for the whole run", parts.join(" and "))
}

/// What one input printed and came to, replayed in input order.
#[derive(Default)]
struct Done {
    /// Not converted: the run was interrupted first.
    skipped: bool,
    /// Its diagnostics, rendered.
    rendered: String,
    /// What delivering its output said.
    log: output::Log,
    /// `None` when it could not be read or written.
    outcome: Option<Outcome>,
    /// Reading or writing failed.
    io_failed: bool,
    /// Where its topics came from.
    topic_use: TopicUse,
}

/// Applies the policy, renders the findings and delivers the output of one converted input;
/// runs on the worker threads, so printing is left to the caller.
fn finish(
    job: &Job,
    result: Result<Converted, String>,
    s: &settings::Convert,
    renderer: &render::Renderer,
    sink: Sink,
) -> Done {
    use std::fmt::Write as _;
    let mut done = Done::default();
    let mut c = match result {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(done.log.stderr, "error: {e}");
            done.io_failed = true;
            return done;
        }
    };
    let name = job.found.input.display_name();
    done.topic_use = std::mem::take(&mut c.topic_use);
    c.report.apply(&s.policy);
    done.rendered = renderer.render(&c.report);
    let outcome = match (c.output.take(), c.report.has_errors()) {
        (Some(definition), false) => {
            let text = s
                .form
                .render_text(definition, &stem(&job.found), s.workspace_id.as_deref())
                .map_err(|e| format!("{name}: {e}"));
            let warnings = c.report.has_warnings();
            let delivered =
                text.and_then(|t| sink.deliver(job.output.as_deref(), &name, &t, &mut done.log));
            match delivered {
                Ok(true) => Outcome::Converted { warnings },
                Ok(false) => Outcome::Stale { warnings },
                Err(e) => {
                    let _ = writeln!(done.log.stderr, "error: {e}");
                    done.io_failed = true;
                    return done;
                }
            }
        }
        _ => {
            let n = c.report.diagnostics.iter().filter(|d| d.is_error()).count();
            let _ = writeln!(done.log.stderr, "failed {name}: {n} error(s)");
            Outcome::Failed
        }
    };
    if let (Outcome::Converted { .. }, Some(m), Sink::Write) = (outcome, &job.secrets_out, sink)
        && let Err(e) = output::write_manifest(m, &c.secrets)
    {
        let _ = writeln!(done.log.stderr, "error: {e}");
        done.io_failed = true;
    }
    done.outcome = Some(outcome);
    done
}

fn convert_one(j: &Job, s: &settings::Convert) -> Result<Converted, String> {
    let bytes = load::read_input(&j.found.input, s.options.check.load.max_input_bytes)
        .map_err(|e| e.to_string())?;
    let path = match &j.found.input {
        Input::File(p) => Some(p.as_path()),
        Input::Stdin => None,
    };
    Ok(convert_input(
        &j.found.input.display_name(),
        path,
        bytes,
        &s.options,
    ))
}

/// The output's base name: the input file's stem.
fn stem(f: &Found) -> String {
    f.relative.file_stem().map_or_else(
        || "alertmanager".to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// Where an input's outputs go below a directory: its path below the directory it was found
/// in (`stdin` for standard input).
fn relative(f: &Found) -> PathBuf {
    if f.relative == Path::new("-") {
        PathBuf::from("stdin")
    } else {
        f.relative.clone()
    }
}

/// Whether `p` ends in a path separator (`amp/`).
fn ends_in_separator(p: &Path) -> bool {
    p.as_os_str()
        .as_encoded_bytes()
        .last()
        .is_some_and(|&b| std::path::is_separator(b.into()))
}

/// Decides every input's output and manifest paths.
fn plan(
    a: &ConvertArgs,
    s: &settings::Convert,
    found: Vec<Found>,
    bulk: bool,
) -> Result<Vec<Job>, String> {
    let ext = s.form.extension();
    // A path names a directory when there are several inputs, when it is one, or when it ends
    // in a separator (`-o amp/`, which need not exist yet).
    let names_dir = |p: &Path| bulk || p.is_dir() || ends_in_separator(p);
    let out_dir = a.output.as_ref().filter(|o| names_dir(o)).cloned();
    let manifest_dir = s.secrets_out.as_ref().is_some_and(|m| names_dir(m));
    if bulk && a.output.is_none() && !a.dry_run {
        return Err(
            "several inputs need `-o DIR` (the output directory mirrors the inputs)".into(),
        );
    }
    for (flag, path, what) in [
        ("-o", &a.output, "the output directory"),
        (
            "--secrets-out",
            &s.secrets_out,
            "a directory of one manifest per input",
        ),
    ] {
        if let Some(p) = path.as_ref().filter(|p| bulk && p.exists() && !p.is_dir()) {
            return Err(format!(
                "{flag} {}: is not a directory; with several inputs `{flag}` names {what}",
                p.display()
            ));
        }
    }
    if a.check && a.output.is_none() {
        return Err("--check compares with existing outputs: give them with `-o`".into());
    }
    let inputs: BTreeSet<PathBuf> = found.iter().filter_map(|f| f.canonical.clone()).collect();
    let mut seen = BTreeSet::new();
    let mut jobs = Vec::new();
    for f in found {
        let output = match (&out_dir, &a.output) {
            (Some(dir), _) => Some(dir.join(relative(&f)).with_extension(ext)),
            (None, Some(file)) => Some(file.clone()),
            (None, None) => None,
        };
        if let Some(o) = &output {
            // Only an existing path can be an input: one lookup instead of resolving every
            // directory above each of thousands of new outputs. An output that is a symbolic
            // link is written through, so it is the file the link names that must not be one.
            let missing = std::fs::symlink_metadata(o)
                .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
            let canon = if missing { None } else { o.canonicalize().ok() };
            if canon.is_some_and(|c| inputs.contains(&c)) {
                return Err(format!("{}: refusing to write over an input", o.display()));
            }
            if !seen.insert(o.clone()) {
                return Err(format!("two inputs would be written to {}", o.display()));
            }
        }
        let secrets_out = s.secrets_out.as_ref().map(|m| {
            if manifest_dir {
                m.join(relative(&f)).with_extension("secrets.json")
            } else {
                m.clone()
            }
        });
        jobs.push(Job {
            found: f,
            output,
            secrets_out,
        });
    }
    Ok(jobs)
}
