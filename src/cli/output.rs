//! Where `convert` puts its results: files written atomically, diffs for `--dry-run`,
//! comparisons for `--check`, secrets manifests, and the progress bar.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use similar::{ChangeTag, TextDiff};

use super::interrupt;
use super::stdio::stderrln;
use crate::amp::forms::Form;
use crate::spill::Text;
use crate::translate::secrets::Manifest;

/// What to do with each output.
#[derive(Debug, Clone, Copy)]
pub enum Sink {
    /// Write it (standard output when there is no path).
    Write,
    /// Show how it would change the existing file.
    DryRun {
        /// Colour the diff.
        color: bool,
        /// The outputs' form: the diff is of what [`Form::reviewable`] shows.
        form: Form,
    },
    /// Compare it with the existing file.
    Check,
}

/// What delivering outputs has to say, kept to be printed in input order.
#[derive(Debug, Default)]
pub struct Log {
    /// Status lines for standard error.
    pub stderr: String,
    /// Definitions or diffs for standard output.
    pub stdout: String,
    /// Under `--check`, the line naming an output that is stale or missing.
    pub out_of_date: Option<String>,
}

impl Sink {
    /// Delivers one output, saying what it did in `log`. Returns `Ok(false)` when `--check`
    /// finds the file missing or stale.
    pub fn deliver(
        self,
        path: Option<&Path>,
        input: &str,
        text: &Text,
        log: &mut Log,
    ) -> Result<bool, String> {
        use std::fmt::Write as _;
        let err = &mut log.stderr;
        let read = || text.read().map_err(|e| format!("{input}: {e}"));
        match (self, path) {
            (Sink::Write, None) | (Sink::DryRun { .. }, None) => log.stdout.push_str(&read()?),
            (Sink::Write, Some(p)) => {
                if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                }
                write_atomic(p, text, false).map_err(|e| format!("{}: {e}", p.display()))?;
                let _ = writeln!(err, "converted {input} -> {}", p.display());
            }
            (Sink::DryRun { color, form }, Some(p)) => {
                let text = &read()?;
                let mut shown = p.display().to_string();
                let existing = existing_file(p).and_then(|f| std::io::read_to_string(f).ok());
                if existing.as_ref().is_some_and(|o| o == text) {
                    let _ = writeln!(err, "unchanged {shown}");
                    return Ok(true);
                }
                let verb = if existing.is_some() {
                    "would change"
                } else {
                    "would create"
                };
                let _ = writeln!(err, "{verb} {shown}");
                let old = existing
                    .as_deref()
                    .map_or(Cow::Borrowed(""), |o| form.reviewable(o));
                let new = form.reviewable(text);
                if matches!(new, Cow::Owned(_)) {
                    shown.push_str(" (data decoded)");
                }
                log.stdout.push_str(&diff(&old, &new, &shown, color));
            }
            (Sink::Check, Some(p)) => {
                let state = match existing_file(p).map(|mut f| text.same_as(&mut f)) {
                    Some(Ok(true)) => return Ok(true),
                    Some(Ok(false)) => "stale",
                    None | Some(Err(_)) => "missing",
                };
                let line = format!("{state} {} (from {input})", p.display());
                let _ = writeln!(err, "{line}");
                log.out_of_date = Some(line);
                return Ok(false);
            }
            (Sink::Check, None) => {}
        }
        Ok(true)
    }
}

/// A unified diff from `old` to `new`, with `+`/`-` lines coloured on request.
pub fn diff(old: &str, new: &str, path: &str, color: bool) -> String {
    let d = TextDiff::from_lines(old, new);
    let mut out = String::new();
    out.push_str(&format!("--- a/{path}\n+++ b/{path}\n"));
    for hunk in d.unified_diff().context_radius(3).iter_hunks() {
        let header = format!("{}\n", hunk.header());
        out.push_str(&paint(&header, "36", color));
        for change in hunk.iter_changes() {
            let (sign, code) = match change.tag() {
                ChangeTag::Delete => ("-", "31"),
                ChangeTag::Insert => ("+", "32"),
                ChangeTag::Equal => (" ", ""),
            };
            let mut line = format!("{sign}{}", change.value());
            if !line.ends_with('\n') {
                line.push_str("\n\\ No newline at end of file\n");
            }
            out.push_str(&paint(&line, code, color && !code.is_empty()));
        }
    }
    out
}

fn paint(s: &str, code: &str, on: bool) -> String {
    if on {
        format!("\u{1b}[{code}m{}\u{1b}[0m\n", s.trim_end_matches('\n'))
    } else {
        s.to_string()
    }
}

/// A progress bar on standard error, shown only on a terminal and for more than a few inputs.
pub fn progress(total: usize) -> ProgressBar {
    if total < 20 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}") {
        bar.set_style(style);
    }
    bar
}

/// A manifest may be written where nothing is, over an earlier manifest, or to a device or
/// FIFO (`--secrets-out >(cmd)`), which is written to directly and never read.
pub fn may_write_manifest(path: &Path) -> Result<(), String> {
    let refuse = |why: &str| Err(format!("--secrets-out {}: {why}", path.display()));
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Ok(m) if m.is_dir() => refuse("is a directory, not a manifest"),
        Ok(m) if !m.is_file() => Ok(()),
        _ => match existing_file(path).map(std::io::read_to_string) {
            Some(Ok(text)) if Manifest::is_manifest(&text) => Ok(()),
            _ => refuse(
                "the file exists and is not an am2amp secrets manifest; refusing to overwrite it",
            ),
        },
    }
}

/// Writes a secrets manifest (mode 0600), noting when it replaces an earlier one.
pub fn write_manifest(path: &Path, secrets: &BTreeMap<String, String>) -> Result<(), String> {
    may_write_manifest(path)?;
    if std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        stderrln!("note: overwriting the secrets manifest {}", path.display());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = Text::from(Manifest::new(secrets.clone()).to_json());
    write_atomic(path, &text, true).map_err(|e| format!("--secrets-out {}: {e}", path.display()))
}

/// The regular file at `path` (through symbolic links), opened for reading; `None` when there
/// is none. A device, FIFO or socket holds no earlier output (and opening a FIFO would wait
/// for a writer).
fn existing_file(path: &Path) -> Option<std::fs::File> {
    std::fs::metadata(path)
        .is_ok_and(|m| m.is_file())
        .then(|| std::fs::File::open(path).ok())
        .flatten()
}

/// Writes through a temporary file in the same directory and renames it into place, so
/// readers never see a partial file (no fsync: outputs can be regenerated, and syncing each of
/// thousands of files dominated bulk runs). `private` files are readable by their owner only;
/// others keep the mode of the file they replace (new ones get 0644). A symbolic link stays:
/// the file it names is replaced. A device, FIFO or socket (`-o /dev/null`, `-o >(cmd)`),
/// which a rename would replace, is written to directly.
pub fn write_atomic(path: &Path, text: &Text, private: bool) -> std::io::Result<()> {
    let target = match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => {
            let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
            return text.write_to(&mut f);
        }
        Ok(_) if path.is_symlink() => path.canonicalize()?,
        _ => path.to_path_buf(),
    };
    let path = target.as_path();
    let _writing = interrupt::start_writing()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::Interrupted, "interrupted"))?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    text.write_to(&mut tmp)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match std::fs::metadata(path) {
            _ if private => 0o600,
            Ok(m) => m.permissions().mode() & 0o7777,
            Err(_) => 0o644,
        };
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
