//! Finding input files and reading them within the size limit.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One input to process.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Input {
    /// The name shown to users.
    pub fn display_name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
        }
    }
}

/// A problem reading inputs (a usage or I/O error, not a finding about a config).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The path does not exist or cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A directory contained no YAML files.
    #[error("{0}: no *.yml or *.yaml files found")]
    Empty(String),
    /// `-` was given more than once.
    #[error("-: standard input can be read once; it is named more than once")]
    StdinAgain,
}

impl InputError {
    /// True when a path could not be read, so that one input gave nothing to convert (not
    /// for a directory without configs or `-` named twice).
    pub fn unreadable(&self) -> bool {
        matches!(self, InputError::Io { .. })
    }
}

fn is_yaml(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("yml") | Some("yaml")
    )
}

/// An input found by [`discover`], with its path relative to the argument it was found under
/// (the file name for a file given directly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The input.
    pub input: Input,
    /// Where it sits below its argument (`team-a/alertmanager.yml`); `-` for stdin.
    pub relative: PathBuf,
    /// True when it was found by searching a directory.
    pub in_directory: bool,
    /// The file's canonical path (`None` for stdin, or when it cannot be resolved).
    pub canonical: Option<PathBuf>,
}

/// Expands paths: files as given, directories searched recursively for `*.yml`/`*.yaml`
/// (skipping hidden and git-ignored paths, and everything under `exclude`), `-` as stdin.
/// The result is sorted within each argument and holds each file once, where it was first
/// found (a file named twice, or again below another argument, is dropped); `-` given twice
/// is an error, since standard input can be read once.
pub fn discover(args: &[String], exclude: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let (found, errors) = discover_rooted(args, exclude);
    (found.into_iter().map(|f| f.input).collect(), errors)
}

/// [`discover`], keeping where each input sits below its argument.
pub fn discover_rooted(args: &[String], exclude: &[PathBuf]) -> (Vec<Found>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Found {
                input: Input::Stdin,
                relative: PathBuf::from("-"),
                in_directory: false,
                canonical: None,
            });
            continue;
        }
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Err(source) => errors.push(InputError::Io {
                path: arg.clone(),
                source,
            }),
            Ok(m) if m.is_dir() => {
                let (found, walk_errors) = search(arg, exclude);
                errors.extend(walk_errors);
                if found.is_empty() {
                    errors.push(InputError::Empty(arg.clone()));
                }
                inputs.extend(found);
            }
            Ok(_) => inputs.push(Found {
                input: Input::File(path.to_path_buf()),
                relative: PathBuf::from(path.file_name().unwrap_or(path.as_os_str())),
                in_directory: false,
                canonical: path.canonicalize().ok(),
            }),
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut stdin = 0;
    inputs.retain(|f| match (&f.input, &f.canonical) {
        (Input::Stdin, _) => {
            stdin += 1;
            stdin == 1
        }
        (_, Some(c)) => seen.insert(c.clone()),
        _ => true,
    });
    if stdin > 1 {
        errors.push(InputError::StdinAgain);
    }
    (inputs, errors)
}

/// A walk below `dir` the way inputs are searched: hidden and git-ignored paths skipped,
/// symbolic links not followed.
pub fn walker(dir: &Path) -> ignore::WalkBuilder {
    let mut w = ignore::WalkBuilder::new(dir);
    w.hidden(true)
        .git_ignore(true)
        .require_git(false)
        .follow_links(false);
    w
}

