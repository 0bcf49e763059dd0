//! Outputs no input converts to any more: definitions left in the output directory after
//! their config was removed or renamed. `--check` fails on them and `--dry-run` names them;
//! nothing ever deletes them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::amp::forms::Form;
use crate::load;

/// The files below `dir` that hold a definition in `form` (by extension and content) and are
/// neither an output of this run (`planned`) nor one of its inputs (canonical paths), sorted.
/// Hidden and git-ignored paths are skipped, as when inputs are searched, and so are files
/// over `max_bytes` (no output is larger than an input may be).
pub fn find(
    dir: &Path,
    form: Form,
    planned: &BTreeSet<PathBuf>,
    inputs: &BTreeSet<PathBuf>,
    max_bytes: u64,
) -> Vec<PathBuf> {
    let holds_definition = |p: &Path| {
        load::read_file(p, max_bytes).is_ok_and(|b| {
            b.len() as u64 <= max_bytes
                && std::str::from_utf8(&b).is_ok_and(|t| form.holds_definition(t))
        })
    };
    let mut found: Vec<PathBuf> = load::walker(dir)
        .build()
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(ignore::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|x| x == form.extension()))
        .filter(|p| !planned.contains(p))
        .filter(|p| p.canonicalize().is_ok_and(|c| !inputs.contains(&c)))
        .filter(|p| holds_definition(p))
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_over_the_input_limit_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let text = "alertmanager_config: |\n  route:\n    receiver: x\n";
        std::fs::write(dir.path().join("old.yml"), text).unwrap();
        let none = BTreeSet::new();
        let find = |max| find(dir.path(), Form::Definition, &none, &none, max);
        assert_eq!(find(text.len() as u64), [dir.path().join("old.yml")]);
        assert!(find(text.len() as u64 - 1).is_empty());
    }
}