/// The YAML files below directory `arg`, sorted, with the walk's errors (sorted too).
/// Directories are read on several threads: a walk mostly waits on the file system.
fn search(arg: &str, exclude: &[PathBuf]) -> (Vec<Found>, Vec<InputError>) {
    let path = Path::new(arg);
    // The walk follows no symbolic links, so below the canonical root every path is
    // canonical as it is: one resolution per argument, not per file.
    let root = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    // Only what lies inside this argument is left out: an output directory holding the
    // inputs (`-o .`) hides nothing.
    let exclude: Vec<PathBuf> = exclude
        .iter()
        .filter(|e| e.starts_with(&root))
        .cloned()
        .collect();
    let base = path.to_path_buf();
    let canonical = move |p: &Path| root.join(p.strip_prefix(&base).unwrap_or(p));
    let excluded = {
        let canonical = canonical.clone();
        move |p: &Path| exclude.iter().any(|e| canonical(p).starts_with(e))
    };
    let found = Mutex::new(Vec::new());
    let errors = Mutex::new(Vec::new());
    walker(path)
        .filter_entry(move |e| !excluded(e.path()))
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && is_yaml(e.path()) => {
                        let p = e.path();
                        let f = Found {
                            input: Input::File(p.to_path_buf()),
                            relative: p.strip_prefix(path).unwrap_or(p).to_path_buf(),
                            in_directory: true,
                            canonical: Some(canonical(p)),
                        };
                        found.lock().unwrap_or_else(|e| e.into_inner()).push(f);
                    }
                    Ok(_) => {}
                    Err(err) => errors
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(err.to_string()),
                }
                ignore::WalkState::Continue
            })
        });
    let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    found.sort_by(|a, b| a.relative.cmp(&b.relative));
    let mut errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    errors.sort();
    let errors = errors.into_iter().map(|e| InputError::Io {
        path: arg.to_string(),
        source: std::io::Error::other(e),
    });
    (found, errors.collect())
}

/// Reads an input, stopping one byte past `max_bytes` so oversized inputs are detected without
/// reading them whole.
pub fn read_input(input: &Input, max_bytes: u64) -> Result<Vec<u8>, InputError> {
    let res = match input {
        Input::File(p) => read_file(p, max_bytes),
        Input::Stdin => {
            let mut buf = Vec::new();
            let limit = max_bytes.saturating_add(1);
            std::io::stdin()
                .lock()
                .take(limit)
                .read_to_end(&mut buf)
                .map(|_| buf)
        }
    };
    res.map_err(|source| InputError::Io {
        path: input.display_name(),
        source,
    })
}

/// Reads a file, stopping one byte past `max_bytes`. The buffer is sized from the file's
/// length, so a file is read in one call (and one more to see its end) rather than in
/// doubling steps from 32 bytes.
pub fn read_file(path: &Path, max_bytes: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let limit = max_bytes.saturating_add(1);
    let len = file.metadata().map_or(0, |m| m.len()).min(limit);
    let mut buf = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    file.take(limit).read_to_end(&mut buf)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_searched_for_yaml_skipping_hidden_ignored_and_excluded_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("configs");
        let mut expected = Vec::new();
        // Enough directories for the parallel walk to finish them out of order.
        for team in (0..12).rev() {
            for name in ["alertmanager.yml", "extra.yaml"] {
                let rel = format!("team-{team:02}/{name}");
                expected.push(PathBuf::from(&rel));
                std::fs::create_dir_all(root.join(&rel).parent().unwrap()).unwrap();
                std::fs::write(root.join(rel), "route: {}\n").unwrap();
            }
        }
        for skipped in [
            ".hidden/alertmanager.yml",
            "team-00/.old.yml",
            "ignored/alertmanager.yml",
            "team-01/draft.bak.yml",
            "out/alertmanager.yml",
            "team-02/notes.txt",
        ] {
            std::fs::create_dir_all(root.join(skipped).parent().unwrap()).unwrap();
            std::fs::write(root.join(skipped), "route: {}\n").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "ignored/\n*.bak.yml\n").unwrap();
        let exclude = [root.join("out").canonicalize().unwrap()];
        let (found, errors) = discover_rooted(&[root.display().to_string()], &exclude);
        assert!(errors.is_empty(), "{errors:?}");
        let relative: Vec<PathBuf> = found.iter().map(|f| f.relative.clone()).collect();
        expected.sort();
        assert_eq!(relative, expected);
        let canonical = root.canonicalize().unwrap();
        let around = [dir.path().canonicalize().unwrap()];
        let (outside, _) = discover_rooted(&[root.display().to_string()], &around);
        assert_eq!(outside.len(), expected.len() + 1, "{outside:?}");
        for f in &found {
            assert!(f.in_directory);
            assert_eq!(f.canonical, Some(canonical.join(&f.relative)));
            assert_eq!(f.input, Input::File(root.join(&f.relative)));
        }
    }
}
